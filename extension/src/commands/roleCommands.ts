// Audit the deployed cross-account role through the language server: its diagnostics on a
// read-only view of the live role, the run in the Role Audit view.

import * as vscode from 'vscode';
import { AuditRoleRequest, type AuditRoleResult } from '../../../shared/protocol';
import type { Account } from '../api/accounts';
import type { AuditRun } from '../audit/auditReport';
import { AuditView } from '../audit/auditView';
import { liveRoleDocument, registeredTemplateDocument } from '../audit/roleDocuments';
import { describeDrift } from '../audit/auditReport';
import { registerCommand, UserFacingError } from './commandRunner';
import type { CommandDeps } from './deps';
import { resolveAccount } from './pickers';

export const LIVE_ROLE_SCHEME = 'pennsieve-live';

/** How long a re-audited document may take to show its new text before we stop waiting. */
const REFRESH_WAIT_MS = 5000;

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

/**
 * The document for `uri` once it shows `text`. A document already open from an earlier audit is
 * refreshed by VS Code after the provider's change event; showing it before that would put this
 * run's findings on the previous run's text.
 */
async function liveDocument(uri: vscode.Uri, text: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(uri);
  if (doc.getText() === text) return doc;
  return new Promise<vscode.TextDocument>((resolve) => {
    const done = (d: vscode.TextDocument) => {
      sub.dispose();
      clearTimeout(timer);
      resolve(d);
    };
    const sub = vscode.workspace.onDidChangeTextDocument(
      (e) => e.document.uri.toString() === uri.toString() && e.document.getText() === text && done(e.document),
    );
    const timer = setTimeout(() => done(doc), REFRESH_WAIT_MS);
  });
}

interface RoleReading {
  readonly text: string;
  readonly template?: string;
  readonly templateError?: string;
  /** Whether Update Role to Latest Template would change the role (unknown without the template). */
  readonly differs?: boolean;
}

/** Reads the live role with the user's AWS credentials and the template from Pennsieve, together. */
async function readRole(deps: CommandDeps, account: Account, roleName: string, profile: string): Promise<RoleReading> {
  const { fetchLiveRole } = await import('../aws/crossAccountRole');
  const [live, template] = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Reading role ${roleName} from IAM…` },
    () =>
      Promise.all([
        deps.aws.run(profile, (aws) => fetchLiveRole(aws.iam, roleName)),
        deps.api.accounts.fetchRolePolicy().then(
          (policy) => ({ policy, text: registeredTemplateDocument(policy, account) }),
          (err: unknown) => ({ error: (err as Error).message }),
        ),
      ]),
  );
  if ('error' in template) {
    deps.log.warn(`Audit: no drift from the template, GET /role-policy failed: ${template.error}`);
    return { text: liveRoleDocument(live), templateError: template.error };
  }
  const { differsFromTemplate } = await import('../aws/roleUpdate');
  return {
    text: liveRoleDocument(live),
    template: template.text,
    differs: differsFromTemplate(live, { ...template.policy, externalId: account.externalId }),
  };
}

/** One message for the run: all clear only when every rule ran, every guarantee is proved and nothing was found. */
function announce(roleName: string, result: AuditRoleResult): void {
  const drift = result.drift ? describeDrift(result.drift) : undefined;
  const differs = drift && drift !== 'matches the template' ? `; it differs from the template: ${drift}` : '';
  if (result.failedRules.length > 0) {
    void vscode.window.showErrorMessage(
      `The audit of ${roleName} is incomplete: ${result.failedRules.length} rule(s) failed (see the log)${differs}`,
    );
    return;
  }
  const verdicts = result.live.guarantees.flatMap((s) => s.guarantees);
  const count = (v: string) => verdicts.filter((g) => g.verdict === v).length;
  const { error, warning, info } = result.live.counts;
  if (error + warning + info === 0 && count('unknown') + count('counterexample') === 0) {
    void vscode.window.showInformationMessage(
      `The deployed role ${roleName} keeps every guarantee of profile ${result.profile} (${count('proved')} proved)${differs}`,
    );
    return;
  }
  const broken = count('counterexample') ? `; ${count('counterexample')} guarantee(s) broken` : '';
  const undecided = count('unknown') ? `; ${count('unknown')} undecided` : '';
  void vscode.window.showWarningMessage(
    `The deployed role ${roleName} has ${error} error(s) and ${warning + info} other finding(s)${broken}${undecided}: see the Role Audit view${differs}`,
  );
}

async function audit(deps: CommandDeps, docs: LiveRoleDocuments, view: AuditView, arg: unknown): Promise<void> {
  const title = 'Audit Deployed Role';
  const account = await resolveAccount(deps, arg, title);
  const roleName = account.roleName;
  if (!roleName) throw new UserFacingError(`The account has no role name on record: ${account.accountId}`);
  const profile = await deps.aws.chooseProfile(title, false);
  const started = performance.now();
  const reading = await readRole(deps, account, roleName, profile);
  const iamMs = performance.now() - started;
  if (reading.differs !== undefined) deps.explorer.roles.set(account.uuid, { differs: reading.differs });
  const uri = vscode.Uri.from({ scheme: LIVE_ROLE_SCHEME, path: `/${account.accountId}/${roleName}.json` });
  docs.set(uri, reading.text);
  const client = await deps.guard.client();
  const params = {
    uri: uri.toString(),
    text: reading.text,
    template: reading.template,
    folderUri: vscode.workspace.workspaceFolders?.[0]?.uri.toString(),
  };
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Checking the role against Pennsieve’s guarantees…' },
    () => client.sendRequest(AuditRoleRequest.type, params),
  );
  const totalMs = performance.now() - started;
  for (const f of result.failedRules) deps.log.error(`Audit: rule ${f}`, undefined, { reveal: false });
  deps.log.info(
    `Audit of ${roleName} (${result.profile}): ${result.live.counts.error} errors, ${result.live.findings.length} findings in ${Math.round(totalMs)} ms (IAM ${Math.round(iamMs)} ms, engine ${Math.round(result.checkMs)} ms)`,
  );
  const run: AuditRun = {
    roleName,
    accountLabel: account.name || `AWS ${account.accountId}`,
    awsAccountId: account.accountId,
    uri: uri.toString(),
    at: new Date(),
    result,
    templateError: reading.templateError,
    timings: { iamMs, serverMs: totalMs - iamMs, totalMs },
  };
  await view.show(run);
  await vscode.window.showTextDocument(await liveDocument(uri, reading.text), { preview: false });
  announce(roleName, result);
}

export function registerRoleCommands(deps: CommandDeps): vscode.Disposable[] {
  const docs = new LiveRoleDocuments();
  const view = new AuditView();
  const { log } = deps;
  return [
    docs,
    view,
    vscode.workspace.registerTextDocumentContentProvider(LIVE_ROLE_SCHEME, docs),
    registerCommand(log, 'pennsieve.accounts.audit', 'Audit deployed role', (arg) => audit(deps, docs, view, arg)),
  ];
}
