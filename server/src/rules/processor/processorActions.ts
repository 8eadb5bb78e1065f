import type { Finding } from '../../engine/finding';
import type { Rule } from '../../engine/rule';
import { boundaryMayAllow } from '../support/allows';
import { matchPatternIn } from '../../iam/match';
import type { PatternCache } from '../../iam/patternCache';
import type { Statement } from '../../model/policy';
import type { Tri } from '../../model/resources';
import { grantsByEntry } from '../boundary/shared';
import { principalsOf } from '../support/principals';
import { finding, listSome, undecided } from '../support/report';

const INVOKE = 'lambda:InvokeFunction';

/**
 * PG501. Fires when a processor role (name matching the profile's processor pattern) allows
 * anything beyond the processor actions: EFS mount/write and log writes, plus invoking the LLM
 * governor function (only that ARN). Processors run user code; anything more is reachable by
 * that code. Fix: remove the extra actions.
 */
export const processorActions: Rule = {
  id: 'PG501',
  severity: 'error',
  title: 'Processor role allows more than EFS and logs',
  summary: "A processor role allows actions beyond the profile's processor actions.",
  check({ model, profile, catalog }) {
    const out: Finding[] = [];
    const allowed = new Set(profile.processorRoles.allowedActions.map((a) => a.toLowerCase()));
    for (const p of principalsOf(model)) {
      if (p.kind !== 'processor') continue;
      for (const doc of p.identity) {
        for (const s of doc.statements) {
          if (s.effect !== 'Allow') continue;
          const g = grantsByEntry(catalog, s);
          if (g.unknown) out.push(undecided(this, g.unknown.loc, 'what the processor role may do', g.unknown.reason));
          let invoke: Tri | undefined;
          for (const group of g.groups) {
            const extra = group.actions.filter((a) => {
              if (allowed.has(a.toLowerCase())) return false;
              if (a === INVOKE && (invoke ??= governorOnly(catalog.patterns, s, profile.processorRoles.llmGovernorFunction)) === 'yes') return false;
              return !p.boundary || boundaryMayAllow(catalog, p.boundary, a) !== 'no';
            });
            if (extra.length) out.push(finding(this, group.loc, `Processor role ${p.label} may only mount/write EFS and write logs: ${listSome(extra)}`));
          }
        }
      }
    }
    return out;
  },
};

/** Every Resource of the statement is the LLM governor function. */
function governorOnly(cache: PatternCache, s: Statement, pattern: string): Tri {
  const items = s.resource?.items ?? [];
  if (s.notResource || items.length === 0) return 'no';
  let r: Tri = 'yes';
  for (const i of items) {
    const m = matchPatternIn(cache, i.value, pattern);
    if (m === 'no') return 'no';
    if (m === 'unknown') r = 'unknown';
  }
  return r;
}
