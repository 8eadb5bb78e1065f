// The SQLite half's shared ground: one database file (WAL, synchronous=FULL), its schema, and the
// row reads and writes that more than one resource's transactions need (nodes, access rows, jobs).
// Each record is kept as JSON next to the columns it is looked up by.

import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { nodeKey, type AccessRecord, type JobRecord, type NodePatch, type NodeRecord } from './types';

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
CREATE TABLE IF NOT EXISTS chat_user_quota (
  compute_node_id TEXT NOT NULL, user_id TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (compute_node_id, user_id));
CREATE TABLE IF NOT EXISTS chat_user_usage (
  user_node_date TEXT NOT NULL, record_type TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (user_node_date, record_type));
`;

const PARSE_CACHE_LIMIT = 20_000;

/** Reads plucked `data` columns (the JSON text itself) into records. */
export interface RowParser {
  rows<T>(rows: unknown[]): T[];
  row<T>(row: unknown): T | undefined;
}

/**
 * JSON.parse memoized on the stored text: list routes read the same records over and over, and
 * hashing the text is cheaper than parsing it. A changed record has different text, so the cache
 * never serves stale data. Records are immutable (readonly types; updates build new objects).
 */
function createParser(): RowParser {
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
    rows: <T>(rows: unknown[]): T[] => (rows as string[]).map((r) => parse<T>(r)),
    row: <T>(row: unknown): T | undefined => (row === undefined ? undefined : parse<T>(row as string)),
  };
}

/** The patch without its undefined fields, so spreading it never erases a stored value. */
export function defined<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The open database and the row operations several resources' transactions share. */
export interface SqliteDatabase {
  readonly db: Database.Database;
  readonly parse: RowParser;
  readNode(uuid: string): NodeRecord | undefined;
  writeNode(node: NodeRecord): void;
  /** Patches a stored node; undefined when there is none. */
  patchNode(uuid: string, patch: NodePatch): NodeRecord | undefined;
  /** Deletes the node with its access rows and its job. */
  removeNode(uuid: string): void;
  writeAccess(row: AccessRecord): void;
  readJob(nodeUuid: string): JobRecord | undefined;
  writeJob(job: JobRecord): void;
  deleteJob(nodeUuid: string): void;
}

/**
 * Owner-only permissions on the database (it holds every record). SQLite creates the WAL and
 * shared-memory files with the database file's mode; files of an older run are tightened too.
 */
function restrictFiles(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}

/** Opens (creating if needed) the database at `file`, mode 0600 in a folder created 0700. */
export function openSqliteDatabase(file: string): SqliteDatabase {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  restrictFiles(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // FULL: a commit is fsynced before it returns, so an acknowledged write survives kill -9 and power loss.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  const parse = createParser();
  const q = {
    node: db.prepare('SELECT data FROM nodes WHERE uuid = ?').pluck(),
    putNode: db.prepare('INSERT OR REPLACE INTO nodes (uuid, account_uuid, status, data) VALUES (?, ?, ?, ?)'),
    deleteNode: db.prepare('DELETE FROM nodes WHERE uuid = ?'),
    putAccess: db.prepare('INSERT OR REPLACE INTO access (entity_id, node_id, data) VALUES (?, ?, ?)'),
    deleteNodeAccess: db.prepare('DELETE FROM access WHERE node_id = ?'),
    job: db.prepare('SELECT data FROM jobs WHERE node_uuid = ?').pluck(),
    putJob: db.prepare('INSERT OR REPLACE INTO jobs (node_uuid, data) VALUES (?, ?)'),
    deleteJob: db.prepare('DELETE FROM jobs WHERE node_uuid = ?'),
  };
  const readNode = (uuid: string) => parse.row<NodeRecord>(q.node.get(uuid));
  const writeNode = (n: NodeRecord) => void q.putNode.run(n.uuid, n.accountUuid, n.status, JSON.stringify(n));
  return {
    db,
    parse,
    readNode,
    writeNode,
    patchNode(uuid, patch) {
      const node = readNode(uuid);
      if (!node) return undefined;
      const next: NodeRecord = { ...node, ...defined(patch), uuid };
      writeNode(next);
      return next;
    },
    removeNode(uuid) {
      q.deleteNodeAccess.run(nodeKey(uuid));
      q.deleteJob.run(uuid);
      q.deleteNode.run(uuid);
    },
    writeAccess: (r) => void q.putAccess.run(r.entityId, r.nodeId, JSON.stringify(r)),
    readJob: (nodeUuid) => parse.row<JobRecord>(q.job.get(nodeUuid)),
    writeJob: (j) => void q.putJob.run(j.nodeUuid, JSON.stringify(j)),
    deleteJob: (nodeUuid) => void q.deleteJob.run(nodeUuid),
  };
}
