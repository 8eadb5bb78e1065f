// Provisioning jobs, DynamoDB half: the sandbox's jobs table (`nodeUuid`). Every lease change is a
// conditional write, so several workers sharing the table never both hold a job.

import { UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { conditionally, type DynamoDatabase, type TransactItem } from '../dynamoClient';
import type { JobOutcome, JobProgress, JobRecord, JobStore, Lease } from '../types';

const NAMES = {
  '#n': 'nodeUuid',
  '#a': 'action',
  '#w': 'worker',
  '#l': 'leaseExpiresAt',
  '#p': 'progress',
  '#j': 'jobId',
};

/** Writes `job`'s own fields, leaving the lease and progress of the item it replaces alone. */
export function jobUpsert(table: string, job: JobRecord): TransactItem {
  return {
    Update: {
      TableName: table,
      Key: { nodeUuid: job.nodeUuid },
      UpdateExpression: 'SET #a = :a, #j = :j, attempts = :n, createdAt = :c, updatedAt = :u',
      ExpressionAttributeNames: { '#a': 'action', '#j': 'jobId' },
      ExpressionAttributeValues: {
        ':a': job.action,
        ':j': job.jobId,
        ':n': job.attempts,
        ':c': job.createdAt,
        ':u': job.updatedAt,
      },
    },
  };
}

const leaseEnd = (lease: Lease) => new Date(lease.now.getTime() + lease.durationMs).toISOString();
const names = (...keys: (keyof typeof NAMES)[]) => Object.fromEntries(keys.map((k) => [k, NAMES[k]]));
type Update = Omit<UpdateCommandInput, 'TableName' | 'Key'>;

/** The conditional updates of a job item, one per lease operation. */
const UPDATES = {
  claim: (lease: Lease): Update => ({
    UpdateExpression: 'SET #w = :w, #l = :e',
    ConditionExpression: 'attribute_exists(#n) AND (attribute_not_exists(#w) OR #w = :w OR #l <= :now)',
    ExpressionAttributeNames: names('#n', '#w', '#l'),
    ExpressionAttributeValues: { ':w': lease.worker, ':e': leaseEnd(lease), ':now': lease.now.toISOString() },
  }),
  renew: (lease: Lease): Update => ({
    UpdateExpression: 'SET #l = :e',
    ConditionExpression: '#w = :w',
    ExpressionAttributeNames: names('#w', '#l'),
    ExpressionAttributeValues: { ':w': lease.worker, ':e': leaseEnd(lease) },
  }),
  release: (worker: string): Update => ({
    UpdateExpression: 'REMOVE #w, #l, #p',
    ConditionExpression: '#w = :w',
    ExpressionAttributeNames: names('#w', '#l', '#p'),
    ExpressionAttributeValues: { ':w': worker },
  }),
  startAttempt: (jobId: string, worker: string, now: Date): Update => ({
    UpdateExpression: 'SET attempts = attempts + :one, updatedAt = :now',
    ConditionExpression: '#j = :j AND #w = :w',
    ExpressionAttributeNames: names('#j', '#w'),
    ExpressionAttributeValues: { ':one': 1, ':now': now.toISOString(), ':j': jobId, ':w': worker },
  }),
  setProgress: (jobId: string, worker: string, progress: JobProgress): Update => ({
    UpdateExpression: 'SET #p = :p',
    ConditionExpression: '#j = :j AND #w = :w',
    ExpressionAttributeNames: names('#j', '#w', '#p'),
    ExpressionAttributeValues: { ':p': progress, ':j': jobId, ':w': worker },
  }),
};

/** Deletes the job held by `worker` and applies `outcome`, in one transaction; false if the condition failed. */
async function finishJob(
  d: DynamoDatabase,
  nodeUuid: string,
  jobId: string,
  worker: string,
  outcome: JobOutcome,
): Promise<boolean> {
  const guard: TransactItem = {
    Delete: {
      TableName: d.t.jobs,
      Key: { nodeUuid },
      ConditionExpression: '#j = :j AND #w = :w',
      ExpressionAttributeNames: names('#j', '#w'),
      ExpressionAttributeValues: { ':j': jobId, ':w': worker },
    },
  };
  const rest =
    outcome.kind === 'remove'
      ? (await d.removeNodeItems(nodeUuid)).filter((i) => i.Delete?.TableName !== d.t.jobs)
      : [d.nodeUpdate(nodeUuid, outcome.patch)];
  return conditionally(() => d.transact([guard, ...rest]));
}

export function dynamoJobs(d: DynamoDatabase): JobStore {
  const { t } = d;
  /** A conditional update of the job item; its new attributes, or undefined when the condition failed. */
  const update = async (nodeUuid: string, input: Update): Promise<JobRecord | undefined> => {
    let out: JobRecord | undefined;
    const applied = await conditionally(async () => {
      const res = await d.doc.send(
        new UpdateCommand({ TableName: t.jobs, Key: { nodeUuid }, ReturnValues: 'ALL_NEW', ...input }),
      );
      out = res.Attributes as JobRecord | undefined;
    });
    return applied ? out : undefined;
  };
  return {
    get: (nodeUuid) => d.get<JobRecord>(t.jobs, { nodeUuid }),
    list: () => d.scanAll<JobRecord>({ TableName: t.jobs }),
    claim: (nodeUuid, lease) => update(nodeUuid, UPDATES.claim(lease)),
    renew: (nodeUuid, lease) => update(nodeUuid, UPDATES.renew(lease)),
    release: async (nodeUuid, worker) => void (await update(nodeUuid, UPDATES.release(worker))),
    startAttempt: (nodeUuid, jobId, worker, now) => update(nodeUuid, UPDATES.startAttempt(jobId, worker, now)),
    setProgress: async (nodeUuid, jobId, worker, progress) =>
      (await update(nodeUuid, UPDATES.setProgress(jobId, worker, progress))) !== undefined,
    finish: (nodeUuid, jobId, worker, outcome) => finishJob(d, nodeUuid, jobId, worker, outcome),
  };
}
