// The sandbox as `npm run sandbox -- --seed-demo` runs it (backend/src/sandbox/main.ts): moto, the
// backend with real Terraform provisioning into moto, and the demo AWS account registered and
// enabled for workspace "lab". One child process (moto is its child). Its log (stderr, which
// never holds a token) goes straight to a file; its stdout, which prints alice's token, is read
// here for the URLs and copied to the file with tokens redacted.

import { appendFileSync, closeSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { loadIdentities } from '../../backend/src/auth/identities';
import { DEMO_IDENTITIES_FILE, DEMO_ORGANIZATION } from '../../backend/src/sandbox/demoIdentities';
import { spawnManaged, type ManagedProcess } from '../harness/managedProcess';
import { logTail } from '../harness/probe';
import { DemoError } from './report';

/** The emulated customer account `--seed-demo` registers (backend/src/sandbox/main.ts). */
export const DEMO_AWS_ACCOUNT = '111122223333';

export interface Sandbox {
  readonly process: ManagedProcess;
  /** e.g. http://127.0.0.1:8787 */
  readonly apiUrl: string;
  /** moto, e.g. http://127.0.0.1:41234 */
  readonly awsEndpoint: string;
  readonly identitiesFile: string;
}

/** Sandbox tokens start with psk_ (demoIdentities.ts); they never reach the log file. */
export function redactTokens(line: string): string {
  return line.replace(/psk_[A-Za-z0-9_-]+/g, 'psk_[redacted]');
}

/** How to start the sandbox for the demo. */
export interface SandboxOptions {
  readonly repoRoot: string;
  readonly dataDir: string;
  readonly port: number;
  readonly logFile: string;
  readonly timeoutMs: number;
  readonly onSpawn: (p: ManagedProcess) => void;
}

/** Spawns `npm run sandbox -- --seed-demo`'s process; its stderr goes to the log file as is. */
function spawnSandbox(opts: SandboxOptions): ManagedProcess {
  appendFileSync(opts.logFile, `\n===== sandbox started ${new Date().toISOString()} =====\n`, { mode: 0o600 });
  const logFd = openSync(opts.logFile, 'a');
  const main = join('backend', 'src', 'sandbox', 'main.ts');
  try {
    return spawnManaged(
      'sandbox',
      process.execPath,
      ['--import', 'tsx', main, '--seed-demo', '--data', opts.dataDir, '--port', String(opts.port)],
      {
        cwd: opts.repoRoot,
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
        stdio: ['ignore', 'pipe', logFd],
        // Long enough for the backend to interrupt running Terraform gracefully (resumed next start).
        graceMs: 30_000,
      },
    );
  } finally {
    closeSync(logFd);
  }
}

/** The URLs the sandbox prints on stdout; `ready` resolves at its "Stop with Ctrl-C" line. */
function readUrls(
  proc: ManagedProcess,
  logFile: string,
): { found: { apiUrl?: string; awsEndpoint?: string }; ready: Promise<void> } {
  const found: { apiUrl?: string; awsEndpoint?: string } = {};
  const ready = new Promise<void>((resolve) => {
    const lines = createInterface({ input: proc.child.stdout! });
    lines.on('line', (line) => {
      appendFileSync(logFile, `${redactTokens(line)}\n`);
      const api = /^\s*API URL\s+(http:\/\/\S+)/.exec(line);
      if (api) found.apiUrl = api[1];
      const aws = /^\s*AWS\s+moto at\s+(http:\/\/\S+)/.exec(line);
      if (aws) found.awsEndpoint = aws[1];
      if (/Stop with Ctrl-C/.test(line)) resolve();
    });
  });
  return { found, ready };
}

/** Starts the sandbox (moto is its child) and resolves once it printed its URLs and is ready. */
export async function startSandbox(opts: SandboxOptions): Promise<Sandbox> {
  const proc = spawnSandbox(opts);
  opts.onSpawn(proc);
  void proc.exited.then((reason) => appendFileSync(opts.logFile, `===== sandbox ${reason} =====\n`));
  const { found, ready } = readUrls(proc, opts.logFile);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`did not report ready within ${opts.timeoutMs / 1000} s`), opts.timeoutMs);
  });
  const outcome = await Promise.race([ready.then(() => 'ready' as const), proc.exited, timedOut]);
  clearTimeout(timer);
  if (outcome !== 'ready' || !found.apiUrl || !found.awsEndpoint) {
    const why = outcome === 'ready' ? 'printed no API URL or moto endpoint' : outcome;
    throw new DemoError(
      `The sandbox ${why}. Its log (${opts.logFile}) ends with:\n${logTail(opts.logFile, 15, '    ')}`,
    );
  }
  const identitiesFile = join(opts.dataDir, DEMO_IDENTITIES_FILE);
  if (!existsSync(identitiesFile)) throw new DemoError(`The sandbox wrote no identities file at ${identitiesFile}`);
  return { process: proc, apiUrl: found.apiUrl, awsEndpoint: found.awsEndpoint, identitiesFile };
}

/** The user the sandbox prints the token of (alice), and the demo workspace. */
export function demoUser(identitiesFile: string): {
  name: string;
  nodeId: string;
  token: string;
  workspace?: { name: string; nodeId: string };
} {
  const ids = loadIdentities(identitiesFile);
  const user = ids.users.find((u) => u.name === 'alice') ?? ids.users[0];
  if (!user) throw new DemoError(`${identitiesFile} has no users`);
  const org = ids.organizations.find((o) => o.name === DEMO_ORGANIZATION) ?? ids.organizations[0];
  return {
    name: user.name,
    nodeId: user.nodeId,
    token: user.token,
    workspace: org && { name: org.name, nodeId: org.nodeId },
  };
}

/** The registered demo account, read back through the API (proves the seeding worked). */
export async function demoAccount(apiUrl: string, token: string): Promise<{ name: string; accountId: string }> {
  const res = await fetch(`${apiUrl}/accounts`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new DemoError(`The sandbox answered GET /accounts with ${res.status}`);
  const accounts = (await res.json()) as { name?: string; accountId: string }[] | null;
  const account = (accounts ?? []).find((a) => a.accountId === DEMO_AWS_ACCOUNT);
  if (!account)
    throw new DemoError(`The sandbox has no demo AWS account ${DEMO_AWS_ACCOUNT} registered (--seed-demo failed?)`);
  return { name: account.name ?? `AWS ${account.accountId}`, accountId: account.accountId };
}
