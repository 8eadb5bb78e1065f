// Per role (and boundary or loose policy), each guarantee the profile declares for it with its
// verdict, read off the check's findings: a decided finding of the rule about it is a
// counterexample, an info finding an unknown, none a proof. The CLI's `prove`, the CodeLens and
// the pennsieve/guarantees request all show this table, so they say what diagnostics say.

import { matchPattern } from '../iam/match';
import type { Loc } from '../model/loc';
import type { Model, Role } from '../model/model';
import type { PolicyDoc } from '../model/policy';
import { RULES } from '../rules/index';
import { subjectOf as resourceSubject } from '../rules/resource/openResourcePolicy';
import { roleLabel } from '../rules/support/principals';
import type { Counterexample, Finding, RuleId } from '../core/finding';
import type { Profile } from '../core/profile';

/** The three verdicts. */
export type Verdict = 'proved' | 'counterexample' | 'unknown';

/** One guarantee of one subject. */
export interface GuaranteeRow {
  readonly ruleId: RuleId;
  readonly title: string;
  readonly verdict: Verdict;
  /** For a counterexample or unknown: the finding's message (what breaks, or which value is unknown). */
  readonly reason?: string;
  readonly loc?: Loc;
  readonly counterexample?: Counterexample;
}

/** What the guarantees are about. */
export type SubjectKind = 'crossAccount' | 'child' | 'processor' | 'boundary' | 'policy' | 'resource';

/** A role or policy with its guarantees. */
export interface SubjectGuarantees {
  /** The role's address (Terraform/CloudFormation) or name, or the policy's address or file. */
  readonly subject: string;
  readonly kind: SubjectKind;
  /** Where the subject is written (the CodeLens goes on its first line). */
  readonly loc: Loc;
  readonly rows: readonly GuaranteeRow[];
}

const ROLE_RULES: readonly RuleId[] = ['PG101', 'PG104', 'PG105', 'PG201', 'PG304', 'PG401', 'PG402', 'PG502', 'PG503'];
const CROSS_ACCOUNT_RULES: readonly RuleId[] = [
  'PG101',
  'PG102',
  'PG103',
  'PG104',
  'PG105',
  'PG301',
  'PG302',
  'PG303',
  'PG304',
  'PG305',
  'PG401',
  'PG402',
  'PG502',
  'PG503',
];
const BOUNDARY_RULES: readonly RuleId[] = ['PG202', 'PG203'];
const POLICY_RULES: readonly RuleId[] = ['PG304', 'PG401', 'PG502', 'PG503'];
const RESOURCE_RULES: readonly RuleId[] = ['PG105', 'PG106'];

/**
 * The table for every role and boundary of the model, in source order. A rule in `failed` could
 * not run: its guarantees are unknown everywhere, never proved.
 */
export function guaranteeTable(
  model: Model,
  profile: Profile,
  findings: readonly Finding[],
  failed: ReadonlySet<string> = new Set(),
): SubjectGuarantees[] {
  const out: SubjectGuarantees[] = [];
  const add = (subject: string, kind: SubjectKind, loc: Loc, ids: readonly RuleId[], areas: readonly Loc[]) =>
    out.push(subjectOf(subject, kind, loc, ids, findings, areas, failed));
  for (const role of model.roles)
    add(roleLabel(role), role.kind, role.resource?.labelLoc ?? role.loc, rulesFor(role, profile), areasOfRole(role));
  for (const p of model.policies) {
    if (!p.doc) continue;
    if (p.isBoundary) add(p.address, 'boundary', p.resource?.labelLoc ?? p.loc, BOUNDARY_RULES, [p.doc.loc]);
    else if (p.attachedTo.length === 0)
      add(p.address, 'policy', p.resource?.labelLoc ?? p.loc, POLICY_RULES, [p.doc.loc]);
  }
  for (const rp of model.resourcePolicies)
    add(resourceSubject(rp), 'resource', rp.loc, RESOURCE_RULES, [rp.loc, rp.doc.loc]);
  for (const l of model.looseIdentityPolicies)
    add(l.loc.file.split(/[\\/]/).pop() ?? l.loc.file, 'policy', l.loc, POLICY_RULES, [l.doc.loc]);
  return out;
}

const TRUST_RULES = new Set<RuleId>(['PG101', 'PG102', 'PG103', 'PG107']);
const ROLE_RESOURCE_RULES = new Set<RuleId>(['PG104', 'PG201']);

