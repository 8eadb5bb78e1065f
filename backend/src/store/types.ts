// The records the Account Service keeps, and the one storage interface both stores implement.

/** Production's sentinel for a node that belongs to no organization (GSI keys cannot be ""). */
export const INDEPENDENT = 'INDEPENDENT';

export type AccountStatus = 'Enabled' | 'Paused';
export type NodeStatus = 'Pending' | 'Enabled' | 'Paused' | 'Failed' | 'Destroying';
export type DeploymentMode = 'basic' | 'secure' | 'compliant';
export type EntityType = 'user' | 'team' | 'workspace';
export type AccessType = 'owner' | 'shared' | 'workspace';
export type JobAction = 'create' | 'update' | 'delete';

export interface AccountRecord {
  readonly uuid: string;
  readonly accountId: string;
  readonly accountType: string;
  readonly roleName: string;
  readonly externalId: string;
  /** The owner, `N:user:…`. */
  readonly userId: string;
  readonly name: string;
  readonly description: string;
  readonly status: AccountStatus;
}

/** A workspace enablement: the account may be used from the organization `workspaceId`. */
export interface EnablementRecord {
  readonly accountUuid: string;
  readonly workspaceId: string;
  readonly isPublic: boolean;
  readonly enableCompute: boolean;
  readonly enableStorage: boolean;
  readonly enabledBy: string;
  /** Unix seconds. */
  readonly enabledAt: number;
}

export interface NodeRecord {
  readonly uuid: string;
  readonly name: string;
  readonly description: string;
  readonly computeNodeGatewayUrl: string;
  readonly efsId: string;
  readonly queueUrl: string;
  readonly environment: string;
  readonly accountUuid: string;
  readonly accountId: string;
  readonly accountType: string;
  /** Go's `time.Time.String()` in UTC, as production writes it. */
  readonly createdAt: string;
  /** An organization node id, or {@link INDEPENDENT}. */
  readonly organizationId: string;
  /** The node owner, `N:user:…`. */
  readonly userId: string;
  readonly identifier: string;
  readonly workflowManagerTag: string;
  readonly deploymentMode: DeploymentMode;
  readonly provisionerImage: string;
  readonly provisionerImageTag: string;
  readonly enableLLMAccess: boolean;
  readonly llmBaaAcknowledged: boolean;
  readonly maxGpuInstances: number;
  readonly gpuTier: string;
  readonly maxInteractiveSessions: number;
  readonly status: NodeStatus;
  readonly healthStatus: string;
  readonly lastHealthCheck: string;
  /** Sandbox addition: why the node is Failed (empty otherwise). */
  readonly statusReason: string;
  /** Sandbox addition: the Terraform outputs of the last successful apply. */
  readonly outputs: Readonly<Record<string, unknown>>;
}

export interface AccessRecord {
  /** `user#N:user:…`, `team#N:team:…` or `workspace#N:organization:…`. */
  readonly entityId: string;
  /** `node#<uuid>`. */
  readonly nodeId: string;
  readonly entityType: EntityType;
  readonly entityRawId: string;
  readonly nodeUuid: string;
  readonly accessType: AccessType;
  /** An organization node id or {@link INDEPENDENT}; absent on legacy rows. */
  readonly organizationId?: string;
  /** RFC 3339. */
  readonly grantedAt: string;
  readonly grantedBy: string;
}

/** The one outstanding provisioning job of a node (at most one per node). */
export interface JobRecord {
  readonly nodeUuid: string;
  readonly action: JobAction;
  /** Changes whenever a request supersedes the job; a worker only finishes the id it ran. */
  readonly jobId: string;
  /** Runs started for this job id; bounds crash loops on restart. */
  readonly attempts: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type AccountPatch = Partial<Pick<AccountRecord, 'status' | 'name' | 'description'>>;
export type NodePatch = Partial<Omit<NodeRecord, 'uuid'>>;

/** What a finished job does to its node. */
export type JobOutcome =
  | { readonly kind: 'update'; readonly patch: NodePatch }
  | { readonly kind: 'remove' };

/** A change to a node's access rows, applied atomically with an optional node patch. */
export interface AccessChange {
  readonly remove: readonly string[];
  readonly put: readonly AccessRecord[];
  readonly nodePatch?: NodePatch;
}

/**
 * Everything the API and the provisioner persist. Every method that writes is atomic: it either
 * happens completely or not at all, and once its promise resolves the write survives a crash.
 */
export interface Store {
  readonly kind: 'sqlite' | 'dynamodb';

