// Create a compute node (which starts provisioning), list nodes, read one. The paths are in ./routes.ts.

import { randomUUID } from 'node:crypto';
import { isOrgAdmin } from '../auth/directory';
import { nextJob } from '../provisioner/jobRecords';
import {
  INDEPENDENT,
  isIndependent,
  nodeKey,
  teamEntity,
  userEntity,
  workspaceEntity,
  type AccessRecord,
  type AccountRecord,
  type DeploymentMode,
  type JobRecord,
  type NodeRecord,
} from '../store/types';
import { decodeBody, type Decoded } from './body';
import { ApiError, json, Msg, type RequestContext } from './http';
import { checkNodeAccess } from './nodeAccess';
import { accessScopeOf, effectiveStatus, goTimeString, nodeView, provisioningOf } from './views';

/** The SSM whitelist production seeds (`/{ENV}/account-service/provisioner-images-whitelist`). */
export const PROVISIONER_IMAGES = [
  'pennsieve/compute-node-aws-provisioner',
  'pennsieve/compute-node-aws-provisioner-v2',
];
export const DEFAULT_IMAGE = 'pennsieve/compute-node-aws-provisioner-v2';
export const GPU_TIERS = ['small', 'medium', 'large', 'xlarge'];
const MODES: readonly DeploymentMode[] = ['basic', 'secure', 'compliant'];

const CREATE_BODY = {
  accountId: 'string',
  name: 'string',
  description: 'string',
  organizationId: 'string',
  provisionerImage: 'string',
  provisionerImageTag: 'string',
  deploymentMode: 'string',
  enableLLMAccess: 'boolean',
  llmBaaAcknowledged: 'boolean',
  maxGpuInstances: 'int',
  gpuTier: 'string',
  maxInteractiveSessions: 'int',
} as const;

/** Production's order of checks for who may create a node on `account`, in `org` or independent. */
async function checkCreateAllowed(ctx: RequestContext, account: AccountRecord, org: string): Promise<void> {
  const caller = ctx.claims.user_claim.NodeId;
  if (!org) {
    // Production lets anyone who knows the account uuid do this; the documented intent is owner-only.
    if (account.userId !== caller) throw new ApiError(403, Msg.ownerOnlyIndependent);
    return;
  }
  if (!org.startsWith('N:organization:')) throw new ApiError(400, Msg.invalidOrganizationId);
  const enablement = await ctx.deps.store.workspaces.get(account.uuid, org);
  if (!enablement) throw new ApiError(403, Msg.notEnabledForWorkspace);
  if (account.userId === caller) return;
  if (!enablement.isPublic) throw new ApiError(403, Msg.ownerOnlyPrivate);
  if (!enablement.enableCompute) throw new ApiError(403, Msg.computeNotEnabled);
  if (!ctx.deps.directory.organizationExists(org)) throw new ApiError(400, Msg.organizationNotFound);
  if (!isOrgAdmin(ctx.deps.directory.authorize(caller, org).claims)) throw new ApiError(403, Msg.adminsOnlyPublic);
}

type CreateBody = Decoded<typeof CREATE_BODY>;

/** The create request's settings, defaulted as production does and validated (they become Terraform variables). */
function nodeSettings(body: CreateBody) {
  if (!body.accountId) throw new ApiError(400, Msg.badRequest);
  if (body.provisionerImage && !PROVISIONER_IMAGES.includes(body.provisionerImage))
    throw new ApiError(400, Msg.badRequest);
  const settings = {
    accountUuid: body.accountId,
    deploymentMode: (body.deploymentMode || 'basic') as DeploymentMode,
    gpuTier: body.gpuTier ?? 'small',
    maxGpuInstances: body.maxGpuInstances ?? 2,
    maxInteractiveSessions: body.maxInteractiveSessions ?? 0,
  };
  // Sandbox validation: bad values are refused up front.
  const { deploymentMode, gpuTier, maxGpuInstances, maxInteractiveSessions } = settings;
  if (
    !MODES.includes(deploymentMode) ||
    !GPU_TIERS.includes(gpuTier) ||
    maxGpuInstances < 0 ||
    maxInteractiveSessions < 0
  ) {
    throw new ApiError(400, Msg.badRequest);
  }
  if (body.enableLLMAccess && deploymentMode !== 'basic' && !body.llmBaaAcknowledged)
    throw new ApiError(400, Msg.llmBaa);
  return settings;
}

