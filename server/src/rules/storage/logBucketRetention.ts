import type { Finding } from '../../core/finding';
import type { Rule } from '../../core/rule';
import { matchPatternIn } from '../../iam/match';
import { known } from '../../model/pstr';
import { argOf } from '../../model/resources';
import { finding, undecided } from '../support/report';

/**
 * PG702. Fires when the workflow log bucket (name matching the profile's log-bucket pattern;
 * the resource name is used when the bucket name is unknown) can be destroyed with its objects
 * (`force_destroy = true`): deleting a node would erase the audit trail of what ran. Fix: set
 * `force_destroy = false` (the platform retains the bucket on node deletion).
 */
export const logBucketRetention: Rule = {
  id: 'PG702',
  severity: 'error',
  title: 'Workflow log bucket can be destroyed with its logs',
  summary: 'The workflow log bucket has force_destroy = true, so audit logs are lost when a node is deleted.',
  check({ model, profile, catalog }) {
    const out: Finding[] = [];
    const pattern = profile.buckets.logBucketPattern;
    for (const r of model.resources) {
      if (r.type !== 'aws_s3_bucket' || r.exists === 'no') continue;
      const fd = argOf(r, 'force_destroy');
      if (!fd || (fd.k === 'bool' && !fd.b)) continue;
      const name = argOf(r, 'bucket');
      let isLog = name?.k === 'str' ? matchPatternIn(catalog.patterns, name.s, pattern, { mode: 'glob' }) : 'unknown';
      if (isLog === 'unknown')
        isLog = matchPatternIn(
          catalog.patterns,
          known(r.address.slice(r.address.indexOf('.') + 1).replace(/_/g, '-')),
          pattern,
          { mode: 'glob' },
        );
      if (isLog !== 'yes') continue;
      if (fd.k === 'unknown')
        out.push(undecided(this, fd.loc, 'whether the workflow log bucket keeps its logs', fd.reason));
      else if (fd.k === 'bool' && fd.b) {
        out.push(
          finding(
            this,
            fd.loc,
            `The workflow log bucket would be deleted with its audit logs: set force_destroy = false on ${r.address}`,
          ),
        );
      }
    }
    return out;
  },
};