  /** Inserts unless the same user already registered `accountId`; false when it did. */
  createAccount(account: AccountRecord): Promise<boolean>;
  getAccount(uuid: string): Promise<AccountRecord | undefined>;
  listAccountsByUser(userId: string): Promise<AccountRecord[]>;
  listAccountsByAwsAccountId(accountId: string): Promise<AccountRecord[]>;
  /** Updates the account; with `pauseNodes`, also sets Paused on its nodes whose status is in `pauseFrom`. */
  updateAccount(uuid: string, patch: AccountPatch, pauseFrom?: readonly NodeStatus[]): Promise<AccountRecord | undefined>;
  /** Deletes the account and its enablements; with `withNodes`, also its nodes, their access rows and jobs. */
  deleteAccount(uuid: string, withNodes: boolean): Promise<void>;

  /** Inserts unless the (account, workspace) enablement exists; false when it does. */
  createEnablement(enablement: EnablementRecord): Promise<boolean>;
  getEnablement(accountUuid: string, workspaceId: string): Promise<EnablementRecord | undefined>;
  listEnablementsByAccount(accountUuid: string): Promise<EnablementRecord[]>;
  listEnablementsByWorkspace(workspaceId: string): Promise<EnablementRecord[]>;
  deleteEnablement(accountUuid: string, workspaceId: string): Promise<void>;

  /** Inserts the node, its owner row and its first job together. */
  createNode(node: NodeRecord, owner: AccessRecord, job: JobRecord): Promise<void>;
  getNode(uuid: string): Promise<NodeRecord | undefined>;
  /** The nodes among `uuids` that exist, in no particular order (one query for a list route). */
  getNodes(uuids: readonly string[]): Promise<NodeRecord[]>;
  listNodesByAccount(accountUuid: string): Promise<NodeRecord[]>;
  listNodesByStatus(statuses: readonly NodeStatus[]): Promise<NodeRecord[]>;
  /** Patches the node (and upserts `job` with it); undefined when the node does not exist. */
  updateNode(uuid: string, patch: NodePatch, job?: JobRecord): Promise<NodeRecord | undefined>;

  getAccess(entityId: string, nodeUuid: string): Promise<AccessRecord | undefined>;
  listAccessByNode(nodeUuid: string): Promise<AccessRecord[]>;
  listAccessByEntity(entityId: string): Promise<AccessRecord[]>;
  putAccess(row: AccessRecord): Promise<void>;
  deleteAccess(entityId: string, nodeUuid: string): Promise<void>;
  /** Removes and adds access rows, and patches the node, in one transaction. */
  changeAccess(nodeUuid: string, change: AccessChange): Promise<void>;

  getJob(nodeUuid: string): Promise<JobRecord | undefined>;
  listJobs(): Promise<JobRecord[]>;
  /** Counts one more run of job `jobId`; undefined, with nothing changed, when the job was superseded. */
  startJobAttempt(nodeUuid: string, jobId: string, now: Date): Promise<JobRecord | undefined>;
  /**
   * Finishes job `jobId` of the node: deletes the job row and applies `outcome` (patch the node,
   * or remove it with its access rows). False, with nothing changed, when the job was superseded.
   */
  finishJob(nodeUuid: string, jobId: string, outcome: JobOutcome): Promise<boolean>;

  close(): Promise<void>;
}

export function userEntity(userNodeId: string): string {
  return `user#${userNodeId}`;
}
export function teamEntity(teamNodeId: string): string {
  return `team#${teamNodeId}`;
}
export function workspaceEntity(orgNodeId: string): string {
  return `workspace#${orgNodeId}`;
}
export function nodeKey(uuid: string): string {
  return `node#${uuid}`;
}

/** True for both spellings of "no organization": production's sentinel and the empty string. */
export function isIndependent(organizationId: string | undefined): boolean {
  return !organizationId || organizationId === INDEPENDENT;
}
