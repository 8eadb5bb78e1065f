// Enable an account for a workspace (organization) and remove that enablement. The paths are in ./routes.ts.

import type { EnablementRecord } from '../store/types';
import { decodeBody } from './body';
import { ApiError, empty, json, Msg, type RequestContext } from './http';
import { enablementView } from './views';

async function ownAccount(ctx: RequestContext) {
  const account = await ctx.deps.store.accounts.get(ctx.params.uuid ?? '');
  if (!account) throw new ApiError(404, Msg.accountNotFound);
  if (account.userId !== ctx.claims.user_claim.NodeId) throw new ApiError(403, Msg.notAccountOwner);
  return account;
}

/** POST /accounts/{uuid}/workspaces: enables the account for `?organization_id=`. */
export async function enableWorkspace(ctx: RequestContext) {
  const body = decodeBody(ctx.rawBody, { isPublic: 'boolean', enableCompute: 'boolean', enableStorage: 'boolean' });
  const account = await ownAccount(ctx);
  // Workspace auth: the organization is the one the authorizer checked, i.e. ?organization_id=.
  const org = ctx.claims.org_claim?.NodeId ?? '';
  const enablement: EnablementRecord = {
    accountUuid: account.uuid,
    workspaceId: org,
    isPublic: body.isPublic ?? false,
    enableCompute: body.enableCompute ?? false,
    enableStorage: body.enableStorage ?? false,
    enabledBy: ctx.claims.user_claim.NodeId,
    enabledAt: Math.floor(ctx.deps.now().getTime() / 1000),
  };
  if (!(await ctx.deps.store.workspaces.create(enablement))) throw new ApiError(422, Msg.alreadyEnabled);
  return json(201, enablementView(enablement));
}

/** DELETE /accounts/{uuid}/workspaces/{workspaceId}: removes an enablement without nodes. */
export async function disableWorkspace(ctx: RequestContext) {
  const workspaceId = ctx.params.workspaceId ?? '';
  if (!workspaceId) throw new ApiError(400, Msg.missingWorkspaceId);
  const account = await ownAccount(ctx);
  if (!(await ctx.deps.store.workspaces.get(account.uuid, workspaceId)))
    throw new ApiError(404, Msg.enablementNotFound);
  const nodes = await ctx.deps.store.nodes.listByAccount(account.uuid);
  if (nodes.some((n) => n.organizationId === workspaceId)) throw new ApiError(409, Msg.workspaceHasNodes);
  await ctx.deps.store.workspaces.delete(account.uuid, workspaceId);
  return empty(204);
}
