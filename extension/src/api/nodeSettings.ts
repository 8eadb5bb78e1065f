// A node's settings: its LLM budget, per-user LLM quotas, allowed processors and secrets (key names
// only: values go out once, in a request body, and never come back). No editor types.

import type { ApiClient } from './client';
import { ROUTES } from './routes';
import { array, num, object, optional, str, type Infer } from './schema';

export const BUDGET_PERIODS = ['daily', 'monthly'] as const;
export type BudgetPeriod = (typeof BUDGET_PERIODS)[number];
/** The `userId` of a node's default quota row. */
export const DEFAULT_QUOTA_USER = '__default__';
export type SecretScope = 'user' | 'shared';

export const llmConfigSchema = object({ budgetUsd: num, budgetPeriod: str });
export type LlmConfig = Infer<typeof llmConfigSchema>;

export const quotaSchema = object({
  computeNodeId: str,
  userId: str,
  dailyCostUsd: optional(num),
  monthlyCostUsd: optional(num),
  perWorkflowUsd: optional(num),
  notes: optional(str),
  updatedBy: optional(str),
  updatedAt: optional(str),
});
export type UserQuota = Infer<typeof quotaSchema>;

export const effectiveQuotaSchema = object({
  userId: str,
  dailyCostUsd: num,
  monthlyCostUsd: num,
  perWorkflowUsd: num,
  dailySource: str,
  monthlySource: str,
  perWorkflowSource: str,
  dailySpentUsd: num,
  monthlySpentUsd: num,
});
export type EffectiveQuota = Infer<typeof effectiveQuotaSchema>;

/** The caps a quota row sets; an axis left undefined has no cap of its own (it falls through to the default). */
export interface QuotaCaps {
  readonly dailyCostUsd?: number;
  readonly monthlyCostUsd?: number;
  readonly perWorkflowUsd?: number;
}

const keysSchema = object({ keys: array(str) });
const processorsSchema = object({ processors: array(str) });
const quotasSchema = object({ quotas: array(quotaSchema) });
const messageSchema = object({ message: optional(str) });

/** Typed calls for routes 23–37 of the Account Service. */
export class NodeSettingsApi {
  constructor(private readonly client: ApiClient) {}

  async secretKeys(nodeUuid: string, scope: SecretScope): Promise<string[]> {
    const params = { id: nodeUuid };
    if (scope === 'shared')
      return (await this.client.request(ROUTES.listSharedSecrets, keysSchema, { params })).data.keys;
    return (await this.client.request(ROUTES.listSecrets, keysSchema, { params })).data.keys;
  }

  /** Sends one secret; the value is in the request body only (the client logs method, path and status). */
  async setSecret(nodeUuid: string, scope: SecretScope, key: string, value: string): Promise<void> {
    const options = { params: { id: nodeUuid }, body: { secrets: { [key]: value } } };
    if (scope === 'shared') await this.client.request(ROUTES.patchSharedSecrets, messageSchema, options);
    else await this.client.request(ROUTES.patchSecrets, messageSchema, options);
  }

  async deleteSecret(nodeUuid: string, scope: SecretScope, key: string): Promise<void> {
    const options = { params: { id: nodeUuid }, query: { key } };
    if (scope === 'shared') await this.client.request(ROUTES.deleteSharedSecrets, messageSchema, options);
    else await this.client.request(ROUTES.deleteSecrets, messageSchema, options);
  }

  async allowedProcessors(nodeUuid: string): Promise<string[]> {
    return (await this.client.request(ROUTES.getAllowedProcessors, processorsSchema, { params: { id: nodeUuid } })).data
      .processors;
  }

  async setAllowedProcessors(nodeUuid: string, processors: readonly string[]): Promise<void> {
    await this.client.request(ROUTES.putAllowedProcessors, messageSchema, {
      params: { id: nodeUuid },
      body: { processors },
    });
  }

  async llmConfig(nodeUuid: string): Promise<LlmConfig> {
    return (await this.client.request(ROUTES.getLlmConfig, llmConfigSchema, { params: { id: nodeUuid } })).data;
  }

  async setLlmConfig(nodeUuid: string, config: { budgetUsd: number; budgetPeriod: BudgetPeriod }): Promise<LlmConfig> {
    return (await this.client.request(ROUTES.putLlmConfig, llmConfigSchema, { params: { id: nodeUuid }, body: config }))
      .data;
  }

  async userQuotas(nodeUuid: string): Promise<UserQuota[]> {
    return (await this.client.request(ROUTES.listUserQuotas, quotasSchema, { params: { id: nodeUuid } })).data.quotas;
  }

  /** Replaces the row of `userId` (a user id or {@link DEFAULT_QUOTA_USER}). */
  async setUserQuota(nodeUuid: string, userId: string, caps: QuotaCaps): Promise<UserQuota> {
    return (
      await this.client.request(ROUTES.putUserQuota, quotaSchema, { params: { id: nodeUuid, userId }, body: caps })
    ).data;
  }

  async deleteUserQuota(nodeUuid: string, userId: string): Promise<void> {
    await this.client.request(ROUTES.deleteUserQuota, messageSchema, { params: { id: nodeUuid, userId } });
  }

  async effectiveQuota(nodeUuid: string, userId: string): Promise<EffectiveQuota> {
    return (
      await this.client.request(ROUTES.effectiveQuota, effectiveQuotaSchema, { params: { id: nodeUuid, userId } })
    ).data;
  }
}
