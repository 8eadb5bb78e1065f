// Secrets Manager operations of the emulated gateway, one secret per key: write (create, or put a new
// version), list names by prefix, delete at once. None reads a value.

import {
  CreateSecretCommand,
  DeleteSecretCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';

const nameOf = (err: unknown) => (err as { name?: string }).name;

/** Creates the secret `name` with `value`, or stores `value` as its new current version. */
export async function writeSecret(
  sm: SecretsManagerClient,
  name: string,
  value: string,
  nodeUuid: string,
): Promise<void> {
  try {
    await sm.send(
      new CreateSecretCommand({
        Name: name,
        SecretString: value,
        Description: 'Compute node secret, set through the Account Service',
        Tags: [{ Key: 'pennsieve:compute-node', Value: nodeUuid }],
      }),
    );
  } catch (err) {
    if (nameOf(err) !== 'ResourceExistsException') throw err;
    await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: value }));
  }
}

/** Every secret name starting with `prefix`, sorted (pages through ListSecrets). */
export async function listSecretNames(sm: SecretsManagerClient, prefix: string): Promise<string[]> {
  const names: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await sm.send(
      new ListSecretsCommand({ Filters: [{ Key: 'name', Values: [prefix] }], MaxResults: 100, NextToken }),
    );
    for (const s of page.SecretList ?? []) if (s.Name?.startsWith(prefix)) names.push(s.Name);
    NextToken = page.NextToken;
  } while (NextToken);
  return names.sort();
}

/** Deletes the secret without a recovery window; a missing secret is not an error. */
export async function deleteSecret(sm: SecretsManagerClient, name: string): Promise<void> {
  try {
    await sm.send(new DeleteSecretCommand({ SecretId: name, ForceDeleteWithoutRecovery: true }));
  } catch (err) {
    if (nameOf(err) !== 'ResourceNotFoundException') throw err;
  }
}
