// Starts the real backend for a test: in-process (createBackend with a test runner) or as a child
// process of `backend/src/main.ts`, always on a free loopback port, always stopped afterwards.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { startBackend, type Backend } from '../../../backend/src/app';
import { silentLog, type Log } from '../../../backend/src/log';
import type { AssumeRole, RunTerraform } from '../../../backend/src/provisioner/jobs';
import { repoRoot } from '../paths';
import { createFakeRunner, type FakeRunner } from './fakeRunner';
import { writeTestIdentities } from './identities';

export const PROVISIONER_ACCOUNT = '123456789012';

export interface TestBackend extends Backend {
  readonly dataDir: string;
  readonly runner: FakeRunner;
}

export interface TestBackendOptions {
  readonly store?: 'sqlite' | 'dynamodb';
  /** moto, for the DynamoDB store or real provisioning. */
  readonly awsEndpoint?: string;
  readonly maxConcurrentRuns?: number;
  readonly dataDir?: string;
  readonly runTerraform?: RunTerraform;
  readonly assumeRole?: AssumeRole;
  readonly runnerDelayMs?: number;
  readonly environment?: string;
  readonly leaseMs?: number;
  readonly pollMs?: number;
  readonly auth?: 'tokens' | 'cognito';
  readonly authorizerCacheMs?: number;
  /** Another identities document (default: the test identities). */
  readonly identities?: object;
  /** The backend's log (default: silent). */
  readonly log?: Log;
}

/** Credentials that never leave the test: the fake runner ignores them. */
export const fakeAssumeRole: AssumeRole = async () => ({
  accessKeyId: 'ASIAFAKEFAKEFAKEFAKE',
  secretAccessKey: 'fake-secret',
});

/** The backend in this process, with the TEST-ONLY fake runner unless `runTerraform` is given. */
export async function startTestBackend(opts: TestBackendOptions = {}): Promise<TestBackend> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'sandbox-data-'));
  const identitiesFile = writeTestIdentities(undefined, opts.identities);
  const runner = createFakeRunner({ delayMs: opts.runnerDelayMs });
  const backend = await startBackend(
    {
      host: '127.0.0.1',
      port: 0,
      dataDir,
      identitiesFile,
      store: opts.store ?? 'sqlite',
      environment: opts.environment ?? 'sandbox',
      region: 'us-east-1',
      awsEndpoint: opts.awsEndpoint,
      provisionerAccountId: PROVISIONER_ACCOUNT,
      maxConcurrentRuns: opts.maxConcurrentRuns ?? 4,
      leaseMs: opts.leaseMs,
      pollMs: opts.pollMs,
      auth: opts.auth,
      authorizerCacheMs: opts.authorizerCacheMs,
    },
    {
      log: opts.log ?? silentLog,
      runTerraform: opts.runTerraform ?? runner.run,
      assumeRole: opts.assumeRole ?? fakeAssumeRole,
    },
  );
  return {
    ...backend,
    dataDir,
    runner,
    async close() {
      await backend.close();
      // A data folder the caller passed in outlives this backend (a test may restart on it).
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
      rmSync(dirname(identitiesFile), { recursive: true, force: true });
    },
  };
}

export interface BackendProcess {
  readonly url: string;
  readonly pid: number;
  /** stderr so far (log lines), for assertions and failure messages. */
  stderr(): string;
  /** kill -9 of the backend process alone (its Terraform children live on, as after a crash). */
  kill9(): Promise<void>;
  /** SIGTERM, then SIGKILL of the whole process group if it does not exit in time. */
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Runs `backend/src/main.ts` with `args` and waits for its "listening" line. */
export async function spawnBackend(args: readonly string[], timeoutMs = 60_000): Promise<BackendProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'backend/src/main.ts', ...args], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-5_000_000);
  });
  const killGroup = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`backend did not start within ${timeoutMs} ms:\n${stderr}`)),
      timeoutMs,
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { event?: string; url?: string };
        if (msg.event === 'listening' && msg.url) {
          clearTimeout(timer);
          resolveUrl(msg.url);
        }
      } catch {
        // not a status line
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`backend exited with code ${code} before listening:\n${stderr}`));
    });
  }).catch((err: unknown) => {
    killGroup();
    throw err;
  });
  return {
    url,
    pid: child.pid!,
    stderr: () => stderr,
    async kill9() {
      child.kill('SIGKILL');
      await exited(child);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(killGroup, 45_000);
      await exited(child);
      clearTimeout(timer);
    },
  };
}
