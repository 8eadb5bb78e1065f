import type { Finding } from '../../core/finding';
import type { Rule } from '../../core/rule';
import type { IacResource } from '../../model/resources';
import { finding, undecided } from '../support/report';
import { resourcesIn, valuesAt } from './shared';

const VPCS = new Set(['aws_vpc', 'AWS::EC2::VPC']);
const FLOW_LOGS = new Set(['aws_flow_log', 'AWS::EC2::FlowLog']);

/**
 * PG603 (warning). Secure or compliant mode: fires when a VPC has no flow log. Flow logs are the
 * account owner's record of what the node talked to. Fix: add an aws_flow_log /
 * AWS::EC2::FlowLog for the VPC.
 */
export const flowLogs: Rule = {
  id: 'PG603',
  severity: 'warning',
  title: 'VPC without flow logs',
  summary: 'In secure or compliant mode, a VPC has no flow log.',
  check({ model }) {
    const out: Finding[] = [];
    for (const vpc of resourcesIn(model.resources, VPCS, ['secure', 'compliant'])) {
      const logs = resourcesIn(model.resources, FLOW_LOGS).filter((l) => l.unit === vpc.unit);
      const verdict = coverage(vpc, logs);
      if (verdict === 'no')
        out.push(finding(this, vpc.labelLoc, `The VPC has no flow log: add one for ${vpc.address}`));
      else if (verdict === 'unknown')
        out.push(
          undecided(
            this,
            vpc.labelLoc,
            `whether ${vpc.address} has a flow log`,
            'a flow log names a VPC that is not known here',
          ),
        );
    }
    return out;
  },
};

function coverage(vpc: IacResource, logs: readonly IacResource[]): 'yes' | 'no' | 'unknown' {
  let result: 'no' | 'unknown' = 'no';
  for (const l of logs) {
    for (const v of [...valuesAt(l.props, ['vpc_id']), ...valuesAt(l.props, ['ResourceId'])]) {
      if (v.origin?.resource === vpc.address) return 'yes';
      if (v.k === 'unknown' && !v.origin) result = 'unknown';
    }
  }
  return result;
}
