// The DynamoDB store: production's tables, keys, GSIs and access-row layout (docs/sandbox.md,
// "Storage"), by resource. Multi-item writes use TransactWriteItems.

import { dynamoAccess } from './access/dynamo';
import { dynamoAccounts } from './accounts/dynamo';
import { openDynamoDatabase, type DynamoStoreOptions } from './dynamoClient';
import { dynamoJobs } from './jobs/dynamo';
import { dynamoNodes } from './nodes/dynamo';
import { dynamoQuotas } from './quotas/dynamo';
import type { Store } from './types';
import { dynamoWorkspaces } from './workspaces/dynamo';

export type { DynamoStoreOptions } from './dynamoClient';

/** Opens the DynamoDB store, creating production's tables when they are missing. */
export async function openDynamoStore(opts: DynamoStoreOptions): Promise<Store> {
  const database = await openDynamoDatabase(opts);
  return {
    kind: 'dynamodb',
    accounts: dynamoAccounts(database),
    workspaces: dynamoWorkspaces(database),
    nodes: dynamoNodes(database),
    access: dynamoAccess(database),
    jobs: dynamoJobs(database),
    quotas: dynamoQuotas(database),
    close: async () => database.client.destroy(),
  };
}
