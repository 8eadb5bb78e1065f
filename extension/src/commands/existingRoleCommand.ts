// Register Existing Role…: the path where the user's security team applied the exported template
// themselves. The ARN is read, the live role fetched with the user's credentials, checked by the
// language server (guarantees with proofs, the platform's principal, the external ID), refused
// with the counterexample if it fails, else registered (POST /accounts) and verified.

import * as vscode from 'vscode';
import { CheckExistingRoleRequest, type CheckExistingRoleResult } from '../../../shared/roleProtocol';
import type { Account, RolePolicy } from '../api/accounts';
import type { LiveRole } from '../aws/crossAccountRole';
import { maskSecret } from '../util/mask';
import { registerCommand, required, UserFacingError } from './commandRunner';
import type { CommandDeps } from './deps';
import type { AwsSession } from './awsAccess';
import type { RoleArn } from '../roles/existingRole';

const progress = (title: string) => ({ location: vscode.ProgressLocation.Notification, title });

async function askArn(title: string): Promise<RoleArn> {
  const { parseRoleArn } = await import('../roles/existingRole');
  const validateInput = (v: string) => {
    const r = parseRoleArn(v);
    return typeof r === 'string' ? r : undefined;
  };
  const text = required(
    await vscode.window.showInputBox({
      title,
      prompt: 'The ARN of the role your security team created from the exported template',
      placeHolder: 'arn:aws:iam::123456789012:role/Pennsieve-Compute-prod',
      validateInput,
      ignoreFocusOut: true,
    }),
  );
  return parseRoleArn(text) as RoleArn;
}

async function askExternalId(title: string): Promise<string> {
  const validateInput = (v: string) => (v.trim() ? undefined : 'Enter the external ID the template was applied with');
  return required(
    await vscode.window.showInputBox({
      title,
      prompt: 'The external ID the template was applied with (the ExternalId parameter)',
      password: true,
      validateInput,
      ignoreFocusOut: true,
    }),
  ).trim();
}

interface CheckedRole {
  readonly result: CheckExistingRoleResult;
  readonly live: LiveRole;
  readonly policy: RolePolicy;
}

/** The live role, or a sentence saying the ARN names no role the profile can read. */
async function readLiveRole(aws: AwsSession, arn: RoleArn): Promise<LiveRole> {
  const { fetchLiveRole } = await import('../aws/crossAccountRole');
  const { isNoSuchEntity } = await import('../aws/awsErrors');
  try {
    return await fetchLiveRole(aws.iam, arn.roleName);
  } catch (err) {
    if (!isNoSuchEntity(err)) throw err;
    throw new UserFacingError(
      `There is no role ${arn.roleName} in AWS account ${arn.accountId}: check the ARN (nothing was registered)`,
      { cause: err },
    );
  }
}

/** Reads the role and asks the language server; throws the refusal with its counterexample. */
async function checkRole(deps: CommandDeps, aws: AwsSession, arn: RoleArn, externalId: string): Promise<CheckedRole> {
  const { existingRoleParams, firstCounterexample } = await import('../roles/existingRole');
  const [live, policy] = await Promise.all([readLiveRole(aws, arn), deps.api.accounts.fetchRolePolicy()]);
  const uri = vscode.Uri.from({ scheme: 'pennsieve-live', path: `/${arn.accountId}/${arn.roleName}.json` }).toString();
  const client = await deps.guard.client();
  const result = await client.sendRequest(
    CheckExistingRoleRequest.type,
    existingRoleParams(uri, live, policy, externalId, vscode.workspace.workspaceFolders?.[0]?.uri.toString()),
  );
  if (result.accepted) return { result, live, policy };
  const example = firstCounterexample(result);
  deps.log.warn(`Register Existing Role: refused ${arn.roleName}: ${result.reasons.join(' | ')}`);
  throw new UserFacingError(
    `The role ${arn.roleName} was not registered: ${example ?? result.reasons[0] ?? 'it fails the checks'}${result.reasons.length > 1 ? ` (and ${result.reasons.length - 1} more problem(s), see the log and the Problems view)` : ''}`,
  );
}

async function registerExisting(deps: CommandDeps): Promise<void> {
  const title = 'Register Existing Role';
  const arn = await askArn(title);
  const existing = (await deps.explorer.store.load()).accounts.find((a) => a.accountId === arn.accountId);
  if (existing) throw new UserFacingError(`This AWS account is already registered with Pennsieve: ${arn.accountId}`);
  const externalId = await askExternalId(title);
  const profile = await deps.aws.chooseProfile(title, false);
  const account = await deps.aws.run(profile, async (aws) => {
    const { fetchCallerIdentity, roleArnOf, verifyCrossAccountRole } = await import('../aws/identity');
    const who = await fetchCallerIdentity(aws.sts);
    if (who.account !== arn.accountId)
      throw new UserFacingError(
        `Profile "${profile || 'default'}" is for AWS account ${who.account}; choose a profile for ${arn.accountId} (setting pennsieve.aws.profile)`,
      );
    const checked = await vscode.window.withProgress(
      progress(`Checking role ${arn.roleName} against the guarantees…`),
      () => checkRole(deps, aws, arn, externalId),
    );
    const { differsFromTemplate } = await import('../aws/roleUpdate');
    const differs = differsFromTemplate(checked.live, { ...checked.policy, externalId });
    const registered = await vscode.window.withProgress(
      progress(`Registering AWS account ${arn.accountId}…`),
      async (): Promise<Account> => {
        const uuid = await deps.api.accounts.createAccount({
          accountId: arn.accountId,
          roleName: arn.roleName,
          externalId,
        });
        return { uuid, accountId: arn.accountId, roleName: arn.roleName, externalId };
      },
    );
    deps.log.info(`Registered existing role ${arn.roleName} of ${arn.accountId} as ${registered.uuid}`);
    const verified = await vscode.window.withProgress(progress(`Verifying ${arn.roleName}…`), () =>
      verifyCrossAccountRole(
        aws.sts,
        aws.stsWith,
        roleArnOf(arn.accountId, arn.roleName, arn.partition),
        externalId,
      ).catch((err: unknown) => {
        deps.explorer.roles.set(registered.uuid, { verified: false, differs });
        deps.explorer.refresh();
        throw new UserFacingError(
          `Registered AWS account ${arn.accountId}, but verifying the connection failed (run Verify Connection again): ${(err as Error).message}`,
          { cause: err },
        );
      }),
    );
    deps.log.info(`Verified ${arn.roleName}: became ${verified.identity.arn}`);
    deps.explorer.roles.set(registered.uuid, { verified: true, differs });
    return { ...registered, differs };
  });
  deps.explorer.refresh();
  const stale = account.differs
    ? ' It differs from the latest template: Update Role to Latest Template… shows how.'
    : '';
  void vscode.window.showInformationMessage(
    `Registered and verified AWS account ${account.accountId} with role ${account.roleName} (external ID ${maskSecret(externalId)}): every guarantee proved.${stale}`,
  );
}

export function registerExistingRoleCommands(deps: CommandDeps): vscode.Disposable[] {
  return [
    registerCommand(deps.log, 'pennsieve.accounts.registerExisting', 'Register existing role', () =>
      registerExisting(deps),
    ),
  ];
}
