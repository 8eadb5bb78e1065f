// What a node's Settings group shows, as plain rows: the LLM budget, user quotas with usage, allowed
// processors and secret key names (never values). No editor types: tested without VS Code.

import type { EffectiveQuota, LlmConfig, SecretScope, UserQuota } from '../api/nodeSettings';
import { DEFAULT_QUOTA_USER } from '../api/nodeSettings';

/** Dollars as the UI shows them: `$0.50`, `$25`. */
export function usd(value: number): string {
  return Number.isInteger(value) ? `$${value}` : `$${value.toFixed(2)}`;
}

export function budgetText(c: LlmConfig): string {
  return `${usd(c.budgetUsd)} per ${c.budgetPeriod === 'daily' ? 'day' : 'month'}`;
}

/** "day $1 · month $10 · workflow no cap of its own". */
export function capsText(q: Pick<UserQuota, 'dailyCostUsd' | 'monthlyCostUsd' | 'perWorkflowUsd'>): string {
  const axis = (name: string, v: number | undefined) => `${name} ${v === undefined ? 'default' : usd(v)}`;
  return [axis('day', q.dailyCostUsd), axis('month', q.monthlyCostUsd), axis('workflow', q.perWorkflowUsd)].join(' · ');
}

/** Usage against the effective cap: "used $0.10 of $0.25 today, $4 of $10 this month". */
export function usageText(e: EffectiveQuota): string {
  return `used ${usd(e.dailySpentUsd)} of ${usd(e.dailyCostUsd)} today, ${usd(e.monthlySpentUsd)} of ${usd(e.monthlyCostUsd)} this month`;
}

export function isDefaultRow(q: UserQuota): boolean {
  return q.userId === DEFAULT_QUOTA_USER;
}

/** The default row first, then people by name. */
export function sortQuotas(rows: readonly UserQuota[], nameOf: (id: string) => string): UserQuota[] {
  return [...rows].sort((a, b) =>
    isDefaultRow(a) ? -1 : isDefaultRow(b) ? 1 : nameOf(a.userId).localeCompare(nameOf(b.userId)),
  );
}

export const SCOPE_LABEL: Readonly<Record<SecretScope, string>> = { user: 'My secrets', shared: 'Shared secrets' };

/** Secret key rules as the API enforces them, checked before a value is asked for. */
export function secretKeyProblem(key: string): string | undefined {
  if (!key) return 'Enter a name';
  if (Buffer.byteLength(key) > 256) return 'At most 256 characters';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return 'Letters, digits and _ only, not starting with a digit';
  return undefined;
}

/** A dollar amount ≥ 0; empty is allowed where `emptyOk` (no cap of its own). */
export function amountProblem(text: string, emptyOk: boolean): string | undefined {
  const t = text.trim();
  if (!t) return emptyOk ? undefined : 'Enter an amount in US dollars';
  const v = Number(t.replace(/^\$/, ''));
  if (!Number.isFinite(v)) return 'Enter a number, e.g. 25 or 0.50';
  if (v < 0) return 'The amount cannot be negative';
  return undefined;
}

export function parseAmount(text: string): number | undefined {
  const t = text.trim().replace(/^\$/, '');
  return t ? Number(t) : undefined;
}
