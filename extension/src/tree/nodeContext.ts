// What tree nodes need: the store, the API (for lazily loaded children) and the provider.

import type { PennsieveApi } from '../api/pennsieveApi';
import type { People } from '../people/people';
import type { ExplorerStore } from './explorerStore';
import type { RoleStatuses } from './roleStatus';
import type { TreeProvider } from './treeProvider';

export interface NodeContext {
  readonly api: PennsieveApi;
  readonly store: ExplorerStore;
  readonly provider: TreeProvider;
  readonly isSignedIn: () => boolean;
  /** Names for user, team and workspace ids (the id itself when unknown). */
  readonly people: People;
  /** What this session learned about each account's role (verified, differs from the template). */
  readonly roles: RoleStatuses;
}

/** Composite ids, in one place so commands and polling find the same nodes. */
export const NodeIds = {
  account: (uuid: string) => `account:${uuid}`,
  workspaces: (accountUuid: string) => `workspaces:${accountUuid}`,
  workspace: (accountUuid: string, org: string) => `workspace:${accountUuid}:${org}`,
  computeNode: (uuid: string) => `node:${uuid}`,
  access: (nodeUuid: string, kind: string, id: string) => `access:${nodeUuid}:${kind}:${id}`,
} as const;
