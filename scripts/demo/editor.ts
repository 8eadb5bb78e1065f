// code-server (VS Code in the browser) for the demo: state kept in the data folder, extensions
// installed only when their package changed, bound to loopback without a password.

import { createHash } from 'node:crypto';
import {
  appendFileSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  codeServerEnv,
  dirArgs,
  installVsixes,
  quietSettings,
  serveArgs,
  writeCodeServerConfig,
  type CodeServerDirs,
} from '../harness/codeServerCli';
import { spawnManaged, type ManagedProcess } from '../harness/managedProcess';
import { httpStatus, logTail } from '../harness/probe';
import { DemoError } from './report';

/** User settings of a fresh demo editor (written once; the user may change them afterwards). */
const USER_SETTINGS: Readonly<Record<string, unknown>> = {
  // git.openRepositoryInParentFolders 'never': the workspace lies inside this repository's
  // (ignored) .sandbox folder, and needs no git prompt for it.
  ...quietSettings,
  // Opens the workspace's README.md, which says what to try.
  'workbench.startupEditor': 'readme',
};

/** The demo editor's folders: code-server's, under one root that also holds the install stamps. */
export interface EditorDirs extends CodeServerDirs {
  readonly root: string;
}

/** The editor's folders under `root` (<data>/editor). */
export function editorDirs(root: string): EditorDirs {
  return {
    root,
    userDataDir: join(root, 'user-data'),
    extensionsDir: join(root, 'extensions'),
    configFile: join(root, 'config.yaml'),
  };
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** The user's own AWS settings and credentials, which the demo editor must not see. */
const USER_AWS_KEYS = [
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
];

/** Environment for code-server: nothing that ties it to an outer VS Code, no real AWS credentials. */
export function editorEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  // The demo editor (its extension host and its terminals) sees only the demo's AWS profile.
  return codeServerEnv(extra, USER_AWS_KEYS);
}

/** Prepares the folders, the config file and (once) the user settings. */
export function prepareEditor(dirs: EditorDirs, port: number): void {
  mkdirSync(join(dirs.userDataDir, 'User'), { recursive: true, mode: 0o700 });
  mkdirSync(dirs.extensionsDir, { recursive: true });
  writeCodeServerConfig(dirs, port);
  const settings = join(dirs.userDataDir, 'User', 'settings.json');
  if (!existsSync(settings)) writeFileSync(settings, `${JSON.stringify(USER_SETTINGS, null, 2)}\n`);
}

/**
 * Installs the .vsix files whose content changed since the last start (or all, when the
 * extensions folder was emptied). Returns the files it installed.
 */
export async function installExtensions(
  entry: string,
  dirs: EditorDirs,
  vsixes: readonly string[],
  env: NodeJS.ProcessEnv,
  signal: AbortSignal,
): Promise<string[]> {
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
  try {
    await installVsixes(entry, dirs, todo, { env, timeoutMs: 180_000, signal });
  } catch (error) {
    throw new DemoError((error as Error).message);
  }
  for (const vsix of todo) stamps[vsix] = sha256(vsix);
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
      [opts.entry, ...dirArgs(opts.dirs), ...serveArgs(opts.port, opts.folder)],
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
    if (exited)
      throw new DemoError(
        `code-server ${exited}. Its log (${opts.logFile}) ends with:\n${logTail(opts.logFile, 15, '    ')}`,
      );
    try {
      if ((await httpStatus(`${url}healthz`)) === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new DemoError(
        `code-server did not answer on ${url} within ${opts.timeoutMs / 1000} s. Its log (${opts.logFile}) ends with:\n${logTail(opts.logFile, 15, '    ')}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { process: proc, url };
}
