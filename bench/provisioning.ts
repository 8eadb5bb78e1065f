// Provisioning benchmark: `terraform init` with and without the provider cache, and the
// compute-node module applied to and destroyed from moto through the runner (basic mode).
// Run: node --import tsx bench/provisioning.ts   (prints one JSON object)

import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { adoptSharedLockFile, shareLockFile } from '../backend/src/provisioner/providers';
import {
  buildRootConfig,
  ORCHESTRATOR_PACKAGE_FILE,
  ROOT_CONFIG_FILE,
  buildOrchestratorPackage,
} from '../backend/src/provisioner/rootConfig';
import { findProviderMirror, runTerraform, type ComputeNodeVars } from '../backend/src/provisioner/terraform';
import { createStoredZip } from '../backend/src/provisioner/zip';
import { startMoto } from '../backend/src/sandbox/moto';

const INIT_RUNS = 3;
const REGION = 'us-east-1';
const ACCOUNT = '123456789012';

function requireCommand(cmd: string): void {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
  } catch {
    throw new Error(`The benchmark needs "${cmd}" on PATH`);
  }
}

function providerBinary(mirror: string): string {
  const dir = join(mirror, 'registry.terraform.io', 'hashicorp', 'aws');
  const version = readdirSync(dir).sort().pop()!;
  const platformDir = join(dir, version, readdirSync(join(dir, version))[0]!);
  return join(
    platformDir,
    readdirSync(platformDir).find((f) => f.startsWith('terraform-provider-aws'))!,
  );
}

/** A fresh work directory holding the real root configuration (module call included). */
function freshWorkDir(root: string, name: string): string {
  const dir = join(root, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const vars = nodeVars('00000000');
  const config = buildRootConfig(
    { ...vars, max_interactive_sessions: 0 },
    { region: REGION, endpoint: 'http://127.0.0.1:1' },
  );
  writeFileSync(join(dir, ROOT_CONFIG_FILE), JSON.stringify(config));
  writeFileSync(join(dir, ORCHESTRATOR_PACKAGE_FILE), buildOrchestratorPackage());
  return dir;
}

function timeInit(dir: string, args: string[], env: NodeJS.ProcessEnv): number {
  const started = process.hrtime.bigint();
  execFileSync('terraform', ['init', '-input=false', '-no-color', ...args], { cwd: dir, env, stdio: 'ignore' });
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function summary(runs: number[]): { runsMs: number[]; medianMs: number } {
  const sorted = [...runs].sort((a, b) => a - b);
  return { runsMs: runs.map((r) => Math.round(r)), medianMs: Math.round(sorted[Math.floor(sorted.length / 2)]!) };
}

/**
 * A packed mirror (registry layout: one zip per version and platform) built from the unpacked
 * one, so that init has to install (extract) the provider as it would from the registry.
 */
function buildPackedMirror(root: string, binary: string): string {
  const packed = join(root, 'packed-mirror');
  const [version, platform] = binary.split('/').slice(-3, -1) as [string, string];
  const dir = join(packed, 'registry.terraform.io', 'hashicorp', 'aws');
  mkdirSync(dir, { recursive: true });
  const name = binary.split('/').pop()!;
  const zip = createStoredZip([{ name, data: readFileSync(binary), mode: 0o755 }]);
  writeFileSync(join(dir, `terraform-provider-aws_${version}_${platform}.zip`), zip);
  return packed;
}

async function benchInit(root: string, mirror: string, binary: string) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TF_IN_AUTOMATION: '1',
    CHECKPOINT_DISABLE: '1',
    TF_PLUGIN_CACHE_DIR: '',
  };
  const packed = buildPackedMirror(root, binary);

  const without: number[] = [];
  for (let i = 0; i < INIT_RUNS; i++) {
    const dir = freshWorkDir(root, `nocache-${i}`);
    without.push(timeInit(dir, [`-plugin-dir=${packed}`], env));
    rmSync(dir, { recursive: true, force: true }); // 700 MB each
  }

  const cache = join(root, 'packed-cache');
  mkdirSync(cache, { recursive: true });
  const cacheEnv = { ...env, TF_PLUGIN_CACHE_DIR: cache };
  const warm = freshWorkDir(root, 'warm');
  timeInit(warm, [`-plugin-dir=${packed}`], cacheEnv); // extracts once into the cache
  await shareLockFile(warm, cache);
  const withCache: number[] = [];
  for (let i = 0; i < INIT_RUNS; i++) {
    const dir = freshWorkDir(root, `cache-${i}`);
    await adoptSharedLockFile(dir, cache);
    withCache.push(timeInit(dir, [`-plugin-dir=${packed}`], cacheEnv));
  }

  const linkedCache = join(root, 'plugin-cache');
  const linked: number[] = [];
  for (let i = 0; i < INIT_RUNS; i++) {
    linked.push(
      timeInit(freshWorkDir(root, `linked-${i}`), [`-plugin-dir=${mirror}`], {
        ...env,
        TF_PLUGIN_CACHE_DIR: linkedCache,
      }),
    );
  }
  return {
    withoutCache: {
      ...summary(without),
      how: 'fresh work dir, packed mirror (the registry layout, minus the download): the provider is extracted into .terraform',
    },
    withCache: {
      ...summary(withCache),
      how: 'fresh work dir, TF_PLUGIN_CACHE_DIR pre-populated + the shared lock file: init verifies the cached binary checksum and links it',
    },
    unpackedMirrorWithCache: {
      ...summary(linked),
      how: 'the sandbox default: unpacked /opt mirror + cache; Terraform links mirror -> cache -> work dir',
    },
  };
}

