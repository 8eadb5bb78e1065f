// Routes 8–10: create a compute node (which starts provisioning), list nodes, read one (reference §3.4).

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
  type AccountRecord,
  type DeploymentMode,
  type JobRecord,
  type NodeRecord,
} from '../store/types';
import { decodeBody } from './body';
import { ApiError, json, Msg, type RequestContext, type Route } from './http';
import { checkNodeAccess } from './nodeAccess';
import { accessScopeOf, effectiveStatus, goTimeString, nodeView, provisioningOf } from './views';

/** The SSM whitelist production seeds (`/{ENV}/account-service/provisioner-images-whitelist`). */
export const PROVISIONER_IMAGES = ['pennsieve/compute-node-aws-provisioner', 'pennsieve/compute-node-aws-provisioner-v2'];
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

async function createNode(ctx: RequestContext) {
  const body = decodeBody(ctx.rawBody, CREATE_BODY, 500);
  if (!body.accountId) throw new ApiError(400, Msg.badRequest);
  if (body.provisionerImage && !PROVISIONER_IMAGES.includes(body.provisionerImage)) throw new ApiError(400, Msg.badRequest);
  const mode = (body.deploymentMode || 'basic') as DeploymentMode;
  const gpuTier = body.gpuTier ?? 'small';
  const maxGpu = body.maxGpuInstances ?? 2;
  const maxSessions = body.maxInteractiveSessions ?? 0;
  // Sandbox validation: these values become Terraform variables, so bad ones are refused up front.
  if (!MODES.includes(mode) || !GPU_TIERS.includes(gpuTier) || maxGpu < 0 || maxSessions < 0) {
    throw new ApiError(400, Msg.badRequest);
  }
  if (body.enableLLMAccess && mode !== 'basic' && !body.llmBaaAcknowledged) throw new ApiError(400, Msg.llmBaa);
  const account = await ctx.deps.store.accounts.get(body.accountId);
  if (!account) throw new ApiError(404, Msg.notFound);
  const org = body.organizationId ?? '';
  await checkCreateAllowed(ctx, account, org);

  const now = ctx.deps.now();
  const caller = ctx.claims.user_claim.NodeId;
  const uuid = randomUUID();
  const tag = body.provisionerImageTag || 'latest';
  const node: NodeRecord = {
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
    createdAt: goTimeString(now, Number(process.hrtime.bigint() % 1_000_000n)),
    organizationId: org || INDEPENDENT,
    userId: caller,
    identifier: uuid.slice(0, 8),
    workflowManagerTag: tag,
    deploymentMode: mode,
    provisionerImage: body.provisionerImage || DEFAULT_IMAGE,
    provisionerImageTag: tag,
    enableLLMAccess: body.enableLLMAccess ?? false,
    llmBaaAcknowledged: body.llmBaaAcknowledged ?? false,
    maxGpuInstances: maxGpu,
    gpuTier,
    maxInteractiveSessions: maxSessions,
    status: 'Pending',
    healthStatus: '',
    lastHealthCheck: '',
    statusReason: '',
    outputs: {},
  };
  const owner = {
    entityId: userEntity(caller),
    nodeId: nodeKey(uuid),
    entityType: 'user',
    entityRawId: caller,
    nodeUuid: uuid,
    accessType: 'owner',
    organizationId: node.organizationId,
    grantedAt: now.toISOString(),
    grantedBy: caller,
  } as const;
  await ctx.deps.store.nodes.create(node, owner, nextJob(undefined, uuid, 'create', now));
  ctx.deps.jobs.submit(uuid);
  return json(202, { message: 'Compute node creation initiated', uuid }, { Location: `/compute-nodes/${uuid}` });
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
  const entities = [userEntity(caller), workspaceEntity(org), ...(auth.claims?.team_claims ?? []).map((t) => teamEntity(t.NodeId))];
  const shared: string[] = [];
  for (const entity of entities) {
    for (const row of await store.access.listByEntity(entity)) {
      if (!found.has(row.nodeUuid)) {
        found.set(row.nodeUuid, undefined);
        shared.push(row.nodeUuid);
      }
    }
  }
  // One read for every shared node; the list keeps the order of the access rows.
  for (const n of await store.nodes.getMany(shared)) found.set(n.uuid, n);
  return [...found.values()].filter((n): n is NodeRecord => n !== undefined && n.organizationId === org);
}

async function listNodes(ctx: RequestContext) {
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
    const owned = (await store.access.listByEntity(userEntity(caller))).filter((row) => row.accessType === 'owner' && isIndependent(row.organizationId));
    const byUuid = new Map((await store.nodes.getMany(owned.map((row) => row.nodeUuid))).map((n) => [n.uuid, n]));
    for (const row of owned) {
      const node = byUuid.get(row.nodeUuid);
      if (node) nodes.push(node);
    }
  }
  const accounts = new Map<string, AccountRecord | undefined>();
  for (const n of nodes) if (!accounts.has(n.accountUuid)) accounts.set(n.accountUuid, await store.accounts.get(n.accountUuid));
  const jobs = nodes.length ? new Map((await store.jobs.list()).map((j) => [j.nodeUuid, j])) : new Map<string, JobRecord>();
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

async function getNode(ctx: RequestContext) {
  const { store } = ctx.deps;
  const node = await store.nodes.get(ctx.params.id ?? '');
  if (!node) throw new ApiError(404, Msg.noRecords);
  if (!(await checkNodeAccess(ctx.deps, ctx.claims.user_claim.NodeId, node))) throw new ApiError(403, Msg.forbidden);
  const account = await store.accounts.get(node.accountUuid);
  const accessScope = accessScopeOf(await store.access.listByNode(node.uuid));
  const provisioning = provisioningOf(await store.jobs.get(node.uuid), ctx.deps.now());
  return json(200, nodeView(node, { status: effectiveStatus(node, account), accountOwnerId: account?.userId, accessScope, provisioning }));
}

const common = { style: 'compute', auth: 'token' } as const;

export const computeNodeRoutes: readonly Route[] = [
  { ...common, method: 'POST', path: '/compute-nodes', handler: 'PostComputeNodesHandler', handle: createNode },
  { ...common, method: 'GET', path: '/compute-nodes', handler: 'GetComputesNodesHandler', handle: listNodes },
  { ...common, method: 'GET', path: '/compute-nodes/{id}', handler: 'GetComputeNodeHandler', handle: getNode },
];
