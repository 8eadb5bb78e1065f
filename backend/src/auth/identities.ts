// Reads and validates the identities file: users with tokens, organizations with permission bits, teams.

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** Pennsieve's `organization_user.permission_bit` values: none, guest, read, write, delete, administer, owner. */
export const PERMISSION_BITS = [0, 1, 2, 4, 8, 16, 32] as const;

export interface UserIdentity {
  readonly name: string;
  readonly nodeId: string;
  /** Position in the file, 1-based: stands in for Postgres' integer user id. */
  readonly intId: number;
  readonly token: string;
  /** Optional: the token stops working at this instant. */
  readonly expiresAt?: Date;
  /** Optional profile fields, served by GET /user and the member lists. */
  readonly firstName?: string;
  readonly lastName?: string;
  readonly email?: string;
  /** With `--auth cognito`: the Cognito user name (production's API key) and its password (the API secret). */
  readonly apiKey?: string;
  readonly apiSecret?: string;
}

export interface OrganizationIdentity {
  readonly name: string;
  /** Optional `name` in the file: the workspace's display name (default: the key). */
  readonly displayName?: string;
  readonly nodeId: string;
  readonly intId: number;
  /** user name → permission bit. */
  readonly members: ReadonlyMap<string, number>;
}

export interface TeamIdentity {
  readonly name: string;
  /** Optional `name` in the file: the team's display name (default: the key). */
  readonly displayName?: string;
  readonly nodeId: string;
  readonly intId: number;
  readonly organization: string;
  readonly members: readonly string[];
}

export interface Identities {
  readonly users: readonly UserIdentity[];
  readonly organizations: readonly OrganizationIdentity[];
  readonly teams: readonly TeamIdentity[];
}

/** The identities file is missing, unreadable or malformed. */
export class IdentitiesError extends Error {
  override readonly name = 'IdentitiesError';
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function section(doc: Obj, key: string): Obj {
  const v = doc[key] ?? {};
  if (!isObj(v)) throw new IdentitiesError(`"${key}" must be a mapping`);
  return v;
}

function nodeId(where: string, v: unknown, kind: 'user' | 'organization' | 'team'): string {
  if (typeof v !== 'string' || !v.startsWith(`N:${kind}:`) || v.length <= kind.length + 3) {
    throw new IdentitiesError(`${where}: nodeId must look like N:${kind}:<uuid>`);
  }
  return v;
}

/** Optional display fields (names, email): strings when present. */
function optionalStrings<K extends string>(where: string, v: Obj, keys: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) {
    if (v[key] === undefined) continue;
    if (typeof v[key] !== 'string') throw new IdentitiesError(`${where}.${key} must be a string`);
    out[key] = v[key] as string;
  }
  return out;
}

function parseUser(name: string, v: unknown, intId: number): UserIdentity {
  if (!isObj(v)) throw new IdentitiesError(`users.${name} must be a mapping`);
  if (typeof v.token !== 'string' || v.token.length < 8) {
    throw new IdentitiesError(`users.${name}: token must be a string of at least 8 characters`);
  }
  let expiresAt: Date | undefined;
  if (v.expiresAt !== undefined) {
    expiresAt = new Date(String(v.expiresAt instanceof Date ? v.expiresAt.toISOString() : v.expiresAt));
    if (Number.isNaN(expiresAt.getTime())) throw new IdentitiesError(`users.${name}: expiresAt is not a date`);
  }
  const profile = optionalStrings(`users.${name}`, v, ['firstName', 'lastName', 'email'] as const);
  return {
    name,
    nodeId: nodeId(`users.${name}`, v.nodeId, 'user'),
    intId,
    token: v.token,
    expiresAt,
    ...profile,
    ...apiKeyOf(name, v),
  };
}

