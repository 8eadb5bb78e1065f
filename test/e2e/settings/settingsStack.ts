// The sandbox for the Settings e2e suite: moto, the backend in this process (named identities,
// TEST-ONLY fake Terraform runner, real STS AssumeRole with the trust policy checked), its log
// kept in memory, and Ann's account registered with a real role in a moto customer account.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { EMULATOR_CREDENTIALS, startBackend, type Backend } from '../../../backend/src/app';
import { createLog } from '../../../backend/src/log';
import { assumeAccountRole } from '../../../backend/src/provisioner/assumeRole';
import type { MotoServer } from '../../../backend/src/sandbox/moto';
import { PROVISIONER_ACCOUNT } from '../../../scripts/harness/backend/backend';
import { createFakeRunner } from '../../../scripts/harness/backend/fakeRunner';
import { startTestMoto } from '../../backend/support/moto';
import { writeNamedIdentities } from '../../extension/support/namedIdentities';

export interface SettingsStack {
  readonly backend: Backend;
  readonly moto: MotoServer;
  readonly dataDir: string;
  logText(): string;
  close(): Promise<void>;
}

export async function startSettingsStack(): Promise<SettingsStack> {
  const moto = await startTestMoto();
  const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-settings-e2e-'));
  const identitiesFile = writeNamedIdentities();
  let logged = '';
  const log = createLog({ level: 'debug', write: (line) => void (logged += `${line}\n`) });
  const target = { region: 'us-east-1', endpoint: moto.endpoint };
  const backend = await startBackend(
    {
      host: '127.0.0.1',
      port: 0,
      dataDir,
      identitiesFile,
      store: 'sqlite',
      environment: 'sandbox',
      region: 'us-east-1',
      awsEndpoint: moto.endpoint,
      provisionerAccountId: PROVISIONER_ACCOUNT,
      maxConcurrentRuns: 2,
    },
    {
      log,
      runTerraform: createFakeRunner({}).run,
      assumeRole: (account, node) =>
        assumeAccountRole(
          { target, provisionerAccountId: PROVISIONER_ACCOUNT, baseCredentials: EMULATOR_CREDENTIALS },
          {
            accountId: account.accountId,
            roleName: account.roleName,
            externalId: account.externalId,
            identifier: node.identifier,
          },
        ),
    },
  );
  return {
    backend,
    moto,
    dataDir,
    logText: () => logged,
    async close() {
      await backend.close();
      await moto.stop();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(dirname(identitiesFile), { recursive: true, force: true });
    },
  };
}
