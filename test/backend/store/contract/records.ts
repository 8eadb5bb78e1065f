// Records for the store contract: valid, distinct values a test can override field by field.

import { randomUUID } from 'node:crypto';
import {
  INDEPENDENT,
  nodeKey,
  userEntity,
  type AccessRecord,
  type AccountRecord,
  type JobRecord,
  type NodeRecord,
} from '../../../../backend/src/store/types';

export function account(fields: Partial<AccountRecord> = {}): AccountRecord {
  return {
    uuid: randomUUID(),
    accountId: '123456789012',
    accountType: 'AWS',
    roleName: 'Pennsieve-Compute-sandbox-01234567',
    externalId: 'ext-id',
    userId: 'N:user:u1',
    name: '',
    description: '',
    status: 'Enabled',
    ...fields,
  };
}

export function node(accountUuid: string, fields: Partial<NodeRecord> = {}): NodeRecord {
  const uuid = fields.uuid ?? randomUUID();
  return {
    uuid,
    name: 'n',
    description: '',
    computeNodeGatewayUrl: '',
    efsId: '',
    queueUrl: '',
    environment: 'sandbox',
    accountUuid,
    accountId: '123456789012',
    accountType: 'AWS',
    createdAt: '2026-03-04 15:04:05.123456789 +0000 UTC',
    organizationId: INDEPENDENT,
    userId: 'N:user:u1',
    identifier: uuid.slice(0, 8),
    workflowManagerTag: 'latest',
    deploymentMode: 'basic',
    provisionerImage: 'pennsieve/compute-node-aws-provisioner-v2',
    provisionerImageTag: 'latest',
    enableLLMAccess: false,
    llmBaaAcknowledged: false,
    maxGpuInstances: 2,
    gpuTier: 'small',
    maxInteractiveSessions: 0,
    status: 'Pending',
    healthStatus: '',
    lastHealthCheck: '',
    statusReason: '',
    outputs: {},
    ...fields,
  };
}

export function ownerRow(n: NodeRecord): AccessRecord {
  return {
    entityId: userEntity(n.userId),
    nodeId: nodeKey(n.uuid),
    entityType: 'user',
    entityRawId: n.userId,
    nodeUuid: n.uuid,
    accessType: 'owner',
    organizationId: n.organizationId,
    grantedAt: '2026-03-04T15:04:05.000Z',
    grantedBy: n.userId,
  };
}

export function job(nodeUuid: string, action: JobRecord['action'] = 'create'): JobRecord {
  return {
    nodeUuid,
    action,
    jobId: randomUUID(),
    attempts: 0,
    createdAt: '2026-03-04T15:04:05.000Z',
    updatedAt: '2026-03-04T15:04:05.000Z',
  };
}
