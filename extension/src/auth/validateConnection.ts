// Proves new credentials work before they are stored (one GET /accounts), and finds a label for
// the signed-in user. No editor types here.

import { AccountsApi } from '../api/accounts';
import { ApiClient, type ApiLog } from '../api/client';
import { DirectoryApi, directoryBaseUrl } from '../api/directory';
import { displayNameOf } from '../people/people';
import type { CognitoApi } from './cognito';
import { tokenSourceFor, type StoredConnection } from './connection';
import { CognitoTokenSource } from './tokenSource';

export interface ValidateOptions {
  readonly log: ApiLog;
  readonly fetch?: typeof fetch;
  readonly cognito?: CognitoApi;
}

/** How long sign-in waits for the user's name before labelling with what it has. */
const NAME_TIMEOUT_MS = 5000;

/**
 * Rejects with the ApiError of the failed call; resolves with the connection, labelled with the
 * user's name from GET /user when the main API gives it (a failure there never fails sign-in).
 */
export async function validateConnection(
  connection: StoredConnection,
  opts: ValidateOptions,
): Promise<StoredConnection> {
  const tokens = tokenSourceFor(connection, opts.cognito);
  const client = new ApiClient({ baseUrl: () => connection.baseUrl, tokens, log: opts.log, fetch: opts.fetch });
  const directory = new ApiClient({
    baseUrl: () => directoryBaseUrl(connection.baseUrl, connection.mode),
    tokens,
    log: opts.log,
    fetch: opts.fetch,
    timeoutMs: NAME_TIMEOUT_MS,
  });
  const [accounts, user] = await Promise.all([
    new AccountsApi(client).fetchAccounts(),
    new DirectoryApi(directory).fetchCurrentUser().catch(() => undefined),
  ]);
  const name = user && displayNameOf(user);
  if (name) return { ...connection, label: name };
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
