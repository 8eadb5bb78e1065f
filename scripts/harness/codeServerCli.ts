// How to run code-server (VS Code in the browser), shared by the tests' and bench's throwaway
// instances (codeServer.ts) and the demo's persistent one (scripts/demo/editor.ts): its folders
// and flags, its environment, and installing .vsix files into it.

import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { promisify } from 'node:util';

const runFile = promisify(execFile);

/**
 * User settings of every instance: no tips, experiments, walkthroughs, telemetry, updates,
 * recommendations, trust prompts, or git prompts for a workspace inside another repository.
 */
export const quietSettings: Readonly<Record<string, unknown>> = {
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
};

/** The folders and config file of one code-server instance. */
export interface CodeServerDirs {
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly configFile: string;
}

/** The flags naming an instance's folders; every code-server call for it passes them. */
export function dirArgs(dirs: CodeServerDirs): string[] {
  return ['--config', dirs.configFile, '--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir];
}

/** Writes the config file: loopback `port`, no password, no TLS. */
export function writeCodeServerConfig(dirs: CodeServerDirs, port: number): void {
  // An explicit config file keeps code-server from writing one into ~/.config.
  writeFileSync(dirs.configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
}

/** The flags that serve `folder` on 127.0.0.1:`port`: no password, telemetry or update checks. */
export function serveArgs(port: number, folder: string): string[] {
  return [
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    // The URL opens `folder`, not whatever folder this instance showed last.
    '--ignore-last-opened',
    folder,
  ];
}

/**
 * Environment for code-server (and so its extension host and terminals): ours minus anything
 * that would tie it to an outer VS Code and minus the `drop` keys, plus `extra`.
 */
export function codeServerEnv(extra: Record<string, string> = {}, drop: readonly string[] = []): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE' || drop.includes(key)) delete env[key];
  }
  return { ...env, ...extra };
}

/** Options of {@link installVsixes}. */
export interface InstallOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/**
 * `code-server --install-extension` of every .vsix at once; throws, with code-server's output,
 * when it fails or does not report each one installed.
 */
export async function installVsixes(
  entry: string,
  dirs: CodeServerDirs,
  vsixes: readonly string[],
  opts: InstallOptions,
): Promise<void> {
  if (!vsixes.length) return;
  const args = [entry, ...dirArgs(dirs), '--force', ...vsixes.flatMap((v) => ['--install-extension', v])];
  let output: string;
  try {
    const { stdout, stderr } = await runFile(process.execPath, args, {
      env: opts.env,
      timeout: opts.timeoutMs,
      signal: opts.signal,
    });
    output = stdout + stderr;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`code-server --install-extension failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`, {
      cause: error,
    });
  }
  for (const vsix of vsixes) {
    if (!output.includes(`'${basename(vsix)}' was successfully installed`)) {
      throw new Error(`code-server did not install ${vsix}:\n${output}`);
    }
  }
}
