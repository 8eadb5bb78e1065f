// Composition root shared by `main.ts` and `sandbox/main.ts`: identities, store, provisioner, HTTP server.

import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { allRoutes } from './api/routes';
import type { CognitoSettings } from './api/http';
import { createApiServer } from './api/server';
import { createDirectory } from './auth/directory';
import { loadIdentities } from './auth/identities';
import { startSignIn, type SignInConfig } from './auth/signIn';
import { ensureDataDir } from './dataDir';
import { createComputeGateway } from './gateway/computeGateway';
import { cachedCredentials } from './gateway/credentialCache';
import { createSigningKeys } from './gateway/signingKeys';
import { createLog, type Log } from './log';
import { assumeAccountRole } from './provisioner/assumeRole';
import { createJobRunner, type AssumeRole, type JobRunner, type RunTerraform } from './provisioner/jobs';
import { createProviderPool, withProviderPool, type ProviderPool } from './provisioner/providerPool';
import { findProviderBinary } from './provisioner/providers';
import { RunRegistry } from './provisioner/runRegistry';
import { runTerraform, type AwsTarget } from './provisioner/terraform';
import { openStore, sqliteFile, type StoreConfig } from './store/openStore';
import type { Store } from './store/types';

/** Credentials for an emulated AWS (moto accepts any and maps them to its default account). */
export const EMULATOR_CREDENTIALS = { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' } as const;
export const MOTO_DEFAULT_ACCOUNT = '123456789012';

export interface BackendConfig {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly dataDir: string;
  readonly identitiesFile: string;
  readonly store: 'sqlite' | 'dynamodb';
  readonly environment: string;
  readonly region: string;
  /** An emulated AWS (moto): provisioning and the DynamoDB store go there. Undefined = real AWS. */
  readonly awsEndpoint?: string;
  /**
   * An emulated DynamoDB for the store alone (`--store-endpoint`), apart from the emulated
   * customer account; default: `awsEndpoint`. Production's tables are not in the customer's account either.
   */
  readonly storeEndpoint?: string;
  /** The account trusted by `/role-policy`; by default the caller identity of the provisioner's credentials. */
  readonly provisionerAccountId?: string;
  readonly maxConcurrentRuns: number;
  readonly pluginDir?: string;
  readonly pluginCacheDir?: string;
  /** Keep one warm AWS provider server per Terraform slot (default true; needs an unpacked mirror in `pluginDir`). */
  readonly providerServers?: boolean;
  /** How long a worker's claim on a job lasts without renewal (default 20 s): another worker takes the job over after it. */
  readonly leaseMs?: number;
  /** How often a worker looks for jobs no live worker holds (default 5 s). */
  readonly pollMs?: number;
  /** `tokens` (default): the identities file's bearer tokens; `cognito`: production's sign-in on a user pool. */
  readonly auth?: 'tokens' | 'cognito';
  /** How long an authorizer answer is kept per token (default 300 s, as production's API Gateway). */
  readonly authorizerCacheMs?: number;
}

export interface Backend {
  readonly url: string;
  readonly store: Store;
  readonly jobs: JobRunner;
  /** The user pool clients sign in with, in Cognito mode. */
  readonly cognito?: CognitoSettings;
  close(): Promise<void>;
}

export interface BackendOverrides {
  readonly log?: Log;
  /** Another Terraform runner (the default is the project's own, `provisioner/terraform.ts`). */
  readonly runTerraform?: RunTerraform;
  /** Another way to obtain the account's credentials (the default is STS AssumeRole). */
  readonly assumeRole?: AssumeRole;
}

function signInConfig(config: BackendConfig): SignInConfig {
  return {
    auth: config.auth ?? 'tokens',
    region: config.region,
    environment: config.environment,
    awsEndpoint: config.awsEndpoint,
    credentials: config.awsEndpoint ? EMULATOR_CREDENTIALS : undefined,
    authorizerCacheMs: config.authorizerCacheMs ?? 300_000,
  };
}

function storeConfig(config: BackendConfig): StoreConfig {
  if (config.store === 'sqlite') return { kind: 'sqlite', file: sqliteFile(config.dataDir) };
  return {
    kind: 'dynamodb',
    environment: config.environment,
    region: config.region,
    endpoint: config.storeEndpoint ?? config.awsEndpoint,
    credentials: (config.storeEndpoint ?? config.awsEndpoint) ? EMULATOR_CREDENTIALS : undefined,
  };
}

async function resolveProvisionerAccount(config: BackendConfig): Promise<string> {
  if (config.provisionerAccountId) return config.provisionerAccountId;
  const sts = new STSClient({
    region: config.region,
    endpoint: config.awsEndpoint,
    credentials: config.awsEndpoint ? EMULATOR_CREDENTIALS : undefined,
  });
  try {
    const account = (await sts.send(new GetCallerIdentityCommand({}))).Account;
    if (!account) throw new Error('STS returned no account id');
    return account;
  } finally {
    sts.destroy();
  }
}

/** One warm provider server per Terraform slot, when the mirror holds a provider binary for this platform. */
async function startProviderPool(
  config: BackendConfig,
  target: AwsTarget,
  log: Log,
): Promise<ProviderPool | undefined> {
  const binary = config.providerServers === false ? undefined : findProviderBinary(config.pluginDir);
  if (!binary) return undefined;
  const dir = join(config.dataDir, 'providers');
  const runs = new RunRegistry(config.dataDir, 'provider-servers');
  return createProviderPool({ binary, size: config.maxConcurrentRuns, dir, target, runs, log });
}

/** How the sandbox obtains an account's credentials: the override, or STS AssumeRole with the account's external ID. */
function accountRole(config: BackendConfig, overrides: BackendOverrides, provisionerAccountId: string): AssumeRole {
  const target = { region: config.region, endpoint: config.awsEndpoint };
  const baseCredentials = config.awsEndpoint ? EMULATOR_CREDENTIALS : undefined;
  return (
    overrides.assumeRole ??
    ((account, node) =>
      assumeAccountRole(
        { target, provisionerAccountId, baseCredentials },
        {
          accountId: account.accountId,
          roleName: account.roleName,
          externalId: account.externalId,
          identifier: node.identifier,
        },
      ))
  );
}

/** The provisioner: assumes the account's role, and runs Terraform on warm provider servers when it can. */
async function startProvisioner(
  config: BackendConfig,
  overrides: BackendOverrides,
  store: Store,
  log: Log,
  assumeRole: AssumeRole,
) {
  const target = { region: config.region, endpoint: config.awsEndpoint };
  const pool = overrides.runTerraform ? undefined : await startProviderPool(config, target, log);
  const jobs = createJobRunner({
    store,
    log,
    runTerraform: overrides.runTerraform ?? (pool ? withProviderPool(pool, runTerraform) : runTerraform),
    assumeRole,
    dataDir: config.dataDir,
    target,
    pluginDir: config.pluginDir,
    pluginCacheDir: config.pluginCacheDir,
    maxConcurrentRuns: config.maxConcurrentRuns,
    leaseMs: config.leaseMs,
    pollMs: config.pollMs,
  });
  return { jobs, pool };
}

/** The emulated compute gateway (node credentials cached in memory) and the interactive signing keys. */
function startGateway(config: BackendConfig, assumeRole: AssumeRole, log: Log) {
  const target = { region: config.region, endpoint: config.awsEndpoint };
  const gateway = createComputeGateway({ target, credentials: cachedCredentials(assumeRole), log });
  const signingKeys = createSigningKeys({
    target,
    credentials: config.awsEndpoint ? EMULATOR_CREDENTIALS : undefined,
    secretName: `${config.environment.toLowerCase()}-interactive-signing-keys`,
  });
  return { gateway, signingKeys };
}

function listen(server: Server, config: BackendConfig): Promise<string> {
  server.keepAliveTimeout = 5000;
  return new Promise<string>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () =>
      resolve(`http://${config.host}:${(server.address() as AddressInfo).port}`),
    );
  });
}

