// The Pennsieve API as the extension uses it: one object per resource over one client.

import { AccessGrantsApi } from './accessGrants';
import { AccountsApi } from './accounts';
import type { ApiClient } from './client';
import { ComputeNodesApi } from './computeNodes';
import { NodeSettingsApi } from './nodeSettings';

export interface PennsieveApi {
  readonly client: ApiClient;
  readonly accounts: AccountsApi;
  readonly computeNodes: ComputeNodesApi;
  readonly accessGrants: AccessGrantsApi;
  readonly nodeSettings: NodeSettingsApi;
}

export function createPennsieveApi(client: ApiClient): PennsieveApi {
  return {
    client,
    accounts: new AccountsApi(client),
    computeNodes: new ComputeNodesApi(client),
    accessGrants: new AccessGrantsApi(client),
    nodeSettings: new NodeSettingsApi(client),
  };
}
