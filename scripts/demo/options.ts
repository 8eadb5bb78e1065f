// Flags of `npm start` (scripts/demo.ts). See docs/demo.md.

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export const DEFAULT_EDITOR_PORT = 8080;
export const DEFAULT_API_PORT = 8787;

export interface DemoOptions {
  /** The data folder: sandbox state, sample workspace, editor state, logs. */
  readonly dataDir: string;
  /** code-server's port: undefined = 8080 or, when taken, any free port; 0 = any free port. */
  readonly editorPort?: number;
  /** The sandbox API's port, as `editorPort` (default 8787). */
  readonly apiPort?: number;
  /** Recreate the sample workspace from the compute-node module. */
  readonly resetWorkspace: boolean;
  /** Delete the whole data folder first. */
  readonly reset: boolean;
  /** Package the extension again even when its sources did not change. */
  readonly rebuild: boolean;
  /** A prebuilt Pennsieve Compute .vsix to install instead of building one. */
  readonly vsix?: string;
  /** Further .vsix files to install into the demo editor. */
  readonly extraExtensions: readonly string[];
  /** Do not run scripts/setup-e2e.sh when code-server is missing: fail instead. */
  readonly noInstall: boolean;
}

export const USAGE = `usage: npm start -- [options]      (or: bash scripts/demo.sh [options])

Starts moto (an emulated AWS account), the sandbox backend and VS Code (code-server) with the
Pennsieve Compute extension, signed in, on a sample workspace; prints the URL. Ctrl-C stops all.

  --port N               code-server's port (default ${DEFAULT_EDITOR_PORT}; if taken, any free port; 0 = any)
  --api-port N           the sandbox API's port (default ${DEFAULT_API_PORT}; if taken, any free port; 0 = any)
  --data DIR             data folder (default .sandbox/demo in the repository)
  --reset-workspace      recreate the sample workspace (your edits to it are lost)
  --reset                delete the whole data folder first: sandbox nodes and accounts, tokens,
                         editor state, workspace
  --rebuild              package the extension again even if its sources did not change
  --vsix FILE            install this Pennsieve Compute .vsix instead of building one
  --install-extension FILE   also install this .vsix into the demo editor (repeatable)
  --no-install           fail instead of installing code-server when it is missing
  -h, --help             this text

See docs/demo.md.`;

export class UsageError extends Error {}

function port(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new UsageError(`${flag} must be a port number (0 = any free port): ${raw}`);
  return n;
}

/** Parses the flags; undefined means --help was asked for. */
export function parseDemoArgs(argv: readonly string[], repoRoot: string): DemoOptions | undefined {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        'api-port': { type: 'string' },
        data: { type: 'string' },
        'reset-workspace': { type: 'boolean' },
        reset: { type: 'boolean' },
        rebuild: { type: 'boolean' },
        vsix: { type: 'string' },
        'install-extension': { type: 'string', multiple: true },
        'no-install': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return undefined;
  const str = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
  return {
    dataDir: resolve(str('data') ?? resolve(repoRoot, '.sandbox', 'demo')),
    editorPort: port(str('port'), '--port'),
    apiPort: port(str('api-port'), '--api-port'),
    resetWorkspace: values['reset-workspace'] === true,
    reset: values.reset === true,
    rebuild: values.rebuild === true,
    vsix: str('vsix') && resolve(str('vsix')!),
    extraExtensions: ((values['install-extension'] as string[] | undefined) ?? []).map((f) => resolve(f)),
    noInstall: values['no-install'] === true,
  };
}
