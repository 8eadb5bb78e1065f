import type { Catalog } from '../../catalog/catalog';
import type { Finding } from '../../core/finding';
import type { Profile } from '../../core/profile';
import type { Rule } from '../../core/rule';
import { nameInArn, oneOf } from '../../iam/prove/domains';
import { and, not, type Formula } from '../../iam/prove/formula';
import { allowedActions } from '../../iam/prove/prove';
import type { ProofQuestion } from '../../iam/prove/question';
import type { AtomSpace } from '../../iam/prove/space';
import type { PatternCache } from '../../iam/patternCache';
import type { Statement } from '../../model/policy';
import { anyThrough, grantsThrough } from '../support/entryGrants';
import type { Principal } from '../support/principals';
import { accountsOf, callerOf, iamPrefix, ownRoleArns, policiesOf, roleArnShape } from '../support/questions';
import { listSome, undecided } from '../support/report';
import { verdictFindings } from '../support/verdicts';
import { PASS_TARGETS } from './passTargets';
import { crossAccountPrincipals } from './shared';

const CHANGES = new Set([
  'iam:PutRolePolicy',
  'iam:AttachRolePolicy',
  'iam:DeleteRolePolicy',
  'iam:DetachRolePolicy',
  'iam:UpdateAssumeRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:DeleteRolePermissionsBoundary',
]);
const PASS = 'iam:PassRole';

/**
 * PG305. Fires when the cross-account role can escalate through roles it did not create: some
 * request changing the policies, trust or boundary of a role of the account whose name (after
 * any path) is outside the profile's child-role pattern, other than itself (PG303), gets
 * through; or some iam:PassRole of such a role to a service in which the role can create
 * something that runs with it. Either way the customer's existing, unbounded roles become the
 * platform's. Fix: scope these actions to `arn:aws:iam::*:role/<child pattern>` and deny them on
 * roles with a path (a Resource of `role/`, a wildcard, a slash and a wildcard).
 */
export const escalationThroughRoles: Rule = {
  id: 'PG305',
  severity: 'error',
  title: 'Escalation through roles the platform did not create',
  summary: "The cross-account role can change or pass roles outside the profile's child-role pattern.",
  check({ model, profile, catalog }) {
    const out: Finding[] = [];
    for (const p of crossAccountPrincipals(model)) {
      const targets = passTargets(catalog, p);
      if (!mayEscalate(catalog, profile, p, targets)) continue;
      for (const doc of p.identity) {
        for (const s of doc.statements) {
          if (s.effect === 'Allow') out.push(...statementFindings(this, catalog, profile, p, s, targets));
        }
      }
    }
    return out;
  },
};

function statementFindings(
  rule: typeof escalationThroughRoles,
  catalog: Catalog,
  profile: Profile,
  p: Principal,
  s: Statement,
  targets: readonly string[],
): Finding[] {
  const out: Finding[] = [];
  const what = 'whether roles outside the child-role pattern can be changed or passed';
  const ask = (pick: (a: string) => boolean, keys?: ProofQuestion['keys']) => {
    for (const account of accountsOf(p.identity)) {
      const g = grantsThrough(
        catalog,
        { ...policiesOf(p), resource: foreignRoles(p, profile, account), keys },
        s,
        pick,
      );
      if (g.entries.length || g.unknown) return g;
    }
    return undefined;
  };
  const changes = ask((a) => CHANGES.has(a));
  const passes = targets.length ? ask((a) => a === PASS, passKeys(catalog, targets)) : undefined;
  for (const g of [changes, passes]) {
    if (g?.unknown?.verdict === 'unknown')
      out.push({ ...undecided(rule, g.unknown.loc ?? s.loc, what, g.unknown.reason), subject: p.label });
    for (const e of g?.entries ?? []) {
      const passing = e.actions.includes(PASS);
      const message = passing
        ? 'The cross-account role can pass a role it did not create to a service it runs code in'
        : `The cross-account role can change roles it did not create (${listSome(e.actions)})`;
      const fixText = `Allow ${passing ? PASS : 'these actions'} only on arn:aws:iam::*:role/${profile.childRoles.namePattern}, and deny ${passing ? 'it' : 'them'} on roles with a path (arn:aws:iam::*:role/*/*)`;
      out.push(
        ...verdictFindings(rule, catalog, e.verdict, {
          message,
          fixText,
          what,
          fallback: e.loc,
          at: e.loc,
          subject: p.label,
          principal: callerOf(p),
          keysOfInterest: ['iam:passedtoservice'],
        }),
      );
    }
  }
  return out;
}

/** One question per kind first: a role that can do neither needs no question per statement. */
function mayEscalate(catalog: Catalog, profile: Profile, p: Principal, targets: readonly string[]): boolean {
  return accountsOf(p.identity).some((account) => {
    const q = { ...policiesOf(p), resource: foreignRoles(p, profile, account) };
    return (
      anyThrough(catalog, q, (a) => CHANGES.has(a)) ||
      (targets.length > 0 && anyThrough(catalog, { ...q, keys: passKeys(catalog, targets) }, (a) => a === PASS))
    );
  });
}

function passKeys(catalog: Catalog, targets: readonly string[]): ProofQuestion['keys'] {
  return {
    'iam:passedtoservice': {
      absent: 'forbidden',
      value: (space: AtomSpace) => oneOf(space, catalog.patterns, targets),
    },
  };
}

/** A role of `account` whose name is outside the child-role pattern, and not the role itself. */
function foreignRoles(
  p: Principal,
  profile: Profile,
  account: string,
): (space: AtomSpace, patterns: PatternCache) => Formula {
  const own = ownRoleArns(p, profile, account);
  return (space, patterns) =>
    and([
      roleArnShape(account)(space),
      not(nameInArn(space, `${iamPrefix(account)}role/`, profile.childRoles.namePattern)),
      not(own(space, patterns)),
    ]);
}

/** Service principals the role can create something in (or may: unknown counts). */
function passTargets(catalog: Catalog, p: Principal): string[] {
  const r = allowedActions(catalog, { ...policiesOf(p), actions: ALL_CREATE_ACTIONS });
  const reachable = new Set([...r.allowed, ...r.unknown]);
  return Object.entries(PASS_TARGETS)
    .filter(([, actions]) => actions.some((a) => reachable.has(a)))
    .map(([principal]) => principal);
}

const ALL_CREATE_ACTIONS = [...new Set(Object.values(PASS_TARGETS).flat())];
