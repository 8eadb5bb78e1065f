// Read and set a node's access scope, grant and revoke user and team shares. The paths are in ./routes.ts.

import {
  isIndependent,
  nodeKey,
  teamEntity,
  userEntity,
  workspaceEntity,
  type AccessRecord,
  type EntityType,
  type NodeRecord,
} from '../store/types';
import { decodeBody } from './body';
import { ApiError, json, Msg, type RequestContext } from './http';
import { canAdministerNode, checkNodeAccess } from './nodeAccess';
import { permissionsView } from './views';

const SCOPES = ['private', 'workspace', 'shared'] as const;

function accessRow(node: NodeRecord, type: EntityType, rawId: string, ctx: RequestContext): AccessRecord {
  const entityId = type === 'user' ? userEntity(rawId) : type === 'team' ? teamEntity(rawId) : workspaceEntity(rawId);
  return {
    entityId,
    nodeId: nodeKey(node.uuid),
    entityType: type,
    entityRawId: rawId,
    nodeUuid: node.uuid,
    accessType: type === 'workspace' ? 'workspace' : rawId === node.userId ? 'owner' : 'shared',
    organizationId: node.organizationId,
    grantedAt: ctx.deps.now().toISOString(),
    grantedBy: ctx.claims.user_claim.NodeId,
  };
}

async function findNode(ctx: RequestContext, missing: string = Msg.notFound): Promise<NodeRecord> {
  const node = await ctx.deps.store.nodes.get(ctx.params.id ?? '');
  if (!node) throw new ApiError(404, missing);
  return node;
}

async function requireAdministrator(ctx: RequestContext, node: NodeRecord): Promise<void> {
  if (!(await canAdministerNode(ctx.deps, ctx.claims.user_claim.NodeId, node))) {
    throw new ApiError(403, Msg.onlyOwnerPermissions);
  }
}

function requireExists(ctx: RequestContext, type: 'user' | 'team', id: string): void {
  const exists = type === 'user' ? ctx.deps.directory.userExists(id) : ctx.deps.directory.teamExists(id);
  if (!exists) throw new ApiError(400, `${type === 'user' ? 'User' : 'Team'} ${id} does not exist`, 'error');
}

/** GET /compute-nodes/{id}/permissions: scope, owner and shares. */
export async function getPermissions(ctx: RequestContext) {
  const { store, directory } = ctx.deps;
  const node = await findNode(ctx, Msg.noRecords);
  const [allowed, rows] = await Promise.all([
    checkNodeAccess(ctx.deps, ctx.claims.user_claim.NodeId, node),
    store.access.listByNode(node.uuid),
  ]);
  if (!allowed) throw new ApiError(403, Msg.forbidden);
  // Side effects as in production: drop rows of users and teams that no longer exist, and heal a missing owner row.
  const stale = rows.filter(
    (r) =>
      (r.entityType === 'user' && !directory.userExists(r.entityRawId)) ||
      (r.entityType === 'team' && !directory.teamExists(r.entityRawId)),
  );
  const hasOwner = rows.some((r) => r.accessType === 'owner');
  const heal = hasOwner ? [] : [accessRow(node, 'user', node.userId, ctx)];
  if (stale.length || heal.length)
    await store.access.change(node.uuid, { remove: stale.map((r) => r.entityId), put: heal });
  return json(200, permissionsView(node, [...rows.filter((r) => !stale.includes(r)), ...heal]));
}

