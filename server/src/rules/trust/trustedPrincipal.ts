import type { Finding } from '../../core/finding';
import type { Rule } from '../../core/rule';
import { matchPatternIn } from '../../iam/match';
import type { PatternCache } from '../../iam/patternCache';
import { renderPStr, textOf, type PStr } from '../../model/pstr';
import type { Tri } from '../../model/resources';
import { finding, undecided } from '../support/report';
import { trustDocs } from './shared';

/**
 * PG103 (warning). Fires when the cross-account role trusts a principal other than the profile's
 * provisioner principals: another account, a user, a service or a federated identity could
 * assume the role Pennsieve provisions through. Fix: trust only the provisioner principal.
 */
export const trustedPrincipal: Rule = {
  id: 'PG103',
  severity: 'warning',
  title: 'Cross-account role trusts an unexpected principal',
  summary: "The cross-account role trusts a principal other than the profile's provisioner principal(s).",
  check({ model, profile, catalog }) {
    const out: Finding[] = [];
    const allowed = profile.crossAccountRole.trustedPrincipals;
    for (const { doc, role } of trustDocs(model)) {
      if (role.kind !== 'crossAccount') continue;
      for (const s of doc.statements) {
        if (s.effect !== 'Allow' || !s.principal) continue;
        if (s.principal.wildcard) {
          out.push(
            finding(
              this,
              s.principal.loc,
              'The cross-account role trusts every principal: trust only the provisioner principal',
            ),
          );
          continue;
        }
        if (s.principal.unknown)
          out.push(undecided(this, s.principal.loc, 'the trusted principal', s.principal.unknown));
        for (const entry of s.principal.entries) {
          if (entry.items.unknown)
            out.push(undecided(this, entry.items.loc, 'the trusted principal', entry.items.unknown));
          for (const item of entry.items.items) {
            const verdict = entry.type === 'AWS' ? matchAny(catalog.patterns, allowed, item.value) : 'no';
            if (verdict === 'yes') continue;
            if (verdict === 'unknown')
              out.push(undecided(this, item.loc, 'the trusted principal', 'its value is not fully known'));
            else
              out.push(
                finding(
                  this,
                  item.loc,
                  `The cross-account role trusts a principal that is not the provisioner: ${entry.type} ${renderPStr(item.value)}`,
                ),
              );
          }
        }
      }
    }
    return out;
  },
};

/** Account ids are the account's root. */
function normalize(v: PStr): PStr {
  const t = textOf(v);
  return t && /^\d{12}$/.test(t) ? { parts: [`arn:aws:iam::${t}:root`] } : v;
}

function matchAny(cache: PatternCache, patterns: readonly string[], value: PStr): Tri {
  let result: Tri = 'no';
  for (const p of patterns) {
    const pattern = /^\d{12}$/.test(p) ? `arn:aws:iam::${p}:root` : p;
    const m = matchPatternIn(cache, normalize(value), pattern);
    if (m === 'yes') return 'yes';
    if (m === 'unknown') result = 'unknown';
  }
  return result;
}
