// A user's effective LLM quota and usage on a node (routes 37–38): the user's row, else the node's
// `__default__` row, else the platform safety cap, axis by axis; spend from the usage aggregates.

import { DEFAULT_QUOTA_USER, type ChatUserQuota, type ChatUserUsage } from '../store/types';
import { ApiError, json, Msg, type RequestContext } from './http';
import { quotaContext } from './llmQuotas';

export const AGGREGATE = 'AGGREGATE';

/** The last tier: production's DEFAULT_USER_*_USD variables, with its fallbacks ($1 a day, $10 a month, $0.50 a workflow). */
export function platformSafetyCaps(env: NodeJS.ProcessEnv = process.env) {
  const read = (name: string, fallback: number) => {
    const v = Number.parseFloat(env[name] ?? '');
    return Number.isFinite(v) ? v : fallback;
  };
  return {
    dailyCostUsd: read('DEFAULT_USER_DAILY_COST_USD', 1),
    monthlyCostUsd: read('DEFAULT_USER_MONTHLY_COST_USD', 10),
    perWorkflowUsd: read('DEFAULT_USER_PER_WORKFLOW_USD', 0.5),
  };
}

type Axis = 'dailyCostUsd' | 'monthlyCostUsd' | 'perWorkflowUsd';
type Source = 'user' | 'node-default' | 'platform-safety';

function resolveAxis(
  axis: Axis,
  user: ChatUserQuota | undefined,
  fallback: ChatUserQuota | undefined,
  cap: number,
): [number, Source] {
  const own = user?.[axis];
  if (own !== undefined) return [own, 'user'];
  const def = fallback?.[axis];
  if (def !== undefined) return [def, 'node-default'];
  return [cap, 'platform-safety'];
}

/** Production's zero-value usage row for a missing aggregate. */
function zeroUsage(): ChatUserUsage {
  return {
    userNodeDate: '',
    recordType: '',
    userId: '',
    computeNodeId: '',
    period: '',
    totalInputTokens: 0,
    totalOutputTokens: 0,
    estimatedCostUsd: 0,
    requestCount: 0,
    updatedAt: '',
  };
}

async function usageRow(ctx: RequestContext, userId: string, nodeUuid: string, bucket: string): Promise<ChatUserUsage> {
  return (await ctx.deps.store.quotas.getUsage(`${userId}#${nodeUuid}#${bucket}`, AGGREGATE)) ?? zeroUsage();
}

/** GET /compute-nodes/{id}/user-quotas/{userId}/effective: the resolved caps, their sources, spend and what remains. */
export async function effectiveQuota(ctx: RequestContext) {
  const q = await quotaContext(ctx, 'ownerOrSelf');
  if (!q.target) throw new ApiError(400, Msg.missingUserId);
  const today = ctx.deps.now().toISOString().slice(0, 10);
  // Four independent reads at once: one round trip to the store instead of four.
  const [user, fallback, day, month] = await Promise.all([
    ctx.deps.store.quotas.get(q.node.uuid, q.target),
    ctx.deps.store.quotas.get(q.node.uuid, DEFAULT_QUOTA_USER),
    usageRow(ctx, q.target, q.node.uuid, today),
    usageRow(ctx, q.target, q.node.uuid, today.slice(0, 7)),
  ]);
  const cap = platformSafetyCaps();
  const [daily, dailySource] = resolveAxis('dailyCostUsd', user, fallback, cap.dailyCostUsd);
  const [monthly, monthlySource] = resolveAxis('monthlyCostUsd', user, fallback, cap.monthlyCostUsd);
  const [perWorkflow, perWorkflowSource] = resolveAxis('perWorkflowUsd', user, fallback, cap.perWorkflowUsd);
  return json(200, {
    computeNodeId: q.node.uuid,
    userId: q.target,
    dailyCostUsd: daily,
    monthlyCostUsd: monthly,
    perWorkflowUsd: perWorkflow,
    dailySource,
    monthlySource,
    perWorkflowSource,
    dailySpentUsd: day.estimatedCostUsd,
    monthlySpentUsd: month.estimatedCostUsd,
    remainingDayUsd: Math.max(0, daily - day.estimatedCostUsd),
    remainingMonthUsd: Math.max(0, monthly - month.estimatedCostUsd),
    dailyTokens: day.totalInputTokens + day.totalOutputTokens,
    monthlyTokens: month.totalInputTokens + month.totalOutputTokens,
  });
}

/** GET /compute-nodes/{id}/user-usage/{userId}?period=day|month&date=YYYY-MM-DD: the day and/or month aggregates. */
export async function userUsage(ctx: RequestContext) {
  const q = await quotaContext(ctx, 'ownerOrSelf');
  if (!q.target) throw new ApiError(400, Msg.missingUserId);
  const period = ctx.query.get('period') ?? '';
  const date = ctx.query.get('date') || ctx.deps.now().toISOString().slice(0, 10);
  const month = date.length >= 7 ? date.slice(0, 7) : date;
  const result: Record<string, unknown> = { computeNodeId: q.node.uuid, userId: q.target };
  if (period === '' || period === 'day') result.daily = await usageRow(ctx, q.target, q.node.uuid, date);
  if (period === '' || period === 'month') result.monthly = await usageRow(ctx, q.target, q.node.uuid, month);
  return json(200, result);
}
