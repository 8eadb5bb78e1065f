// Command-line flags → BackendConfig, shared by `main.ts` and `sandbox/main.ts`.

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BackendConfig } from './app';
import type { LogLevel } from './log';
import { findProviderMirror } from './provisioner/terraform';

/** A bad flag or flag value; the entry point prints it with the usage text and exits with 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Flags both entry points accept. */
export const BACKEND_OPTIONS = {
  data: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  store: { type: 'string' },
  env: { type: 'string' },
  region: { type: 'string' },
  'aws-endpoint': { type: 'string' },
  'store-endpoint': { type: 'string' },
  'real-aws': { type: 'boolean' },
  'provisioner-account-id': { type: 'string' },
  'max-concurrent-runs': { type: 'string' },
  'plugin-dir': { type: 'string' },
  'plugin-cache-dir': { type: 'string' },
  'no-provider-servers': { type: 'boolean' },
  'lease-seconds': { type: 'string' },
  auth: { type: 'string' },
  'authorizer-cache-seconds': { type: 'string' },
  'poll-seconds': { type: 'string' },
  'log-level': { type: 'string' },
} as const;

export type ParsedValues = Record<string, string | boolean | undefined>;

export function parseFlags<T extends Record<string, { type: 'string' | 'boolean' }>>(
  argv: readonly string[],
  options: T,
): ParsedValues {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values as ParsedValues;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function str(values: ParsedValues, key: string): string | undefined {
  const v = values[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function int(values: ParsedValues, key: string, fallback: number, min: number): number {
  const raw = str(values, key);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${key} must be an integer of at least ${min}: ${raw}`);
  return n;
}

export function logLevelOf(values: ParsedValues): LogLevel {
  const level = str(values, 'log-level') ?? 'info';
  if (!['debug', 'info', 'warn', 'error'].includes(level))
    throw new UsageError(`--log-level must be debug, info, warn or error: ${level}`);
  return level as LogLevel;
}

/**
 * Builds the backend configuration. `defaults` supplies what the entry point decides itself (the
 * sandbox's data folder, identities file and moto endpoint).
 */
export function backendConfig(
  values: ParsedValues,
  defaults: { dataDir?: string; identitiesFile?: string; awsEndpoint?: string; port?: number },
): BackendConfig {
  const dataDir = str(values, 'data') ?? defaults.dataDir;
  const identitiesFile = str(values, 'identities') ?? defaults.identitiesFile;
  if (!dataDir) throw new UsageError('--data DIR is required');
  if (!identitiesFile) throw new UsageError('--identities FILE is required');
  const store = str(values, 'store') ?? 'sqlite';
  if (store !== 'sqlite' && store !== 'dynamodb') throw new UsageError(`--store must be sqlite or dynamodb: ${store}`);
  const realAws = values['real-aws'] === true;
  const awsEndpoint = str(values, 'aws-endpoint') ?? (realAws ? undefined : defaults.awsEndpoint);
  if (realAws && str(values, 'aws-endpoint')) throw new UsageError('--real-aws and --aws-endpoint exclude each other');
  const storeEndpoint = str(values, 'store-endpoint');
  if (storeEndpoint !== undefined && store !== 'dynamodb')
    throw new UsageError('--store-endpoint needs --store dynamodb');
  const accountId = str(values, 'provisioner-account-id');
  if (accountId !== undefined && !/^\d{12}$/.test(accountId))
    throw new UsageError(`--provisioner-account-id must be 12 digits: ${accountId}`);
  const auth = str(values, 'auth') ?? 'tokens';
  if (auth !== 'tokens' && auth !== 'cognito') throw new UsageError(`--auth must be tokens or cognito: ${auth}`);
  const env = str(values, 'env') ?? 'sandbox';
  if (!/^[a-z0-9-]{1,32}$/i.test(env)) throw new UsageError(`--env must be letters, digits and dashes: ${env}`);
  return {
    host: str(values, 'host') ?? '127.0.0.1',
    port: int(values, 'port', defaults.port ?? 0, 0),
    dataDir: resolve(dataDir),
    identitiesFile: resolve(identitiesFile),
    store,
    environment: env.toLowerCase(),
    region: str(values, 'region') ?? 'us-east-1',
    awsEndpoint,
    storeEndpoint,
    provisionerAccountId: accountId,
    maxConcurrentRuns: int(values, 'max-concurrent-runs', 8, 1),
    pluginDir: str(values, 'plugin-dir') ?? findProviderMirror(),
    pluginCacheDir: str(values, 'plugin-cache-dir'),
    providerServers: values['no-provider-servers'] !== true,
    leaseMs: int(values, 'lease-seconds', 20, 2) * 1000,
    pollMs: int(values, 'poll-seconds', 5, 1) * 1000,
    auth,
    authorizerCacheMs: int(values, 'authorizer-cache-seconds', 300, 0) * 1000,
  };
}
