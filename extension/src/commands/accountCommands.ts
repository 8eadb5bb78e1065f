// AWS accounts: register (create the cross-account role with the user's credentials, then
// POST /accounts), verify the role, revoke Pennsieve's access, enable or disable a workspace.

import * as vscode from 'vscode';
import type { Account, RolePolicy } from '../api/accounts';
import { maskSecret } from '../util/mask';
import { registerCommand, required, UserFacingError } from './commandRunner';
import type { CommandDeps } from './deps';
import { untilAccepted, type Picked } from './choosers';
import { chooseWorkspace, resolveAccount, resolveEnablement } from './pickers';
import type { AwsSession } from './awsAccess';

const progress = (title: string, cancellable = false) => ({
  location: vscode.ProgressLocation.Notification,
  title,
  cancellable,
});

/** The role template with a fresh external ID (the sandbox may already have put one in). */
async function prepareRole(policy: RolePolicy): Promise<{ trust: Record<string, unknown>; externalId: string }> {
  const { externalIdOf, generateExternalId, withExternalId } = await import('../aws/trustPolicy');
  const existing = externalIdOf(policy.trustPolicyDocument);
  const externalId = policy.externalId && existing === policy.externalId ? existing : generateExternalId();
  return { trust: withExternalId(policy.trustPolicyDocument, externalId), externalId };
}

function principalsOf(trust: Record<string, unknown>): string {
  const text = JSON.stringify(trust);
  const found = [...text.matchAll(/"AWS":\s*(\[[^\]]*\]|"[^"]*")/g)].map((m) => m[1]!.replace(/[[\]"]/g, ''));
  return found.join(', ') || 'the principal in the trust policy';
}

async function register(deps: CommandDeps): Promise<void> {
  const title = 'Register AWS Account';
  const profile = await deps.aws.chooseProfile(title, true);
  await deps.aws.run(profile, async (aws) => {
    const { fetchCallerIdentity } = await import('../aws/identity');
    const [who, policy] = await vscode.window.withProgress(
      progress('Checking your AWS credentials and the role template…', true),
      () => Promise.all([fetchCallerIdentity(aws.sts), deps.api.accounts.fetchRolePolicy()]),
    );
    const existing = (await deps.explorer.store.load()).accounts.find((a) => a.accountId === who.account);
    if (existing) throw new UserFacingError(`This AWS account is already registered with Pennsieve: ${who.account}`);
    const name = await vscode.window.showInputBox({
      title,
      prompt: 'A name for this account in Pennsieve (optional)',
      value: profile,
      ignoreFocusOut: true,
    });
    const { trust, externalId } = await prepareRole(policy);
    const create = 'Create Role and Register';
    const answer = await vscode.window.showInformationMessage(
      `Create the IAM role ${policy.roleName} in AWS account ${who.account} and register it with Pennsieve?`,
      {
        modal: true,
        detail: `As ${who.arn}. The role trusts ${principalsOf(trust)} with external ID ${maskSecret(externalId)}, and gets the inline policy POLICY-${policy.roleName} from Pennsieve's role template. Export the template first if your security team reviews IAM changes.`,
      },
      create,
    );
    if (answer !== create) return;
    const account = await vscode.window.withProgress(progress(`Registering AWS account ${who.account}…`), (p) =>
      createAndRegister(
        deps,
        aws,
        { policy, trust, externalId, accountId: who.account, name: name?.trim() || undefined },
        p,
      ),
    );
    deps.explorer.roles.set(account.uuid, { differs: false });
    deps.explorer.refresh();
    const verify = 'Verify Connection';
    const enable = 'Enable Workspace';
    const choice = await vscode.window.showInformationMessage(
      `Registered AWS account ${who.account} with role ${policy.roleName} (external ID ${maskSecret(externalId)})`,
      verify,
      enable,
    );
    if (choice === verify) await vscode.commands.executeCommand('pennsieve.accounts.verify', account);
    if (choice === enable) await vscode.commands.executeCommand('pennsieve.accounts.enableWorkspace', account);
  });
}

interface Registration {
  readonly policy: RolePolicy;
  readonly trust: Record<string, unknown>;
  readonly externalId: string;
  readonly accountId: string;
  readonly name?: string;
}

