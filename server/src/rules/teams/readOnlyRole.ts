import type { Finding } from '../../core/finding';
import type { Rule } from '../../core/rule';
import { anyThrough, grantsThrough } from '../support/entryGrants';
import { principalsOf, type Principal } from '../support/principals';
import { callerOf, policiesOf } from '../support/questions';
import { listSome, undecided } from '../support/report';
import { verdictFindings } from '../support/verdicts';
import type { RuleInfo } from '../../core/ruleInfo';
import type { Catalog } from '../../catalog/catalog';
import { isWriteLevel, roleNamed } from './shared';

/**
 * PG403. Fires when a role the profile marks read-only (`readOnlyRoles`, Cloud Posse: the
 * `planner` that runs `terraform plan`) lets through some request for an action whose access
 * level is Write, Permissions management or Tagging: its identity policies, its boundary and
 * every deny considered, decided by the procedure over the catalog's access levels. A policy
 * attached by an ARN that is not in the checked files, or a name not known, is an `info`.
 * Fix: keep only List, Read and reading actions.
 */
export const readOnlyRole: Rule = {
  id: 'PG403',
  severity: 'error',
  title: 'Read-only role allows writes',
  summary:
    'A role the profile marks read-only (Cloud Posse: the planner) allows an action whose access level is Write, Permissions management or Tagging.',
  check({ model, profile, catalog }) {
    const patterns = profile.readOnlyRoles?.namePatterns ?? [];
    if (patterns.length === 0) return [];
    const out: Finding[] = [];
    for (const p of principalsOf(model)) {
      if (!p.role) continue;
      const named = roleNamed(catalog, p.role, patterns);
      if (named === 'no') continue;
      const what = `whether ${p.label} is read-only`;
      if (named === 'unknown') {
        out.push({
          ...undecided(this, p.role.loc, `whether ${p.label} is a read-only role`, 'its name is not fully known'),
          subject: p.label,
        });
        continue;
      }
      for (const u of p.role.unresolved)
        out.push({
          ...undecided(this, u.loc, what, 'a policy attached by ARN is not in the checked files'),
          subject: p.label,
        });
      out.push(...writeGrants(this, catalog, p));
    }
    return out;
  },
};

/** One finding per Action entry through which a write-level request gets in. */
function writeGrants(rule: RuleInfo, catalog: Catalog, p: Principal): Finding[] {
  const pick = (a: string) => isWriteLevel(catalog, a);
  if (!anyThrough(catalog, policiesOf(p), pick)) return [];
  const out: Finding[] = [];
  const what = `whether ${p.label} is read-only`;
  for (const doc of p.identity) {
    for (const s of doc.statements) {
      if (s.effect !== 'Allow') continue;
      const g = grantsThrough(catalog, policiesOf(p), s, pick);
      if (g.unreadable) out.push({ ...undecided(rule, g.unreadable.loc, what, g.unreadable.reason), subject: p.label });
      if (g.unknown?.verdict === 'unknown')
        out.push({ ...undecided(rule, g.unknown.loc ?? s.loc, what, g.unknown.reason), subject: p.label });
      for (const e of g.entries) {
        const message = `${p.label} is read-only but allows ${listSome(e.actions)} (Write, Permissions management or Tagging)`;
        const report = {
          message,
          fixText: 'Keep only List and Read actions on a read-only role',
          what,
          fallback: e.loc,
          at: e.loc,
          subject: p.label,
          principal: callerOf(p),
        };
        out.push(...verdictFindings(rule, catalog, e.verdict, report));
      }
    }
  }
  return out;
}
