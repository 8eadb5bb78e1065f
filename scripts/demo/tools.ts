// What the demo needs on the machine: moto and Terraform (checked, with how to install them),
// and code-server (installed into the e2e tests' cache by scripts/setup-e2e.sh when missing).

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { findProviderMirror } from '../../backend/src/provisioner/providers';
import { codeServerVersion, getCacheRoot, getCodeServerEntry } from '../harness/paths';
import { isOnPath } from '../harness/tools';
import { DemoError, type Reporter } from './report';

/** Fails without moto; warns without Terraform (nodes cannot be provisioned) or the provider mirror. */
export function checkTools(report: Reporter): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) {
    throw new DemoError(
      `npm start needs Node 20: code-server ${codeServerVersion} runs on it (found ${process.version})`,
    );
  }
  if (!isOnPath('moto_server')) {
    throw new DemoError(
      'moto_server is not on PATH. The sandbox provisions into moto, an emulated AWS account: ' +
        'install it with `pip install "moto[server]"` (moto 5), then run npm start again.',
    );
  }
  if (!isOnPath('terraform')) {
    report.warn(
      'terraform is not on PATH: the demo starts, but creating a compute node will fail. Install Terraform ≥ 1.5 (https://developer.hashicorp.com/terraform/install).',
    );
  } else if (!findProviderMirror()) {
    report.note(
      'no offline mirror of the hashicorp/aws provider (/opt/tf-plugins or PENNSIEVE_TF_PLUGIN_DIR): the first node downloads it from the Terraform registry.',
    );
  }
}

/** code-server's entry point; runs scripts/setup-e2e.sh first when it is not installed. */
export async function ensureCodeServer(
  repoRoot: string,
  report: Reporter,
  allowInstall: boolean,
  signal: AbortSignal,
): Promise<string> {
  try {
    return getCodeServerEntry();
  } catch (err) {
    if (!allowInstall) throw new DemoError(`${(err as Error).message} (or run npm start without --no-install)`);
  }
  report.step(
    `code-server ${codeServerVersion} is not installed yet: installing it into ${join(getCacheRoot(), 'code-server')} ` +
      'with scripts/setup-e2e.sh (once, a minute or two; it also installs Chromium, which the tests use)',
  );
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn('bash', [join(repoRoot, 'scripts', 'setup-e2e.sh')], {
      cwd: repoRoot,
      stdio: 'inherit',
      signal,
    });
    child.once('error', () => resolve(-1));
    child.once('exit', (c) => resolve(c));
  });
  if (code !== 0) throw new DemoError(`scripts/setup-e2e.sh failed (exit ${code}): see its messages above`);
  return getCodeServerEntry();
}