/** Creates the role, then the registration; if the registration fails, the role is removed again. */
async function createAndRegister(
  deps: CommandDeps,
  aws: AwsSession,
  r: Registration,
  p: vscode.Progress<{ message?: string }>,
): Promise<Account> {
  const { createCrossAccountRole, deleteCrossAccountRole } = await import('../aws/crossAccountRole');
  p.report({ message: `creating role ${r.policy.roleName}` });
  await createCrossAccountRole(aws.iam, {
    roleName: r.policy.roleName,
    trustPolicy: r.trust,
    permissionPolicy: r.policy.policyDocument,
    maxSessionDuration: r.policy.maxSessionDuration,
  });
  deps.log.info(`Created role ${r.policy.roleName} in ${r.accountId}`);
  p.report({ message: 'registering with Pennsieve' });
  try {
    const uuid = await deps.api.accounts.createAccount({
      accountId: r.accountId,
      roleName: r.policy.roleName,
      externalId: r.externalId,
      name: r.name,
    });
    deps.log.info(`Registered account ${r.accountId} as ${uuid}`);
    return { uuid, accountId: r.accountId, roleName: r.policy.roleName, externalId: r.externalId, name: r.name };
  } catch (err) {
    const why = (err as Error).message;
    try {
      await deleteCrossAccountRole(aws.iam, r.policy.roleName);
    } catch (cleanup) {
      deps.log.error(`Role ${r.policy.roleName} could not be removed after the failed registration`, cleanup, {
        reveal: false,
      });
      throw new UserFacingError(
        `${why}. The role ${r.policy.roleName} was created but could not be removed; delete it in the AWS console`,
        { cause: err },
      );
    }
    throw new UserFacingError(`${why}. The role ${r.policy.roleName} was removed again`, { cause: err });
  }
}

async function verify(deps: CommandDeps, arg: unknown): Promise<void> {
  const title = 'Verify Connection';
  const account = await resolveAccount(deps, arg, title);
  if (!account.roleName) throw new UserFacingError(`The account has no role name on record: ${account.accountId}`);
  const profile = await deps.aws.chooseProfile(title, false);
  const { roleArnOf, verifyCrossAccountRole } = await import('../aws/identity');
  const arn = roleArnOf(account.accountId, account.roleName);
  const result = await deps.aws.run(
    profile,
    async (aws) =>
      await vscode.window.withProgress(progress(`Assuming ${account.roleName}…`, true), () =>
        verifyCrossAccountRole(aws.sts, aws.stsWith, arn, account.externalId).catch((err: unknown) => {
          if ((err as Error)?.name !== 'AccessDenied') throw err;
          deps.explorer.roles.set(account.uuid, { verified: false });
          throw new UserFacingError(
            `AWS refused AssumeRole on ${arn}: the trust policy lets only the principal it names assume the role (Pennsieve's account), with external ID ${maskSecret(account.externalId)}`,
            { cause: err },
          );
        }),
      ),
  );
  const expires = result.expiresAt
    ? ` The temporary credentials expire at ${result.expiresAt.toLocaleTimeString()} and were not stored.`
    : '';
  deps.log.info(`Verified ${arn}: became ${result.identity.arn}`);
  deps.explorer.roles.set(account.uuid, { verified: true });
  void vscode.window.showInformationMessage(
    `Connection verified: assumed ${account.roleName} and became ${result.identity.arn}.${expires}`,
  );
}

async function revoke(deps: CommandDeps, arg: unknown): Promise<void> {
  const title = 'Revoke Pennsieve Access';
  const account = await resolveAccount(deps, arg, title);
  const nodes = (await deps.api.computeNodes.fetchOwnedComputeNodes()).filter((n) => n.account.uuid === account.uuid);
  if (nodes.length > 0) {
    const names = nodes
      .slice(0, 5)
      .map((n) => n.name)
      .join(', ');
    throw new UserFacingError(
      `Delete the account's ${nodes.length} compute node(s) before revoking access: ${names}${nodes.length > 5 ? ', …' : ''}`,
    );
  }
  const profile = await deps.aws.chooseProfile(title, false);
  await deps.aws.run(profile, async (aws) => {
    const { fetchCallerIdentity } = await import('../aws/identity');
    const who = await fetchCallerIdentity(aws.sts);
    if (who.account !== account.accountId) {
      throw new UserFacingError(
        `Profile "${profile || 'default'}" is for AWS account ${who.account}; choose a profile for ${account.accountId} (setting pennsieve.aws.profile)`,
      );
    }
    const role = account.roleName ?? '';
    const go = 'Revoke Access';
    const answer = await vscode.window.showWarningMessage(
      `Revoke Pennsieve's access to AWS account ${account.accountId}?`,
      {
        modal: true,
        detail: `This removes the registration and deletes the role ${role || '(none on record)'} with its policies, as ${who.arn}.`,
      },
      go,
    );
    if (answer !== go) return;
    const report = await vscode.window.withProgress(progress(`Revoking access to ${account.accountId}…`), () =>
      removeAll(deps, aws, account),
    );
    deps.explorer.refresh();
    deps.log.info(report);
    void vscode.window.showInformationMessage(report);
  });
}

