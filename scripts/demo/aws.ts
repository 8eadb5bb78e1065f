// The demo's AWS profile, `pennsieve-demo`: an IAM user in the emulated customer account (moto),
// so that the extension's own AWS calls (register, verify, audit, revoke) act in the account the
// sandbox registered. moto forgets everything when it stops, so the user and its keys are made
// anew on every start and the files rewritten. The keys are moto's, worthless anywhere else.

import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DEMO_PROFILE = 'pennsieve-demo';
export const DEMO_REGION = 'us-east-1';
const DEMO_USER = 'pennsieve-demo';
/** moto accepts any credentials and maps unknown keys to its default account. */
const EMULATOR_CREDENTIALS = { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' };

export interface AwsFiles {
  readonly configFile: string;
  readonly credentialsFile: string;
  /** False when the IAM user could not be made and the profile uses placeholder keys. */
  readonly inCustomerAccount: boolean;
}

/**
 * Keys of an IAM user in `accountId`. moto serves an account to whoever holds keys issued there:
 * assume any role in the account, create the user with those credentials, issue its keys.
 */
async function customerAccountKeys(
  endpoint: string,
  accountId: string,
): Promise<{ accessKeyId: string; secretAccessKey: string }> {
  const sts = new STSClient({ region: DEMO_REGION, endpoint, credentials: EMULATOR_CREDENTIALS });
  let iam: IAMClient | undefined;
  try {
    const assumed = await sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${accountId}:role/pennsieve-demo-bootstrap`,
        RoleSessionName: 'pennsieve-demo',
      }),
    );
    const c = assumed.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('moto returned no credentials');
    iam = new IAMClient({
      region: DEMO_REGION,
      endpoint,
      credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken },
    });
    await iam.send(new CreateUserCommand({ UserName: DEMO_USER })).catch((err: { name?: string }) => {
      if (err.name !== 'EntityAlreadyExists' && err.name !== 'EntityAlreadyExistsException') throw err;
    });
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: DEMO_USER }))).AccessKey;
    if (!key?.AccessKeyId || !key.SecretAccessKey) throw new Error('moto returned no access key');
    return { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey };
  } finally {
    iam?.destroy();
    sts.destroy();
  }
}

/** Writes `<dir>/config` and `<dir>/credentials` (mode 0600) with the profile pennsieve-demo. */
export async function writeDemoAwsFiles(
  dir: string,
  endpoint: string,
  accountId: string,
  onFallback: (why: string) => void,
): Promise<AwsFiles> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let keys = { accessKeyId: 'AKIAPENNSIEVEDEMO000', secretAccessKey: 'pennsieve-demo-not-a-secret' };
  let inCustomerAccount = true;
  try {
    keys = await customerAccountKeys(endpoint, accountId);
  } catch (err) {
    inCustomerAccount = false;
    onFallback((err as Error).message);
  }
  const configFile = join(dir, 'config');
  const credentialsFile = join(dir, 'credentials');
  const header = '# Written by `npm start` on every start: moto (the emulated AWS of the demo) issued these keys.\n';
  writeFileSync(
    configFile,
    `${header}[profile ${DEMO_PROFILE}]\nregion = ${DEMO_REGION}\n# Only the AWS CLI and SDKs that read endpoint_url send requests there; the extension uses pennsieve.aws.endpoint.\nendpoint_url = ${endpoint}\n`,
    { mode: 0o600 },
  );
  writeFileSync(
    credentialsFile,
    `${header}[${DEMO_PROFILE}]\naws_access_key_id = ${keys.accessKeyId}\naws_secret_access_key = ${keys.secretAccessKey}\n`,
    { mode: 0o600 },
  );
  return { configFile, credentialsFile, inCustomerAccount };
}
