import type { Catalog } from '../../catalog/catalog';
import type { Finding } from '../../core/finding';
import type { Rule } from '../../core/rule';
import { prove } from '../../iam/prove/prove';
import type { ProofVerdict } from '../../iam/prove/question';
import type { Loc } from '../../model/loc';
import type { PatternList, PolicyDoc, Statement } from '../../model/policy';
import { grantsByEntry } from '../boundary/shared';
import { principalsOf } from '../support/principals';
import { accountsOf, callerOf, policiesOf, proveAcross, roleArnShape } from '../support/questions';
import { STAND_INS } from '../../iam/standIns';
import { undecided } from '../support/report';
import { verdictFindings } from '../support/verdicts';

const PASS = 'iam:PassRole';

/**
 * PG503. Fires when an identity policy (not a policy used only as a boundary) allows iam:PassRole
 * on every role of the account: its Resource (or NotResource) covers every role ARN (`"*"`,
 * `arn:aws:iam::*:role/*`, `arn:aws:iam::*:role/*-*`...), decided as a language question, and some
 * PassRole request actually gets through it. The holder can hand any role, administrator roles
 * included, to a service it controls. Fix: list the roles it may pass
 * (`arn:aws:iam::*:role/pennsieve-*`) and add an iam:PassedToService condition.
 */
export const passRoleStar: Rule = {
  id: 'PG503',
  severity: 'error',
  title: 'iam:PassRole on every role',
  summary: 'An identity policy allows iam:PassRole on every role (Resource "*" or any pattern covering all roles).',
  check({ model, catalog }) {
    const out: Finding[] = [];
    const seen = new Set<Statement>();
    for (const p of principalsOf(model)) {
      for (const doc of p.identity) {
        for (const s of doc.statements) {
          if (
            s.effect !== 'Allow' ||
            seen.has(s) ||
            !grantsByEntry(catalog, s).groups.some((g) => g.actions.includes(PASS))
          )
            continue;
          seen.add(s);
          const list = s.resource ?? s.notResource;
          if (!list) continue;
          const cover = coversEveryRole(catalog, doc, s, list);
          if (cover.verdict === 'unknown') {
            out.push({
              ...undecided(this, cover.loc ?? list.loc, 'which roles iam:PassRole reaches', cover.reason),
              subject: p.label,
            });
            continue;
          }
          if (cover.verdict !== 'proved') continue;
          const v = prove(catalog, {
            ...policiesOf(p),
            actions: [PASS],
            onlyAllow: s,
            resource: roleArnShape(STAND_INS.account),
          });
          for (const at of coveringEntries(catalog, doc, s, list)) {
            out.push(
              ...verdictFindings(this, catalog, v, {
                message: 'iam:PassRole is allowed on every role',
                fixText:
                  'List the roles it may pass, e.g. arn:aws:iam::*:role/pennsieve-*, and condition iam:PassedToService',
                what: 'whether iam:PassRole reaches every role',
                fallback: at,
                at,
                subject: p.label,
                principal: callerOf(p),
              }),
            );
          }
        }
      }
    }
    return out;
  },
};

/**
 * Does the element cover every role ARN of the account? Asked as "is some role ARN left out?":
 * a Deny with the same element and no condition, and a role that no Deny reaches. Proved: none.
 */
function coversEveryRole(catalog: Catalog, doc: PolicyDoc, s: Statement, list: PatternList): ProofVerdict {
  const probe: Statement = {
    ...s,
    effect: 'Deny',
    conditions: [],
    conditionsUnknown: undefined,
    principal: undefined,
    notPrincipal: undefined,
    ...(s.resource ? { resource: list } : { notResource: list }),
  };
  const identity = [{ ...doc, statements: [probe], unknownStatements: undefined }];
  return proveAcross(accountsOf([doc]), (account) =>
    prove(catalog, { identity, actions: [PASS], need: 'notDenied', resource: roleArnShape(account) }),
  );
}

/** The entries that cover every role on their own, else the element's key (NotResource: its key). */
function coveringEntries(catalog: Catalog, doc: PolicyDoc, s: Statement, list: PatternList): Loc[] {
  if (!s.resource) return [list.loc];
  const alone = list.items.filter(
    (it) => coversEveryRole(catalog, doc, s, { ...list, items: [it], unknown: undefined }).verdict === 'proved',
  );
  return alone.length ? alone.map((it) => it.loc) : [list.loc];
}