/** DELETE /accounts/{id}, then the role; returns the exact list of what was removed. */
async function removeAll(deps: CommandDeps, aws: AwsSession, account: Account): Promise<string> {
  const deleted = await deps.api.accounts.deleteAccount(account.uuid);
  const roleName = deleted.roleName || account.roleName;
  if (!roleName)
    return `Revoked access to AWS account ${account.accountId}: removed the registration (no role on record).`;
  const { deleteCrossAccountRole, RoleRemovalError } = await import('../aws/crossAccountRole');
  try {
    const r = await deleteCrossAccountRole(aws.iam, roleName);
    if (!r.roleExisted)
      return `Revoked access to AWS account ${account.accountId}: removed the registration; role ${roleName} did not exist any more.`;
    const parts = [
      'the registration',
      ...r.inlinePolicies.map((p) => `inline policy ${p}`),
      ...r.detachedPolicies.map((p) => `attachment of ${p}`),
      ...r.instanceProfiles.map((p) => `instance profile link ${p}`),
      `role ${roleName}`,
    ];
    return `Revoked access to AWS account ${account.accountId}: removed ${parts.join(', ')}.`;
  } catch (err) {
    const done =
      err instanceof RoleRemovalError ? [...err.removal.inlinePolicies, ...err.removal.detachedPolicies] : [];
    throw new UserFacingError(
      `The registration was removed, but deleting role ${roleName} failed${done.length ? ` after removing ${done.join(', ')}` : ''}; delete it in the AWS console: ${(err as Error).message}`,
      { cause: err },
    );
  }
}

const WORKSPACE_OPTIONS = [
  { label: 'Compute', description: 'compute nodes may run in this workspace', key: 'enableCompute' },
  { label: 'Storage', description: 'storage nodes may use this account', key: 'enableStorage' },
  { label: 'Public', description: 'workspace administrators may create nodes on this account too', key: 'isPublic' },
] as const;
type WorkspaceOption = (typeof WORKSPACE_OPTIONS)[number]['key'];

/** Which uses to enable; `last` (the earlier answer) is kept, else Compute alone. */
async function pickWorkspaceOptions(
  title: string,
  last: ReadonlySet<WorkspaceOption> | undefined,
): Promise<Set<WorkspaceOption>> {
  const chosen = last ?? new Set<WorkspaceOption>(['enableCompute']);
  const items = WORKSPACE_OPTIONS.map((o) => ({ ...o, picked: chosen.has(o.key) }));
  const picked = required(await vscode.window.showQuickPick(items, { title, canPickMany: true, ignoreFocusOut: true }));
  return new Set(picked.map((p) => p.key));
}

async function enableWorkspace(deps: CommandDeps, arg: unknown): Promise<void> {
  const title = 'Enable Workspace';
  const account = await resolveAccount(deps, arg, title);
  const enabled = new Set((account.enabledWorkspaces ?? []).map((e) => e.organizationId));
  let org: Picked | undefined;
  let uses: Set<WorkspaceOption> | undefined;
  await untilAccepted(async (problem) => {
    org = await chooseWorkspace(deps, title, undefined, org, problem, enabled);
    uses = await pickWorkspaceOptions(`${title}: ${org.label}`, uses);
    const options = {
      enableCompute: uses.has('enableCompute'),
      enableStorage: uses.has('enableStorage'),
      isPublic: uses.has('isPublic'),
    };
    await deps.api.accounts.enableWorkspace(account.uuid, org.id, options);
  }, deps.log);
  deps.explorer.refresh();
  void vscode.window.showInformationMessage(`Enabled AWS account ${account.accountId} for workspace ${org!.label}`);
}

async function disableWorkspace(deps: CommandDeps, arg: unknown): Promise<void> {
  const title = 'Disable Workspace';
  const { account, organizationId } = await resolveEnablement(deps, arg, title);
  const workspace = deps.people.orgLabel(organizationId);
  const go = 'Disable';
  const answer = await vscode.window.showWarningMessage(
    `Disable AWS account ${account.accountId} for workspace ${workspace}?`,
    { modal: true, detail: 'Pennsieve refuses while compute or storage nodes of this account run in the workspace.' },
    go,
  );
  if (answer !== go) return;
  await deps.api.accounts.disableWorkspace(account.uuid, organizationId);
  deps.explorer.refresh();
  void vscode.window.showInformationMessage(`Disabled workspace ${workspace} for AWS account ${account.accountId}`);
}

export function registerAccountCommands(deps: CommandDeps): vscode.Disposable[] {
  const { log } = deps;
  return [
    registerCommand(log, 'pennsieve.accounts.register', 'Register AWS account', () => register(deps)),
    registerCommand(log, 'pennsieve.accounts.verify', 'Verify connection', (arg) => verify(deps, arg)),
    registerCommand(log, 'pennsieve.accounts.revoke', 'Revoke Pennsieve access', (arg) => revoke(deps, arg)),
    registerCommand(log, 'pennsieve.accounts.enableWorkspace', 'Enable workspace', (arg) => enableWorkspace(deps, arg)),
    registerCommand(log, 'pennsieve.accounts.disableWorkspace', 'Disable workspace', (arg) =>
      disableWorkspace(deps, arg),
    ),
  ];
}
