// Re-provision (PUT), rename/pause (PATCH), delete, and update-config. The paths are in ./routes.ts.

import { nextJob } from '../provisioner/jobRecords';
import type { JobAction, NodePatch, NodeRecord } from '../store/types';
import { decodeBody } from './body';
import { GPU_TIERS, PROVISIONER_IMAGES } from './computeNodes';
import { ApiError, json, Msg, type RequestContext } from './http';
import { canAdministerNode, canManageNode } from './nodeAccess';
import { nodeView } from './views';

async function findNode(ctx: RequestContext): Promise<NodeRecord> {
  const node = await ctx.deps.store.nodes.get(ctx.params.id ?? '');
  if (!node) throw new ApiError(404, Msg.notFound);
  return node;
}

async function requireManager(ctx: RequestContext, node: NodeRecord): Promise<void> {
  if (!(await canManageNode(ctx.deps, ctx.claims.user_claim.NodeId, node))) throw new ApiError(403, Msg.forbidden);
}

/** Stores `patch` together with the node's next job, then wakes its worker. */
async function startJob(ctx: RequestContext, node: NodeRecord, action: JobAction, patch: NodePatch): Promise<void> {
  const job = nextJob(await ctx.deps.store.jobs.get(node.uuid), node.uuid, action, ctx.deps.now());
  await ctx.deps.store.nodes.update(node.uuid, patch, job);
  // A delete makes any running apply pointless: stop it so the destroy starts sooner.
  if (action === 'delete') ctx.deps.jobs.cancel(node.uuid);
  ctx.deps.jobs.submit(node.uuid);
}

/** PUT /compute-nodes/{id}: re-provisions with new image settings. */
export async function putNode(ctx: RequestContext) {
  const body = decodeBody(ctx.rawBody, {
    workflowManagerTag: 'string',
    workflowManagerCpu: 'int',
    workflowManagerMemory: 'int',
    authorizationType: 'string',
    provisionerImage: 'string',
    provisionerImageTag: 'string',
    maxInteractiveSessions: 'int',
  });
  if (body.provisionerImage && !PROVISIONER_IMAGES.includes(body.provisionerImage))
    throw new ApiError(400, Msg.badRequest);
  if ((body.maxInteractiveSessions ?? 0) < 0) throw new ApiError(400, Msg.badRequest);
  const node = await findNode(ctx);
  await requireManager(ctx, node);
  if (node.status === 'Destroying') throw new ApiError(400, Msg.nodeDestroying);
  const tag = body.provisionerImageTag || undefined;
  await startJob(ctx, node, 'update', {
    provisionerImage: body.provisionerImage || undefined,
    provisionerImageTag: tag,
    workflowManagerTag: body.workflowManagerTag || tag,
    maxInteractiveSessions: body.maxInteractiveSessions,
  });
  return json(202, { message: 'Compute node update initiated' });
}

/** PATCH /compute-nodes/{id}: name, description, Enabled/Paused (no infrastructure change). */
export async function patchNode(ctx: RequestContext) {
  const body = decodeBody(ctx.rawBody, { status: 'string', name: 'string', description: 'string' });
  if (body.status !== undefined && body.status !== 'Enabled' && body.status !== 'Paused') {
    throw new ApiError(400, Msg.invalidStatus);
  }
  if (body.status === undefined && body.name === undefined && body.description === undefined) {
    throw new ApiError(400, Msg.unmarshaling);
  }
  const node = await findNode(ctx);
  if (!(await canAdministerNode(ctx.deps, ctx.claims.user_claim.NodeId, node))) throw new ApiError(403, Msg.forbidden);
  if (body.status !== undefined && node.status === 'Pending') throw new ApiError(400, Msg.nodePending);
  if (body.status !== undefined && node.status === 'Destroying') throw new ApiError(400, Msg.nodeDestroying);
  if (body.status === 'Enabled' && (await ctx.deps.store.accounts.get(node.accountUuid))?.status === 'Paused') {
    throw new ApiError(400, Msg.enableWhilePaused);
  }
  const status = body.status as 'Enabled' | 'Paused' | undefined;
  const updated = await ctx.deps.store.nodes.update(node.uuid, {
    status,
    name: body.name,
    description: body.description,
  });
  if (!updated) throw new ApiError(404, Msg.notFound);
  return json(200, nodeView(updated, { status: updated.status }));
}

/** DELETE /compute-nodes/{id}: Destroying, then the destroy job. */
export async function deleteNode(ctx: RequestContext) {
  const node = await findNode(ctx);
  await requireManager(ctx, node);
  const job = await ctx.deps.store.jobs.get(node.uuid);
  // Deleting twice starts nothing new: the first destroy is still the outstanding job.
  if (node.status !== 'Destroying' || job?.action !== 'delete') {
    await startJob(ctx, node, 'delete', { status: 'Destroying', statusReason: '' });
  }
  return json(202, { message: 'Compute node deletion initiated' });
}

/** POST /compute-nodes/{id}/update-config: new GPU, LLM and session settings, re-provisioned. */
export async function updateConfig(ctx: RequestContext) {
  const body = decodeBody(ctx.rawBody, {
    maxGpuInstances: 'int',
    gpuTier: 'string',
    enableLLMAccess: 'boolean',
    maxInteractiveSessions: 'int',
  });
  const { maxGpuInstances, gpuTier, enableLLMAccess, maxInteractiveSessions } = body;
  if ([maxGpuInstances, gpuTier, enableLLMAccess, maxInteractiveSessions].every((v) => v === undefined)) {
    throw new ApiError(400, Msg.unmarshaling);
  }
  if ((maxGpuInstances ?? 0) < 0 || (maxInteractiveSessions ?? 0) < 0) throw new ApiError(400, Msg.badRequest);
  if (gpuTier !== undefined && !GPU_TIERS.includes(gpuTier)) throw new ApiError(400, Msg.badRequest);
  const node = await findNode(ctx);
  if (node.status === 'Pending' || node.status === 'Destroying') throw new ApiError(400, Msg.nodePending);
  await requireManager(ctx, node);
  await startJob(ctx, node, 'update', { maxGpuInstances, gpuTier, enableLLMAccess, maxInteractiveSessions });
  return json(202, { message: 'Config updated, re-provisioning initiated' });
}
