// Long-lived AWS provider servers, one per Terraform slot. Terraform starts the 700 MB AWS
// provider afresh up to three times per command (schemas, validate, plan, apply), and a fresh
// process spends seconds of CPU before its first answer; a warm server answers the same calls in
// a fraction of that. Each server runs in Terraform's debug ("reattach") mode and is configured
// by its environment only: region and endpoints, and credentials fetched per run from the
// loopback credentials endpoint (./credentialServer.ts). One command at a time uses a server.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { Log } from '../log';
import { startSandboxAws, type SandboxAws } from '../sandbox/sfnShim';
import { startCredentialServer, type CredentialServer, type CredentialSource } from './credentialServer';
import type { RunRegistry } from './runRegistry';
import type { AwsCredentials, AwsTarget, ProviderServer, TerraformResult, TerraformRunOptions } from './terraform';
import { killGroup } from './terraformCli';

export interface ProviderPool {
  /** Runs `fn` with a server of its own; waits while every server is in use. */
  use<T>(fn: (server: ProviderServer) => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

export interface ProviderPoolOptions {
  readonly binary: string;
  readonly size: number;
  /** The servers' working directory (inside the data folder, so that their records find them). */
  readonly dir: string;
  readonly target: AwsTarget;
  readonly runs?: RunRegistry;
  readonly log: Log;
}

const START_TIMEOUT_MS = 120_000;
const REATTACH = /TF_REATTACH_PROVIDERS='([^']+)'/;

/** Environment of a server: where AWS is and where its credentials come from, nothing else. */
function serverEnv(
  target: AwsTarget,
  credentials: CredentialSource,
  sfnEndpoint: string | undefined,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    AWS_REGION: target.region,
    AWS_DEFAULT_REGION: target.region,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_CONTAINER_CREDENTIALS_FULL_URI: credentials.uri,
    AWS_CONTAINER_AUTHORIZATION_TOKEN: credentials.token,
    CHECKPOINT_DISABLE: '1',
  };
  if (target.endpoint) {
    env['AWS_ENDPOINT_URL'] = target.endpoint;
    env['AWS_ENDPOINT_URL_SFN'] = sfnEndpoint ?? target.endpoint;
    env['AWS_S3_USE_PATH_STYLE'] = 'true';
    // An emulator answers an unimplemented call with HTTP 500: fail within seconds, with the error.
    env['AWS_MAX_ATTEMPTS'] = '3';
  }
  return env;
}

/** Starts one server and resolves with its reattach configuration. */
function startServer(
  opts: ProviderPoolOptions,
  env: NodeJS.ProcessEnv,
  key: string,
): { child: ChildProcess; reattach: Promise<string> } {
  const child = spawn(opts.binary, ['-debug'], {
    cwd: opts.dir,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const hooks = opts.runs?.hooksFor(key, opts.dir, 'provider');
  if (child.pid !== undefined) hooks?.spawned(child.pid, ['provider']);
  child.once('exit', () => child.pid !== undefined && hooks?.exited(child.pid));
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => void (err = (err + d.toString()).slice(-2000)));
  const reattach = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the AWS provider server did not start in time')),
      START_TIMEOUT_MS,
    );
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = REATTACH.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
        out = '';
      } else if (out.length > 100_000) out = out.slice(-10_000);
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the AWS provider server exited (${String(code)}): ${err.trim().slice(-500)}`));
    });
  });
  reattach.catch(() => undefined);
  return { child, reattach };
}

class Server implements ProviderServer {
  busy = false;
  private current: { child: ChildProcess; reattach: Promise<string> } | undefined;

  constructor(
    private readonly opts: ProviderPoolOptions,
    private readonly env: NodeJS.ProcessEnv,
    private readonly credentials: CredentialSource,
    private readonly key: string,
  ) {}

  attach(): Promise<string> {
    let current = this.current;
    if (!current || current.child.exitCode !== null || current.child.signalCode !== null) {
      if (current) this.opts.log.warn(`${this.key}: the AWS provider server stopped; starting it again`);
      current = startServer(this.opts, this.env, this.key);
      this.current = current;
    }
    return current.reattach;
  }

  setCredentials(credentials: AwsCredentials | undefined): void {
    this.credentials.set(credentials);
  }

  stop(): void {
    const pid = this.current?.child.pid;
    if (pid !== undefined) killGroup(pid);
    this.current = undefined;
  }
}

/** Creates the pool; servers start when first used. */
export async function createProviderPool(opts: ProviderPoolOptions): Promise<ProviderPool> {
  mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  const credentialServer: CredentialServer = await startCredentialServer();
  // moto needs the Step Functions shim; the servers keep one for their lifetime.
  const shim: SandboxAws | undefined = opts.target.endpoint?.startsWith('http://')
    ? await startSandboxAws(opts.target.endpoint)
    : undefined;
  const servers = Array.from({ length: opts.size }, (_, i) => {
    const credentials = credentialServer.source();
    return new Server(
      opts,
      serverEnv(opts.target, credentials, shim?.sfnEndpoint),
      credentials,
      `provider-${process.pid}-${i}`,
    );
  });
  const waiters: Array<() => void> = [];
  return {
    async use(fn) {
      let server = servers.find((s) => !s.busy);
      while (!server) {
        await new Promise<void>((resolve) => waiters.push(resolve));
        server = servers.find((s) => !s.busy);
      }
      server.busy = true;
      try {
        return await fn(server);
      } finally {
        server.setCredentials(undefined);
        server.busy = false;
        waiters.shift()?.();
      }
    },
    async stop() {
      for (const s of servers) s.stop();
      await shim?.stop();
      await credentialServer.close();
    },
  };
}

/** `run` (the Terraform runner) with a server of `pool` for each run, and the run's credentials served to it. */
export function withProviderPool(pool: ProviderPool, run: (opts: TerraformRunOptions) => Promise<TerraformResult>) {
  return (opts: TerraformRunOptions): Promise<TerraformResult> =>
    pool.use((server) => {
      server.setCredentials(opts.credentials);
      return run({ ...opts, provider: server });
    });
}
