// Compute node and account fixtures in the API's shape.

import type { Account } from '../../../../extension/src/api/accounts';
import type { ComputeNode } from '../../../../extension/src/api/computeNodes';

export function computeNode(uuid: string, status: string, extra: Partial<ComputeNode> = {}): ComputeNode {
  return { uuid, name: `node-${uuid}`, account: { uuid: 'acct-1', accountId: '111122223333' }, status, ...extra };
}

export function account(uuid: string, extra: Partial<Account> = {}): Account {
  return {
    uuid,
    accountId: '111122223333',
    roleName: 'Pennsieve-Compute-sandbox-0a1b2c3d',
    userId: 'N:user:u',
    ...extra,
  };
}
