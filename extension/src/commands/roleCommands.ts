// The cross-account role as documents: audit the deployed role with the guarantee engine
// (findings in the Problems panel on a read-only view of the live documents), and export the
// role template as CloudFormation or Terraform into new untitled editors.

import * as vscode from 'vscode';
import { homedir } from 'node:os';
import type { AuditFinding } from '../audit/roleAudit';
import { registerCommand, UserFacingError } from './commandRunner';
import type { CommandDeps } from './deps';
import { resolveAccount } from './pickers';

export const LIVE_ROLE_SCHEME = 'pennsieve-live';
const DIAGNOSTIC_SOURCE = 'pennsieve-guard (deployed role)';

/** Read-only documents holding the live role as JSON, by URI (kept so Problems entries stay openable). */
class LiveRoleDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.changed.dispose();
  }
}

const SEVERITY: Readonly<Record<AuditFinding['severity'], vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

function toDiagnostic(doc: vscode.TextDocument, f: AuditFinding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(new vscode.Range(doc.positionAt(f.start), doc.positionAt(f.end)), f.message, SEVERITY[f.severity]);
  d.code = f.ruleId;
  d.source = DIAGNOSTIC_SOURCE;
  return d;
}

async function audit(deps: CommandDeps, docs: LiveRoleDocuments, diagnostics: vscode.DiagnosticCollection, arg: unknown): Promise<void> {
  const title = 'Audit Deployed Role';
  const account = await resolveAccount(deps.explorer.store, arg, title);
  const roleName = account.roleName;
  if (!roleName) throw new UserFacingError(`The account has no role name on record: ${account.accountId}`);
  const profile = await deps.aws.chooseProfile(title, false);
  const { fetchLiveRole } = await import('../aws/crossAccountRole');
  const live = await deps.aws.run(profile, async (aws) =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Reading role ${roleName} from IAM…`, cancellable: false }, () =>
      fetchLiveRole(aws.iam, roleName),
    ),
  );
  const { auditRoleDocument, liveRoleDocument, loadGuardEngine } = await import('../audit/roleAudit');
  const uri = vscode.Uri.from({ scheme: LIVE_ROLE_SCHEME, path: `/${account.accountId}/${roleName}.json` });
  docs.set(uri, liveRoleDocument(live));
  // The .json path gives the document the JSON language without re-opening it.
  const doc = await vscode.workspace.openTextDocument(uri);
  const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? homedir();
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Checking the role against Pennsieve’s guarantees…' },
    async () => {
      const engine = await loadGuardEngine();
      return auditRoleDocument(engine, { id: uri.toString(), path: `/${LIVE_ROLE_SCHEME}${uri.path}`, text: doc.getText() }, deps.settings.guard.profile, cwd);
    },
  );
  for (const f of result.failedRules) deps.log.warn(`Audit: a rule failed and was skipped: ${f}`);
  diagnostics.set(uri, result.findings.map((f) => toDiagnostic(doc, f)));
  await vscode.window.showTextDocument(doc, { preview: false });
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const others = result.findings.length - errors;
  deps.log.info(`Audit of ${roleName} (${result.profile}): ${errors} errors, ${others} other findings`);
  if (result.findings.length === 0) {
    void vscode.window.showInformationMessage(`The deployed role ${roleName} keeps every guarantee of profile ${result.profile}`);
    return;
  }
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  void vscode.window.showWarningMessage(`The deployed role ${roleName} has ${errors} error(s) and ${others} other finding(s): see the Problems panel`);
}

async function exportTemplate(deps: CommandDeps, format: 'cloudformation' | 'terraform'): Promise<void> {
  const policy = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Fetching the role template from Pennsieve…' },
    () => deps.api.accounts.fetchRolePolicy(),
  );
  const { toCloudFormation, toTerraform } = await import('../templates/roleTemplate');
  const languages = await vscode.languages.getLanguages();
  const wanted = format === 'cloudformation' ? 'yaml' : 'terraform';
  const language = languages.includes(wanted) ? wanted : 'plaintext';
  const content = format === 'cloudformation' ? toCloudFormation(policy) : toTerraform(policy);
  const doc = await vscode.workspace.openTextDocument({ language, content });
  await vscode.window.showTextDocument(doc, { preview: false });
}

export function registerRoleCommands(deps: CommandDeps): vscode.Disposable[] {
  const docs = new LiveRoleDocuments();
  const diagnostics = vscode.languages.createDiagnosticCollection('pennsieve-live-role');
  const { log } = deps;
  return [
    docs,
    diagnostics,
    vscode.workspace.registerTextDocumentContentProvider(LIVE_ROLE_SCHEME, docs),
    registerCommand(log, 'pennsieve.accounts.audit', 'Audit deployed role', (arg) => audit(deps, docs, diagnostics, arg)),
    registerCommand(log, 'pennsieve.accounts.exportCloudFormation', 'Export role template', () => exportTemplate(deps, 'cloudformation')),
    registerCommand(log, 'pennsieve.accounts.exportTerraform', 'Export role template', () => exportTemplate(deps, 'terraform')),
  ];
}
