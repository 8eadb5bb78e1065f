// The sandbox's route table: every route with its literal path, so that any route can be found by
// searching for its path. Production's handler names (account handlers prefix their error text
// with them), error styles and gateway auth as in production; docs/sandbox.md lists the same
// table, and test/unit/backend/api/routeDocs.test.ts keeps the two equal.

import * as accounts from './accounts';
import * as authentication from './authentication';
import * as nodes from './computeNodes';
import * as directory from './directory';
import * as interactive from './interactive';
import * as quotas from './llmQuotas';
import * as usage from './llmUsage';
import type { Route } from './http';
import * as changes from './nodeChanges';
import * as settings from './nodeSettings';
import * as organization from './organization';
import * as permissions from './permissions';
import * as platform from './reference';
import * as secrets from './secrets';
import * as workspaces from './workspaces';

const account = { style: 'account', auth: 'token' } as const;
const compute = { style: 'compute', auth: 'token' } as const;
const computeInWorkspace = { style: 'compute', auth: 'workspace' } as const;

export const allRoutes: readonly Route[] = [
  { ...account, method: 'POST', path: '/accounts', handler: 'PostAccountsHandler', handle: accounts.postAccount },
  { ...account, method: 'GET', path: '/accounts', handler: 'GetAccountsHandler', handle: accounts.listAccounts },
  { ...account, method: 'GET', path: '/accounts/{id}', handler: 'GetAccountHandler', handle: accounts.getAccount },
  {
    ...account,
    method: 'PATCH',
    path: '/accounts/{id}',
    handler: 'PatchAccountHandler',
    handle: accounts.patchAccount,
  },
  {
    ...account,
    method: 'DELETE',
    path: '/accounts/{id}',
    handler: 'DeleteAccountHandler',
    handle: accounts.deleteAccount,
  },
  {
    ...account,
    auth: 'workspace',
    method: 'POST',
    path: '/accounts/{uuid}/workspaces',
    handler: 'PostAccountWorkspaceEnablementHandler',
    handle: workspaces.enableWorkspace,
  },
  {
    ...account,
    method: 'DELETE',
    path: '/accounts/{uuid}/workspaces/{workspaceId}',
    handler: 'DeleteAccountWorkspaceEnablementHandler',
    handle: workspaces.disableWorkspace,
  },

  { ...compute, method: 'POST', path: '/compute-nodes', handler: 'PostComputeNodesHandler', handle: nodes.createNode },
  { ...compute, method: 'GET', path: '/compute-nodes', handler: 'GetComputesNodesHandler', handle: nodes.listNodes },
  { ...compute, method: 'GET', path: '/compute-nodes/{id}', handler: 'GetComputeNodeHandler', handle: nodes.getNode },
  { ...compute, method: 'PUT', path: '/compute-nodes/{id}', handler: 'PutComputeNodeHandler', handle: changes.putNode },
  {
    ...compute,
    method: 'PATCH',
    path: '/compute-nodes/{id}',
    handler: 'PatchComputeNodeHandler',
    handle: changes.patchNode,
  },
  {
    ...compute,
    method: 'DELETE',
    path: '/compute-nodes/{id}',
    handler: 'DeleteComputeNodeHandler',
    handle: changes.deleteNode,
  },
  {
    ...compute,
    method: 'POST',
    path: '/compute-nodes/{id}/update-config',
    handler: 'PostUpdateConfigHandler',
    handle: changes.updateConfig,
  },

  {
    ...compute,
    method: 'GET',
    path: '/compute-nodes/{id}/permissions',
    handler: 'GetNodePermissionsHandler',
    handle: permissions.getPermissions,
  },
  {
    ...compute,
    method: 'PUT',
    path: '/compute-nodes/{id}/permissions',
    handler: 'SetNodeAccessScopeHandler',
    handle: permissions.setScope,
  },
  {
    ...compute,
    method: 'POST',
    path: '/compute-nodes/{id}/permissions/users',
    handler: 'GrantUserAccessHandler',
    handle: permissions.grantUser,
  },
  {
    ...compute,
    method: 'DELETE',
    path: '/compute-nodes/{id}/permissions/users/{userId}',
    handler: 'RevokeUserAccessHandler',
    handle: permissions.revokeUser,
  },
  {
    ...compute,
    method: 'POST',
    path: '/compute-nodes/{id}/permissions/teams',
    handler: 'GrantTeamAccessHandler',
    handle: permissions.grantTeam,
  },
  {
    ...compute,
    method: 'DELETE',
    path: '/compute-nodes/{id}/permissions/teams/{teamId}',
    handler: 'RevokeTeamAccessHandler',
    handle: permissions.revokeTeam,
  },
  {
    ...computeInWorkspace,
    method: 'POST',
    path: '/compute-nodes/{id}/organization',
    handler: 'AttachNodeToOrganizationHandler',
    handle: organization.attach,
  },
  {
    ...compute,
    method: 'DELETE',
    path: '/compute-nodes/{id}/organization',
    handler: 'DetachNodeFromOrganizationHandler',
    handle: organization.detach,
  },

  {
    ...compute,
    method: 'PATCH',
    path: '/compute-nodes/{id}/secrets',
    handler: 'PutSecretsHandler',
    handle: secrets.putSecrets,
  },
  {
    ...compute,
    method: 'GET',
    path: '/compute-nodes/{id}/secrets',
    handler: 'GetSecretsHandler',
    handle: secrets.getSecrets,
  },
  {
    ...compute,
    method: 'DELETE',
    path: '/compute-nodes/{id}/secrets',
    handler: 'DeleteSecretsHandler',
    handle: secrets.removeSecrets,
  },
  {
    ...compute,
    method: 'PATCH',
    path: '/compute-nodes/{id}/shared-secrets',
    handler: 'PutSharedSecretsHandler',
    handle: secrets.putSharedSecrets,
  },
  {
    ...compute,
    method: 'GET',
    path: '/compute-nodes/{id}/shared-secrets',
    handler: 'GetSharedSecretsHandler',
    handle: secrets.getSharedSecrets,
  },
  {
    ...compute,
    method: 'DELETE',
    path: '/compute-nodes/{id}/shared-secrets',
    handler: 'DeleteSharedSecretsHandler',
    handle: secrets.removeSharedSecrets,
  },
  {
    ...compute,
    method: 'PUT',
    path: '/compute-nodes/{id}/allowed-processors',
    handler: 'PutAllowedProcessorsHandler',
    handle: settings.putAllowedProcessors,
  },
  {
    ...compute,
    method: 'GET',
    path: '/compute-nodes/{id}/allowed-processors',
    handler: 'GetAllowedProcessorsHandler',
    handle: settings.getAllowedProcessors,
  },
  {
    ...compute,
    method: 'PUT',
    path: '/compute-nodes/{id}/llm-config',
    handler: 'PutLLMConfigHandler',
    handle: settings.putLlmConfig,
  },
  {
    ...compute,
    method: 'GET',
    path: '/compute-nodes/{id}/llm-config',
    handler: 'GetLLMConfigHandler',
    handle: settings.getLlmConfig,
  },
  {
    ...compute,
    method: 'GET',
    path: '/compute-nodes/{id}/user-quotas',
    handler: 'ListChatUserQuotasHandler',
    handle: quotas.listQuotas,
  },
  {
    ...compute,
    method: 'PUT',
    path: '/compute-nodes/{id}/user-quotas/{userId}',
    handler: 'PutChatUserQuotaHandler',
    handle: quotas.putQuota,
  },
  {
    ...compute,
    method: 'GET',
    path: '/compute-nodes/{id}/user-quotas/{userId}',
    handler: 'GetChatUserQuotaHandler',
    handle: quotas.getQuota,
  },
  {
    ...compute,
    method: 'DELETE',
    path: '/compute-nodes/{id}/user-quotas/{userId}',
    handler: 'DeleteChatUserQuotaHandler',
    handle: quotas.deleteQuota,
  },
  {
    ...compute,
    method: 'GET',
    path: '/compute-nodes/{id}/user-quotas/{userId}/effective',
    handler: 'GetChatUserEffectiveQuotaHandler',
    handle: usage.effectiveQuota,
  },
  {
    ...compute,
    method: 'GET',
    path: '/compute-nodes/{id}/user-usage/{userId}',
    handler: 'GetChatUserUsageHandler',
    handle: usage.userUsage,
  },

  {
    ...compute,
    method: 'POST',
    path: '/app-store/access',
    handler: 'PostAppStoreAccessHandler',
    handle: platform.appStoreAccess,
  },
  {
    ...computeInWorkspace,
    method: 'GET',
    path: '/gpu-tiers',
    handler: 'GetGPUTiersHandler',
    handle: platform.gpuTiers,
  },
  { ...compute, method: 'GET', path: '/role-policy', handler: 'GetRolePolicyHandler', handle: platform.rolePolicy },
  {
    ...compute,
    auth: 'none',
    method: 'GET',
    path: '/interactive/jwks',
    handler: 'GetJWKSHandler',
    handle: interactive.jwks,
  },

  // Sign-in (production: api.pennsieve.io), public; with --auth cognito only.
  {
    ...compute,
    auth: 'none',
    method: 'GET',
    path: '/authentication/cognito-config',
    handler: 'CognitoConfig',
    handle: authentication.cognitoConfig,
  },

  // Pennsieve's main-API directory (production: api.pennsieve.io), from the identities file.
  { ...compute, method: 'GET', path: '/user', handler: 'UserController.getCurrentUser', handle: directory.currentUser },
  {
    ...compute,
    method: 'GET',
    path: '/user/',
    handler: 'UserController.getCurrentUser',
    handle: directory.currentUser,
  },
  {
    ...compute,
    method: 'GET',
    path: '/organizations',
    handler: 'OrganizationsController.getOrganizations',
    handle: directory.listOrganizations,
  },
  {
    ...compute,
    method: 'GET',
    path: '/organizations/{orgId}',
    handler: 'OrganizationsController.getOrganization',
    handle: directory.getOrganization,
  },
  {
    ...compute,
    method: 'GET',
    path: '/organizations/{orgId}/members',
    handler: 'OrganizationsController.getMembers',
    handle: directory.listMembers,
  },
  {
    ...compute,
    method: 'GET',
    path: '/organizations/{orgId}/teams',
    handler: 'OrganizationsController.getTeams',
    handle: directory.listTeams,
  },
  {
    ...compute,
    method: 'GET',
    path: '/organizations/{orgId}/teams/{teamId}',
    handler: 'OrganizationsController.getTeam',
    handle: directory.getTeam,
  },
  {
    ...compute,
    method: 'GET',
    path: '/organizations/{orgId}/teams/{teamId}/members',
    handler: 'OrganizationsController.getTeamMembers',
    handle: directory.listTeamMembers,
  },
];
