// User secrets and shared secrets of a node (routes 23–28): key names out, values in, values kept
// only in the customer account's Secrets Manager through the emulated gateway. The paths are in ./routes.ts.

import type { SecretScope } from '../gateway/computeGateway';
import { ApiError, json, Msg, type RequestContext } from './http';
import { settingsContext, viaGateway, type SettingsAccess } from './nodeSettingsContext';
import { decodeSecrets, validateSecrets } from './secretRules';

/** User secrets: anyone with access, each their own. Shared secrets: read by anyone with access, changed by the owner. */
function access(scope: SecretScope, change: boolean): SettingsAccess {
  return scope === 'shared' && change ? 'owner' : 'access';
}

const label = (scope: SecretScope) => (scope === 'shared' ? 'shared secrets' : 'secrets');

function listKeys(scope: SecretScope) {
  return async (ctx: RequestContext) => {
    const c = await settingsContext(ctx, access(scope, false));
    const keys = await viaGateway(() => ctx.deps.gateway.secretKeys(c, scope, c.userId));
    return json(200, { keys });
  };
}

function patchSecrets(scope: SecretScope) {
  return async (ctx: RequestContext) => {
    const c = await settingsContext(ctx, access(scope, true));
    const secrets = decodeSecrets(ctx.rawBody);
    validateSecrets(secrets);
    await viaGateway(() => ctx.deps.gateway.putSecrets(c, scope, c.userId, secrets));
    return json(200, { message: `${label(scope)} updated` });
  };
}

function deleteSecrets(scope: SecretScope) {
  return async (ctx: RequestContext) => {
    const c = await settingsContext(ctx, access(scope, true));
    const key = ctx.query.get('key') ?? '';
    const all = ctx.query.get('deleteAll') === 'true';
    if (!key && !all) throw new ApiError(400, Msg.badRequest);
    await viaGateway(() => ctx.deps.gateway.deleteSecrets(c, scope, c.userId, all ? undefined : key));
    return json(200, { message: `${label(scope)} deleted` });
  };
}

/** GET /compute-nodes/{id}/secrets: the caller's own secret keys, `{"keys":[…]}`. */
export const getSecrets = listKeys('user');
/** PATCH /compute-nodes/{id}/secrets: adds or replaces the caller's secrets. */
export const putSecrets = patchSecrets('user');
/** DELETE /compute-nodes/{id}/secrets?key=K | ?deleteAll=true. */
export const removeSecrets = deleteSecrets('user');
/** GET /compute-nodes/{id}/shared-secrets: the node's shared secret keys. */
export const getSharedSecrets = listKeys('shared');
/** PATCH /compute-nodes/{id}/shared-secrets: owner or Admin+Public. */
export const putSharedSecrets = patchSecrets('shared');
/** DELETE /compute-nodes/{id}/shared-secrets?key=K | ?deleteAll=true: owner or Admin+Public. */
export const removeSharedSecrets = deleteSecrets('shared');
