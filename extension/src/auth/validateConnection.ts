// Proves new credentials work before they are stored (one GET /accounts), and finds a label for
// the signed-in user. No editor types here.

import { AccountsApi } from '../api/accounts';
import { ApiClient, type ApiLog } from '../api/client';
import type { CognitoApi } from './cognito';
import { tokenSourceFor, type StoredConnection } from './connection';
import { CognitoTokenSource } from './tokenSource';

export interface ValidateOptions {
  readonly log: ApiLog;
  readonly fetch?: typeof fetch;
  readonly cognito?: CognitoApi;
}

/** Rejects with the ApiError of the failed call; resolves with the connection, labelled. */
export async function validateConnection(connection: StoredConnection, opts: ValidateOptions): Promise<StoredConnection> {
  const tokens = tokenSourceFor(connection, opts.cognito);
  const client = new ApiClient({ baseUrl: () => connection.baseUrl, tokens, log: opts.log, fetch: opts.fetch });
  const accounts = await new AccountsApi(client).fetchAccounts();
  let label = connection.label;
  if (tokens instanceof CognitoTokenSource) {
    const claims = await tokens.getIdClaims();
    if (typeof claims.email === 'string' && claims.email) label = claims.email;
  }
  const userId = accounts.find((a) => a.userId)?.userId;
  if (connection.mode === 'sandbox' && userId) label = userId;
  return { ...connection, label };
}

/** Whether `url` may carry credentials: https, or http only to this machine. */
export function checkBaseUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'Not a URL';
  }
  if (parsed.protocol === 'https:') return undefined;
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol === 'http:' && loopback) return undefined;
  return 'Use https, or http only to this machine (127.0.0.1, localhost)';
}
