// Where the emulated compute gateway keeps a node's settings in the customer account (docs/sandbox-deviations.md).

import type { NodeRecord } from '../store/types';

export type SecretScope = 'user' | 'shared';

/**
 * The name prefix of a scope's secrets: one Secrets Manager secret per key, so that keys can be
 * listed, written and deleted without ever reading a value back. Characters Secrets Manager refuses
 * in names (the `:` of user ids) become `-`.
 */
export function secretPrefix(node: NodeRecord, scope: SecretScope, userId: string): string {
  if (scope === 'shared') return `pennsieve-${node.identifier}/shared/`;
  return `pennsieve-${node.identifier}/users/${userId.replace(/[^A-Za-z0-9/_+=.@-]/g, '-')}/`;
}

/** The SSM parameter the module creates and the LLM governor reads. */
export function llmBudgetParameter(node: NodeRecord): string {
  return `/pennsieve/${node.identifier}/llm-budget`;
}

export function allowedProcessorsParameter(node: NodeRecord): string {
  return `/pennsieve/${node.identifier}/allowed-processors`;
}
