import type { Finding } from '../../core/finding';
import type { Rule } from '../../core/rule';
import type { IacResource } from '../../model/resources';
import { getProp, type Val } from '../../model/value';
import { finding, undecided } from '../support/report';
import { TAGGABLE } from './taggable';

/**
 * PG701 (warning). Fires when a taggable resource lacks a tag the profile requires. Tags are how
 * the account owner finds, audits and bills what the platform created. Fix: add the tags
 * (Terraform: `tags` or the provider's `default_tags`; CloudFormation: `Tags`).
 */
export const requiredTags: Rule = {
  id: 'PG701',
  severity: 'warning',
  title: 'Missing required tag',
  summary: 'A taggable resource lacks a tag the profile requires.',
  check({ model, profile }) {
    const out: Finding[] = [];
    if (profile.requiredTags.length === 0) return out;
    for (const r of model.resources) {
      const style = TAGGABLE[r.type];
      if (!style || r.exists === 'no') continue;
      const tags = tagKeys(r, style);
      const missing = profile.requiredTags.filter((t) => !tags.keys.has(t));
      if (missing.length === 0) continue;
      if (tags.unknown) out.push(undecided(this, r.labelLoc, `the tags of ${r.address}`, tags.unknown));
      else out.push(finding(this, r.labelLoc, `${r.address} lacks required tags: ${missing.join(', ')}`));
    }
    return out;
  },
};

/** Tag keys set on the resource (plus Terraform default_tags); `unknown` when some keys cannot be known. */
function tagKeys(r: IacResource, style: (typeof TAGGABLE)[string]): { keys: Set<string>; unknown?: string } {
  const keys = new Set<string>();
  let unknown: string | undefined;
  const add = (v: Val | undefined) => {
    if (!v || v.k === 'null') return;
    if (v.k === 'unknown') unknown ??= v.reason;
    else if (v.k === 'obj') {
      for (const e of v.entries) keys.add(e.key);
      if (v.more) unknown ??= v.more;
    } else if (v.k === 'list') {
      for (const item of v.items) {
        const k = getProp(item, 'Key') ?? getProp(item, 'key');
        if (k?.k === 'str' && typeof k.s.parts[0] === 'string' && k.s.parts.length === 1) keys.add(k.s.parts[0]);
        else if (k) unknown ??= 'a tag key is not known';
      }
      if (v.more) unknown ??= v.more;
    }
  };
  add(getProp(r.props, style.prop));
  if (r.unit.language === 'terraform') add(r.unit.defaultTags);
  return { keys, unknown };
}
