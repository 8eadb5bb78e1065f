import type { Finding } from '../../engine/finding';
import type { Rule } from '../../engine/rule';
import { patternCoversIn } from '../../iam/match';
import { bindSymbols } from '../../iam/standIns';
import { isHole, renderPStr, type PStr } from '../../model/pstr';
import { grantsByEntry } from '../boundary/shared';
import { identityDocsOf } from '../support/principals';
import { finding, undecided } from '../support/report';

/**
 * PG502. Fires when an identity policy (not a boundary) allows an S3 action on a resource outside
 * the profile's bucket pattern (`pennsieve-*`), including `*`. Nodes may only touch the
 * platform's own buckets, never the account owner's data. Fix: scope Resource to
 * `arn:aws:s3:::pennsieve-…`.
 */
export const s3OutsideBuckets: Rule = {
  id: 'PG502',
  severity: 'error',
  title: 'S3 access outside the platform buckets',
  summary: "An identity policy allows an S3 action on a resource outside the profile's bucket pattern.",
  check({ model, profile, catalog }) {
    const out: Finding[] = [];
    const pattern = profile.buckets.namePattern;
    for (const doc of identityDocsOf(model)) {
      for (const s of doc.statements) {
        if (s.effect !== 'Allow') continue;
        const g = grantsByEntry(catalog, s);
        if (!g.groups.some((gr) => gr.actions.some((a) => a.startsWith('s3:')))) continue;
        if (s.notResource) {
          out.push(finding(this, s.notResource.loc, `S3 access with NotResource reaches buckets outside ${pattern}: list the buckets in Resource`));
          continue;
        }
        for (const item of s.resource?.items ?? []) {
          const bucket = bucketOf(item.value);
          if (bucket === 'not-s3') continue;
          const m = patternCoversIn(catalog.patterns, pattern, bucket);
          if (m === 'no') out.push(finding(this, item.loc, `S3 access is allowed outside the ${pattern} buckets: ${renderPStr(item.value)}`));
          else if (m === 'unknown') out.push(undecided(this, item.loc, 'which bucket this S3 grant reaches', 'the bucket name is not fully known'));
        }
      }
    }
    return out;
  },
};

/** The bucket part of an S3 resource (`*` for "*"), or 'not-s3' for other services' ARNs. */
function bucketOf(value: PStr): PStr | 'not-s3' {
  const v = bindSymbols(value);
  const first = v.parts[0];
  if (v.parts.length === 1 && first === '*') return { parts: ['*'] };
  if (typeof first !== 'string') return v;
  if (first.startsWith('arn:') && !/^arn:[^:]*:s3:/.test(first) && !/^arn:\*?:/.test(first)) return 'not-s3';
  const m = /^arn:[^:]*:s3:[^:]*:[^:]*:/.exec(first);
  if (!m) return first.startsWith('arn:') ? v : 'not-s3';
  const rest: PStr = { parts: [first.slice(m[0].length), ...v.parts.slice(1)] };
  return untilSlash(rest);
}

function untilSlash(s: PStr): PStr {
  const parts: PStr['parts'][number][] = [];
  for (const p of s.parts) {
    if (isHole(p)) {
      parts.push(p);
      continue;
    }
    const slash = p.indexOf('/');
    if (slash >= 0) {
      parts.push(p.slice(0, slash));
      break;
    }
    parts.push(p);
  }
  return { parts };
}
