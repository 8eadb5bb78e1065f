// Who may see and manage a node (docs/sandbox.md, "Who may do what"), with "INDEPENDENT" and "" treated alike.

import { isOrgAdmin } from '../auth/directory';
import { isIndependent, teamEntity, userEntity, workspaceEntity, type NodeRecord } from '../store/types';
import type { ApiDeps } from './http';

/**
 * Admin+Public (`checkAdminManageAccess`): the node belongs to an organization in which the caller
 * has Role ≥ 16, and the node's account is enabled there with `isPublic`.
 */
export async function isAdminWithManageAccess(deps: ApiDeps, userNodeId: string, node: NodeRecord): Promise<boolean> {
  if (isIndependent(node.organizationId)) return false;
  const auth = deps.directory.authorize(userNodeId, node.organizationId);
  if (!auth.isAuthorized || !isOrgAdmin(auth.claims)) return false;
  const enablement = await deps.store.workspaces.get(node.accountUuid, node.organizationId);
  return enablement?.isPublic === true;
}

/** CheckNodeAccess: a direct user row; else, for an org node, admin+public, the workspace row or a team row. */
export async function checkNodeAccess(deps: ApiDeps, userNodeId: string, node: NodeRecord): Promise<boolean> {
  if (await deps.store.access.get(userEntity(userNodeId), node.uuid)) return true;
  if (isIndependent(node.organizationId)) return false;
  const auth = deps.directory.authorize(userNodeId, node.organizationId);
  if (!auth.isAuthorized) return false;
  if (isOrgAdmin(auth.claims)) {
    const enablement = await deps.store.workspaces.get(node.accountUuid, node.organizationId);
    if (enablement?.isPublic) return true;
  }
  if (await deps.store.access.get(workspaceEntity(node.organizationId), node.uuid)) return true;
  for (const team of auth.claims?.team_claims ?? []) {
    if (await deps.store.access.get(teamEntity(team.NodeId), node.uuid)) return true;
  }
  return false;
}

/** NodeOwner or AcctOwner or Admin+Public: who may PUT, DELETE and update-config a node. */
export async function canManageNode(deps: ApiDeps, userNodeId: string, node: NodeRecord): Promise<boolean> {
  if (node.userId === userNodeId) return true;
  const account = await deps.store.accounts.get(node.accountUuid);
  if (account?.userId === userNodeId) return true;
  return isAdminWithManageAccess(deps, userNodeId, node);
}

/** NodeOwner or Admin+Public: who may PATCH a node and change its permissions. */
export async function canAdministerNode(deps: ApiDeps, userNodeId: string, node: NodeRecord): Promise<boolean> {
  return node.userId === userNodeId || isAdminWithManageAccess(deps, userNodeId, node);
}
