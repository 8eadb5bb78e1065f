import type { Finding } from '../../core/finding';
import type { Rule } from '../../core/rule';
import { finding, undecided } from '../support/report';
import { resourcesIn, valuesAt } from './shared';

/** Where each type names its customer-managed key. */
const KEY_PATHS: Readonly<Record<string, readonly string[]>> = {
  aws_cloudwatch_log_group: ['kms_key_id'],
  aws_sfn_state_machine: ['encryption_configuration', 'kms_key_id'],
  aws_efs_file_system: ['kms_key_id'],
  'AWS::Logs::LogGroup': ['KmsKeyId'],
  'AWS::StepFunctions::StateMachine': ['EncryptionConfiguration', 'KmsKeyId'],
  'AWS::EFS::FileSystem': ['KmsKeyId'],
};
const TYPES = new Set(Object.keys(KEY_PATHS));

/**
 * PG602. Compliant mode only: fires when a log group, state machine or file system has no KMS
 * key. Compliant nodes must encrypt logs, workflow state and data with the node's own key so
 * the account owner controls (and can revoke) access to them. Fix: set the KMS key argument.
 */
export const kmsEncryption: Rule = {
  id: 'PG602',
  severity: 'error',
  title: 'No KMS key in compliant mode',
  summary: 'In compliant mode, a log group, state machine or file system has no KMS key.',
  check({ model }) {
    const out: Finding[] = [];
    for (const r of resourcesIn(model.resources, TYPES, ['compliant'])) {
      if (valuesAt(r.props, KEY_PATHS[r.type]).some((v) => v.k !== 'null')) continue;
      if (r.props.more) out.push(undecided(this, r.labelLoc, 'the KMS key', r.props.more));
      else
        out.push(
          finding(
            this,
            r.labelLoc,
            `Compliant mode needs a customer-managed KMS key on ${r.address}: set ${KEY_PATHS[r.type].join('.')}`,
          ),
        );
    }
    return out;
  },
};
