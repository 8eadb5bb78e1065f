// Starts code-server (real VS Code, in the browser) for one e2e suite, and stops it again.

import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { getCodeServerEntry } from './paths';
import { httpStatus, logTail } from './probe';
import { getFreePort, keepFolder, killProcessTree, removeOnExit, trackProcessGroup } from './processes';
import { scaled, waitFor, WaitAborted } from './wait';

/** User settings every suite starts from; a suite's own settings are merged over them. */
export const baseSettings: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.editor.enablePreview': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
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
  '[yaml]': { 'editor.autoIndent': 'none', 'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' } },
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

const runFile = promisify(execFile);

/** Environment for code-server: ours, minus anything that would tie it to an outer VS Code. */
function buildEnv(extra: Record<string, string> | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const key of Object.keys(env)) {
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') delete env[key];
  }
  return env;
}

async function installExtensions(entry: string, common: string[], vsixes: string[], env: NodeJS.ProcessEnv): Promise<void> {
  if (!vsixes.length) return;
  const args = [entry, ...common, '--force', ...vsixes.flatMap((v) => ['--install-extension', v])];
  let output: string;
  try {
    const { stdout, stderr } = await runFile(process.execPath, args, { env, timeout: scaled(120_000) });
    output = stdout + stderr;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`code-server --install-extension failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
  for (const vsix of vsixes) {
    if (!output.includes(`'${basename(vsix)}' was successfully installed`)) {
      throw new Error(`code-server did not install ${vsix}:\n${output}`);
    }
  }
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
    return await launch(entry, root, options, removeRoot);
  } catch (error) {
    removeRoot();
    throw error;
  }
}

async function launch(entry: string, root: string, options: CodeServerOptions, removeRoot: () => void): Promise<CodeServer> {
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  const workspacePath = join(root, 'workspace');
  const configFile = join(root, 'config.yaml');
  const settingsFile = join(userDataDir, 'User', 'settings.json');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(options.logDir, { recursive: true });
  cpSync(options.workspace, workspacePath, { recursive: true });
  writeFileSync(settingsFile, JSON.stringify({ ...baseSettings, ...options.settings }, null, 2));

  const port = await getFreePort();
  // An explicit config file keeps code-server from writing one into ~/.config.
  writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const common = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  const env = buildEnv(options.env);
  await installExtensions(entry, common, options.extensions, env);

  const logFile = join(options.logDir, 'code-server.log');
  const logFd = openSync(logFile, 'w');
  const args = [
    entry,
    ...common,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    workspacePath,
  ];
  const started = Date.now();
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  trackProcessGroup(child);
  let exited: string | undefined;
  child.on('exit', (code, sig) => (exited = `exited with ${sig ?? code}`));

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      if (child.pid !== undefined) await killProcessTree(child.pid);
      const vscodeLogs = join(userDataDir, 'logs');
      if (existsSync(vscodeLogs)) cpSync(vscodeLogs, join(options.logDir, 'vscode'), { recursive: true });
      removeRoot();
    })();
    return stopped;
  };

  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitFor(
      `code-server to answer on ${url}`,
      async () => {
        if (exited) throw new WaitAborted(`code-server ${exited}:\n${logTail(logFile, 40)}`);
        return (await httpStatus(`${url}healthz`)) === 200;
      },
      () => logTail(logFile, 10),
      { timeout: scaled(60_000), interval: 100 },
    );
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    url,
    workbenchUrl: `${url}?folder=${encodeURIComponent(workspacePath)}`,
    workspacePath,
    userDataDir,
    logFile,
    startMs: Date.now() - started,
    updateSettings(patch) {
      const current = JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
      writeFileSync(settingsFile, JSON.stringify({ ...current, ...patch }, null, 2));
    },
    stop,
  };
}
