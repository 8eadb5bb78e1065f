// `npm run sandbox`: starts moto (an emulated AWS account) and the sandbox backend on loopback,
// with a demo identities file in the data folder, and prints the API URL and a token.
// `--real-aws` provisions into real AWS with the standard credential chain instead.

import { resolve } from 'node:path';
import { startBackend, type Backend, type BackendConfig } from '../app';
import { IdentitiesError, loadIdentities } from '../auth/identities';
import { BACKEND_OPTIONS, backendConfig, logLevelOf, parseFlags, UsageError, type ParsedValues } from '../config';
import { ensureDataDir, restrictNewFiles } from '../dataDir';
import { createLog, type Log } from '../log';
import { startMoto, type MotoServer } from './moto';
import { DEMO_ORGANIZATION, ensureDemoIdentities } from './demoIdentities';
import { seedDemoAccount } from './seedDemo';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const DEFAULT_PORT = 8787;
const DEMO_CUSTOMER_ACCOUNT = '111122223333';

const USAGE = `usage: npm run sandbox -- [--data DIR] [--port N] [--seed-demo]
  [--aws-endpoint URL | --real-aws] [--store sqlite|dynamodb] [--identities FILE] [--env NAME]
  [--region REGION] [--max-concurrent-runs N] [--plugin-dir DIR] [--plugin-cache-dir DIR] [--no-provider-servers]
  [--lease-seconds N] [--poll-seconds N] [--auth tokens|cognito] [--authorizer-cache-seconds N]
  [--provisioner-account-id ID] [--log-level debug|info|warn|error]
Default data folder: .sandbox/ in the repository. See docs/sandbox.md.`;

/**
 * moto keeps its state in memory, so a node provisioned during an earlier run no longer exists
 * in this one. Such nodes are marked Failed with the reason, rather than shown as Enabled.
 */
async function failNodesOfEarlierMoto(backend: Backend): Promise<number> {
  const stale = await backend.store.nodes.listByStatus(['Enabled', 'Paused']);
  for (const node of stale) {
    await backend.store.nodes.update(node.uuid, {
      status: 'Failed',
      statusReason:
        'provisioned into an earlier in-memory moto session that no longer exists: delete the node or re-provision it (PUT)',
    });
  }
  return stale.length;
}

interface Stack {
  readonly backend: Backend;
  readonly config: BackendConfig;
  readonly embeddedMoto: boolean;
  stop(): Promise<void>;
}

/** Starts moto (unless another AWS is named) and the backend; Ctrl-C and SIGTERM stop both. */
async function startStack(values: ParsedValues, dataDir: string, identitiesFile: string, log: Log): Promise<Stack> {
  const embeddedMoto = values['real-aws'] !== true && typeof values['aws-endpoint'] !== 'string';
  let moto: MotoServer | undefined;
  let backend: Backend | undefined;
  const stop = async () => {
    await backend?.close();
    await moto?.stop();
  };
  process.on('SIGINT', () => void stop().then(() => process.exit(0)));
  process.on('SIGTERM', () => void stop().then(() => process.exit(0)));
  try {
    if (embeddedMoto) moto = await startMoto();
    const config = backendConfig(values, { dataDir, identitiesFile, awsEndpoint: moto?.endpoint, port: DEFAULT_PORT });
    backend = await startBackend(config, { log });
    return { backend, config, embeddedMoto, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Marks nodes of an earlier moto Failed, and with --seed-demo registers the demo account as alice. */
async function prepareDemo(stack: Stack, values: ParsedValues, identitiesPath: string, log: Log) {
  const { backend, config } = stack;
  if (stack.embeddedMoto && config.store === 'sqlite') {
    const failed = await failNodesOfEarlierMoto(backend);
    if (failed > 0) log.warn(`${failed} node(s) from an earlier moto session marked Failed`);
  }
  const ids = loadIdentities(identitiesPath);
  const alice = ids.users.find((u) => u.name === 'alice') ?? ids.users[0];
  if (!alice) throw new IdentitiesError(`${identitiesPath}: no users`);
  const lab = ids.organizations.find((o) => o.name === DEMO_ORGANIZATION) ?? ids.organizations[0];
  if (values['seed-demo']) {
    if (!config.awsEndpoint || !lab)
      throw new UsageError('--seed-demo needs moto (no --real-aws) and an organization in the identities file');
    const seeded = await seedDemoAccount({
      apiUrl: backend.url,
      token: alice.token,
      awsEndpoint: config.awsEndpoint,
      region: config.region,
      customerAccountId: DEMO_CUSTOMER_ACCOUNT,
      organizationId: lab.nodeId,
    });
    log.info(
      `demo account ${seeded.created ? 'registered' : 'refreshed'}: ${DEMO_CUSTOMER_ACCOUNT} with role ${seeded.roleName}`,
    );
  }
  return { alice, lab };
}

async function main(): Promise<void> {
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  restrictNewFiles();
  const values = parseFlags(process.argv.slice(2), {
    ...BACKEND_OPTIONS,
    identities: { type: 'string' },
    'seed-demo': { type: 'boolean' },
    help: { type: 'boolean' },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const log = createLog({ level: logLevelOf(values) });
  const dataDir = resolve(typeof values.data === 'string' ? values.data : resolve(REPO_ROOT, '.sandbox'));
  ensureDataDir(dataDir);
  const identities =
    typeof values.identities === 'string'
      ? { path: resolve(values.identities), created: false }
      : ensureDemoIdentities(dataDir);
  const stack = await startStack(values, dataDir, identities.path, log);
  const { alice, lab } = await prepareDemo(stack, values, identities.path, log).catch(async (err: unknown) => {
    await stack.stop();
    throw err;
  });
  const { backend, config } = stack;
  process.stdout.write(
    [
      '',
      'Pennsieve sandbox backend (Account Service API)',
      `  API URL     ${backend.url}`,
      backend.cognito
        ? `  API key     ${alice.apiKey ?? '(none)'}   (${alice.name}; the secret is in the identities file; Cognito pool ${backend.cognito.poolId})`
        : `  Token       ${alice.token}   (${alice.name}${lab ? `, workspace ${lab.name} ${lab.nodeId}` : ''})`,
      `  AWS         ${config.awsEndpoint ? `${stack.embeddedMoto ? 'moto' : 'endpoint'} at ${config.awsEndpoint}` : `real AWS (${config.region})`}`,
      `  Data        ${dataDir} (store: ${config.store})`,
      `  Identities  ${identities.path}${identities.created ? ' (new: tokens for bob, carol, dave and erin are there)' : ''}`,
      '  Stop with Ctrl-C.',
      '',
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  if (err instanceof UsageError) {
    process.stderr.write(`${err.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if ((err as { code?: string }).code === 'EADDRINUSE') {
    process.stderr.write(
      `The port is already in use (another sandbox?): pass --port N, or --port 0 for any free port\n`,
    );
    process.exit(1);
  }
  process.stderr.write(`${err instanceof IdentitiesError ? err.message : ((err as Error).stack ?? String(err))}\n`);
  process.exit(1);
});
