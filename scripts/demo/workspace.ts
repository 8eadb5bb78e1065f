// The sample workspace `npm start` opens: a copy of the compute-node module the sandbox deploys
// (backend/src/provisioner/module), taken at start so it never drifts, with one deliberate
// violation; a README saying what to try; and workspace settings pointing the extension at the
// sandbox, which are rewritten on every start (moto's port changes).

import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** Where the module goes in the workspace, and the file holding the violation. */
export const MODULE_DIR = 'compute-node';
export const VIOLATION_FILE = `${MODULE_DIR}/processors.tf`;
/** The rule the violation breaks. */
export const VIOLATION_RULE = 'PG201';
/** The role that loses its boundary. */
const VIOLATION_ROLE = 'aws_iam_role.lambda_processor';

const MARKER = '# DEMO: this role has lost its permissions boundary';

/**
 * Removes `permissions_boundary` from the Lambda processor role (PG201) and says so in a comment
 * above the resource. Throws when the module no longer has that shape.
 */
export function injectViolation(text: string): string {
  const [type, name] = VIOLATION_ROLE.split('.');
  const header = `resource "${type}" "${name}" {`;
  const start = text.indexOf(header);
  const end = start < 0 ? -1 : text.indexOf('\n}\n', start);
  if (start < 0 || end < 0) throw new Error(`${VIOLATION_FILE}: no ${header} block to break`);
  const block = text.slice(start, end);
  const broken = block.replace(/\n[ \t]*permissions_boundary[ \t]*=[^\n]*/, '');
  if (broken === block)
    throw new Error(`${VIOLATION_FILE}: ${VIOLATION_ROLE} has no permissions_boundary line to remove`);
  const comment = [
    `${MARKER} (pennsieve-guard ${VIOLATION_RULE}).`,
    '# Put the cursor on the underlined line and press Ctrl+. for the quick fix.',
  ].join('\n');
  return `${text.slice(0, start)}${comment}\n${broken}${text.slice(end)}`;
}

function readme(o: {
  accountName: string;
  accountId: string;
  workspace: string;
  user: string;
  profile: string;
  dataDir: string;
}): string {
  return `# Pennsieve Compute: the demo

This VS Code runs the **Pennsieve Compute** extension against a sandbox on your machine: the
sandbox backend (Pennsieve's Account Service API) and **moto**, an emulated AWS account. Nothing
here reaches real AWS or the real Pennsieve.

## 1. A broken guarantee, seen as you type

\`${MODULE_DIR}/\` is the Terraform module the sandbox deploys for every compute node, with one
deliberate mistake: the Lambda processor role has lost its permissions boundary.

1. Open [\`${VIOLATION_FILE}\`](${VIOLATION_FILE}). The role \`${VIOLATION_ROLE}\` is underlined in red:
   **${VIOLATION_RULE}: Role has no permissions boundary**. The Problems panel (Ctrl+Shift+M) lists it too.
2. Put the cursor on the underlined line, press **Ctrl+.** and pick **Add the permissions boundary
   aws_iam_policy.boundary**. The problem goes away.
3. Break something else and watch it appear: in \`processor_policy\` (same file), add a statement

   \`\`\`hcl
   { Effect = "Allow", Action = "s3:GetObject", Resource = "*" },
   \`\`\`

   and you get **PG501** (a processor role may only use EFS and logs) and **PG502** (S3 outside the
   platform's buckets). Hover a finding for the rule's explanation.

## 2. Compute nodes, from the sidebar

1. Open the **Pennsieve Compute** view (the activity bar, on the left). You are signed in to the
   sandbox as ${o.user} (status bar: *Pennsieve: …*), and the AWS account **${o.accountName}**
   (${o.accountId}) is registered and enabled for workspace **${o.workspace}**.
2. Create a node: the **+** in the view's title bar (or *Pennsieve: Create Compute Node…* in the
   Command Palette, F1). Give it a name, pick workspace ${o.workspace}, mode *basic*, no LLM access, a GPU
   tier, and confirm.
3. Watch it go **Pending → Enabled**: the sandbox runs real Terraform into moto (half a minute to two minutes).
4. Right-click the node to share it with a user, pause it, or **delete** it (type its name to
   confirm); it goes **Destroying**, then disappears.

On the account (right-click): **Verify Connection** assumes the cross-account role, **Audit
Deployed Role** checks the live role against the guarantees. They use the AWS profile
\`${o.profile}\`, an IAM user in the emulated account.

## Where things are

- The data of this demo: \`${o.dataDir}\` (sandbox state, this workspace, editor state, logs).
- Stop the demo with Ctrl-C in the terminal that runs \`npm start\`; nodes and accounts are kept for
  the next start (moto is not: nodes created earlier show as Failed then, delete them).
- \`npm start -- --reset-workspace\` restores this folder; \`npm start -- --reset\` starts from nothing.
`;
}

