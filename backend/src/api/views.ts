// Records → response JSON, with production's field order and omitempty behaviour (Go's encoding/json).

import {
  INDEPENDENT,
  isLeased,
  type AccessRecord,
  type AccountRecord,
  type EnablementRecord,
  type JobProgress,
  type JobRecord,
  type NodeRecord,
  type NodeStatus,
} from '../store/types';

export type AccessScope = 'private' | 'workspace' | 'shared';

/** Drops keys whose value is Go's zero value for an `omitempty` field. */
function omitEmpty<T extends Record<string, unknown>>(obj: T, keys: readonly (keyof T)[]): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const empty = v === undefined || v === '' || v === false || (Array.isArray(v) && v.length === 0);
    if (keys.includes(k as keyof T) && empty) continue;
    if (v !== undefined) out[k] = v;
  }
  return out as Partial<T>;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Go's `time.Now().UTC().String()`: `2026-03-04 15:04:05.123456789 +0000 UTC`, trailing zeros of
 * the fraction trimmed. `subMillisNanos` (0–999999) adds the precision JavaScript dates lack.
 */
export function goTimeString(d: Date, subMillisNanos = 0): string {
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const nanos = d.getUTCMilliseconds() * 1_000_000 + subMillisNanos;
  const fraction = nanos === 0 ? '' : `.${pad(nanos, 9).replace(/0+$/, '')}`;
  return `${date} ${time}${fraction} +0000 UTC`;
}

export function accountView(a: AccountRecord) {
  return omitEmpty(
    {
      uuid: a.uuid,
      accountId: a.accountId,
      accountType: a.accountType,
      roleName: a.roleName,
      externalId: a.externalId,
      userId: a.userId,
      name: a.name,
      description: a.description,
      status: a.status,
    },
    ['name', 'description', 'status'],
  );
}

export function enablementView(e: EnablementRecord) {
  return {
    accountUuid: e.accountUuid,
    organizationId: e.workspaceId,
    isPublic: e.isPublic,
    enableCompute: e.enableCompute,
    enableStorage: e.enableStorage,
    enabledBy: e.enabledBy,
    enabledAt: e.enabledAt,
  };
}

/** The status a reader sees: Paused whenever the account is Paused and the node is not Pending. */
export function effectiveStatus(node: NodeRecord, account: AccountRecord | undefined): NodeStatus {
  return account?.status === 'Paused' && node.status !== 'Pending' ? 'Paused' : node.status;
}

export interface NodeViewOptions {
  readonly status: NodeStatus;
  readonly accountOwnerId?: string;
  readonly accessScope?: AccessScope;
  /** Sandbox-only: where the node's running job is (see docs/sandbox-deviations.md, N16). */
  readonly provisioning?: JobProgress;
}

/** The progress to show for a node whose job row is `job`: only while a worker holds and runs it. */
export function provisioningOf(job: JobRecord | undefined, now: Date): JobProgress | undefined {
  if (!job?.progress || !isLeased(job, now)) return undefined;
  const { stage, resourcesDone, resourcesTotal, startedAt } = job.progress;
  return { stage, resourcesDone, resourcesTotal, startedAt };
}

export function nodeView(n: NodeRecord, opts: NodeViewOptions): Record<string, unknown> {
  // Built field by field (not through omitEmpty): list routes render many nodes per request.
  const account: Record<string, unknown> = { uuid: n.accountUuid, accountId: n.accountId, accountType: n.accountType };
  if (opts.accountOwnerId) account.ownerId = opts.accountOwnerId;
  const out: Record<string, unknown> = {
    uuid: n.uuid,
    name: n.name,
    description: n.description,
    queueUrl: n.queueUrl,
    account,
    createdAt: n.createdAt,
  };
  if (n.organizationId && n.organizationId !== INDEPENDENT) out.organizationId = n.organizationId;
  out.ownerId = n.userId;
  out.identifier = n.identifier;
  out.workflowManagerTag = n.workflowManagerTag;
  if (n.provisionerImage) out.provisionerImage = n.provisionerImage;
  if (n.provisionerImageTag) out.provisionerImageTag = n.provisionerImageTag;
  if (n.deploymentMode) out.deploymentMode = n.deploymentMode;
  if (n.enableLLMAccess) out.enableLLMAccess = true;
  if (n.llmBaaAcknowledged) out.llmBaaAcknowledged = true;
  out.maxGpuInstances = n.maxGpuInstances;
  out.gpuTier = n.gpuTier;
  out.maxInteractiveSessions = n.maxInteractiveSessions;
  if (opts.accessScope) out.accessScope = opts.accessScope;
  out.status = opts.status;
  if (n.healthStatus) out.healthStatus = n.healthStatus;
  if (n.lastHealthCheck) out.lastHealthCheck = n.lastHealthCheck;
  // latestVersion comes from Docker Hub in production; the sandbox never knows it.
  out.updateAvailable = false;
  if (n.statusReason) out.statusReason = n.statusReason;
  if (opts.provisioning) out.provisioning = opts.provisioning;
  return out;
}

/** `workspace` if a workspace row exists; else `shared` if any share exists; else `private`. */
export function accessScopeOf(rows: readonly AccessRecord[]): AccessScope {
  if (rows.some((r) => r.entityType === 'workspace')) return 'workspace';
  if (rows.some((r) => r.accessType === 'shared')) return 'shared';
  return 'private';
}

export function permissionsView(node: NodeRecord, rows: readonly AccessRecord[]) {
  const owner = rows.find((r) => r.entityType === 'user' && r.accessType === 'owner')?.entityRawId ?? node.userId;
  const independent = node.organizationId === INDEPENDENT || node.organizationId === '';
  return omitEmpty(
    {
      nodeUuid: node.uuid,
      accessScope: accessScopeOf(rows),
      owner,
      sharedWithUsers: rows
        .filter((r) => r.entityType === 'user' && r.accessType === 'shared')
        .map((r) => r.entityRawId),
      sharedWithTeams: rows.filter((r) => r.entityType === 'team').map((r) => r.entityRawId),
      organizationId: independent ? '' : node.organizationId,
      organizationIndependent: independent,
    },
    ['sharedWithUsers', 'sharedWithTeams', 'organizationId'],
  );
}
