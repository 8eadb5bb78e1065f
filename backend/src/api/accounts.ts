// Routes 1–5: register, list, read, update and delete customer AWS accounts (reference §3.2).

import { randomUUID } from 'node:crypto';
import { isOrgAdmin } from '../auth/directory';
import type { AccountRecord, AccountStatus, NodeStatus } from '../store/types';
import { decodeBody } from './body';
import { ApiError, json, Msg, type RequestContext, type Route } from './http';
import { accountView, enablementView } from './views';

/** Pausing an account pauses these nodes; Pending and Destroying ones are left to their running job. */
const PAUSABLE: readonly NodeStatus[] = ['Enabled', 'Failed'];

async function ownedAccount(ctx: RequestContext, missing: string): Promise<AccountRecord> {
  const account = await ctx.deps.store.accounts.get(ctx.params.id ?? '');
  if (!account) throw new ApiError(404, missing);
  if (account.userId !== ctx.claims.user_claim.NodeId) throw new ApiError(403, Msg.notAccountOwner);
  return account;
}

async function postAccount(ctx: RequestContext) {
  const body = decodeBody(ctx.rawBody, {
    accountId: 'string',
    accountType: 'string',
    roleName: 'string',
    externalId: 'string',
    name: 'string',
    description: 'string',
  });
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

async function listAccounts(ctx: RequestContext) {
  const { store, directory } = ctx.deps;
  const caller = ctx.claims.user_claim.NodeId;
  let accounts = await store.accounts.listByUser(caller);
  const org = ctx.query.get('organization_id');
  if (org) {
    const enablements = await store.workspaces.listByWorkspace(org);
    const enabled = new Set(enablements.map((e) => e.accountUuid));
    accounts = accounts.filter((a) => enabled.has(a.uuid));
    const owned = new Set(accounts.map((a) => a.uuid));
    const publicNotOwned = [...new Set(enablements.filter((e) => e.isPublic && !owned.has(e.accountUuid)).map((e) => e.accountUuid))];
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
    withWorkspaces.push(enablements.length ? { ...accountView(account), enabledWorkspaces: enablements } : accountView(account));
  }
  return json(200, withWorkspaces);
}

async function getAccount(ctx: RequestContext) {
  return json(200, accountView(await ownedAccount(ctx, Msg.noRecords)));
}

async function patchAccount(ctx: RequestContext) {
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

async function deleteAccount(ctx: RequestContext) {
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

const common = { style: 'account', auth: 'token' } as const;

export const accountRoutes: readonly Route[] = [
  { ...common, method: 'POST', path: '/accounts', handler: 'PostAccountsHandler', handle: postAccount },
  { ...common, method: 'GET', path: '/accounts', handler: 'GetAccountsHandler', handle: listAccounts },
  { ...common, method: 'GET', path: '/accounts/{id}', handler: 'GetAccountHandler', handle: getAccount },
  { ...common, method: 'PATCH', path: '/accounts/{id}', handler: 'PatchAccountHandler', handle: patchAccount },
  { ...common, method: 'DELETE', path: '/accounts/{id}', handler: 'DeleteAccountHandler', handle: deleteAccount },
];
