import type { Catalog } from '../../catalog/catalog';
import type { Finding } from '../../core/finding';
import type { Rule } from '../../core/rule';
import { oneOf } from '../../iam/prove/domains';
import { not } from '../../iam/prove/formula';
import { prove } from '../../iam/prove/prove';
import type { ProofVerdict } from '../../iam/prove/question';
import type { PatternItem, PolicyDoc, Statement } from '../../model/policy';
import { holeReason } from '../../model/pstr';
import { roleLabel } from '../support/principals';
import { verdictFindings } from '../support/verdicts';
import { awsPrincipals, isSelfAccount, trustDocs } from './shared';
import { withConstantHoles } from './stranger';

const KEY = 'sts:externalid';

/**
 * PG102. Fires when a trust statement lets an AWS principal of another account assume the role
 * and its conditions do not force one exact external ID: some request gets through with
 * sts:ExternalId absent, or two requests with different external IDs do (a pattern, several
 * values, a policy variable, IgnoreCase). An unresolved value under StringEquals is one fixed
 * deploy-time string and counts as exact. Without it the provisioner can be tricked into acting
 * for another customer (confused deputy). Fix: add
 * `"Condition": {"StringEquals": {"sts:ExternalId": "<external id>"}}`.
 */
export const externalId: Rule = {
  id: 'PG102',
  severity: 'error',
  title: 'Cross-account trust without external ID',
  summary:
    'A trust policy lets another AWS account assume the role without a condition that forces the exact sts:ExternalId.',
  check({ model, profile, catalog }) {
    if (!profile.crossAccountRole.requireExternalId) return [];
    const out: Finding[] = [];
    for (const { doc, role } of trustDocs(model)) {
      for (const s of doc.statements) {
        if (s.effect !== 'Allow') continue;
        const principals = awsPrincipals(s).filter((p) => !isSelfAccount(p));
        if (principals.length === 0) continue;
        const at = principals[0].loc;
        const v = unknownPrincipal(principals) ?? externalIdVerdict(catalog, doc, s);
        const message =
          v.verdict === 'counterexample' && contextValue(v, KEY) !== null
            ? 'Another AWS account can assume this role with more than one external ID'
            : 'Another AWS account can assume this role without an external ID';
        out.push(
          ...verdictFindings(this, catalog, v, {
            message,
            fixText: 'Add "StringEquals": {"sts:ExternalId": "<the external id>"} to the statement',
            what: 'whether an external ID is required',
            fallback: at,
            at,
            subject: roleLabel(role),
            principal: 'a principal of another account',
            keysOfInterest: [KEY],
            fix: { kind: 'addExternalId', statementLoc: s.loc },
          }),
        );
      }
    }
    return out;
  },
};

/**
 * Unknown when no principal has any known text (`var.partner_arn` without a default): it may be
 * the deploying account itself, where no external ID is needed, so PG102 cannot decide.
 */
function unknownPrincipal(principals: readonly PatternItem[]): ProofVerdict | undefined {
  if (principals.some((p) => p.value.parts.some((x) => typeof x === 'string' && x !== ''))) return undefined;
  return {
    verdict: 'unknown',
    reason: `the principal is not known (${holeReason(principals[0].value) ?? 'an unresolved value'})`,
    loc: principals[0].loc,
  };
}

/** A counterexample's value of `key` (case-insensitive); undefined when absent from the request. */
function contextValue(v: ProofVerdict, key: string): unknown {
  if (v.verdict !== 'counterexample') return undefined;
  return Object.entries(v.witness.request.context ?? {}).find(([k]) => k.toLowerCase() === key)?.[1];
}

/**
 * The statement with the principal-free Denies of its document (a Deny naming principals is
 * left out: that only adds requests, never hides one), asked twice: without an external ID, then
 * with one other than the first one found.
 */
function externalIdVerdict(catalog: Catalog, doc: PolicyDoc, s: Statement): ProofVerdict {
  const statements = doc.statements.filter((x) => x === s || (x.effect === 'Deny' && !x.principal && !x.notPrincipal));
  const view = withConstantHoles({ ...doc, statements }, new Set([KEY]));
  const identity = [view];
  const base = { identity, actions: ['sts:AssumeRole'], onlyAllow: view.statements[statements.indexOf(s)] };
  const absent = prove(catalog, { ...base, keys: { [KEY]: { absent: 'required' } } });
  if (absent.verdict !== 'proved') return absent;
  const one = prove(catalog, { ...base, keys: { [KEY]: { absent: 'forbidden' } } });
  if (one.verdict !== 'counterexample') return one;
  const first = contextValue(one, KEY);
  if (typeof first !== 'string') return { verdict: 'unknown', reason: 'the external ID is not a single value' };
  return prove(catalog, {
    ...base,
    keys: { [KEY]: { absent: 'forbidden', value: (space) => not(oneOf(space, catalog.patterns, [first])) } },
  });
}
