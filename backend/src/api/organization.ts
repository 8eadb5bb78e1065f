// Attach an organization-independent node to an organization, and detach it. The paths are in ./routes.ts.

import { INDEPENDENT, isIndependent, nodeKey, userEntity, type NodeRecord } from '../store/types';
import { ApiError, json, Msg, type RequestContext } from './http';

async function findNode(ctx: RequestContext): Promise<NodeRecord> {
  const node = await ctx.deps.store.nodes.get(ctx.params.id ?? '');
  if (!node) throw new ApiError(404, Msg.notFound);
  return node;
}

function result(node: NodeRecord, action: 'attached_to_organization' | 'detached_from_organization', org: string) {
  const message =
    action === 'attached_to_organization'
      ? 'Successfully attached node to organization'
      : 'Successfully detached node from organization';
  return { message, nodeUuid: node.uuid, action, entityType: 'organization', entityId: org };
}

/** The holder of the node's owner row attaches it, once, to the organization of `?organization_id=`. */
/** POST /compute-nodes/{id}/organization: attaches an independent node to `?organization_id=`. */
export async function attach(ctx: RequestContext) {
  const org = ctx.claims.org_claim?.NodeId ?? '';
  if (!org) throw new ApiError(400, Msg.notFound);
  const node = await findNode(ctx);
  const caller = ctx.claims.user_claim.NodeId;
  const row = await ctx.deps.store.access.get(userEntity(caller), node.uuid);
  if (!row || row.accessType !== 'owner') throw new ApiError(403, Msg.forbidden);
  if (!isIndependent(row.organizationId) || !isIndependent(node.organizationId)) {
    throw new ApiError(400, Msg.alreadyAttached);
  }
  // Production rewrites only the owner row; the node record moves with it here, so lists and checks agree.
  await ctx.deps.store.access.change(node.uuid, {
    remove: [],
    put: [{ ...row, organizationId: org }],
    nodePatch: { organizationId: org },
  });
  return json(200, result(node, 'attached_to_organization', org));
}

/** The account owner detaches a node: every share goes, and the node becomes private and independent. */
/** DELETE /compute-nodes/{id}/organization: detaches a node; it becomes private and independent. */
export async function detach(ctx: RequestContext) {
  const node = await findNode(ctx);
  const caller = ctx.claims.user_claim.NodeId;
  const account = await ctx.deps.store.accounts.get(node.accountUuid);
  if (account?.userId !== caller) throw new ApiError(403, Msg.ownerOnlyDetach);
  if (isIndependent(node.organizationId)) throw new ApiError(400, Msg.independentNotShared);
  const rows = await ctx.deps.store.access.listByNode(node.uuid);
  await ctx.deps.store.access.change(node.uuid, {
    remove: rows.map((r) => r.entityId),
    put: [
      {
        entityId: userEntity(node.userId),
        nodeId: nodeKey(node.uuid),
        entityType: 'user',
        entityRawId: node.userId,
        nodeUuid: node.uuid,
        accessType: 'owner',
        organizationId: INDEPENDENT,
        grantedAt: ctx.deps.now().toISOString(),
        grantedBy: caller,
      },
    ],
    nodePatch: { organizationId: INDEPENDENT },
  });
  return json(200, result(node, 'detached_from_organization', ''));
}
