import type { Finding } from '../../core/finding';
import type { Rule } from '../../core/rule';
import { ANY_TEXT, glob, literalTokens, nameTokens, tokensAtom } from '../../iam/prove/domains';
import { and, not, or, type Formula } from '../../iam/prove/formula';
import type { AtomSpace } from '../../iam/prove/space';
import { matchPattern } from '../../iam/match';
import type { PatternCache } from '../../iam/patternCache';
import { STAND_INS } from '../../iam/standIns';
import type { Statement } from '../../model/policy';
import type { Loc } from '../../model/loc';
import { grantsByEntry } from '../boundary/shared';
import { principalsOf } from '../support/principals';
import { callerOf, policiesOf } from '../support/questions';
import { prove } from '../../iam/prove/prove';
import { verdictFindings } from '../support/verdicts';

const S3 = `arn:${STAND_INS.partition}:s3:::`;

/**
 * PG502. Fires when some request for an S3 action on an S3 resource outside the profile's bucket
 * pattern (`pennsieve-*`: the bucket or its objects) gets through an identity policy (not a
 * boundary), its principal's other policies, boundary and denies considered. Nodes may only touch
 * the platform's own buckets, never the account owner's data. Fix: scope Resource to
 * `arn:aws:s3:::pennsieve-…`.
 */
export const s3OutsideBuckets: Rule = {
  id: 'PG502',
  severity: 'error',
  title: 'S3 access outside the platform buckets',
  summary: "An identity policy allows an S3 action on a resource outside the profile's bucket pattern.",
  check({ model, profile, catalog }) {
    const out: Finding[] = [];
    const seen = new Set<Statement>();
    const resource = outsideBuckets(profile.buckets.namePattern);
    for (const p of principalsOf(model)) {
      for (const doc of p.identity) {
        for (const s of doc.statements) {
          if (s.effect !== 'Allow' || seen.has(s)) continue;
          seen.add(s);
          const actions = grantsByEntry(catalog, s).groups.flatMap((g) => g.actions.filter((a) => a.startsWith('s3:')));
          if (actions.length === 0) continue;
          const v = prove(catalog, { ...policiesOf(p), actions: [...new Set(actions)], onlyAllow: s, resource });
          out.push(
            ...verdictFindings(this, catalog, v, {
              message: `S3 access is allowed outside the ${profile.buckets.namePattern} buckets`,
              fixText: 'List the buckets in Resource',
              what: 'which bucket this S3 grant reaches',
              fallback: s.resource?.loc ?? s.notResource?.loc ?? s.loc,
              at: v.verdict === 'counterexample' ? resourceEntryLoc(s, String(v.witness.request.resource)) : undefined,
              subject: p.label,
              principal: callerOf(p),
            }),
          );
        }
      }
    }
    return out;
  },
};

/** An S3 ARN whose bucket is not named like `pattern`. */
function outsideBuckets(pattern: string): (space: AtomSpace, patterns: PatternCache) => Formula {
  return (space, patterns) => {
    const bucket = [...literalTokens(S3), ...nameTokens(pattern)];
    const ours = or([tokensAtom(space, bucket), tokensAtom(space, [...bucket, { k: 'lit', c: '/' }, ANY_TEXT])]);
    return and([glob(space, patterns, `arn:${STAND_INS.partition}:s3:*`), not(ours)]);
  };
}

/** The Resource entry that matches the request's resource (NotResource: its key). */
function resourceEntryLoc(s: Statement, resource: string): Loc | undefined {
  if (s.notResource) return s.notResource.loc;
  const item = s.resource?.items.find((it) => matchPattern(resource, it.value) !== 'no');
  return item?.loc ?? s.resource?.loc;
}
