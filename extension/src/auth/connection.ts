// What a sign-in stores in SecretStorage: the mode, the URL it is valid for, and the
// credentials. Only this module knows the stored format.

import { randomUUID } from 'node:crypto';
import type { TokenSource } from '../api/client';
import { maskSecret } from '../util/mask';
import { createHttpCognitoApi, cognitoConfigUrl, type CognitoApi } from './cognito';
import { CognitoTokenSource, StaticTokenSource } from './tokenSource';

export type ApiMode = 'pennsieve' | 'sandbox';

/** The SecretStorage key holding the connection (one per machine, shared by windows). */
export const CONNECTION_SECRET_KEY = 'pennsieve.connection';

interface Common {
  /** Session id shown to VS Code's Accounts menu. */
  readonly id: string;
  /** The API base URL the credentials were given for; requests never go elsewhere with them. */
  readonly baseUrl: string;
  /** Who is signed in, as far as we can tell: an email, a user node id, or a masked key. */
  readonly label: string;
}

export type StoredConnection =
  | (Common & { readonly mode: 'pennsieve'; readonly apiKey: string; readonly apiSecret: string })
  | (Common & { readonly mode: 'sandbox'; readonly token: string });

export type ConnectionInput =
  | { readonly mode: 'pennsieve'; readonly baseUrl: string; readonly apiKey: string; readonly apiSecret: string }
  | { readonly mode: 'sandbox'; readonly baseUrl: string; readonly token: string };

/** A new connection record with a fresh id and a provisional label. */
export function newConnection(input: ConnectionInput): StoredConnection {
  const label = input.mode === 'pennsieve' ? `API key ${maskSecret(input.apiKey)}` : 'sandbox user';
  return { ...input, id: randomUUID(), label };
}

export function serializeConnection(c: StoredConnection): string {
  return JSON.stringify(c);
}

/** The stored connection, or undefined when absent or unreadable (treated as signed out). */
export function parseConnection(text: string | undefined): StoredConnection | undefined {
  if (!text) return undefined;
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    const common = typeof v.id === 'string' && typeof v.baseUrl === 'string' && typeof v.label === 'string';
    if (!common) return undefined;
    if (v.mode === 'pennsieve' && typeof v.apiKey === 'string' && typeof v.apiSecret === 'string')
      return v as unknown as StoredConnection;
    if (v.mode === 'sandbox' && typeof v.token === 'string') return v as unknown as StoredConnection;
  } catch {
    // Unreadable: signed out.
  }
  return undefined;
}

/** The host a connection talks to, for labels. */
export function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

/** A token source for the connection; `cognito` is injectable for tests. */
export function tokenSourceFor(c: StoredConnection, cognito?: CognitoApi): TokenSource {
  if (c.mode === 'sandbox') return new StaticTokenSource(c.token);
  return new CognitoTokenSource(cognito ?? createHttpCognitoApi(cognitoConfigUrl(c.baseUrl)), c.apiKey, c.apiSecret);
}