/** PUT /compute-nodes/{id}/permissions: private, workspace or shared. */
export async function setScope(ctx: RequestContext) {
  const body = decodeBody(ctx.rawBody, {
    accessScope: 'string',
    sharedWithUsers: 'strings',
    sharedWithTeams: 'strings',
  });
  const scope = SCOPES.find((s) => s === body.accessScope);
  if (!scope) throw new ApiError(400, Msg.invalidScope);
  const node = await findNode(ctx);
  await requireAdministrator(ctx, node);
  if (isIndependent(node.organizationId) && scope !== 'private') throw new ApiError(400, Msg.independentNotShared);
  const lists = scope === 'shared' && (body.sharedWithUsers || body.sharedWithTeams);
  for (const id of body.sharedWithUsers ?? []) requireExists(ctx, 'user', id);
  for (const id of body.sharedWithTeams ?? []) requireExists(ctx, 'team', id);

  const rows = await ctx.deps.store.access.listByNode(node.uuid);
  const wanted: AccessRecord[] = [];
  if (!rows.some((r) => r.accessType === 'owner')) wanted.push(accessRow(node, 'user', node.userId, ctx));
  if (scope === 'workspace') wanted.push(accessRow(node, 'workspace', node.organizationId, ctx));
  if (lists) {
    for (const id of body.sharedWithUsers ?? []) if (id !== node.userId) wanted.push(accessRow(node, 'user', id, ctx));
    for (const id of body.sharedWithTeams ?? []) wanted.push(accessRow(node, 'team', id, ctx));
  }
  const wantedIds = new Set(wanted.map((r) => r.entityId));
  const remove = rows.filter((r) => {
    if (r.accessType === 'owner' || wantedIds.has(r.entityId)) return false;
    if (r.entityType === 'workspace') return scope !== 'workspace';
    // Shares: private drops them all; a shared scope with lists replaces them; otherwise they stay.
    return scope === 'private' || Boolean(lists);
  });
  const put = wanted.filter((w) => !rows.some((r) => r.entityId === w.entityId));
  await ctx.deps.store.access.change(node.uuid, { remove: remove.map((r) => r.entityId), put });
  return json(200, permissionsView(node, await ctx.deps.store.access.listByNode(node.uuid)));
}

function grantResult(node: NodeRecord, type: 'user' | 'team', id: string, action: 'granted' | 'revoked') {
  const message =
    action === 'granted'
      ? `Successfully granted access to ${type} ${id}`
      : `Successfully revoked access from ${type} ${id}`;
  return { message, nodeUuid: node.uuid, action, entityType: type, entityId: id };
}

function grant(type: 'user' | 'team') {
  return async (ctx: RequestContext) => {
    const body = decodeBody(ctx.rawBody, { userId: 'string', teamId: 'string' });
    const id = (type === 'user' ? body.userId : body.teamId) ?? '';
    if (!id) throw new ApiError(400, type === 'user' ? Msg.missingUserId : Msg.missingTeamId);
    const node = await findNode(ctx);
    await requireAdministrator(ctx, node);
    if (isIndependent(node.organizationId)) throw new ApiError(400, Msg.independentNotShared);
    if (!ctx.deps.directory.authorize(ctx.claims.user_claim.NodeId, node.organizationId).isAuthorized) {
      throw new ApiError(
        403,
        `You are not a member of the workspace where this node belongs. To manage permissions, you must either: (1) detach the node from the workspace by setting its access scope to 'private' using PUT /compute-nodes/${node.uuid}/permissions with {"accessScope": "private"}, or (2) delete the node using DELETE /compute-nodes/${node.uuid}`,
        'error',
      );
    }
    requireExists(ctx, type, id);
    // Granting the owner a share would overwrite the owner row; the owner already has access.
    if (!(type === 'user' && id === node.userId)) await ctx.deps.store.access.put(accessRow(node, type, id, ctx));
    return json(201, grantResult(node, type, id, 'granted'));
  };
}

function revoke(type: 'user' | 'team') {
  return async (ctx: RequestContext) => {
    const id = (type === 'user' ? ctx.params.userId : ctx.params.teamId) ?? '';
    if (!id) throw new ApiError(400, type === 'user' ? Msg.missingUserId : Msg.missingTeamId);
    const node = await findNode(ctx);
    await requireAdministrator(ctx, node);
    if (type === 'user' && id === node.userId) throw new ApiError(400, Msg.cannotRevokeOwner);
    await ctx.deps.store.access.delete(type === 'user' ? userEntity(id) : teamEntity(id), node.uuid);
    return json(200, grantResult(node, type, id, 'revoked'));
  };
}

/** POST /compute-nodes/{id}/permissions/users: shares the node with a user. */
export const grantUser = grant('user');
/** DELETE /compute-nodes/{id}/permissions/users/{userId}: revokes a user's share. */
export const revokeUser = revoke('user');
/** POST /compute-nodes/{id}/permissions/teams: shares the node with a team. */
export const grantTeam = grant('team');
/** DELETE /compute-nodes/{id}/permissions/teams/{teamId}: revokes a team's share. */
export const revokeTeam = revoke('team');
