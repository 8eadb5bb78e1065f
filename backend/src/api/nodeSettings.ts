// A node's allowed processors and LLM budget (routes 29–32), kept in the customer account's SSM
// through the emulated gateway. The paths are in ./routes.ts.

import type { BudgetPeriod } from '../gateway/computeGateway';
import { decodeBody } from './body';
import { ApiError, json, Msg, type RequestContext } from './http';
import { settingsContext, viaGateway } from './nodeSettingsContext';

/** GET /compute-nodes/{id}/allowed-processors: anyone with access; `{"processors":[…]}`. */
export async function getAllowedProcessors(ctx: RequestContext) {
  const c = await settingsContext(ctx, 'access');
  const processors = await viaGateway(() => ctx.deps.gateway.allowedProcessors(c));
  return json(200, { processors });
}

/** PUT /compute-nodes/{id}/allowed-processors `{"processors":[…]}`: owner or Admin+Public; replaces the list. */
export async function putAllowedProcessors(ctx: RequestContext) {
  const c = await settingsContext(ctx, 'owner');
  const body = decodeBody(ctx.rawBody, { processors: 'strings' });
  await viaGateway(() => ctx.deps.gateway.putAllowedProcessors(c, body.processors ?? []));
  return json(200, { message: 'allowed processors updated' });
}

/** GET /compute-nodes/{id}/llm-config: owner or Admin+Public; `{"budgetUsd":…,"budgetPeriod":…}`. */
export async function getLlmConfig(ctx: RequestContext) {
  const c = await settingsContext(ctx, 'owner');
  return json(200, await viaGateway(() => ctx.deps.gateway.llmConfig(c)));
}

/** PUT /compute-nodes/{id}/llm-config `{"budgetUsd": ≥0, "budgetPeriod": "daily"|"monthly"}`: owner or Admin+Public. */
export async function putLlmConfig(ctx: RequestContext) {
  const c = await settingsContext(ctx, 'owner');
  const body = decodeBody(ctx.rawBody, { budgetUsd: 'number', budgetPeriod: 'string' });
  const budgetUsd = body.budgetUsd ?? 0;
  if (budgetUsd < 0) throw new ApiError(400, Msg.budgetNegative);
  const period = body.budgetPeriod;
  if (period !== 'daily' && period !== 'monthly') throw new ApiError(400, Msg.budgetPeriod);
  const budgetPeriod: BudgetPeriod = period;
  return json(200, await viaGateway(() => ctx.deps.gateway.putLlmConfig(c, { budgetUsd, budgetPeriod })));
}
