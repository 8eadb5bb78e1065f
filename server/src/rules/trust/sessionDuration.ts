import type { Finding } from '../../core/finding';
import type { Rule } from '../../core/rule';
import { textOf } from '../../model/pstr';
import { finding, undecided } from '../support/report';

/**
 * PG104. Fires when a role's maximum session duration exceeds the profile's limit (Pennsieve:
 * 7200 s). Longer sessions keep leaked temporary credentials useful for longer. Fix: lower
 * max_session_duration / MaxSessionDuration to the limit.
 */
export const sessionDuration: Rule = {
  id: 'PG104',
  severity: 'error',
  title: 'Session duration above the limit',
  summary: "A role's maximum session duration exceeds the profile's limit.",
  check({ model, profile }) {
    const out: Finding[] = [];
    const max = profile.crossAccountRole.maxSessionDuration;
    for (const role of model.roles) {
      const m = role.maxSessionDuration;
      if (!m) continue;
      const v = m.value;
      if (v.k === 'unknown') {
        out.push(undecided(this, m.loc, 'the maximum session duration', v.reason));
        continue;
      }
      const n = v.k === 'num' ? v.n : v.k === 'str' ? Number(textOf(v.s)) : NaN;
      if (v.k === 'str' && textOf(v.s) === undefined) {
        out.push(undecided(this, m.loc, 'the maximum session duration', 'its value is not fully known'));
      } else if (Number.isFinite(n) && n > max) {
        out.push(
          finding(this, m.loc, `Maximum session duration is above the ${max} s limit: ${n}`, {
            fix: { kind: 'capSessionDuration', valueLoc: m.loc, max },
          }),
        );
      }
    }
    return out;
  },
};
