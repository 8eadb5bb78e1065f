// The embedded default store: one SQLite file in the data folder, WAL mode, synchronous=FULL.
// Each record is kept as JSON next to the columns it is looked up by; every write is one transaction.

import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  nodeKey,
  type AccessChange,
  type AccessRecord,
  type AccountPatch,
  type AccountRecord,
  type EnablementRecord,
  type JobOutcome,
  type JobRecord,
  type NodePatch,
  type NodeRecord,
  type NodeStatus,
  type Store,
} from './types';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS accounts (
  uuid TEXT PRIMARY KEY, user_id TEXT NOT NULL, account_id TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS accounts_user ON accounts(user_id);
CREATE INDEX IF NOT EXISTS accounts_aws ON accounts(account_id);
CREATE TABLE IF NOT EXISTS enablements (
  account_uuid TEXT NOT NULL, workspace_id TEXT NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY (account_uuid, workspace_id));
CREATE INDEX IF NOT EXISTS enablements_workspace ON enablements(workspace_id);
CREATE TABLE IF NOT EXISTS nodes (
  uuid TEXT PRIMARY KEY, account_uuid TEXT NOT NULL, status TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS nodes_account ON nodes(account_uuid);
CREATE INDEX IF NOT EXISTS nodes_status ON nodes(status);
CREATE TABLE IF NOT EXISTS access (
  entity_id TEXT NOT NULL, node_id TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (entity_id, node_id));
CREATE INDEX IF NOT EXISTS access_node ON access(node_id);
CREATE TABLE IF NOT EXISTS jobs (node_uuid TEXT PRIMARY KEY, data TEXT NOT NULL);
`;

const PARSE_CACHE_LIMIT = 20_000;

/**
 * JSON.parse memoized on the stored text: list routes read the same records over and over, and
 * hashing the text is cheaper than parsing it. A changed record has different text, so the cache
 * never serves stale data. Records are immutable (readonly types; updates build new objects).
 */
function createParser() {
  const cache = new Map<string, unknown>();
  const parse = <T>(data: string): T => {
    let value = cache.get(data);
    if (value === undefined) {
      if (cache.size >= PARSE_CACHE_LIMIT) cache.clear();
      value = JSON.parse(data);
      cache.set(data, value);
    }
    return value as T;
  };
  return {
    // Statements that read `data` are plucked: rows come back as the JSON text itself.
    rows: <T>(rows: unknown[]): T[] => (rows as string[]).map((r) => parse<T>(r)),
    row: <T>(row: unknown): T | undefined => (row === undefined ? undefined : parse<T>(row as string)),
  };
}

/** The patch without its undefined fields, so spreading it never erases a stored value. */
function defined<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Opens (creating if needed) the SQLite store at `file`. */
export function openSqliteStore(file: string): Store {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // FULL: a commit is fsynced before it returns, so an acknowledged write survives kill -9 and power loss.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  const { rows: parseRows, row: parseRow } = createParser();

  const q = {
    accountById: db.prepare('SELECT data FROM accounts WHERE uuid = ?').pluck(),
    accountsByUser: db.prepare('SELECT data FROM accounts WHERE user_id = ? ORDER BY rowid').pluck(),
    accountsByAws: db.prepare('SELECT data FROM accounts WHERE account_id = ? ORDER BY rowid').pluck(),
    accountByUserAws: db.prepare('SELECT 1 FROM accounts WHERE user_id = ? AND account_id = ?'),
    putAccount: db.prepare('INSERT OR REPLACE INTO accounts (uuid, user_id, account_id, data) VALUES (?, ?, ?, ?)'),
    deleteAccount: db.prepare('DELETE FROM accounts WHERE uuid = ?'),
    enablement: db.prepare('SELECT data FROM enablements WHERE account_uuid = ? AND workspace_id = ?').pluck(),
    enablementsByAccount: db.prepare('SELECT data FROM enablements WHERE account_uuid = ? ORDER BY rowid').pluck(),
    enablementsByWorkspace: db.prepare('SELECT data FROM enablements WHERE workspace_id = ? ORDER BY rowid').pluck(),
    insertEnablement: db.prepare(
      'INSERT OR IGNORE INTO enablements (account_uuid, workspace_id, data) VALUES (?, ?, ?)',
    ),
    deleteEnablement: db.prepare('DELETE FROM enablements WHERE account_uuid = ? AND workspace_id = ?'),
    deleteEnablements: db.prepare('DELETE FROM enablements WHERE account_uuid = ?'),
    nodeById: db.prepare('SELECT data FROM nodes WHERE uuid = ?').pluck(),
    nodesById: db.prepare('SELECT data FROM nodes WHERE uuid IN (SELECT value FROM json_each(?))').pluck(),
    nodesByAccount: db.prepare('SELECT data FROM nodes WHERE account_uuid = ? ORDER BY rowid').pluck(),
    putNode: db.prepare('INSERT OR REPLACE INTO nodes (uuid, account_uuid, status, data) VALUES (?, ?, ?, ?)'),
    deleteNode: db.prepare('DELETE FROM nodes WHERE uuid = ?'),
    access: db.prepare('SELECT data FROM access WHERE entity_id = ? AND node_id = ?').pluck(),
    accessByNode: db.prepare('SELECT data FROM access WHERE node_id = ? ORDER BY rowid').pluck(),
    accessByEntity: db.prepare('SELECT data FROM access WHERE entity_id = ? ORDER BY rowid').pluck(),
    putAccess: db.prepare('INSERT OR REPLACE INTO access (entity_id, node_id, data) VALUES (?, ?, ?)'),
    deleteAccess: db.prepare('DELETE FROM access WHERE entity_id = ? AND node_id = ?'),
    deleteNodeAccess: db.prepare('DELETE FROM access WHERE node_id = ?'),
    job: db.prepare('SELECT data FROM jobs WHERE node_uuid = ?').pluck(),
    jobs: db.prepare('SELECT data FROM jobs ORDER BY rowid').pluck(),
    putJob: db.prepare('INSERT OR REPLACE INTO jobs (node_uuid, data) VALUES (?, ?)'),
    deleteJob: db.prepare('DELETE FROM jobs WHERE node_uuid = ?'),
  };

  const writeAccount = (a: AccountRecord) => q.putAccount.run(a.uuid, a.userId, a.accountId, JSON.stringify(a));
  const writeNode = (n: NodeRecord) => q.putNode.run(n.uuid, n.accountUuid, n.status, JSON.stringify(n));
  const writeAccess = (r: AccessRecord) => q.putAccess.run(r.entityId, r.nodeId, JSON.stringify(r));
  const writeJob = (j: JobRecord) => q.putJob.run(j.nodeUuid, JSON.stringify(j));
  const readNode = (uuid: string) => parseRow<NodeRecord>(q.nodeById.get(uuid));
  const patchNode = (uuid: string, patch: NodePatch): NodeRecord | undefined => {
    const node = readNode(uuid);
    if (!node) return undefined;
    const next: NodeRecord = { ...node, ...defined(patch), uuid };
    writeNode(next);
    return next;
  };
  const removeNode = (uuid: string) => {
    q.deleteNodeAccess.run(nodeKey(uuid));
    q.deleteJob.run(uuid);
    q.deleteNode.run(uuid);
  };

  const tx = {
    createAccount: db.transaction((a: AccountRecord): boolean => {
      if (q.accountByUserAws.get(a.userId, a.accountId)) return false;
      writeAccount(a);
      return true;
    }),
    updateAccount: db.transaction(
      (uuid: string, patch: AccountPatch, pauseFrom: readonly NodeStatus[]): AccountRecord | undefined => {
        const account = parseRow<AccountRecord>(q.accountById.get(uuid));
        if (!account) return undefined;
        const next: AccountRecord = { ...account, ...defined(patch) };
        writeAccount(next);
        for (const node of parseRows<NodeRecord>(q.nodesByAccount.all(uuid))) {
          if (pauseFrom.includes(node.status)) writeNode({ ...node, status: 'Paused' });
        }
        return next;
      },
    ),
    deleteAccount: db.transaction((uuid: string, withNodes: boolean) => {
      if (withNodes) for (const node of parseRows<NodeRecord>(q.nodesByAccount.all(uuid))) removeNode(node.uuid);
      q.deleteEnablements.run(uuid);
      q.deleteAccount.run(uuid);
    }),
    createNode: db.transaction((node: NodeRecord, owner: AccessRecord, job: JobRecord) => {
      writeNode(node);
      writeAccess(owner);
      writeJob(job);
    }),
    updateNode: db.transaction((uuid: string, patch: NodePatch, job?: JobRecord) => {
      const next = patchNode(uuid, patch);
      if (next && job) writeJob(job);
      return next;
    }),
    changeAccess: db.transaction((nodeUuid: string, change: AccessChange) => {
      for (const entityId of change.remove) q.deleteAccess.run(entityId, nodeKey(nodeUuid));
      for (const row of change.put) writeAccess(row);
      if (change.nodePatch) patchNode(nodeUuid, change.nodePatch);
    }),
    startJobAttempt: db.transaction((nodeUuid: string, jobId: string, now: Date): JobRecord | undefined => {
      const job = parseRow<JobRecord>(q.job.get(nodeUuid));
      if (!job || job.jobId !== jobId) return undefined;
      const next: JobRecord = { ...job, attempts: job.attempts + 1, updatedAt: now.toISOString() };
      writeJob(next);
      return next;
    }),
    finishJob: db.transaction((nodeUuid: string, jobId: string, outcome: JobOutcome): boolean => {
      const job = parseRow<JobRecord>(q.job.get(nodeUuid));
      if (!job || job.jobId !== jobId) return false;
      q.deleteJob.run(nodeUuid);
      if (outcome.kind === 'remove') removeNode(nodeUuid);
      else patchNode(nodeUuid, outcome.patch);
      return true;
    }),
  };

  return {
    kind: 'sqlite',
    createAccount: async (a) => tx.createAccount(a),
    getAccount: async (uuid) => parseRow<AccountRecord>(q.accountById.get(uuid)),
    listAccountsByUser: async (userId) => parseRows<AccountRecord>(q.accountsByUser.all(userId)),
    listAccountsByAwsAccountId: async (id) => parseRows<AccountRecord>(q.accountsByAws.all(id)),
    updateAccount: async (uuid, patch, pauseFrom = []) => tx.updateAccount(uuid, patch, pauseFrom),
    deleteAccount: async (uuid, withNodes) => tx.deleteAccount(uuid, withNodes),

    createEnablement: async (e: EnablementRecord) =>
      q.insertEnablement.run(e.accountUuid, e.workspaceId, JSON.stringify(e)).changes === 1,
    getEnablement: async (a, w) => parseRow<EnablementRecord>(q.enablement.get(a, w)),
    listEnablementsByAccount: async (a) => parseRows<EnablementRecord>(q.enablementsByAccount.all(a)),
    listEnablementsByWorkspace: async (w) => parseRows<EnablementRecord>(q.enablementsByWorkspace.all(w)),
    deleteEnablement: async (a, w) => void q.deleteEnablement.run(a, w),

    createNode: async (node, owner, job) => tx.createNode(node, owner, job),
    getNode: async (uuid) => readNode(uuid),
    getNodes: async (uuids) => (uuids.length ? parseRows<NodeRecord>(q.nodesById.all(JSON.stringify(uuids))) : []),
    listNodesByAccount: async (a) => parseRows<NodeRecord>(q.nodesByAccount.all(a)),
    listNodesByStatus: async (statuses) => {
      if (statuses.length === 0) return [];
      const marks = statuses.map(() => '?').join(', ');
      return parseRows<NodeRecord>(
        db.prepare(`SELECT data FROM nodes WHERE status IN (${marks}) ORDER BY rowid`).pluck().all(...statuses),
      );
    },
    updateNode: async (uuid, patch, job) => tx.updateNode(uuid, patch, job),

    getAccess: async (entityId, nodeUuid) => parseRow<AccessRecord>(q.access.get(entityId, nodeKey(nodeUuid))),
    listAccessByNode: async (nodeUuid) => parseRows<AccessRecord>(q.accessByNode.all(nodeKey(nodeUuid))),
    listAccessByEntity: async (entityId) => parseRows<AccessRecord>(q.accessByEntity.all(entityId)),
    putAccess: async (row) => void writeAccess(row),
    deleteAccess: async (entityId, nodeUuid) => void q.deleteAccess.run(entityId, nodeKey(nodeUuid)),
    changeAccess: async (nodeUuid, change) => tx.changeAccess(nodeUuid, change),

    getJob: async (nodeUuid) => parseRow<JobRecord>(q.job.get(nodeUuid)),
    listJobs: async () => parseRows<JobRecord>(q.jobs.all()),
    startJobAttempt: async (nodeUuid, jobId, now) => tx.startJobAttempt(nodeUuid, jobId, now),
    finishJob: async (nodeUuid, jobId, outcome) => tx.finishJob(nodeUuid, jobId, outcome),

    close: async () => {
      if (db.open) db.close();
    },
  };
}
