// Picks the store the configuration names.

import { join } from 'node:path';
import { openDynamoStore } from './dynamoStore';
import { openSqliteStore } from './sqliteStore';
import type { Store } from './types';

export type StoreConfig =
  | { readonly kind: 'sqlite'; readonly file: string }
  | {
      readonly kind: 'dynamodb';
      readonly environment: string;
      readonly region: string;
      readonly endpoint?: string;
      readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
    };

/** The SQLite file inside a data folder. */
export function sqliteFile(dataDir: string): string {
  return join(dataDir, 'sandbox.db');
}

export async function openStore(config: StoreConfig): Promise<Store> {
  return config.kind === 'sqlite' ? openSqliteStore(config.file) : openDynamoStore(config);
}
