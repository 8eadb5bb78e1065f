// The pieces the guarantee rules ask the decision procedure with: ARN shapes in the deploying
// account, "matches the profile's boundary", "outside the child-role pattern", and proving per
// allowing statement so every offending statement gets its own finding.

import type { Catalog } from '../../catalog/catalog';
import type { Finding } from '../../core/finding';
import type { Profile } from '../../core/profile';
import type { RuleInfo } from '../../core/ruleInfo';
import { glob, nameInArn, prefixedName } from '../../iam/prove/domains';
import { and, not, or, type Formula } from '../../iam/prove/formula';
import { prove } from '../../iam/prove/prove';
import type { ProofQuestion, ProofVerdict } from '../../iam/prove/question';
import type { AtomSpace } from '../../iam/prove/space';
import type { PatternCache } from '../../iam/patternCache';
import { selfIamArn, STAND_INS } from '../../iam/standIns';
import { statementCoversAction } from '../../iam/statementEval';
import type { PolicyDoc, Statement } from '../../model/policy';
import { textOf, type PStr } from '../../model/pstr';
import type { Principal } from './principals';
import { verdictFindings, type VerdictReport } from './verdicts';

/** `arn:aws:iam::<account>:` */
export function iamPrefix(account: string): string {
  return `arn:${STAND_INS.partition}:iam::${account}:`;
}

/** AWS managed policies: `arn:aws:iam::aws:` */
const AWS_MANAGED = iamPrefix('aws');

/**
 * The accounts the deploying account may be: the stand-in the engine binds its symbols to, and
 * every account id the documents write into an IAM ARN (a policy that names its own account).
 */
export function accountsOf(docs: readonly PolicyDoc[]): string[] {
  const found = new Set<string>([STAND_INS.account]);
  for (const d of docs) for (const a of accountsIn(d)) found.add(a);
  return [...found];
}

const accountsMemo = new WeakMap<PolicyDoc, readonly string[]>();

/** The account ids one document writes into IAM ARNs, in order; scanned once per document. */
function accountsIn(d: PolicyDoc): readonly string[] {
  let found = accountsMemo.get(d);
  if (found) return found;
  const out = new Set<string>();
  const scan = (s: PStr) => {
    for (const p of s.parts)
      if (typeof p === 'string' && p.includes(':iam::'))
        for (const m of p.matchAll(/arn:[^:]*:iam::(\d{12}):/g)) out.add(m[1]);
  };
  for (const st of d.statements) {
    for (const list of [st.resource, st.notResource]) for (const it of list?.items ?? []) scan(it.value);
    for (const c of st.conditions) for (const it of c.values.items) scan(it.value);
  }
  found = [...out];
  accountsMemo.set(d, found);
  return found;
}

/** A role ARN in `account` (any path, a non-empty name). */
export function roleArnShape(account: string): (space: AtomSpace) => Formula {
  return (space) => nameInArn(space, `${iamPrefix(account)}role/`, '?*');
}

/** A policy ARN that can be a permissions boundary in `account`: its own, or AWS managed. */
function boundaryArnShape(space: AtomSpace, account: string): Formula {
  return or([nameInArn(space, `${iamPrefix(account)}policy/`, '?*'), nameInArn(space, `${AWS_MANAGED}policy/`, '?*')]);
}

/**
 * A policy ARN that is the profile's boundary: the text after `policy/` matches the pattern, as
 * IAM ARN patterns (and every deny written for this) read it. `awsManaged`: AWS managed
 * policies named like it count too (for "does the boundary match": they cannot be written).
 */
export function matchesBoundary(
  space: AtomSpace,
  patterns: PatternCache,
  profile: Profile,
  account: string,
  awsManaged = true,
): Formula {
  const pattern = profile.boundary.namePattern;
  const own = glob(space, patterns, `${iamPrefix(account)}policy/${pattern}`);
  return awsManaged ? or([own, glob(space, patterns, `${AWS_MANAGED}policy/${pattern}`)]) : own;
}

/** A boundary value (policy ARN) that does not match the profile. */
export function foreignBoundary(
  profile: Profile,
  patterns: PatternCache,
  account: string,
): (space: AtomSpace) => Formula {
  return (space) => and([boundaryArnShape(space, account), not(matchesBoundary(space, patterns, profile, account))]);
}

/** The role's own ARN when its name is known, else any role at its path named like the cross-account role. */
export function ownRoleArns(
  p: Principal,
  profile: Profile,
  account: string,
): (space: AtomSpace, patterns: PatternCache) => Formula {
  const name = p.role?.name ? textOf(p.role.name.value) : undefined;
  const prefix = `${iamPrefix(account)}role/${(p.role?.path ?? '/').replace(/^\//, '')}`;
  if (name) return (space, patterns) => glob(space, patterns, `${prefix}${name}`, 'literal');
  return (space) => or(profile.crossAccountRole.namePatterns.map((n) => prefixedName(space, prefix, n)));
}

/** What a counterexample names as the caller for an identity policy: the role's ARN, else its label. */
export function callerOf(p: Principal): string {
  const name = p.role?.name ? textOf(p.role.name.value) : undefined;
  return name ? selfIamArn('role', `${p.role!.path.replace(/^\//, '')}${name}`) : p.label;
}

/** The principal's identity policies and boundary as the procedure takes them. */
export function policiesOf(p: Principal): Pick<ProofQuestion, 'identity' | 'boundary'> {
  return { identity: p.identity, boundary: p.boundary ? [p.boundary] : undefined };
}

/** The first counterexample over the candidates (accounts, callers), else the first unknown, else proved. */
export function proveAcross<T>(accounts: readonly T[], ask: (account: T) => ProofVerdict): ProofVerdict {
  let unknown: ProofVerdict | undefined;
  for (const a of accounts) {
    const v = ask(a);
    if (v.verdict === 'counterexample') return v;
    if (v.verdict === 'unknown') unknown ??= v;
  }
  return unknown ?? { verdict: 'proved' };
}

/** The Allow statements of `q` that cover one of its actions. */
export function allowsCovering(catalog: Catalog, q: ProofQuestion): Statement[] {
  const out: Statement[] = [];
  for (const doc of q.identity) {
    for (const st of doc.statements) {
      if (st.effect === 'Allow' && q.actions.some((a) => statementCoversAction(catalog, st, a, {}).t !== 'no'))
        out.push(st);
    }
  }
  return out;
}

/**
 * Proves `q`; on a counterexample, also asks per other allowing statement, so each statement that
 * lets a request in is reported (one finding each). Returns the findings and the first verdict.
 */
export function proveEachAllow(
  rule: RuleInfo,
  catalog: Catalog,
  ask: (account: string) => ProofQuestion,
  report: VerdictReport,
): { findings: Finding[]; verdict: ProofVerdict } {
  const accounts = accountsOf(ask(STAND_INS.account).identity);
  const verdict = proveAcross(accounts, (a) => prove(catalog, ask(a)));
  const findings = verdictFindings(rule, catalog, verdict, report);
  if (verdict.verdict !== 'counterexample') return { findings, verdict };
  const first = verdict.witness.allowedBy?.statement;
  for (const st of allowsCovering(catalog, ask(STAND_INS.account))) {
    if (st === first) continue;
    const v = proveAcross(accounts, (a) => prove(catalog, { ...ask(a), onlyAllow: st }));
    if (v.verdict === 'counterexample') findings.push(...verdictFindings(rule, catalog, v, report));
  }
  return { findings, verdict };
}
