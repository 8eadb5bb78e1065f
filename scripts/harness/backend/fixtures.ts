// Builds accounts, enablements and nodes for tests, through the API where production can, and
// straight into the store where a test needs a state the API cannot reach.

import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import type { Store } from '../../../backend/src/store/types';
import {
  INDEPENDENT,
  nodeKey,
  userEntity,
  teamEntity,
  workspaceEntity,
  type NodeRecord,
  type AccessRecord,
} from '../../../backend/src/store/types';
import { call } from './client';
import { tokenOf, userOf, type Persona } from './identities';

let accountCounter = 100_000_000_000;

/** A distinct 12-digit AWS account id per call. */
export function nextAwsAccountId(): string {
  accountCounter += 1;
  return String(accountCounter);
}

/** POST /accounts as `persona`; returns the account uuid. */
export async function registerAccount(
  url: string,
  persona: Persona,
  fields: Record<string, unknown> = {},
): Promise<string> {
  const res = await call(url, 'POST', '/accounts', {
    token: tokenOf(persona),
    body: {
      accountId: nextAwsAccountId(),
      accountType: 'AWS',
      roleName: 'Pennsieve-Compute-sandbox-0badc0de',
      externalId: 'ext',
      ...fields,
    },
  });
  assert.equal(res.status, 201, res.text);
  return res.json.uuid as string;
}

/** POST /accounts/{uuid}/workspaces as `persona` for `org`. */
export async function enableWorkspace(
  url: string,
  persona: Persona,
  accountUuid: string,
  org: string,
  flags: { isPublic?: boolean; enableCompute?: boolean; enableStorage?: boolean } = {},
): Promise<void> {
  const res = await call(
    url,
    'POST',
    `/accounts/${accountUuid}/workspaces?organization_id=${encodeURIComponent(org)}`,
    {
      token: tokenOf(persona),
      body: { isPublic: true, enableCompute: true, enableStorage: false, ...flags },
    },
  );
  assert.equal(res.status, 201, res.text);
}

export interface SeedNodeOptions {
  readonly owner: Persona;
  readonly accountUuid: string;
  readonly awsAccountId?: string;
  /** An organization node id, or undefined for an organization-independent node. */
  readonly org?: string;
  readonly status?: NodeRecord['status'];
  readonly workspaceScoped?: boolean;
  readonly sharedWithTeam?: string;
  readonly sharedWithUser?: Persona;
  /** The node's compute gateway URL (provisioned nodes have one; the settings routes need it). */
  readonly gatewayUrl?: string;
  readonly enableLLMAccess?: boolean;
}

/** The record of an Enabled node owned by `opts.owner`, as provisioning leaves it. */
function nodeRecord(uuid: string, org: string, opts: SeedNodeOptions): NodeRecord {
  return {
    uuid,
    name: `node-${uuid.slice(0, 4)}`,
    description: '',
    computeNodeGatewayUrl: opts.gatewayUrl ?? '',
    efsId: '',
    queueUrl: '',
    environment: 'sandbox',
    accountUuid: opts.accountUuid,
    accountId: opts.awsAccountId ?? '123456789012',
    accountType: 'AWS',
    createdAt: '2026-01-02 03:04:05.123456789 +0000 UTC',
    organizationId: org,
    userId: userOf(opts.owner),
    identifier: uuid.slice(0, 8),
    workflowManagerTag: 'latest',
    deploymentMode: 'basic',
    provisionerImage: 'pennsieve/compute-node-aws-provisioner-v2',
    provisionerImageTag: 'latest',
    enableLLMAccess: opts.enableLLMAccess ?? false,
    llmBaaAcknowledged: false,
    maxGpuInstances: 2,
    gpuTier: 'small',
    maxInteractiveSessions: 0,
    status: opts.status ?? 'Enabled',
    healthStatus: '',
    lastHealthCheck: '',
    statusReason: '',
    outputs: {},
  };
}

/**
 * Writes an Enabled node with its access rows directly into the store. The matrix needs a node
 * owner who is neither the account owner nor an administrator, which the API only produces after
 * a demotion; writing the records is the honest way to get there.
 */
export async function seedNode(store: Store, opts: SeedNodeOptions): Promise<string> {
  const uuid = randomUUID();
  const org = opts.org ?? INDEPENDENT;
  const now = new Date().toISOString();
  const node = nodeRecord(uuid, org, opts);
  const row = (
    entityId: string,
    entityType: AccessRecord['entityType'],
    raw: string,
    accessType: AccessRecord['accessType'],
  ): AccessRecord => ({
    entityId,
    nodeId: nodeKey(uuid),
    entityType,
    entityRawId: raw,
    nodeUuid: uuid,
    accessType,
    organizationId: org,
    grantedAt: now,
    grantedBy: userOf(opts.owner),
  });
  // The node is already "provisioned": it has no outstanding job.
  await store.nodes.create(node, row(userEntity(node.userId), 'user', node.userId, 'owner'));
  const extra: AccessRecord[] = [];
  if (opts.workspaceScoped && opts.org) extra.push(row(workspaceEntity(opts.org), 'workspace', opts.org, 'workspace'));
  if (opts.sharedWithTeam) extra.push(row(teamEntity(opts.sharedWithTeam), 'team', opts.sharedWithTeam, 'shared'));
  if (opts.sharedWithUser)
    extra.push(row(userEntity(userOf(opts.sharedWithUser)), 'user', userOf(opts.sharedWithUser), 'shared'));
  if (extra.length) await store.access.change(uuid, { remove: [], put: extra });
  return uuid;
}
