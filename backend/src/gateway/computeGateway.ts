// The sandbox's stand-in for a node's compute gateway: what production's gateway Lambda does in
// the customer account, done with the node's assumed-role credentials. Each secret key is its own
// Secrets Manager secret (written, listed by name, deleted: its value is never read back); the LLM
// config and the allowed processors are SSM parameters. Secret values pass through memory only:
// never logged, never in the sandbox's own store.

import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { Log } from '../log';
import type { AwsTarget } from '../provisioner/terraform';
import type { AccountRecord, NodeRecord } from '../store/types';
import type { CredentialSource } from './credentialCache';
import { allowedProcessorsParameter, llmBudgetParameter, secretPrefix, type SecretScope } from './names';
import { deleteSecret, listSecretNames, writeSecret } from './secretStore';

export type { SecretScope } from './names';

/** The node and its account: whose role the gateway acts with. */
export interface GatewayTarget {
  readonly node: NodeRecord;
  readonly account: AccountRecord;
}

export type BudgetPeriod = 'daily' | 'monthly';

export interface LlmConfig {
  readonly budgetUsd: number;
  readonly budgetPeriod: BudgetPeriod;
}

/** What the routes forward to a node's gateway. Every method throws {@link GatewayError} on failure. */
export interface ComputeGateway {
  secretKeys(t: GatewayTarget, scope: SecretScope, userId: string): Promise<string[]>;
  /** Adds or replaces each of `secrets`. */
  putSecrets(
    t: GatewayTarget,
    scope: SecretScope,
    userId: string,
    secrets: Readonly<Record<string, string>>,
  ): Promise<void>;
  /** Removes `key` (nothing when absent), or every key when `key` is undefined. */
  deleteSecrets(t: GatewayTarget, scope: SecretScope, userId: string, key: string | undefined): Promise<void>;
  allowedProcessors(t: GatewayTarget): Promise<string[]>;
  putAllowedProcessors(t: GatewayTarget, processors: readonly string[]): Promise<void>;
  llmConfig(t: GatewayTarget): Promise<LlmConfig>;
  putLlmConfig(t: GatewayTarget, config: LlmConfig): Promise<LlmConfig>;
}

/** The gateway failed: `credentials` when the account's role could not be assumed. */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  constructor(
    message: string,
    readonly kind: 'credentials' | 'request',
  ) {
    super(message);
  }
}

export interface GatewayOptions {
  readonly target: AwsTarget;
  readonly credentials: CredentialSource;
  readonly log: Log;
}

interface Clients {
  readonly sm: SecretsManagerClient;
  readonly ssm: SSMClient;
}

function parseJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? 'null');
  } catch {
    return null;
  }
}

function parseLlmConfig(text: string | undefined): LlmConfig {
  const parsed = parseJson(text);
  const v = (parsed && typeof parsed === 'object' ? parsed : {}) as Record<string, unknown>;
  // The module's initial value is `{enabled, monthlyBudgetUsd}`.
  const budget =
    typeof v.budgetUsd === 'number' ? v.budgetUsd : typeof v.monthlyBudgetUsd === 'number' ? v.monthlyBudgetUsd : 0;
  return { budgetUsd: budget, budgetPeriod: v.budgetPeriod === 'daily' ? 'daily' : 'monthly' };
}

async function readParameter(ssm: SSMClient, name: string): Promise<string | undefined> {
  try {
    return (await ssm.send(new GetParameterCommand({ Name: name }))).Parameter?.Value;
  } catch (err) {
    if ((err as { name?: string }).name === 'ParameterNotFound') return undefined;
    throw err;
  }
}

async function writeParameter(ssm: SSMClient, name: string, value: string): Promise<void> {
  await ssm.send(new PutParameterCommand({ Name: name, Value: value, Type: 'String', Overwrite: true }));
}

type Run = <T>(t: GatewayTarget, operation: string, op: (c: Clients) => Promise<T>) => Promise<T>;

/** Runs an operation with clients on the node's credentials; any failure is a GatewayError naming only the AWS error. */
function gatewayRunner(opts: GatewayOptions): Run {
  const { target, log } = opts;
  return async (t, operation, op) => {
    let credentials;
    try {
      credentials = await opts.credentials(t.account, t.node);
    } catch (err) {
      log.warn(`compute gateway: cannot assume the account's role for node ${t.node.uuid}: ${(err as Error).message}`);
      throw new GatewayError('cannot assume the account role', 'credentials');
    }
    const config = { region: target.region, endpoint: target.endpoint, credentials, maxAttempts: 2 };
    const c = { sm: new SecretsManagerClient(config), ssm: new SSMClient(config) };
    try {
      return await op(c);
    } catch (err) {
      // Only the error's name: AWS messages can quote request fields.
      const name = (err as { name?: string }).name ?? 'Error';
      log.warn(`compute gateway: ${operation} for node ${t.node.uuid} failed: ${name}`);
      throw new GatewayError(`${operation}: ${name}`, 'request');
    } finally {
      c.sm.destroy();
      c.ssm.destroy();
    }
  };
}

const keysOf = async (sm: SecretsManagerClient, prefix: string) =>
  (await listSecretNames(sm, prefix)).map((n) => n.slice(prefix.length));

/** The emulated gateway on `opts.target` (moto, or real AWS). */
export function createComputeGateway(opts: GatewayOptions): ComputeGateway {
  const run = gatewayRunner(opts);
  return {
    secretKeys: (t, scope, userId) =>
      run(t, 'list secrets', ({ sm }) => keysOf(sm, secretPrefix(t.node, scope, userId))),
    putSecrets: (t, scope, userId, secrets) =>
      run(t, 'write secrets', async ({ sm }) => {
        const prefix = secretPrefix(t.node, scope, userId);
        for (const [key, value] of Object.entries(secrets)) await writeSecret(sm, prefix + key, value, t.node.uuid);
      }),
    deleteSecrets: (t, scope, userId, key) =>
      run(t, 'delete secrets', async ({ sm }) => {
        const prefix = secretPrefix(t.node, scope, userId);
        const keys = key === undefined ? await keysOf(sm, prefix) : [key];
        for (const k of keys) await deleteSecret(sm, prefix + k);
      }),
    allowedProcessors: (t) =>
      run(t, 'read allowed processors', async ({ ssm }) => {
        const value = parseJson(await readParameter(ssm, allowedProcessorsParameter(t.node)));
        return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string') : [];
      }),
    putAllowedProcessors: (t, processors) =>
      run(t, 'write allowed processors', ({ ssm }) =>
        writeParameter(ssm, allowedProcessorsParameter(t.node), JSON.stringify(processors)),
      ),
    llmConfig: (t) =>
      run(t, 'read LLM config', async ({ ssm }) =>
        parseLlmConfig(await readParameter(ssm, llmBudgetParameter(t.node))),
      ),
    putLlmConfig: (t, config) =>
      run(t, 'write LLM config', async ({ ssm }) => {
        const value = {
          enabled: t.node.enableLLMAccess,
          budgetUsd: config.budgetUsd,
          budgetPeriod: config.budgetPeriod,
        };
        await writeParameter(ssm, llmBudgetParameter(t.node), JSON.stringify(value));
        return { budgetUsd: config.budgetUsd, budgetPeriod: config.budgetPeriod };
      }),
  };
}
