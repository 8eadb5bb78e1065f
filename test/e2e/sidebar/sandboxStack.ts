// The backends the sidebar suite talks to: moto (the customer's AWS account), the sandbox
// backend as its own process with real Terraform provisioning into moto (people with names, as
// the directory routes serve them), and AWS config files with one profile for the extension
// host. Started before code-server, stopped after it.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MotoServer } from '../../../backend/src/sandbox/moto';
import { spawnBackend, type BackendProcess } from '../../../scripts/harness/backend/backend';
import { writeNamedIdentities } from '../../extension/support/namedIdentities';
import { startTestMoto } from '../../backend/support/moto';

export const AWS_PROFILE = 'sandbox';

export interface SandboxStack {
  readonly moto: MotoServer;
  readonly backend: BackendProcess;
  /** Environment for code-server's extension host: the AWS config files and no SDK nagging. */
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

function writeAwsFiles(): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-aws-'));
  writeFileSync(
    join(dir, 'credentials'),
    `[${AWS_PROFILE}]\naws_access_key_id = AKIASANDBOXSANDBOX01\naws_secret_access_key = sandbox\n`,
    { mode: 0o600 },
  );
  writeFileSync(join(dir, 'config'), `[profile ${AWS_PROFILE}]\nregion = us-east-1\n`, { mode: 0o600 });
  return {
    AWS_CONFIG_FILE: join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

export async function startSandboxStack(): Promise<SandboxStack> {
  const moto = await startTestMoto();
  try {
    const data = mkdtempSync(join(tmpdir(), 'e2e-sandbox-'));
    const backend = await spawnBackend([
      '--identities',
      writeNamedIdentities(),
      '--data',
      data,
      '--aws-endpoint',
      moto.endpoint,
    ]);
    return {
      moto,
      backend,
      env: writeAwsFiles(),
      async stop() {
        await backend.stop();
        await moto.stop();
      },
    };
  } catch (err) {
    await moto.stop();
    throw err;
  }
}

/** The editor settings that point the extension at this stack's sandbox and moto, plus `extra`. */
export function stackSettings(stack: SandboxStack, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    'pennsieve.api.mode': 'sandbox',
    'pennsieve.api.baseUrl': stack.backend.url,
    'pennsieve.aws.endpoint': stack.moto.endpoint,
    'pennsieve.aws.region': 'us-east-1',
    ...extra,
  };
}
