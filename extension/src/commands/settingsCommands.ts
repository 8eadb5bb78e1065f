// Commands on a node's Settings rows: set the LLM budget, set or remove a user's quota (picked by
// name), add or remove allowed processors, add a secret (value from a password box, sent once and
// forgotten) or delete one by key. Values never reach the log, settings, files or tooltips.

import * as vscode from 'vscode';
import {
  BUDGET_PERIODS,
  DEFAULT_QUOTA_USER,
  type BudgetPeriod,
  type QuotaCaps,
  type SecretScope,
} from '../api/nodeSettings';
import { SettingsItem, type SettingsKind } from '../views/settingsTree';
import { amountProblem, parseAmount, secretKeyProblem, usd } from '../views/settingsRows';
import { chooseOrType, userChoices, type Picked } from './choosers';
import { registerCommand, required, UserFacingError } from './commandRunner';
import type { CommandDeps } from './deps';

function item(arg: unknown, ...kinds: SettingsKind[]): SettingsItem {
  if (arg instanceof SettingsItem && kinds.includes(arg.kind)) return arg;
  throw new UserFacingError('Run this from a compute node’s Settings in the Pennsieve explorer');
}

/** Reloads the node's Settings group. */
function refresh(deps: CommandDeps, s: SettingsItem): void {
  const group = deps.explorer.provider.find(`settings:${s.node.uuid}`);
  deps.explorer.provider.refresh(group);
}

async function amount(
  title: string,
  prompt: string,
  value: number | undefined,
  emptyOk: boolean,
): Promise<number | undefined> {
  const text = required(
    await vscode.window.showInputBox({
      title,
      prompt,
      value: value === undefined ? '' : String(value),
      ignoreFocusOut: true,
      validateInput: (t) => amountProblem(t, emptyOk),
    }),
  );
  return parseAmount(text);
}

async function editBudget(deps: CommandDeps, arg: unknown): Promise<void> {
  const s = item(arg, 'budget', 'group');
  const n = s.node;
  const current = s.spec.config ?? (await deps.api.nodeSettings.llmConfig(n.uuid));
  const title = `LLM Budget: ${n.name}`;
  const budgetUsd = required(
    await amount(title, 'Budget in US dollars (the LLM governor stops requests beyond it)', current.budgetUsd, false),
  );
  const periods = BUDGET_PERIODS.map((p) => ({
    label: p,
    description: p === current.budgetPeriod ? 'current' : undefined,
    period: p as BudgetPeriod,
  }));
  const budgetPeriod = required(
    await vscode.window.showQuickPick(periods, { title, placeHolder: 'Per day or per month' }),
  ).period;
  const saved = await deps.api.nodeSettings.setLlmConfig(n.uuid, { budgetUsd, budgetPeriod });
  refresh(deps, s);
  void vscode.window.setStatusBarMessage(
    `Pennsieve: ${n.name} LLM budget ${usd(saved.budgetUsd)} ${saved.budgetPeriod}`,
    4000,
  );
}

async function askCaps(title: string, current: QuotaCaps | undefined): Promise<QuotaCaps> {
  const hint = 'US dollars; leave empty for no cap of its own (the node default, then the platform cap, applies)';
  const dailyCostUsd = await amount(title, `Daily cap: ${hint}`, current?.dailyCostUsd, true);
  const monthlyCostUsd = await amount(title, `Monthly cap: ${hint}`, current?.monthlyCostUsd, true);
  const perWorkflowUsd = await amount(title, `Per-workflow cap: ${hint}`, current?.perWorkflowUsd, true);
  return { dailyCostUsd, monthlyCostUsd, perWorkflowUsd };
}

/** The user whose quota to set, picked by name among the workspace's members, or the node default. */
async function pickQuotaUser(deps: CommandDeps, s: SettingsItem, title: string): Promise<Picked> {
  const org = s.node.organizationId;
  const members = org ? await deps.people.members(org) : undefined;
  const choices = [
    { id: DEFAULT_QUOTA_USER, label: 'Default (every user)', description: 'the node-wide default' },
    ...(members ? userChoices(members, deps.people) : []),
  ];
  return chooseOrType(
    title,
    { noun: 'user', pattern: /^N:user:[0-9A-Za-z-]+$/, example: 'N:user:<uuid>' },
    choices,
    undefined,
    undefined,
  );
}

async function setQuota(deps: CommandDeps, arg: unknown): Promise<void> {
  const s = item(arg, 'quotas', 'quota', 'group');
  const title = `User Quota: ${s.node.name}`;
  const who =
    s.kind === 'quota' && s.spec.value
      ? { id: s.spec.value, label: s.spec.label, typed: false }
      : await pickQuotaUser(deps, s, title);
  const caps = await askCaps(`${title}: ${who.label}`, s.spec.quota);
  await deps.api.nodeSettings.setUserQuota(s.node.uuid, who.id, caps);
  refresh(deps, s);
  void vscode.window.setStatusBarMessage(`Pennsieve: set ${who.label}'s LLM quota on ${s.node.name}`, 4000);
}

