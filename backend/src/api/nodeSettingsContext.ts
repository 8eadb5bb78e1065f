// What every gateway-backed node route does first (production's initSecretsContext): find the node,
// check the caller, require a gateway URL, and find the account whose role the gateway acts with.

import { GatewayError, type GatewayTarget } from '../gateway/computeGateway';
import type { NodeRecord } from '../store/types';
import { ApiError, Msg, type RequestContext } from './http';
import { canAdministerNode, checkNodeAccess } from './nodeAccess';

/** `owner`: NodeOwner or Admin+Public; `access`: anyone with access to the node (CheckNodeAccess). */
export type SettingsAccess = 'owner' | 'access';

export interface SettingsContext extends GatewayTarget {
  /** The caller, `N:user:…`. */
  readonly userId: string;
}

/** The node of `{id}`, checked for the caller: 404 `not found`, then 403, as production orders them. */
export async function nodeForSettings(ctx: RequestContext, access: SettingsAccess): Promise<NodeRecord> {
  const node = await ctx.deps.store.nodes.get(ctx.params.id ?? '');
  if (!node) throw new ApiError(404, Msg.notFound);
  const userId = ctx.claims.user_claim.NodeId;
  if (access === 'owner' && !(await canAdministerNode(ctx.deps, userId, node)))
    throw new ApiError(403, Msg.onlyOwnerPermissions);
  if (access === 'access' && !(await checkNodeAccess(ctx.deps, userId, node))) throw new ApiError(403, Msg.forbidden);
  return node;
}

/** The checked node and its account; 400 `bad request` while the node has no gateway (not provisioned). */
export async function settingsContext(ctx: RequestContext, access: SettingsAccess): Promise<SettingsContext> {
  const node = await nodeForSettings(ctx, access);
  if (!node.computeNodeGatewayUrl) throw new ApiError(400, Msg.badRequest);
  const account = await ctx.deps.store.accounts.get(node.accountUuid);
  if (!account) throw new ApiError(500, Msg.dynamo);
  return { node, account, userId: ctx.claims.user_claim.NodeId };
}

/** Runs a gateway call; its failure is production's 500 (`error loading AWS config` when the role cannot be assumed). */
export async function viaGateway<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof GatewayError)
      throw new ApiError(500, err.kind === 'credentials' ? Msg.awsConfig : Msg.provisionerRequest);
    throw err;
  }
}