/** Starts the API on `config.host:config.port` and resumes outstanding provisioning jobs. */
export async function startBackend(config: BackendConfig, overrides: BackendOverrides = {}): Promise<Backend> {
  const log = overrides.log ?? createLog();
  ensureDataDir(config.dataDir);
  const identities = loadIdentities(config.identitiesFile);
  const directory = createDirectory(identities);
  const provisionerAccountId = await resolveProvisionerAccount(config);
  const signIn = await startSignIn(signInConfig(config), identities, directory);
  const store = await openStore(storeConfig(config));
  const assumeRole = accountRole(config, overrides, provisionerAccountId);
  const { jobs, pool } = await startProvisioner(config, overrides, store, log, assumeRole);
  const settings = { environment: config.environment.toLowerCase(), provisionerAccountId };
  const deps = {
    store,
    directory,
    jobs,
    ...startGateway(config, assumeRole, log),
    settings,
    authenticator: signIn.authenticator,
    cognito: signIn.cognito,
    now: () => new Date(),
  };
  const server = createApiServer({ deps, routes: allRoutes, log });
  const url = await listen(server, config);
  await jobs.recover();
  return {
    url,
    store,
    jobs,
    cognito: signIn.cognito,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await jobs.stop();
      await pool?.stop();
      await store.close();
      signIn.close();
    },
  };
}