/** A new Pending node of `caller` on `account`. */
function newNode(
  ctx: RequestContext,
  body: CreateBody,
  settings: ReturnType<typeof nodeSettings>,
  account: AccountRecord,
  org: string,
): NodeRecord {
  const uuid = randomUUID();
  const tag = body.provisionerImageTag || 'latest';
  const { accountUuid: _account, ...chosen } = settings;
  return {
    uuid,
    name: body.name ?? '',
    description: body.description ?? '',
    computeNodeGatewayUrl: '',
    efsId: '',
    queueUrl: '',
    environment: ctx.deps.settings.environment,
    accountUuid: account.uuid,
    accountId: account.accountId,
    accountType: account.accountType,
    createdAt: goTimeString(ctx.deps.now(), Number(process.hrtime.bigint() % 1_000_000n)),
    organizationId: org || INDEPENDENT,
    userId: ctx.claims.user_claim.NodeId,
    identifier: uuid.slice(0, 8),
    workflowManagerTag: tag,
    provisionerImage: body.provisionerImage || DEFAULT_IMAGE,
    provisionerImageTag: tag,
    enableLLMAccess: body.enableLLMAccess ?? false,
    llmBaaAcknowledged: body.llmBaaAcknowledged ?? false,
    ...chosen,
    status: 'Pending',
    healthStatus: '',
    lastHealthCheck: '',
    statusReason: '',
    outputs: {},
  };
}

/** The owner access row production writes for a new node. */
function ownerRow(node: NodeRecord, now: Date): AccessRecord {
  return {
    entityId: userEntity(node.userId),
    nodeId: nodeKey(node.uuid),
    entityType: 'user',
    entityRawId: node.userId,
    nodeUuid: node.uuid,
    accessType: 'owner',
    organizationId: node.organizationId,
    grantedAt: now.toISOString(),
    grantedBy: node.userId,
  };
}

/** POST /compute-nodes: stores a Pending node and starts its create job. */
export async function createNode(ctx: RequestContext) {
  const body = decodeBody(ctx.rawBody, CREATE_BODY, 500);
  const settings = nodeSettings(body);
  const account = await ctx.deps.store.accounts.get(settings.accountUuid);
  if (!account) throw new ApiError(404, Msg.notFound);
  const org = body.organizationId ?? '';
  await checkCreateAllowed(ctx, account, org);
  const now = ctx.deps.now();
  const node = newNode(ctx, body, settings, account, org);
  await ctx.deps.store.nodes.create(node, ownerRow(node, now), nextJob(undefined, node.uuid, 'create', now));
  ctx.deps.jobs.submit(node.uuid);
  return json(
    202,
    { message: 'Compute node creation initiated', uuid: node.uuid },
    { Location: `/compute-nodes/${node.uuid}` },
  );
}