export interface WorkspaceInfo {
  readonly path: string;
  readonly created: boolean;
}

/** Creates the workspace unless it exists (or `reset`). */
export function ensureWorkspace(
  repoRoot: string,
  path: string,
  reset: boolean,
  about: { accountName: string; accountId: string; workspace: string; user: string; profile: string; dataDir: string },
): WorkspaceInfo {
  if (existsSync(join(path, MODULE_DIR)) && !reset) return { path, created: false };
  rmSync(path, { recursive: true, force: true });
  mkdirSync(path, { recursive: true });
  const moduleDir = join(path, MODULE_DIR);
  cpSync(join(repoRoot, 'backend', 'src', 'provisioner', 'module'), moduleDir, { recursive: true });
  const file = join(path, VIOLATION_FILE);
  writeFileSync(file, injectViolation(readFileSync(file, 'utf8')));
  writeFileSync(join(path, 'README.md'), readme(about));
  return { path, created: true };
}

/** Merges the sandbox settings into `<workspace>/.vscode/settings.json` (other keys are kept). */
export function writeWorkspaceSettings(path: string, settings: Record<string, unknown>): void {
  const dir = join(path, '.vscode');
  const file = join(dir, 'settings.json');
  mkdirSync(dir, { recursive: true });
  let current: Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      current = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch {
      // Comments or a half-edited file: start over with ours (the demo owns this file).
    }
  }
  writeFileSync(file, `${JSON.stringify({ ...current, ...settings }, null, 2)}\n`);
}

/**
 * Runs the bundled pennsieve-guard CLI on the fresh module: exactly one finding, the deliberate
 * one, is expected. Returns a description of the difference, or undefined when it is as expected.
 */
export async function checkViolation(
  repoRoot: string,
  workspace: string,
  signal: AbortSignal,
): Promise<string | undefined> {
  const cli = join(repoRoot, 'dist', 'cli.js');
  if (!existsSync(cli)) return undefined;
  const run = promisify(execFile);
  let stdout: string;
  try {
    ({ stdout } = await run(process.execPath, [cli, 'check', join(workspace, MODULE_DIR), '--format', 'json'], {
      timeout: 60_000,
      maxBuffer: 16 * 1024 * 1024,
      signal,
    }));
  } catch (error) {
    if (signal.aborted) throw error;
    // Exit code 1 means "findings": the output is still the report.
    stdout = (error as { stdout?: string }).stdout ?? '';
  }
  let findings: { ruleId: string; severity: string }[];
  try {
    findings = (JSON.parse(stdout) as { findings: { ruleId: string; severity: string }[] }).findings;
  } catch {
    return `pennsieve-guard printed no report: ${stdout.slice(0, 200)}`;
  }
  const errors = findings.filter((f) => f.severity !== 'info');
  if (errors.length === 1 && errors[0]!.ruleId === VIOLATION_RULE) return undefined;
  return `expected one ${VIOLATION_RULE} finding, got: ${errors.map((f) => f.ruleId).join(', ') || 'none'}`;
}