/** The optional API key and secret: both or neither, each at least 8 characters. */
function apiKeyOf(name: string, v: Obj): { apiKey?: string; apiSecret?: string } {
  if (v.apiKey === undefined && v.apiSecret === undefined) return {};
  const ok = (x: unknown) => typeof x === 'string' && x.length >= 8;
  if (!ok(v.apiKey) || !ok(v.apiSecret))
    throw new IdentitiesError(`users.${name}: apiKey and apiSecret must both be strings of at least 8 characters`);
  return { apiKey: v.apiKey as string, apiSecret: v.apiSecret as string };
}

function parseOrganization(name: string, v: unknown, intId: number, users: Set<string>): OrganizationIdentity {
  if (!isObj(v)) throw new IdentitiesError(`organizations.${name} must be a mapping`);
  const members = new Map<string, number>();
  const raw = v.members ?? {};
  if (!isObj(raw)) throw new IdentitiesError(`organizations.${name}.members must map user names to permission bits`);
  for (const [user, bit] of Object.entries(raw)) {
    if (!users.has(user)) throw new IdentitiesError(`organizations.${name}.members: unknown user ${user}`);
    if (!PERMISSION_BITS.includes(bit as (typeof PERMISSION_BITS)[number])) {
      throw new IdentitiesError(
        `organizations.${name}.members.${user}: permission bit must be one of ${PERMISSION_BITS.join(', ')}`,
      );
    }
    members.set(user, bit as number);
  }
  const displayName = optionalStrings(`organizations.${name}`, v, ['name'] as const).name;
  return { name, displayName, nodeId: nodeId(`organizations.${name}`, v.nodeId, 'organization'), intId, members };
}

function parseTeam(name: string, v: unknown, intId: number, orgs: Map<string, OrganizationIdentity>): TeamIdentity {
  if (!isObj(v)) throw new IdentitiesError(`teams.${name} must be a mapping`);
  const org = typeof v.organization === 'string' ? orgs.get(v.organization) : undefined;
  if (!org) throw new IdentitiesError(`teams.${name}: organization must name an organization of this file`);
  const members = v.members ?? [];
  if (!Array.isArray(members) || members.some((m) => typeof m !== 'string' || !org.members.has(m))) {
    throw new IdentitiesError(`teams.${name}.members must list members of organization ${org.name}`);
  }
  const displayName = optionalStrings(`teams.${name}`, v, ['name'] as const).name;
  return {
    name,
    displayName,
    nodeId: nodeId(`teams.${name}`, v.nodeId, 'team'),
    intId,
    organization: org.name,
    members,
  };
}

function checkUnique(label: string, values: readonly string[]): void {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) throw new IdentitiesError(`two ${label} are the same`);
    seen.add(v);
  }
}

/** Validates a parsed identities document. */
export function parseIdentities(doc: unknown): Identities {
  if (!isObj(doc)) throw new IdentitiesError('the file must be a YAML mapping with users, organizations and teams');
  const users = Object.entries(section(doc, 'users')).map(([n, v], i) => parseUser(n, v, i + 1));
  const names = new Set(users.map((u) => u.name));
  const organizations = Object.entries(section(doc, 'organizations')).map(([n, v], i) =>
    parseOrganization(n, v, i + 1, names),
  );
  const orgByName = new Map(organizations.map((o) => [o.name, o]));
  const teams = Object.entries(section(doc, 'teams')).map(([n, v], i) => parseTeam(n, v, i + 1, orgByName));
  checkUnique(
    'user tokens',
    users.map((u) => u.token),
  );
  checkUnique(
    'API keys',
    users.flatMap((u) => (u.apiKey ? [u.apiKey] : [])),
  );
  checkUnique(
    'node ids',
    [...users, ...organizations, ...teams].map((x) => x.nodeId),
  );
  return { users, organizations, teams };
}

/** Reads and validates the identities file at `path`. */
export function loadIdentities(path: string): Identities {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new IdentitiesError(`cannot read the identities file: ${(err as Error).message}`);
  }
  try {
    return parseIdentities(parse(text));
  } catch (err) {
    if (err instanceof IdentitiesError) throw new IdentitiesError(`${path}: ${err.message}`);
    throw new IdentitiesError(`${path}: not valid YAML: ${(err as Error).message}`);
  }
}
