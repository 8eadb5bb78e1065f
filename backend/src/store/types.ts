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

/** Where a running job's Terraform command is (sandbox-only; shown on the node while the job runs). */
export interface JobProgress {
  readonly stage: 'init' | 'plan' | 'apply' | 'destroy';
  /** Resources created, changed or destroyed so far by the current apply or destroy. */
  readonly resourcesDone: number;
  /** Resources the plan changes; null until the plan is known. */
  readonly resourcesTotal: number | null;
  /** When the worker started this run of the job (ISO 8601). */
  readonly startedAt: string;
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
  /** The worker holding the lease (`host:pid:nonce`); absent while no worker runs the job. */
  readonly worker?: string;
  /** ISO 8601: the lease ends here unless renewed; another worker may then take the job over. */
  readonly leaseExpiresAt?: string;
  /** The running Terraform command's progress, while a worker runs the job. */
  readonly progress?: JobProgress;
}

export type AccountPatch = Partial<Pick<AccountRecord, 'status' | 'name' | 'description'>>;
export type NodePatch = Partial<Omit<NodeRecord, 'uuid'>>;

/** What a finished job does to its node. */
export type JobOutcome = { readonly kind: 'update'; readonly patch: NodePatch } | { readonly kind: 'remove' };

/** A change to a node's access rows, applied atomically with an optional node patch. */
export interface AccessChange {
  readonly remove: readonly string[];
  readonly put: readonly AccessRecord[];
  readonly nodePatch?: NodePatch;
}

/** Customer AWS accounts. */
export interface AccountStore {
  /** Inserts unless the same user already registered `accountId`; false when it did. */
  create(account: AccountRecord): Promise<boolean>;
  get(uuid: string): Promise<AccountRecord | undefined>;
  listByUser(userId: string): Promise<AccountRecord[]>;
  listByAwsAccountId(accountId: string): Promise<AccountRecord[]>;
  /** Updates the account and, in the same write, sets Paused on its nodes whose status is in `pauseFrom`. */
  update(uuid: string, patch: AccountPatch, pauseFrom?: readonly NodeStatus[]): Promise<AccountRecord | undefined>;
  /** Deletes the account and its enablements; with `withNodes`, also its nodes, their access rows and jobs. */
  delete(uuid: string, withNodes: boolean): Promise<void>;
}

/** Workspace enablements of accounts. */
export interface WorkspaceStore {
  /** Inserts unless the (account, workspace) enablement exists; false when it does. */
  create(enablement: EnablementRecord): Promise<boolean>;
  get(accountUuid: string, workspaceId: string): Promise<EnablementRecord | undefined>;
  listByAccount(accountUuid: string): Promise<EnablementRecord[]>;
  listByWorkspace(workspaceId: string): Promise<EnablementRecord[]>;
  delete(accountUuid: string, workspaceId: string): Promise<void>;
}

/** Compute nodes. */
export interface NodeStore {
  /** Inserts the node, its owner row and its first job together (no job: nothing to provision). */
  create(node: NodeRecord, owner: AccessRecord, job?: JobRecord): Promise<void>;
  get(uuid: string): Promise<NodeRecord | undefined>;
  /** The nodes among `uuids` that exist, in no particular order (one query for a list route). */
  getMany(uuids: readonly string[]): Promise<NodeRecord[]>;
  listByAccount(accountUuid: string): Promise<NodeRecord[]>;
  listByStatus(statuses: readonly NodeStatus[]): Promise<NodeRecord[]>;
  /**
   * Patches the node and upserts `job` with it; undefined when the node does not exist. The job's
   * lease and progress (a worker may be running the superseded job) are kept.
   */
  update(uuid: string, patch: NodePatch, job?: JobRecord): Promise<NodeRecord | undefined>;
}

/** Access rows: who reaches which node. */
export interface AccessStore {
  get(entityId: string, nodeUuid: string): Promise<AccessRecord | undefined>;
  listByNode(nodeUuid: string): Promise<AccessRecord[]>;
  listByEntity(entityId: string): Promise<AccessRecord[]>;
  put(row: AccessRecord): Promise<void>;
  delete(entityId: string, nodeUuid: string): Promise<void>;
  /** Removes and adds access rows, and patches the node, in one transaction. */
  change(nodeUuid: string, change: AccessChange): Promise<void>;
}

/** Production's `userId` of a node's default LLM quota row (`models.DefaultUserSentinel`). */
export const DEFAULT_QUOTA_USER = '__default__';