/** The nodes in `org` the caller reaches through a user, workspace or team row, or as admin+public. */
async function nodesInOrganization(ctx: RequestContext, org: string): Promise<NodeRecord[]> {
  const { store, directory } = ctx.deps;
  const caller = ctx.claims.user_claim.NodeId;
  const auth = directory.authorize(caller, org);
  if (!auth.isAuthorized) throw new ApiError(403, Msg.forbidden);
  const found = new Map<string, NodeRecord | undefined>();
  if (isOrgAdmin(auth.claims)) {
    // Documented intent (production leaves these out of the list but lets admins GET them).
    for (const e of await store.workspaces.listByWorkspace(org)) {
      if (!e.isPublic) continue;
      for (const n of await store.nodes.listByAccount(e.accountUuid)) found.set(n.uuid, n);
    }
  }
  const entities = [
    userEntity(caller),
    workspaceEntity(org),
    ...(auth.claims?.team_claims ?? []).map((t) => teamEntity(t.NodeId)),
  ];
  const shared: string[] = [];
  const rowsByEntity = await Promise.all(entities.map((entity) => store.access.listByEntity(entity)));
  for (const rows of rowsByEntity) {
    for (const row of rows) {
      if (!found.has(row.nodeUuid)) {
        found.set(row.nodeUuid, undefined);
        shared.push(row.nodeUuid);
      }
    }
  }
  // One batch read for all the shared nodes; the list keeps the order of the access rows.
  for (const n of await store.nodes.getMany(shared)) found.set(n.uuid, n);
  return [...found.values()].filter((n): n is NodeRecord => n !== undefined && n.organizationId === org);
}

/** GET /compute-nodes: the caller's nodes (`?account_owner=true`, `?organization_id=`). */
export async function listNodes(ctx: RequestContext) {
  const { store } = ctx.deps;
  const caller = ctx.claims.user_claim.NodeId;
  const org = ctx.query.get('organization_id') ?? '';
  let nodes: NodeRecord[] = [];
  if (ctx.query.get('account_owner') === 'true') {
    const accounts = await store.accounts.listByUser(caller);
    if (accounts.length === 0) throw new ApiError(403, Msg.forbidden);
    for (const a of accounts) nodes.push(...(await store.nodes.listByAccount(a.uuid)));
  } else if (org) {
    nodes = await nodesInOrganization(ctx, org);
  } else {
    const owned = (await store.access.listByEntity(userEntity(caller))).filter(
      (row) => row.accessType === 'owner' && isIndependent(row.organizationId),
    );
    const byUuid = new Map((await store.nodes.getMany(owned.map((row) => row.nodeUuid))).map((n) => [n.uuid, n]));
    for (const row of owned) {
      const node = byUuid.get(row.nodeUuid);
      if (node) nodes.push(node);
    }
  }
  // The nodes' accounts and the running jobs, all at once.
  const accountUuids = [...new Set(nodes.map((n) => n.accountUuid))];
  const [accountList, jobList] = await Promise.all([
    Promise.all(accountUuids.map((uuid) => store.accounts.get(uuid))),
    nodes.length ? store.jobs.list() : Promise.resolve([] as JobRecord[]),
  ]);
  const accounts = new Map<string, AccountRecord | undefined>(accountUuids.map((uuid, i) => [uuid, accountList[i]]));
  const jobs = new Map(jobList.map((j) => [j.nodeUuid, j]));
  const now = ctx.deps.now();
  return json(
    200,
    nodes.map((n) => {
      const account = accounts.get(n.accountUuid);
      const provisioning = provisioningOf(jobs.get(n.uuid), now);
      return nodeView(n, { status: effectiveStatus(n, account), accountOwnerId: account?.userId, provisioning });
    }),
  );
}

/** GET /compute-nodes/{id}: one node the caller may see. */
export async function getNode(ctx: RequestContext) {
  const { store } = ctx.deps;
  const node = await store.nodes.get(ctx.params.id ?? '');
  if (!node) throw new ApiError(404, Msg.noRecords);
  // The access check and the reads of the answer at once: one round trip to the store after the node's.
  const [allowed, account, rows, job] = await Promise.all([
    checkNodeAccess(ctx.deps, ctx.claims.user_claim.NodeId, node),
    store.accounts.get(node.accountUuid),
    store.access.listByNode(node.uuid),
    store.jobs.get(node.uuid),
  ]);
  if (!allowed) throw new ApiError(403, Msg.forbidden);
  const accessScope = accessScopeOf(rows);
  const provisioning = provisioningOf(job, ctx.deps.now());
  return json(
    200,
    nodeView(node, {
      status: effectiveStatus(node, account),
      accountOwnerId: account?.userId,
      accessScope,
      provisioning,
    }),
  );
}
