// A compute node's Settings group in the explorer: LLM budget (nodes with LLM access), user quotas
// with names and usage, allowed processors, and secret key names. Each part shows only when the API
// lets the caller read it (a 403 hides it); capability words on each row drive the menus.

import * as vscode from 'vscode';
import { ApiError } from '../api/client';
import type { ComputeNode } from '../api/computeNodes';
import type { LlmConfig, SecretScope, UserQuota } from '../api/nodeSettings';
import type { NodeContext } from '../tree/nodeContext';
import type { TreeNode } from '../tree/treeNode';
import { budgetText, capsText, isDefaultRow, SCOPE_LABEL, sortQuotas, usageText } from './settingsRows';

export type SettingsKind = 'group' | 'budget' | 'quotas' | 'quota' | 'processors' | 'processor' | 'secrets' | 'secret';

export interface SettingsSpec {
  readonly label: string;
  readonly description?: string;
  readonly icon: string;
  /** Capability words for package.json `when` clauses. */
  readonly context: string;
  readonly tooltip?: string;
  /** The processor, secret key or quota user id the row stands for. */
  readonly value?: string;
  readonly scope?: SecretScope;
  readonly quota?: UserQuota;
  readonly config?: LlmConfig;
}

/** One row of a node's settings; `load` gives a folder's children. */
export class SettingsItem implements TreeNode {
  constructor(
    readonly id: string,
    readonly parent: TreeNode,
    readonly node: ComputeNode,
    readonly kind: SettingsKind,
    readonly spec: SettingsSpec,
    private readonly load?: () => Promise<TreeNode[]>,
  ) {}

  get childrenLabel(): string {
    return `the settings of ${this.node.name}`;
  }

  /** The quota's user id, for Copy ID. */
  get copyableId(): { readonly what: string; readonly id: string } | undefined {
    return this.kind === 'quota' && this.spec.quota && !isDefaultRow(this.spec.quota)
      ? { what: 'user', id: this.spec.quota.userId }
      : undefined;
  }

  getTreeItem(): vscode.TreeItem {
    const state = this.load ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(this.spec.label, state);
    item.description = this.spec.description;
    item.iconPath = new vscode.ThemeIcon(this.spec.icon);
    item.contextValue = this.copyableId ? `${this.spec.context} canCopyId` : this.spec.context;
    return item;
  }

  getTooltip(): string {
    return this.spec.tooltip ?? this.spec.label;
  }

  async getChildren(): Promise<TreeNode[]> {
    return this.load ? this.load() : [];
  }
}

/**
 * undefined when the API refuses the caller (403), or when the node has no gateway yet (a node that
 * failed before provisioning finished: 400 `bad request`): that part is not shown.
 */
async function readable<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (err) {
    if (
      err instanceof ApiError &&
      (err.kind === 'forbidden' || (err.kind === 'badRequest' && err.serverMessage === 'bad request'))
    )
      return undefined;
    throw err;
  }
}

/** The Settings group of a settled node (Pending and Destroying nodes have no gateway to ask). */
export function settingsGroupFor(parent: TreeNode, ctx: NodeContext, node: ComputeNode): TreeNode[] {
  if (node.status === 'Pending' || node.status === 'Destroying') return [];
  const id = `settings:${node.uuid}`;
  const spec = {
    label: 'Settings',
    icon: 'settings-gear',
    context: 'nodeSettings',
    tooltip: 'LLM budget, user quotas, allowed processors and secrets',
  };
  // A new instance per load keeps the node current; VS Code keeps the row's expansion by its id.
  const group: SettingsItem = new SettingsItem(id, parent, node, 'group', spec, () => settingsChildren(group, ctx));
  return [group];
}