function nodeVars(id: string): ComputeNodeVars {
  return {
    node_identifier: id,
    node_name: 'bench',
    compute_node_id: `${id}-0000-4000-8000-000000000000`,
    account_id: ACCOUNT,
    deployment_mode: 'basic',
    enable_llm_access: false,
    gpu_tier: 'none',
    max_gpu_instances: 0,
    environment: 'sandbox',
  };
}

async function benchProvisioning(root: string, mirror: string) {
  const moto = await startMoto();
  try {
    const base = {
      workDir: join(root, 'node'),
      vars: nodeVars('be0c0001'),
      credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
      target: { region: REGION, endpoint: moto.endpoint },
      pluginDir: mirror,
      pluginCacheDir: join(root, 'plugin-cache'),
    };
    const apply = await runTerraform({ ...base, action: 'apply' });
    if (!apply.ok) throw new Error(`apply failed: ${apply.error}`);
    const reapply = await runTerraform({ ...base, action: 'apply' });
    const destroy = await runTerraform({ ...base, action: 'destroy' });
    if (!destroy.ok) throw new Error(`destroy failed: ${destroy.error}`);
    return {
      mode: 'basic',
      createToEnabledMs: apply.durationMs,
      reapplyNoChangesMs: reapply.durationMs,
      deleteToGoneMs: destroy.durationMs,
      how: 'runTerraform wall time on moto (fresh work dir: init from the warm cache, apply, output); destroy retains bucket and boundary',
    };
  } finally {
    await moto.stop();
  }
}

async function main(): Promise<void> {
  requireCommand('terraform');
  requireCommand('moto_server');
  const mirror = findProviderMirror();
  if (!mirror || !existsSync(mirror)) throw new Error('No provider mirror: set PENNSIEVE_TF_PLUGIN_DIR');
  const root = mkdtempSync(join(tmpdir(), 'pennsieve-bench-'));
  try {
    const binary = providerBinary(mirror);
    const loadBefore = loadavg()[0];
    const init = await benchInit(root, mirror, binary);
    const provisioning = await benchProvisioning(root, mirror);
    const result = {
      machine: {
        cpus: cpus().length,
        loadAverage1mBefore: Number(loadBefore!.toFixed(2)),
        loadAverage1mAfter: Number(loadavg()[0]!.toFixed(2)),
      },
      terraform: execFileSync('terraform', ['version', '-json'], { encoding: 'utf8' }).match(
        /"terraform_version":\s*"([^"]+)"/,
      )?.[1],
      provider: { path: binary, bytes: statSync(binary).size },
      init,
      provisioning,
      targets: { createToEnabledMs: 60_000, initWithCacheMs: 3_000 },
      pennsieveReference: { initWithoutCacheMs: [35_000, 65_000], initWithCacheMs: [3_000, 5_000] },
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exitCode = 1;
});
