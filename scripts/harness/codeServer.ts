// Starts a throwaway code-server (real VS Code, in the browser) for one e2e suite or bench run,
// in temporary folders, and stops it again.

import { spawn, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  codeServerEnv,
  dirArgs,
  installVsixes,
  quietSettings,
  serveArgs,
  writeCodeServerConfig,
  type CodeServerDirs,
} from './codeServerCli';
import { getCodeServerEntry } from './paths';
import { getFreePort } from './ports';
import { httpStatus, logTail } from './probe';
import { keepFolder, killProcessTree, removeOnExit, trackProcessGroup } from './processes';
import { scaled, waitFor, WaitAborted } from './wait';

/** User settings every suite starts from; a suite's own settings are merged over them. */
export const baseSettings: Readonly<Record<string, unknown>> = {
  ...quietSettings,
  'workbench.startupEditor': 'none',
  'workbench.editor.enablePreview': false,
  'files.autoSave': 'off',
  'editor.minimap.enabled': false,
  // Sticky tree headers duplicate rows and overlap the ones under them.
  'workbench.tree.enableStickyScroll': false,
  // Typed text lands exactly as typed: no auto-closing, auto-indent or accepted suggestions.
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoSurround': 'never',
  'editor.autoIndent': 'none',
  'editor.formatOnType': false,
  'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
  'editor.suggestOnTriggerCharacters': false,
  'editor.acceptSuggestionOnEnter': 'off',
  'editor.hover.delay': 300,
  // VS Code's built-in language defaults win over the plain keys above for these languages.
  '[yaml]': {
    'editor.autoIndent': 'none',
    'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
  },
  '[json]': { 'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' } },
};

/** How to start one code-server. */
export interface CodeServerOptions {
  /** Suite name: names the temporary folders and the log folder. */
  name: string;
  /** Folder to open; it is copied first, so tests may edit the copy freely. */
  workspace: string;
  /** .vsix files to install before start. */
  extensions: string[];
  /** User settings, merged over {@link baseSettings}. */
  settings?: Record<string, unknown>;
  /** Extra environment for code-server and so for the extension host (e.g. AWS endpoints). */
  env?: Record<string, string>;
  /** Where code-server.log and VS Code's own logs are kept after stop. */
  logDir: string;
  /** Keep the temporary folders after stop (also `PENNSIEVE_E2E_KEEP=1`). */
  keepTemp?: boolean;
}

/** A running code-server. */
export interface CodeServer {
  /** Base URL, e.g. http://127.0.0.1:43117/ */
  readonly url: string;
  /** URL that opens the workbench on the workspace copy. */
  readonly workbenchUrl: string;
  /** Absolute path of the workspace copy that VS Code has open. */
  readonly workspacePath: string;
  readonly userDataDir: string;
  readonly logFile: string;
  /** Milliseconds from spawn until the server answered. */
  readonly startMs: number;
  /** Merges `patch` into the user settings file; VS Code reloads it by itself. */
  updateSettings(patch: Record<string, unknown>): void;
  /** Kills the whole process tree, keeps the logs, removes the temporary folders. Idempotent. */
  stop(): Promise<void>;
}

/** The temporary folders of one instance, under `root`. */
interface Layout extends CodeServerDirs {
  readonly root: string;
  readonly workspacePath: string;
  readonly settingsFile: string;
}

function layoutOf(root: string): Layout {
  const userDataDir = join(root, 'user-data');
  return {
    root,
    userDataDir,
    extensionsDir: join(root, 'extensions'),
    configFile: join(root, 'config.yaml'),
    workspacePath: join(root, 'workspace'),
    settingsFile: join(userDataDir, 'User', 'settings.json'),
  };
}

/** Starts code-server on a free loopback port and resolves once it answers HTTP. */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const entry = getCodeServerEntry();
  const root = mkdtempSync(join(tmpdir(), `pennsieve-e2e-${options.name}-`));
  const keep = options.keepTemp || process.env.PENNSIEVE_E2E_KEEP === '1';
  if (!keep) removeOnExit(root);
  const removeRoot = () => {
    if (keep) return;
    rmSync(root, { recursive: true, force: true });
    keepFolder(root);
  };
  try {
    return await launch(entry, layoutOf(root), options, removeRoot);
  } catch (error) {
    removeRoot();
    throw error;
  }
}

/** Folders, the workspace copy, user settings and config; then the extensions, installed. */
async function prepare(
  entry: string,
  layout: Layout,
  options: CodeServerOptions,
  port: number,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  mkdirSync(join(layout.userDataDir, 'User'), { recursive: true });
  mkdirSync(layout.extensionsDir, { recursive: true });
  mkdirSync(options.logDir, { recursive: true });
  cpSync(options.workspace, layout.workspacePath, { recursive: true });
  writeFileSync(layout.settingsFile, JSON.stringify({ ...baseSettings, ...options.settings }, null, 2));
  writeCodeServerConfig(layout, port);
  await installVsixes(entry, layout, options.extensions, { env, timeoutMs: scaled(120_000) });
}

/** Spawns code-server in its own process group, its output into `logFile`. */
function spawnServer(
  entry: string,
  layout: Layout,
  port: number,
  env: NodeJS.ProcessEnv,
  logFile: string,
): ChildProcess {
  const logFd = openSync(logFile, 'w');
  const args = [entry, ...dirArgs(layout), ...serveArgs(port, layout.workspacePath)];
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  trackProcessGroup(child);
  return child;
}

/** Resolves once `url` answers /healthz; fails at once when the process exits first. */
async function waitUntilAnswering(url: string, child: ChildProcess, logFile: string): Promise<void> {
  let exited: string | undefined;
  child.on('exit', (code, sig) => (exited = `exited with ${sig ?? code}`));
  await waitFor(
    `code-server to answer on ${url}`,
    async () => {
      if (exited) throw new WaitAborted(`code-server ${exited}:\n${logTail(logFile, 40)}`);
      return (await httpStatus(`${url}healthz`)) === 200;
    },
    () => logTail(logFile, 10),
    { timeout: scaled(60_000), interval: 100 },
  );
}

async function launch(
  entry: string,
  layout: Layout,
  options: CodeServerOptions,
  removeRoot: () => void,
): Promise<CodeServer> {
  const port = await getFreePort();
  const env = codeServerEnv(options.env);
  await prepare(entry, layout, options, port, env);
  const logFile = join(options.logDir, 'code-server.log');
  const started = Date.now();
  const child = spawnServer(entry, layout, port, env, logFile);
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      if (child.pid !== undefined) await killProcessTree(child.pid);
      const vscodeLogs = join(layout.userDataDir, 'logs');
      if (existsSync(vscodeLogs)) cpSync(vscodeLogs, join(options.logDir, 'vscode'), { recursive: true });
      removeRoot();
    })();
    return stopped;
  };
  const url = `http://127.0.0.1:${port}/`;
  await waitUntilAnswering(url, child, logFile).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return {
    url,
    workbenchUrl: `${url}?folder=${encodeURIComponent(layout.workspacePath)}`,
    workspacePath: layout.workspacePath,
    userDataDir: layout.userDataDir,
    logFile,
    startMs: Date.now() - started,
    updateSettings(patch) {
      const current = JSON.parse(readFileSync(layout.settingsFile, 'utf8')) as Record<string, unknown>;
      writeFileSync(layout.settingsFile, JSON.stringify({ ...current, ...patch }, null, 2));
    },
    stop,
  };
}
