// How a request turns a node's outstanding job into the next one (one job row per node).

import { randomUUID } from 'node:crypto';
import type { JobAction, JobRecord } from '../store/types';

/**
 * The job to store when a request asks for `action` on a node whose outstanding job is `existing`.
 * A delete supersedes anything; an update folds into a pending create (the apply reads the node's
 * latest settings when it runs); nothing supersedes a delete. A fresh `jobId` tells a running worker
 * that its run is stale.
 */
export function nextJob(existing: JobRecord | undefined, nodeUuid: string, action: JobAction, now: Date): JobRecord {
  const stamp = now.toISOString();
  if (existing?.action === 'delete') return existing;
  const merged: JobAction = action === 'update' && existing?.action === 'create' ? 'create' : action;
  return {
    nodeUuid,
    action: merged,
    jobId: randomUUID(),
    attempts: 0,
    createdAt: existing?.createdAt ?? stamp,
    updatedAt: stamp,
  };
}
