// Per-user LLM quotas of a node (routes 33–36): rows in the Account Service's own quota table,
// `me` for the caller, `__default__` for the node-wide default. The paths are in ./routes.ts.

import { DEFAULT_QUOTA_USER, type ChatUserQuota, type NodeRecord } from '../store/types';
import { decodeBody } from './body';
import { ApiError, json, Msg, type RequestContext } from './http';
import { checkNodeAccess, isAdminWithManageAccess } from './nodeAccess';

/** The literal `userId` that means the caller (production's MeUserSentinel). */
export const ME = 'me';

/** `owner`: NodeOwner or Admin+Public only; `ownerOrSelf`: also the user in the path, if they have access to the node. */
export type QuotaAccess = 'owner' | 'ownerOrSelf';

export interface QuotaContext {
  readonly node: NodeRecord;
  /** The caller. */
  readonly userId: string;
  /** The `{userId}` of the path with `me` resolved; '' on the list route. */
  readonly target: string;
}

/** Production's initQuotaContext: 404, then `me`, then the access check for `mode` (no gateway needed). */
export async function quotaContext(ctx: RequestContext, mode: QuotaAccess): Promise<QuotaContext> {
  const node = await ctx.deps.store.nodes.get(ctx.params.id ?? '');
  if (!node) throw new ApiError(404, Msg.notFound);
  const userId = ctx.claims.user_claim.NodeId;
  const param = ctx.params.userId ?? '';
  const target = param === ME ? userId : param;
  const isOwner = node.userId === userId || (await isAdminWithManageAccess(ctx.deps, userId, node));
  if (!isOwner && mode === 'owner') throw new ApiError(403, Msg.onlyOwnerPermissions);
  if (!isOwner) {
    // A user may read their own row, never the node's default (policy data).
    if (target !== userId || target === DEFAULT_QUOTA_USER) throw new ApiError(403, Msg.forbidden);
    if (!(await checkNodeAccess(ctx.deps, userId, node))) throw new ApiError(403, Msg.forbidden);
  }
  return { node, userId, target };
}

function requireTarget(q: QuotaContext): string {
  if (!q.target) throw new ApiError(400, Msg.missingUserId);
  return q.target;
}

/** GET /compute-nodes/{id}/user-quotas: owner; every row, the default included, `{"quotas":[…]}`. */
export async function listQuotas(ctx: RequestContext) {
  const q = await quotaContext(ctx, 'owner');
  return json(200, { quotas: await ctx.deps.store.quotas.listByNode(q.node.uuid) });
}

/** PUT /compute-nodes/{id}/user-quotas/{userId}: owner; creates or replaces the row (an absent or null axis: no cap of its own). */
export async function putQuota(ctx: RequestContext) {
  const q = await quotaContext(ctx, 'owner');
  const target = requireTarget(q);
  const body = decodeBody(ctx.rawBody, {
    dailyCostUsd: 'number',
    monthlyCostUsd: 'number',
    perWorkflowUsd: 'number',
    notes: 'string',
  });
  const row: ChatUserQuota = {
    computeNodeId: q.node.uuid,
    userId: target,
    dailyCostUsd: body.dailyCostUsd,
    monthlyCostUsd: body.monthlyCostUsd,
    perWorkflowUsd: body.perWorkflowUsd,
    notes: body.notes || undefined,
    updatedBy: q.userId,
    updatedAt: ctx.deps
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z'),
  };
  const stored = Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)) as unknown as ChatUserQuota;
  await ctx.deps.store.quotas.put(stored);
  return json(200, stored);
}

/** GET /compute-nodes/{id}/user-quotas/{userId}: owner, or the user themself (`me`); 404 without a row. */
export async function getQuota(ctx: RequestContext) {
  const q = await quotaContext(ctx, 'ownerOrSelf');
  const row = await ctx.deps.store.quotas.get(q.node.uuid, requireTarget(q));
  if (!row) throw new ApiError(404, Msg.notFound);
  return json(200, row);
}

/** DELETE /compute-nodes/{id}/user-quotas/{userId}: owner; idempotent. */
export async function deleteQuota(ctx: RequestContext) {
  const q = await quotaContext(ctx, 'owner');
  await ctx.deps.store.quotas.delete(q.node.uuid, requireTarget(q));
  return json(200, { message: 'chat user quota deleted' });
}
