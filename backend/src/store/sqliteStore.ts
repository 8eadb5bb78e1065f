// The embedded default store: one SQLite file in the data folder, by resource (./accounts, ./workspaces,
// ./nodes, ./access, ./jobs), every write one transaction.

import { sqliteAccess } from './access/sqlite';
import { sqliteAccounts } from './accounts/sqlite';
import { sqliteJobs } from './jobs/sqlite';
import { sqliteNodes } from './nodes/sqlite';
import { openSqliteDatabase } from './sqliteDatabase';
import { sqliteQuotas } from './quotas/sqlite';
import type { Store } from './types';
import { sqliteWorkspaces } from './workspaces/sqlite';

/** Opens (creating if needed) the SQLite store at `file`. */
export function openSqliteStore(file: string): Store {
  const database = openSqliteDatabase(file);
  return {
    kind: 'sqlite',
    accounts: sqliteAccounts(database),
    workspaces: sqliteWorkspaces(database),
    nodes: sqliteNodes(database),
    access: sqliteAccess(database),
    jobs: sqliteJobs(database),
    quotas: sqliteQuotas(database),
    close: async () => {
      if (database.db.open) database.db.close();
    },
  };
}