async function removeQuota(deps: CommandDeps, arg: unknown): Promise<void> {
  const s = item(arg, 'quota');
  const go = 'Remove';
  const detail = 'Their usage is then capped by the node default, or the platform cap.';
  if (
    (await vscode.window.showWarningMessage(
      `Remove the LLM quota of ${s.spec.label} on ${s.node.name}?`,
      { modal: true, detail },
      go,
    )) !== go
  )
    return;
  await deps.api.nodeSettings.deleteUserQuota(s.node.uuid, required(s.spec.value));
  refresh(deps, s);
}

async function addProcessor(deps: CommandDeps, arg: unknown): Promise<void> {
  const s = item(arg, 'processors');
  const current = await deps.api.nodeSettings.allowedProcessors(s.node.uuid);
  const name = required(
    await vscode.window.showInputBox({
      title: `Allow a Processor: ${s.node.name}`,
      prompt: 'The processor (image or application name) the node may run',
      ignoreFocusOut: true,
      validateInput: (v) => (!v.trim() ? 'Enter a name' : current.includes(v.trim()) ? 'Already allowed' : undefined),
    }),
  ).trim();
  await deps.api.nodeSettings.setAllowedProcessors(s.node.uuid, [...current, name]);
  refresh(deps, s);
}

async function removeProcessor(deps: CommandDeps, arg: unknown): Promise<void> {
  const s = item(arg, 'processor');
  const name = required(s.spec.value);
  const current = await deps.api.nodeSettings.allowedProcessors(s.node.uuid);
  await deps.api.nodeSettings.setAllowedProcessors(
    s.node.uuid,
    current.filter((p) => p !== name),
  );
  refresh(deps, s);
}

async function addSecret(deps: CommandDeps, arg: unknown): Promise<void> {
  const s = item(arg, 'secrets');
  const scope: SecretScope = s.spec.scope ?? 'user';
  const title = `Add ${scope === 'shared' ? 'Shared ' : ''}Secret: ${s.node.name}`;
  const key = required(
    await vscode.window.showInputBox({
      title,
      prompt: 'Name (processors read it as this environment variable)',
      ignoreFocusOut: true,
      validateInput: secretKeyProblem,
    }),
  );
  const value = required(
    await vscode.window.showInputBox({
      title: `${title}: ${key}`,
      prompt: 'Value (sent once to the node’s account; never shown again)',
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (!v ? 'Enter a value' : Buffer.byteLength(v) > 10_000 ? 'At most 10000 bytes' : undefined),
    }),
  );
  await deps.api.nodeSettings.setSecret(s.node.uuid, scope, key, value);
  refresh(deps, s);
  void vscode.window.setStatusBarMessage(`Pennsieve: stored secret ${key} on ${s.node.name}`, 4000);
}

async function deleteSecret(deps: CommandDeps, arg: unknown): Promise<void> {
  const s = item(arg, 'secret');
  const key = required(s.spec.value);
  const go = 'Delete';
  if (
    (await vscode.window.showWarningMessage(
      `Delete secret ${key} from ${s.node.name}?`,
      { modal: true, detail: 'Processors no longer receive it.' },
      go,
    )) !== go
  )
    return;
  await deps.api.nodeSettings.deleteSecret(s.node.uuid, s.spec.scope ?? 'user', key);
  refresh(deps, s);
}

export function registerSettingsCommands(deps: CommandDeps): vscode.Disposable[] {
  const { log } = deps;
  return [
    registerCommand(log, 'pennsieve.settings.editBudget', 'Set LLM budget', (arg) => editBudget(deps, arg)),
    registerCommand(log, 'pennsieve.settings.setQuota', 'Set user quota', (arg) => setQuota(deps, arg)),
    registerCommand(log, 'pennsieve.settings.removeQuota', 'Remove user quota', (arg) => removeQuota(deps, arg)),
    registerCommand(log, 'pennsieve.settings.addProcessor', 'Allow processor', (arg) => addProcessor(deps, arg)),
    registerCommand(log, 'pennsieve.settings.removeProcessor', 'Remove allowed processor', (arg) =>
      removeProcessor(deps, arg),
    ),
    registerCommand(log, 'pennsieve.settings.addSecret', 'Add secret', (arg) => addSecret(deps, arg)),
    registerCommand(log, 'pennsieve.settings.deleteSecret', 'Delete secret', (arg) => deleteSecret(deps, arg)),
  ];
}
