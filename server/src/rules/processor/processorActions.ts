import type { Finding } from '../../core/finding';
import type { Rule } from '../../core/rule';
import { glob } from '../../iam/prove/domains';
import { not } from '../../iam/prove/formula';
import { prove } from '../../iam/prove/prove';
import { grantsByEntry } from '../boundary/shared';
import { anyThrough, grantsThrough } from '../support/entryGrants';
import { principalsOf } from '../support/principals';
import { callerOf, policiesOf } from '../support/questions';
import { listSome, undecided } from '../support/report';
import { actionEntryLoc, verdictFindings } from '../support/verdicts';

const INVOKE = 'lambda:InvokeFunction';

/**
 * PG501. Fires when some request beyond the processor actions gets through a processor role
 * (name matching the profile's processor pattern): anything but EFS mount/write and log writes,
 * or invoking a function other than the LLM governor. Processors run user code; anything more is
 * reachable by that code. Fix: remove the extra actions.
 */
export const processorActions: Rule = {
  id: 'PG501',
  severity: 'error',
  title: 'Processor role allows more than EFS and logs',
  summary: "A processor role allows actions beyond the profile's processor actions.",
  check({ model, profile, catalog }) {
    const out: Finding[] = [];
    const allowed = new Set(profile.processorRoles.allowedActions.map((a) => a.toLowerCase()));
    const extra = (a: string) => !allowed.has(a.toLowerCase()) && a !== INVOKE;
    for (const p of principalsOf(model)) {
      if (p.kind !== 'processor' || !anyThrough(catalog, policiesOf(p), (a) => extra(a) || a === INVOKE)) continue;
      const report = (message: string, at: typeof p.loc) => ({
        message,
        what: 'what the processor role may do',
        fallback: at,
        at,
        subject: p.label,
        principal: callerOf(p),
      });
      for (const doc of p.identity) {
        for (const s of doc.statements) {
          if (s.effect !== 'Allow') continue;
          const g = grantsThrough(catalog, policiesOf(p), s, extra);
          if (g.unreadable)
            out.push({
              ...undecided(this, g.unreadable.loc, 'what the processor role may do', g.unreadable.reason),
              subject: p.label,
            });
          if (g.unknown?.verdict === 'unknown')
            out.push({
              ...undecided(this, g.unknown.loc ?? s.loc, 'what the processor role may do', g.unknown.reason),
              subject: p.label,
            });
          for (const e of g.entries)
            out.push(
              ...verdictFindings(
                this,
                catalog,
                e.verdict,
                report(
                  `Processor role ${p.label} may only mount/write EFS and write logs (${listSome(e.actions)})`,
                  e.loc,
                ),
              ),
            );
          if (!grantsByEntry(catalog, s).groups.some((gr) => gr.actions.includes(INVOKE))) continue;
          const governor = profile.processorRoles.llmGovernorFunction;
          const v = prove(catalog, {
            ...policiesOf(p),
            actions: [INVOKE],
            onlyAllow: s,
            resource: (space, patterns) => not(glob(space, patterns, governor)),
          });
          out.push(
            ...verdictFindings(
              this,
              catalog,
              v,
              report(
                `Processor role ${p.label} may invoke functions other than the LLM governor (${governor})`,
                actionEntryLoc(catalog, s, INVOKE),
              ),
            ),
          );
        }
      }
    }
    return out;
  },
};
