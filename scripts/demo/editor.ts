// code-server (VS Code in the browser) for the demo: state kept in the data folder, extensions
// installed only when their package changed, bound to loopback without a password.

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { httpStatus, logTail } from '../../test/e2e/support/probe';
import { spawnManaged, type ManagedProcess } from './procs';
import { DemoError } from './report';

const run = promisify(execFile);

/** User settings of a fresh demo editor (written once; the user may change them afterwards). */
const USER_SETTINGS: Readonly<Record<string, unknown>> = {
  // Opens the workspace's README.md, which says what to try.
  'workbench.startupEditor': 'readme',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  // The workspace lies inside this repository's (ignored) .sandbox folder: no git prompt for it.
  'git.openRepositoryInParentFolders': 'never',
};

export interface EditorDirs {
  readonly root: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly configFile: string;
}

export function editorDirs(root: string): EditorDirs {
  return { root, userDataDir: join(root, 'user-data'), extensionsDir: join(root, 'extensions'), configFile: join(root, 'config.yaml') };
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function commonArgs(dirs: EditorDirs): string[] {
  return ['--config', dirs.configFile, '--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir];
}

/** Environment for code-server: nothing that ties it to an outer VS Code, no real AWS credentials. */
export function editorEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') delete env[key];
  }
  // The demo editor (its extension host and its terminals) sees only the demo's AWS profile.
  for (const key of ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN']) delete env[key];
  return { ...env, ...extra };
}

/** Prepares the folders, the config file and (once) the user settings. */
export function prepareEditor(dirs: EditorDirs, port: number): void {
  mkdirSync(join(dirs.userDataDir, 'User'), { recursive: true, mode: 0o700 });
  mkdirSync(dirs.extensionsDir, { recursive: true });
  // An explicit config file keeps code-server from writing one into ~/.config.
  writeFileSync(dirs.configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const settings = join(dirs.userDataDir, 'User', 'settings.json');
  if (!existsSync(settings)) writeFileSync(settings, `${JSON.stringify(USER_SETTINGS, null, 2)}\n`);
}

/**
 * Installs the .vsix files whose content changed since the last start (or all, when the
 * extensions folder was emptied). Returns the files it installed.
 */
export async function installExtensions(entry: string, dirs: EditorDirs, vsixes: readonly string[], env: NodeJS.ProcessEnv, signal: AbortSignal): Promise<string[]> {
  const stampFile = join(dirs.root, 'installed-extensions.json');
  let stamps: Record<string, string> = {};
  try {
    stamps = JSON.parse(readFileSync(stampFile, 'utf8')) as Record<string, string>;
  } catch {
    // first start
  }
  const installedAny = readdirSync(dirs.extensionsDir).some((e) => !e.startsWith('.') && e !== 'extensions.json');
  const todo = vsixes.filter((v) => !installedAny || stamps[v] !== sha256(v));
  if (!todo.length) return [];
  const args = [entry, ...commonArgs(dirs), '--force', ...todo.flatMap((v) => ['--install-extension', v])];
  let output: string;
  try {
    const { stdout, stderr } = await run(process.execPath, args, { env, timeout: 180_000, signal });
    output = stdout + stderr;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new DemoError(`code-server --install-extension failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
  for (const vsix of todo) {
    if (!output.includes(`'${basename(vsix)}' was successfully installed`)) throw new DemoError(`code-server did not install ${vsix}:\n${output}`);
    stamps[vsix] = sha256(vsix);
  }
  writeFileSync(stampFile, `${JSON.stringify(stamps, null, 2)}\n`);
  return todo;
}


/** Starts code-server on 127.0.0.1:`port` with `folder` open; resolves once it answers. */
export async function startEditor(opts: {
  entry: string;
  dirs: EditorDirs;
  port: number;
  folder: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  timeoutMs: number;
  onSpawn: (p: ManagedProcess) => void;
}): Promise<{ process: ManagedProcess; url: string }> {
  appendFileSync(opts.logFile, `\n===== code-server started ${new Date().toISOString()} =====\n`, { mode: 0o600 });
  const logFd = openSync(opts.logFile, 'a');
  let proc: ManagedProcess;
  try {
    proc = spawnManaged(
      'code-server',
      process.execPath,
      [
        opts.entry,
        ...commonArgs(opts.dirs),
        '--auth', 'none',
        '--bind-addr', `127.0.0.1:${opts.port}`,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        // `/` opens the sample workspace, not whatever folder this editor showed last.
        '--ignore-last-opened',
        opts.folder,
      ],
      { env: opts.env, stdio: ['ignore', logFd, logFd], graceMs: 5_000 },
    );
  } finally {
    closeSync(logFd);
  }
  opts.onSpawn(proc);
  const url = `http://127.0.0.1:${opts.port}/`;
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const exited = proc.exitReason();
    if (exited) throw new DemoError(`code-server ${exited}. Its log (${opts.logFile}) ends with:\n${logTail(opts.logFile, 15, '    ')}`);
    try {
      if ((await httpStatus(`${url}healthz`)) === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new DemoError(`code-server did not answer on ${url} within ${opts.timeoutMs / 1000} s. Its log (${opts.logFile}) ends with:\n${logTail(opts.logFile, 15, '    ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { process: proc, url };
}
