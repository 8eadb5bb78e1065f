// One run of a node's job: the node's Terraform variables, and what a successful run leaves on the node.

import type { AccountRecord, JobOutcome, JobRecord, NodeRecord } from '../store/types';
import type { ComputeNodeVars, TerraformResult } from './terraform';

/** How one attempt ended: an outcome to record, or an interruption (stop, superseded, lease lost). */
export type AttemptResult =
  { readonly kind: 'finish'; readonly outcome: JobOutcome } | { readonly kind: 'interrupted' };

export const INTERRUPTED: AttemptResult = { kind: 'interrupted' };

/** The node fails with `reason` in its statusReason. */
export function failure(reason: string): AttemptResult {
  return { kind: 'finish', outcome: { kind: 'update', patch: { status: 'Failed', statusReason: reason } } };
}

/** The compute-node module's variables for `node` in `account`. */
export function nodeVars(node: NodeRecord, account: AccountRecord): ComputeNodeVars {
  return {
    node_identifier: node.identifier,
    node_name: node.name,
    compute_node_id: node.uuid,
    account_id: account.accountId,
    deployment_mode: node.deploymentMode,
    enable_llm_access: node.enableLLMAccess,
    gpu_tier: node.gpuTier,
    max_gpu_instances: node.maxGpuInstances,
    environment: node.environment,
    max_interactive_sessions: node.maxInteractiveSessions,
  };
}

/** What a successful run leaves on the node (`current`: the node as stored now). */
export function successOutcome(job: JobRecord, current: NodeRecord, result: TerraformResult): JobOutcome {
  if (job.action === 'delete') return { kind: 'remove' };
  const out = result.outputs;
  const text = (key: string, fallback: string) => (typeof out[key] === 'string' ? (out[key] as string) : fallback);
  return {
    kind: 'update',
    patch: {
      // An update leaves a paused node paused; a create (or a repaired node) becomes Enabled.
      status: job.action === 'update' && current.status === 'Paused' ? 'Paused' : 'Enabled',
      statusReason: '',
      outputs: out,
      efsId: text('efs_id', current.efsId),
      computeNodeGatewayUrl: text('compute_node_gateway_url', current.computeNodeGatewayUrl),
      queueUrl: text('queue_url', current.queueUrl),
    },
  };
}
