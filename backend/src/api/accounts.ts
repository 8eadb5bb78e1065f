// Register, list, read, update and delete customer AWS accounts. The paths are in ./routes.ts.

import { randomUUID } from 'node:crypto';
import { isOrgAdmin } from '../auth/directory';
import type { AccountRecord, AccountStatus, NodeStatus } from '../store/types';
import { decodeBody } from './body';
import { ApiError, json, Msg, type RequestContext } from './http';
import { accountView, enablementView } from './views';

/** Pausing an account pauses these nodes; Pending and Destroying ones are left to their running job. */
const PAUSABLE: readonly NodeStatus[] = ['Enabled', 'Failed'];

async function ownedAccount(ctx: RequestContext, missing: string): Promise<AccountRecord> {
  const account = await ctx.deps.store.accounts.get(ctx.params.id ?? '');
  if (!account) throw new ApiError(404, missing);
  if (account.userId !== ctx.claims.user_claim.NodeId) throw new ApiError(403, Msg.notAccountOwner);
  return account;
}

/** The AWS account id and role an account is provisioned through: required here (production checks nothing). */
const AWS_ACCOUNT_ID = /^\d{12}$/;

/** POST /accounts: registers the caller's AWS account. */
export async function postAccount(ctx: RequestContext) {
  if (ctx.rawBody.trim() === 'null') throw new ApiError(400, Msg.unmarshaling);
  const body = decodeBody(ctx.rawBody, {
    accountId: 'string',
    accountType: 'string',
    roleName: 'string',
    externalId: 'string',
    name: 'string',
    description: 'string',
  });
  if (!AWS_ACCOUNT_ID.test(body.accountId ?? '') || !body.roleName) throw new ApiError(400, Msg.accountFieldsRequired);
  const account: AccountRecord = {
    uuid: randomUUID(),
    accountId: body.accountId ?? '',
    accountType: body.accountType ?? '',
    roleName: body.roleName ?? '',
    externalId: body.externalId ?? '',
    userId: ctx.claims.user_claim.NodeId,
    name: body.name ?? '',
    description: body.description ?? '',
    status: 'Enabled',
  };
  if (!(await ctx.deps.store.accounts.create(account))) throw new ApiError(422, Msg.recordExists);
  return json(201, { uuid: account.uuid });
}

/** GET /accounts: the caller's accounts (`?organization_id=`, `?includeWorkspaces=true`). */
export async function listAccounts(ctx: RequestContext) {
  const { store, directory } = ctx.deps;
  const caller = ctx.claims.user_claim.NodeId;
  let accounts = await store.accounts.listByUser(caller);
  const org = ctx.query.get('organization_id');
  if (org) {
    const enablements = await store.workspaces.listByWorkspace(org);
    const enabled = new Set(enablements.map((e) => e.accountUuid));
    accounts = accounts.filter((a) => enabled.has(a.uuid));
    const owned = new Set(accounts.map((a) => a.uuid));
    const publicNotOwned = [
      ...new Set(enablements.filter((e) => e.isPublic && !owned.has(e.accountUuid)).map((e) => e.accountUuid)),
    ];
    if (publicNotOwned.length > 0 && isOrgAdmin(directory.authorize(caller, org).claims)) {
      for (const uuid of publicNotOwned) {
        const account = await store.accounts.get(uuid);
        if (account) accounts.push(account);
      }
    }
  }
  if (ctx.query.get('includeWorkspaces') !== 'true') return json(200, accounts.map(accountView));
  // Production marshals a nil slice here: no accounts gives `null`, not `[]`.
  if (accounts.length === 0) return json(200, null);
  const withWorkspaces = [];
  for (const account of accounts) {
    const enablements = (await store.workspaces.listByAccount(account.uuid)).map(enablementView);
    withWorkspaces.push(
      enablements.length ? { ...accountView(account), enabledWorkspaces: enablements } : accountView(account),
    );
  }
  return json(200, withWorkspaces);
}

/** GET /accounts/{id}: one account of the caller. */
export async function getAccount(ctx: RequestContext) {
  return json(200, accountView(await ownedAccount(ctx, Msg.noRecords)));
}

/** PATCH /accounts/{id}: status, name, description; pausing pauses the nodes. */
export async function patchAccount(ctx: RequestContext) {
  const body = decodeBody(ctx.rawBody, { status: 'string', name: 'string', description: 'string' });
  if (body.status !== undefined && body.status !== 'Enabled' && body.status !== 'Paused') {
    throw new ApiError(400, Msg.invalidStatus);
  }
  if (body.status === undefined && body.name === undefined && body.description === undefined) {
    throw new ApiError(400, Msg.unmarshaling);
  }
  const account = await ownedAccount(ctx, Msg.notFound);
  const pauseFrom = body.status === 'Paused' ? PAUSABLE : [];
  const patch = { status: body.status as AccountStatus | undefined, name: body.name, description: body.description };
  const updated = await ctx.deps.store.accounts.update(account.uuid, patch, pauseFrom);
  if (!updated) throw new ApiError(404, Msg.notFound);
  return json(200, accountView(updated));
}

/** DELETE /accounts/{id}: the account and its enablements (`?force=true`: and its nodes). */
export async function deleteAccount(ctx: RequestContext) {
  const account = await ownedAccount(ctx, Msg.noRecords);
  const nodes = await ctx.deps.store.nodes.listByAccount(account.uuid);
  if (nodes.length > 0 && ctx.query.get('force') !== 'true') {
    throw new ApiError(409, `account has ${nodes.length} active compute nodes and 0 active storage nodes`, 'error', {
      nodeCount: nodes.length,
      storageNodeCount: 0,
    });
  }
  await ctx.deps.store.accounts.delete(account.uuid, nodes.length > 0);
  for (const node of nodes) ctx.deps.jobs.cancel(node.uuid);
  const { uuid, accountId, accountType, roleName, externalId, userId } = account;
  return json(200, { uuid, accountId, accountType, roleName, externalId, userId });
}