async function settingsChildren(group: SettingsItem, ctx: NodeContext): Promise<TreeNode[]> {
  const n = group.node;
  const api = ctx.api.nodeSettings;
  // The quota list is owner-only (NodeOwner or Admin+Public): reading it tells whether the caller manages the node.
  const [quotas, budget, processors, mine, shared] = await Promise.all([
    readable(() => api.userQuotas(n.uuid)),
    n.enableLLMAccess ? readable(() => api.llmConfig(n.uuid)) : undefined,
    readable(() => api.allowedProcessors(n.uuid)),
    readable(() => api.secretKeys(n.uuid, 'user')),
    readable(() => api.secretKeys(n.uuid, 'shared')),
  ]);
  const manages = quotas !== undefined;
  const rows: TreeNode[] = [];
  const make = (kind: SettingsKind, key: string, spec: SettingsSpec, load?: () => Promise<TreeNode[]>) =>
    new SettingsItem(`settings:${n.uuid}:${key}`, group, n, kind, spec, load);
  if (budget) {
    rows.push(
      make('budget', 'budget', {
        label: 'LLM budget',
        description: budgetText(budget),
        icon: 'credit-card',
        context: 'settingsBudget canEditBudget',
        config: budget,
      }),
    );
  }
  if (quotas) {
    const folder: SettingsItem = make(
      'quotas',
      'quotas',
      {
        label: 'User quotas',
        description: `${quotas.length} set`,
        icon: 'dashboard',
        context: 'settingsQuotas canSetQuota',
      },
      () => quotaRows(ctx, folder, quotas),
    );
    rows.push(folder);
  }
  if (processors) {
    const folder = {
      label: 'Allowed processors',
      description: processors.length ? `${processors.length}` : 'none listed',
      icon: 'package',
      context: `settingsProcessors${manages ? ' canAddProcessor' : ''}`,
    };
    rows.push(
      make('processors', 'processors', folder, async () =>
        processors.map((p) =>
          make('processor', `processor:${p}`, {
            label: p,
            icon: 'symbol-method',
            context: `settingsProcessor${manages ? ' canRemoveProcessor' : ''}`,
            value: p,
          }),
        ),
      ),
    );
  }
  for (const [scope, keys] of [
    ['user', mine],
    ['shared', shared],
  ] as const) {
    if (!keys) continue;
    const canChange = scope === 'user' || manages;
    const folder = {
      label: SCOPE_LABEL[scope],
      description: `${keys.length}`,
      icon: 'key',
      context: `settingsSecrets${canChange ? ' canAddSecret' : ''}`,
      scope,
    };
    rows.push(
      make('secrets', `secrets:${scope}`, folder, async () =>
        keys.map((k) =>
          make('secret', `secret:${scope}:${k}`, {
            label: k,
            icon: 'lock',
            context: `settingsSecret${canChange ? ' canDeleteSecret' : ''}`,
            value: k,
            scope,
            tooltip: `Secret ${k} (its value is never shown)`,
          }),
        ),
      ),
    );
  }
  return rows;
}

async function quotaRows(ctx: NodeContext, folder: SettingsItem, quotas: readonly UserQuota[]): Promise<TreeNode[]> {
  const n = folder.node;
  if (n.organizationId) await ctx.people.members(n.organizationId);
  const name = (id: string) => ctx.people.userLabel(id);
  const usage = await Promise.all(
    quotas.map((q) =>
      isDefaultRow(q) ? undefined : readable(() => ctx.api.nodeSettings.effectiveQuota(n.uuid, q.userId)),
    ),
  );
  return sortQuotas(quotas, name).map((q) => {
    const e = usage[quotas.indexOf(q)];
    const label = isDefaultRow(q) ? 'Default (every user)' : name(q.userId);
    const tooltip = [label, capsText(q), e && usageText(e), isDefaultRow(q) ? undefined : `id ${q.userId}`]
      .filter(Boolean)
      .join('\n');
    const spec = {
      label,
      description: e ? `${capsText(q)} · ${usageText(e)}` : capsText(q),
      icon: isDefaultRow(q) ? 'globe' : 'person',
      context: 'settingsQuota canEditQuota canRemoveQuota',
      value: q.userId,
      quota: q,
      tooltip,
    };
    return new SettingsItem(`settings:${n.uuid}:quota:${q.userId}`, folder, n, 'quota', spec);
  });
}
