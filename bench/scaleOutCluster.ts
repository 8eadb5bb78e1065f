// The scale-out benchmark's cluster: moto as the customer's account, three backend workers
// (`backend/src/main.ts`, each its own process group) on one DynamoDB store in a second moto
// (`--store-endpoint`: production's tables are not in the customer's account either) and one data
// folder, and a store handle of the benchmark's own to watch the jobs table. Stopped as a whole,
// leftovers included.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMULATOR_CREDENTIALS } from '../backend/src/app';
import { startMoto, type MotoServer } from '../backend/src/sandbox/moto';
import { openDynamoStore } from '../backend/src/store/dynamoStore';
import type { Store } from '../backend/src/store/types';
import { spawnBackend, type BackendProcess } from '../scripts/harness/backend/backend';
import { writeTestIdentities } from '../scripts/harness/backend/identities';
import { killProcessesUnder } from '../scripts/harness/procfs';
import { requireTool } from '../scripts/harness/tools';
import { listenerPid } from './processCpu';

export interface Cluster {
  readonly moto: MotoServer;
  readonly motoPid: number;
  readonly dataDir: string;
  readonly workers: readonly BackendProcess[];
  /** The jobs table as the workers share it (the benchmark only reads it). */
  readonly store: Store;
  stop(): Promise<void>;
}

/** Starts moto and `count` workers with the backend's default lease (20 s) and poll (5 s). */
export async function startCluster(count: number, slots?: string): Promise<Cluster> {
  requireTool('terraform', 'install Terraform 1.5 or later');
  requireTool('moto_server', 'install moto with its server extra: pip install "moto[server]"');
  const dir = mkdtempSync(join(tmpdir(), 'bench-scaleout-'));
  const moto = await startMoto();
  const storeMoto = await startMoto();
  const environment = `b${randomBytes(3).toString('hex')}`;
  const args = ['--identities', writeTestIdentities(dir), '--data', join(dir, 'data')];
  args.push('--aws-endpoint', moto.endpoint, '--store', 'dynamodb', '--store-endpoint', storeMoto.endpoint);
  args.push('--env', environment, '--log-level', 'warn');
  if (slots) args.push('--max-concurrent-runs', slots);
  const workers: BackendProcess[] = [];
  const store = await openDynamoStore({
    environment,
    region: 'us-east-1',
    endpoint: storeMoto.endpoint,
    credentials: EMULATOR_CREDENTIALS,
  });
  const stop = async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await store.close();
    killProcessesUnder(dir);
    await moto.stop();
    await storeMoto.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // One at a time: the first creates the tables, and startup CPU does not pile up.
    for (let i = 0; i < count; i++) workers.push(await spawnBackend(args));
  } catch (err) {
    await stop();
    throw err;
  }
  return { moto, motoPid: listenerPid(moto.port), dataDir: join(dir, 'data'), workers, store, stop };
}
