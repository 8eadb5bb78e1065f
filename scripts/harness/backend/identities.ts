// Test identities: one persona per row of the authorization matrix, in organization `lab`.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

export type Persona = 'nodeOwner' | 'acctOwner' | 'admin' | 'member' | 'teamMember' | 'outsider';
export const PERSONAS: readonly Persona[] = ['nodeOwner', 'acctOwner', 'admin', 'member', 'teamMember', 'outsider'];

interface Person {
  readonly name: string;
  readonly nodeId: string;
  readonly token: string;
  /** Permission bit in `lab`; undefined = not a member. */
  readonly bit?: number;
}

/** Permission bits chosen so that only `admin` is an administrator (≥ 16) of lab. */
export const PEOPLE: Readonly<Record<Persona | 'expired', Person>> = {
  nodeOwner: {
    name: 'nora',
    nodeId: 'N:user:00000000-0000-4000-8000-00000000000a',
    token: 'tok-nora-0123456789',
    bit: 4,
  },
  acctOwner: {
    name: 'ann',
    nodeId: 'N:user:00000000-0000-4000-8000-00000000000b',
    token: 'tok-ann-0123456789',
    bit: 4,
  },
  admin: { name: 'adam', nodeId: 'N:user:00000000-0000-4000-8000-00000000000c', token: 'tok-adam-0123456789', bit: 16 },
  member: { name: 'mia', nodeId: 'N:user:00000000-0000-4000-8000-00000000000d', token: 'tok-mia-0123456789', bit: 2 },
  teamMember: {
    name: 'tess',
    nodeId: 'N:user:00000000-0000-4000-8000-00000000000e',
    token: 'tok-tess-0123456789',
    bit: 2,
  },
  outsider: { name: 'otto', nodeId: 'N:user:00000000-0000-4000-8000-00000000000f', token: 'tok-otto-0123456789' },
  expired: { name: 'ed', nodeId: 'N:user:00000000-0000-4000-8000-000000000010', token: 'tok-ed-0123456789', bit: 8 },
};

export const LAB = 'N:organization:00000000-0000-4000-8000-0000000000a1';
/** A second organization where only the account owner and the admin are members. */
export const ANNEX = 'N:organization:00000000-0000-4000-8000-0000000000a2';
export const IMAGING = 'N:team:00000000-0000-4000-8000-0000000000b1';
export const ZERO_ROLE = {
  name: 'zed',
  nodeId: 'N:user:00000000-0000-4000-8000-000000000011',
  token: 'tok-zed-0123456789',
};

export function tokenOf(persona: Persona | 'expired'): string {
  return PEOPLE[persona].token;
}
export function userOf(persona: Persona | 'expired'): string {
  return PEOPLE[persona].nodeId;
}

/** Each person's API key and secret (their Cognito user name and password with `--auth cognito`). */
export function apiKeyOf(personaOrName: Persona | 'expired' | string): { apiKey: string; apiSecret: string } {
  const name = personaOrName in PEOPLE ? PEOPLE[personaOrName as Persona].name : personaOrName;
  return { apiKey: `key-${name}-0123456789`, apiSecret: `secret-${name}-0123456789` };
}

/** The identities document, in the shape the backend reads. */
export function testIdentities(): object {
  const people = Object.values(PEOPLE);
  const users: Record<string, object> = {};
  for (const p of people) users[p.name] = { nodeId: p.nodeId, token: p.token, ...apiKeyOf(p.name) };
  users.ed = { ...users.ed, expiresAt: '2020-01-01T00:00:00Z' };
  users[ZERO_ROLE.name] = { nodeId: ZERO_ROLE.nodeId, token: ZERO_ROLE.token };
  const labMembers: Record<string, number> = { [ZERO_ROLE.name]: 0 };
  for (const p of people) if (p.bit !== undefined) labMembers[p.name] = p.bit;
  return {
    users,
    organizations: {
      lab: { nodeId: LAB, members: labMembers },
      annex: { nodeId: ANNEX, members: { ann: 32, adam: 16 } },
    },
    teams: { imaging: { nodeId: IMAGING, organization: 'lab', members: ['tess'] } },
  };
}

/** Writes the test identities into a fresh temporary folder; returns the file path. */
export function writeTestIdentities(
  dir = mkdtempSync(join(tmpdir(), 'sandbox-ids-')),
  doc: object = testIdentities(),
): string {
  const path = join(dir, 'identities.yaml');
  writeFileSync(path, stringify(doc), { mode: 0o600 });
  return path;
}
