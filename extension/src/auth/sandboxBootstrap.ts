// Signs a fresh VS Code in to a local sandbox started by `npm start`: code-server is launched with
// PENNSIEVE_SANDBOX_URL (loopback only) and PENNSIEVE_SANDBOX_TOKEN_FILE (a file only the user can
// read). The token goes into SecretStorage like a typed-in one; it is never logged.

import { readFileSync, statSync } from 'node:fs';
import type { ApiLog } from '../api/client';
import { newConnection, type StoredConnection } from './connection';
import { validateConnection } from './validateConnection';

export const SANDBOX_URL_ENV = 'PENNSIEVE_SANDBOX_URL';
export const SANDBOX_TOKEN_FILE_ENV = 'PENNSIEVE_SANDBOX_TOKEN_FILE';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The sandbox connection the environment points at, validated against the sandbox; undefined
 * when the variables are absent. Throws with a clear message when they are present but unusable.
 */
export async function sandboxConnectionFromEnv(
  env: NodeJS.ProcessEnv,
  log: ApiLog,
): Promise<StoredConnection | undefined> {
  const url = env[SANDBOX_URL_ENV];
  const file = env[SANDBOX_TOKEN_FILE_ENV];
  if (!url || !file) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${SANDBOX_URL_ENV} is not a URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' || !LOOPBACK.has(parsed.hostname)) {
    throw new Error(`${SANDBOX_URL_ENV} must be a sandbox on this machine (http://127.0.0.1:PORT): ${url}`);
  }
  if ((statSync(file).mode & 0o077) !== 0)
    throw new Error(`${SANDBOX_TOKEN_FILE_ENV} must be readable by you only (chmod 600): ${file}`);
  const token = readFileSync(file, 'utf8').trim();
  if (!token) throw new Error(`${SANDBOX_TOKEN_FILE_ENV} is empty: ${file}`);
  return validateConnection(newConnection({ mode: 'sandbox', baseUrl: url.replace(/\/+$/, ''), token }), { log });
}
