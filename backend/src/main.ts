// Starts the API only (no moto): `node --import tsx backend/src/main.ts --identities FILE --data DIR
// --aws-endpoint URL [--port N] [--store sqlite|dynamodb]`. Used by tests and by anyone who runs
// their own moto or points at real AWS (--real-aws). Prints one JSON line on stdout when listening.

import { startBackend } from './app';
import { BACKEND_OPTIONS, backendConfig, logLevelOf, parseFlags, UsageError } from './config';
import { IdentitiesError } from './auth/identities';
import { restrictNewFiles } from './dataDir';
import { createLog } from './log';

const USAGE = `usage: main.ts --identities FILE --data DIR (--aws-endpoint URL | --real-aws)
  [--port N] [--host ADDR] [--store sqlite|dynamodb] [--store-endpoint URL] [--env NAME] [--region REGION]
  [--provisioner-account-id ID] [--max-concurrent-runs N] [--plugin-dir DIR] [--plugin-cache-dir DIR] [--no-provider-servers]
  [--lease-seconds N] [--poll-seconds N] [--auth tokens|cognito] [--authorizer-cache-seconds N]
  [--log-level debug|info|warn|error]`;

async function main(): Promise<void> {
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  restrictNewFiles();
  const values = parseFlags(process.argv.slice(2), { ...BACKEND_OPTIONS, identities: { type: 'string' } });
  const config = backendConfig(values, {});
  if (!config.awsEndpoint && values['real-aws'] !== true)
    throw new UsageError('--aws-endpoint URL or --real-aws is required');
  const log = createLog({ level: logLevelOf(values) });
  const backend = await startBackend(config, { log });
  process.stdout.write(`${JSON.stringify({ event: 'listening', url: backend.url })}\n`);
  log.info(`Pennsieve Account Service sandbox API on ${backend.url} (store: ${config.store})`);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info(`${signal}: stopping`);
    backend.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error('shutdown failed', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof UsageError) {
    process.stderr.write(`${err.message}\n${USAGE}\n`);
    process.exit(2);
  }
  process.stderr.write(`${err instanceof IdentitiesError ? err.message : ((err as Error).stack ?? String(err))}\n`);
  process.exit(1);
});
