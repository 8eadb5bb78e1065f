// The store contract on SQLite, plus the durability settings the embedded default promises.

import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../../backend/src/store/sqliteStore';
import { describeStoreContract } from './storeContract';

describeStoreContract('SQLite', async () =>
  openSqliteStore(join(mkdtempSync(join(tmpdir(), 'sqlite-store-')), 'sandbox.db')),
);

describe('SQLite store settings', () => {
  it("keeps one database file in WAL mode with production's five record kinds and the LLM quota tables", async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sqlite-store-')), 'nested', 'sandbox.db');
    const store = openSqliteStore(file);
    await store.close();
    const db = new Database(file, { readonly: true });
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
        name: string;
      }[];
      assert.deepEqual(
        tables.map((t) => t.name),
        ['access', 'accounts', 'chat_user_quota', 'chat_user_usage', 'enablements', 'jobs', 'nodes'],
      );
    } finally {
      db.close();
    }
  });
});