/**
 * The profile's guarantees for a role. A lone policy file stands for part of a role only: a
 * trust policy gets the trust guarantees, a permission policy the others.
 */
function rulesFor(role: Role, profile: Profile): readonly RuleId[] {
  const all: RuleId[] =
    role.kind !== 'crossAccount'
      ? role.kind === 'processor'
        ? [...ROLE_RULES, 'PG501']
        : [...ROLE_RULES]
      : CROSS_ACCOUNT_RULES.filter((id) => id !== 'PG102' || profile.crossAccountRole.requireExternalId).concat(
          profile.crossAccountRole.hasBoundary ? ['PG201'] : [],
        );
  all.push(...profileRoleRules(role, profile));
  const whole = !role.synthetic;
  return all.filter((id) => {
    if (profile.disabledRules?.includes(id)) return false;
    if (TRUST_RULES.has(id)) return !!role.trust;
    if (ROLE_RESOURCE_RULES.has(id)) return whole || !!role.maxSessionDuration;
    if (id === 'PG105') return !!role.trust || role.identity.length > 0;
    return whole || role.identity.length > 0;
  });
}

/** PG107 for a team role, PG403 for a read-only role (a name not known may be either: the rule says unknown). */
function profileRoleRules(role: Role, profile: Profile): RuleId[] {
  const named = (patterns: readonly string[] = []) =>
    patterns.length > 0 &&
    (!role.name || patterns.some((p) => matchPattern(role.name!.value, p, { mode: 'glob' }) !== 'no'));
  return [
    ...(named(profile.teamRoles?.namePatterns) ? (['PG107'] as const) : []),
    ...(named(profile.readOnlyRoles?.namePatterns) ? (['PG403'] as const) : []),
  ];
}

/** Where a role's findings can be: its resource, trust, boundary and identity policies. */
function areasOfRole(role: Role): Loc[] {
  const docs: PolicyDoc[] = [
    ...(role.trust ? [role.trust] : []),
    ...role.identity.map((a) => a.doc),
    ...(role.boundary?.policy?.doc ? [role.boundary.policy.doc] : []),
  ];
  return [
    ...(role.resource ? [role.resource.loc] : []),
    role.loc,
    ...docs.map((d) => d.loc),
    ...role.identity.map((a) => a.loc),
  ];
}

function subjectOf(
  subject: string,
  kind: SubjectKind,
  loc: Loc,
  ids: readonly RuleId[],
  findings: readonly Finding[],
  areas: readonly Loc[],
  failed: ReadonlySet<string>,
): SubjectGuarantees {
  // A rule that names its subject is about that subject only; the others, about where they point.
  const mine = findings.filter((f) =>
    f.subject !== undefined
      ? f.subject === subject || !!f.alsoSubjects?.includes(subject)
      : areas.some((a) => inside(f.loc, a)),
  );
  // A malformed document (PG801) proves nothing: its infos are folded into the PG801 finding.
  const malformed = mine.find((f) => f.ruleId === 'PG801' && f.severity !== 'info');
  const rows = ids.map((id) =>
    rowOf(
      id,
      mine.filter((f) => f.ruleId === id || (id === 'PG102' && f.ruleId === 'PG101')),
      failed.has(id),
      malformed,
    ),
  );
  return { subject, kind, loc, rows };
}

function rowOf(id: RuleId, found: readonly Finding[], failed: boolean, malformed?: Finding): GuaranteeRow {
  const title = RULES.find((r) => r.id === id)?.title ?? id;
  if (failed)
    return {
      ruleId: id,
      title,
      verdict: 'unknown',
      reason: `Rule ${id} failed (an internal error), so nothing is known about it`,
    };
  const decided = found.find((f) => f.severity !== 'info');
  if (decided)
    return {
      ruleId: id,
      title,
      verdict: 'counterexample',
      reason: decided.message,
      loc: decided.loc,
      counterexample: decided.counterexample,
    };
  const unknown = found.find((f) => f.severity === 'info');
  if (unknown) return { ruleId: id, title, verdict: 'unknown', reason: unknown.message, loc: unknown.loc };
  if (malformed)
    return {
      ruleId: id,
      title,
      verdict: 'unknown',
      reason: `Cannot check: ${malformed.message} (PG801)`,
      loc: malformed.loc,
    };
  return { ruleId: id, title, verdict: 'proved' };
}

function inside(a: Loc, area: Loc): boolean {
  return a.file === area.file && a.start >= area.start && a.end <= area.end;
}
