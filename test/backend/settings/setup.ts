// A sandbox on moto with one registered customer account (a real cross-account role, trust policy
// checked) and helpers to seed nodes in it and read what the emulated gateway left there.

import { GetSecretValueCommand, ListSecretsCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { EMULATOR_CREDENTIALS } from '../../../backend/src/app';
import { createLog } from '../../../backend/src/log';
import { assumeAccountRole } from '../../../backend/src/provisioner/assumeRole';
import type { MotoServer } from '../../../backend/src/sandbox/moto';
import { call, type Reply } from '../../../scripts/harness/backend/client';
import { PROVISIONER_ACCOUNT, startTestBackend, type TestBackend } from '../../../scripts/harness/backend/backend';
import { nextAwsAccountId, seedNode, type SeedNodeOptions } from '../../../scripts/harness/backend/fixtures';
import { LAB, tokenOf, type Persona } from '../../../scripts/harness/backend/identities';
import { customerCredentials, registerCustomerAccount } from '../support/aws';
import { startTestMoto } from '../support/moto';

export const GATEWAY = 'https://abcd1234.lambda-url.us-east-1.on.aws/';

export interface SettingsSandbox {
  readonly moto: MotoServer;
  readonly backend: TestBackend;
  readonly awsAccountId: string;
  readonly accountUuid: string;
  /** Everything the backend logged. */
  logText(): string;
  /** A provisioned node in lab on the registered account. */
  node(opts?: Partial<SeedNodeOptions>): Promise<string>;
  as(persona: Persona, method: string, path: string, body?: unknown): Promise<Reply>;
  /** Secrets Manager and SSM inside the customer account. */
  customer(): Promise<{ sm: SecretsManagerClient; ssm: SSMClient }>;
  close(): Promise<void>;
}

export async function startSettingsSandbox(): Promise<SettingsSandbox> {
  const moto = await startTestMoto();
  let logged = '';
  const log = createLog({ level: 'debug', write: (line) => void (logged += `${line}\n`) });
  const target = { region: 'us-east-1', endpoint: moto.endpoint };
  const backend = await startTestBackend({
    awsEndpoint: moto.endpoint,
    log,
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
  });
  const awsAccountId = nextAwsAccountId();
  const accountUuid = await registerCustomerAccount({
    url: backend.url,
    token: tokenOf('acctOwner'),
    motoEndpoint: moto.endpoint,
    accountId: awsAccountId,
    org: LAB,
  });
  return {
    moto,
    backend,
    awsAccountId,
    accountUuid,
    logText: () => logged,
    node: (opts = {}) =>
      seedNode(backend.store, {
        owner: 'nodeOwner',
        accountUuid,
        awsAccountId,
        org: LAB,
        gatewayUrl: GATEWAY,
        ...opts,
      }),
    as: (persona, method, path, body) => call(backend.url, method, path, { token: tokenOf(persona), body }),
    async customer() {
      const credentials = await customerCredentials(moto.endpoint, awsAccountId);
      return {
        sm: new SecretsManagerClient({ ...target, credentials }),
        ssm: new SSMClient({ ...target, credentials }),
      };
    },
    async close() {
      await backend.close();
      await moto.stop();
    },
  };
}

export async function secretValue(sm: SecretsManagerClient, name: string): Promise<string | undefined> {
  try {
    return (await sm.send(new GetSecretValueCommand({ SecretId: name }))).SecretString;
  } catch (err) {
    if ((err as { name?: string }).name === 'ResourceNotFoundException') return undefined;
    throw err;
  }
}

export async function secretNames(sm: SecretsManagerClient): Promise<string[]> {
  return ((await sm.send(new ListSecretsCommand({}))).SecretList ?? []).map((s) => s.Name ?? '').sort();
}

export async function parameter(ssm: SSMClient, name: string): Promise<string | undefined> {
  try {
    return (await ssm.send(new GetParameterCommand({ Name: name }))).Parameter?.Value;
  } catch (err) {
    if ((err as { name?: string }).name === 'ParameterNotFound') return undefined;
    throw err;
  }
}