/**
 * A per-(node, user) LLM cost cap: production's `chat-user-quota` row. `userId` is a user node id
 * or {@link DEFAULT_QUOTA_USER}. An absent axis has no cap of its own (it falls through to the
 * node default, then to the platform safety cap).
 */
export interface ChatUserQuota {
  readonly computeNodeId: string;
  readonly userId: string;
  readonly dailyCostUsd?: number;
  readonly monthlyCostUsd?: number;
  readonly perWorkflowUsd?: number;
  readonly notes?: string;
  readonly updatedBy?: string;
  /** RFC 3339. */
  readonly updatedAt?: string;
}

/**
 * One usage aggregate: production's `chat-user-usage` row, keyed `{userId}#{nodeId}#YYYY-MM-DD`
 * (day) or `…#YYYY-MM` (month), record type `AGGREGATE`. The LLM governor writes these.
 */
export interface ChatUserUsage {
  readonly userNodeDate: string;
  readonly recordType: string;
  readonly userId: string;
  readonly computeNodeId: string;
  readonly period: string;
  readonly totalInputTokens: number;
  readonly totalOutputTokens: number;
  readonly estimatedCostUsd: number;
  readonly requestCount: number;
  readonly lastModel?: string;
  readonly updatedAt: string;
  readonly expiresAt?: number;
}

/** Per-user LLM quotas and usage aggregates (production's chat-user-quota and chat-user-usage tables). */
export interface QuotaStore {
  get(nodeUuid: string, userId: string): Promise<ChatUserQuota | undefined>;
  /** Every row of the node, the default row included. */
  listByNode(nodeUuid: string): Promise<ChatUserQuota[]>;
  /** Creates or replaces the (node, user) row. */
  put(quota: ChatUserQuota): Promise<void>;
  delete(nodeUuid: string, userId: string): Promise<void>;
  getUsage(userNodeDate: string, recordType: string): Promise<ChatUserUsage | undefined>;
  /** What the LLM governor records (the sandbox runs no governor: tests and demos seed usage). */
  putUsage(usage: ChatUserUsage): Promise<void>;
}

/** A worker's hold on a node's job row: who, and until when. */
export interface Lease {
  readonly worker: string;
  readonly now: Date;
  readonly durationMs: number;
}

/**
 * Outstanding provisioning jobs and their leases. A worker claims a job with a conditional write
 * and holds it by renewing the lease; another worker may claim it once the lease has ended.
 */
export interface JobStore {
  get(nodeUuid: string): Promise<JobRecord | undefined>;
  list(): Promise<JobRecord[]>;
  /** Takes the lease unless another worker holds an unexpired one; the job, or undefined (held or gone). */
  claim(nodeUuid: string, lease: Lease): Promise<JobRecord | undefined>;
  /** Extends the lease `lease.worker` holds; the job as it now is, or undefined when the lease was lost. */
  renew(nodeUuid: string, lease: Lease): Promise<JobRecord | undefined>;
  /** Ends the lease (and clears the progress) if `worker` holds it, so that any worker may claim the job. */
  release(nodeUuid: string, worker: string): Promise<void>;
  /** Counts one more run of job `jobId` by the lease holder; undefined, with nothing changed, otherwise. */
  startAttempt(nodeUuid: string, jobId: string, worker: string, now: Date): Promise<JobRecord | undefined>;
  /** Records the running command's progress; false when `worker` no longer holds job `jobId`. */
  setProgress(nodeUuid: string, jobId: string, worker: string, progress: JobProgress): Promise<boolean>;
  /**
   * Finishes job `jobId` held by `worker`: deletes the job row and applies `outcome` (patch the
   * node, or remove it with its access rows). False, with nothing changed, when the job was
   * superseded or the lease lost.
   */
  finish(nodeUuid: string, jobId: string, worker: string, outcome: JobOutcome): Promise<boolean>;
}

/**
 * Everything the API and the provisioner persist, by resource. Every method that writes is
 * atomic: it either happens completely or not at all, and once its promise resolves the write
 * survives a crash.
 */
export interface Store {
  readonly kind: 'sqlite' | 'dynamodb';
  readonly accounts: AccountStore;
  readonly workspaces: WorkspaceStore;
  readonly nodes: NodeStore;
  readonly access: AccessStore;
  readonly jobs: JobStore;
  readonly quotas: QuotaStore;
  close(): Promise<void>;
}

/** True when `job` is held by a worker whose lease has not ended at `now`. */
export function isLeased(job: JobRecord, now: Date): boolean {
  return job.worker !== undefined && job.leaseExpiresAt !== undefined && Date.parse(job.leaseExpiresAt) > now.getTime();
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
