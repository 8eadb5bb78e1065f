// Where the AWS provider comes from: an offline filesystem mirror (the sandbox default), a
// plugin cache that `terraform init` only links from, or the public registry.

import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { copyFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** The machine image's offline mirror of hashicorp/aws. */
const DEFAULT_MIRROR = '/opt/tf-plugins';
const AWS_PROVIDER_PATH = join('registry.terraform.io', 'hashicorp', 'aws');
const LOCK_FILE = '.terraform.lock.hcl';
/** The dependency lock file kept beside the plugin cache, shared by every work directory. */
const SHARED_LOCK_FILE = 'pennsieve-compute-node.terraform.lock.hcl';

/**
 * The provider plugin directory the sandbox should use by default: `$PENNSIEVE_TF_PLUGIN_DIR`
 * when set, else `/opt/tf-plugins` when it holds `registry.terraform.io/hashicorp/aws`, else
 * undefined (init then installs from the public registry).
 */
export function findProviderMirror(): string | undefined {
  const configured = process.env['PENNSIEVE_TF_PLUGIN_DIR'];
  if (configured) return configured;
  return existsSync(join(DEFAULT_MIRROR, AWS_PROVIDER_PATH)) ? DEFAULT_MIRROR : undefined;
}

/**
 * The hashicorp/aws provider binary of an unpacked mirror for this platform (the newest version
 * there), or undefined: then Terraform starts the provider itself for every command.
 */
export function findProviderBinary(pluginDir: string | undefined): string | undefined {
  if (!pluginDir) return undefined;
  const platform = `${process.platform}_${process.arch === 'x64' ? 'amd64' : process.arch}`;
  const root = join(pluginDir, AWS_PROVIDER_PATH);
  try {
    const versions = readdirSync(root).filter((v) => existsSync(join(root, v, platform)));
    versions.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    const dir = versions.length ? join(root, versions[versions.length - 1]!, platform) : undefined;
    const binary = dir && readdirSync(dir).find((f) => f.startsWith('terraform-provider-aws'));
    return dir && binary ? join(dir, binary) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether `pluginDir` holds hashicorp/aws unpacked (`<version>/<os_arch>/` folders). Terraform
 * links such a mirror into the cache and work directories; a packed mirror (zip archives), like
 * the registry, is extracted instead.
 */
export function isUnpackedMirror(pluginDir: string): boolean {
  const dir = join(pluginDir, AWS_PROVIDER_PATH);
  try {
    return readdirSync(dir, { withFileTypes: true }).some((e) => e.isDirectory());
  } catch {
    return false;
  }
}

/**
 * Since Terraform 1.4 a plugin cache entry is used only when the work directory's dependency
 * lock file already records its checksum; a fresh work directory would install (download) the
 * provider again (from the registry: a download). So the first successful init leaves its lock
 * file beside the cache, and every new work directory starts from that copy: init then only
 * links from the cache, after verifying its checksum. (With a local mirror as the source this is
 * unnecessary: Terraform links an unpacked mirror → cache → work directory without one.)
 */
export async function adoptSharedLockFile(workDir: string, pluginCacheDir: string): Promise<void> {
  const shared = join(pluginCacheDir, SHARED_LOCK_FILE);
  const local = join(workDir, LOCK_FILE);
  if (existsSync(local) || !existsSync(shared)) return;
  await copyAtomically(shared, local);
}

/** After a successful init: share the work directory's lock file, unless one is shared already. */
export async function shareLockFile(workDir: string, pluginCacheDir: string): Promise<void> {
  const shared = join(pluginCacheDir, SHARED_LOCK_FILE);
  const local = join(workDir, LOCK_FILE);
  if (existsSync(shared) || !existsSync(local)) return;
  await copyAtomically(local, shared);
}

// Readers in other processes see the old file or the whole new one, never half of it.
async function copyAtomically(from: string, to: string): Promise<void> {
  const temp = `${to}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await copyFile(from, temp);
    await rename(temp, to);
  } finally {
    await rm(temp, { force: true });
  }
}
