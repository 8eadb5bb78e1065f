// The runner's pure parts: root configuration, scrubbing, provider mirror lookup, collision
// detection, and the failures it reports before starting Terraform.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findCollisions } from '../../../backend/src/provisioner/adopt';
import { buildRootConfig, COMPUTE_NODE_MODULE_DIR } from '../../../backend/src/provisioner/rootConfig';
import { createScrubber } from '../../../backend/src/provisioner/scrub';
import { findProviderMirror, runTerraform, type TerraformRunOptions } from '../../../backend/src/provisioner/terraform';

const inputs = {
  node_identifier: '0123abcd',
  node_name: 'n',
  compute_node_id: '0123abcd-0000-4000-8000-000000000000',
  account_id: '123456789012',
  environment: 'sandbox',
  deployment_mode: 'basic' as const,
  enable_llm_access: false,
  gpu_tier: 'none',
  max_gpu_instances: 0,
  max_interactive_sessions: 0,
};

describe('runner: root configuration', () => {
  it('points every service at the emulator and Step Functions at the shim', () => {
    const config = buildRootConfig(inputs, {
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:5000',
      sfnEndpoint: 'http://127.0.0.1:6000',
    }) as {
      provider: { aws: Record<string, unknown>[] };
      module: { compute_node: Record<string, unknown> };
    };
    const provider = config.provider.aws[0]!;
    const endpoints = (provider['endpoints'] as Record<string, string>[])[0]!;
    assert.equal(endpoints['sfn'], 'http://127.0.0.1:6000');
    for (const service of ['iam', 'sts', 's3', 'kms', 'logs', 'ec2', 'efs', 'ecs', 'lambda', 'secretsmanager', 'ssm']) {
      assert.equal(endpoints[service], 'http://127.0.0.1:5000', service);
    }
    for (const flag of [
      'skip_credentials_validation',
      'skip_requesting_account_id',
      'skip_metadata_api_check',
      's3_use_path_style',
    ]) {
      assert.equal(provider[flag], true, flag);
    }
    assert.equal(config.module.compute_node['source'], COMPUTE_NODE_MODULE_DIR);
    assert.match(JSON.stringify(config), /"node_identifier":"0123abcd"/);
    assert.doesNotMatch(JSON.stringify(config), /access_key|secret_key|token/i);
  });

  it('configures only the region for real AWS', () => {
    const config = buildRootConfig(inputs, { region: 'eu-west-1' }) as { provider: { aws: Record<string, unknown>[] } };
    assert.deepEqual(config.provider.aws[0], { region: 'eu-west-1' });
  });
});

describe('runner: scrubbing', () => {
  it('removes the given secrets and anything shaped like a key or token', () => {
    const scrub = createScrubber(['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'short']);
    const line =
      'key AKIAIOSFODNN7EXAMPLE secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY token ' +
      'A'.repeat(300) +
      ' short stays';
    assert.equal(scrub(line), 'key [redacted] secret [redacted] token [redacted] short stays');
    assert.equal(
      scrub('arn:aws:iam::123456789012:role/pennsieve-0123abcd-orchestrator'),
      'arn:aws:iam::123456789012:role/pennsieve-0123abcd-orchestrator',
    );
  });
});

describe('runner: provider mirror', () => {
  const saved = process.env['PENNSIEVE_TF_PLUGIN_DIR'];
  afterEach(() => {
    if (saved === undefined) delete process.env['PENNSIEVE_TF_PLUGIN_DIR'];
    else process.env['PENNSIEVE_TF_PLUGIN_DIR'] = saved;
  });

  it('prefers PENNSIEVE_TF_PLUGIN_DIR, else the machine image mirror', () => {
    process.env['PENNSIEVE_TF_PLUGIN_DIR'] = '/somewhere/plugins';
    assert.equal(findProviderMirror(), '/somewhere/plugins');
    delete process.env['PENNSIEVE_TF_PLUGIN_DIR'];
    const found = findProviderMirror();
    assert.ok(found === undefined || found === '/opt/tf-plugins');
  });
});

describe('runner: collisions after an interrupted run', () => {
  it('picks "already exists" errors of adoptable resource types', () => {
    const collisions = findCollisions([
      {
        summary: 'creating IAM Role (x)',
        detail: 'EntityAlreadyExists: Role with name x already exists.',
        address: 'module.compute_node.aws_iam_role.orchestrator',
      },
      {
        summary: 'creating Secret',
        detail: 'ResourceExistsException: exists',
        address: 'module.compute_node.aws_secretsmanager_secret.node',
      },
      { summary: 'creating VPC', detail: 'already exists', address: 'module.compute_node.aws_vpc.secure[0]' },
      {
        summary: 'creating EFS Mount Target',
        detail: 'MountTargetConflict: mount target already exists in this AZ',
        address: 'module.compute_node.aws_efs_mount_target.node[0]',
      },
      {
        summary: 'creating Security Group (pennsieve-x-efs)',
        detail: 'InvalidGroup.Duplicate: The security group already exists',
        address: 'module.compute_node.aws_security_group.efs[0]',
      },
      {
        summary: 'creating IAM Role (y)',
        detail: 'AccessDenied',
        address: 'module.compute_node.aws_iam_role.workflow_states',
      },
    ]);
    assert.deepEqual(collisions, [
      'module.compute_node.aws_iam_role.orchestrator',
      'module.compute_node.aws_secretsmanager_secret.node',
      'module.compute_node.aws_efs_mount_target.node[0]',
      'module.compute_node.aws_security_group.efs[0]',
    ]);
  });
});

describe('runner: failures before Terraform starts', () => {
  let workDir: string;
  const base = (): TerraformRunOptions => ({
    workDir,
    action: 'apply',
    vars: inputs,
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    target: { region: 'us-east-1', endpoint: 'http://127.0.0.1:9' },
  });
  beforeEach(() => (workDir = join(mkdtempSync(join(tmpdir(), 'pennsieve-runner-')), 'node')));
  afterEach(() => rmSync(join(workDir, '..'), { recursive: true, force: true }));

  it('rejects a malformed node identifier', async () => {
    const result = await runTerraform({ ...base(), vars: { ...inputs, node_identifier: 'XYZ' } });
    assert.equal(result.ok, false);
    assert.match(result.error!, /node_identifier must be 8 lowercase hex digits/);
  });

  it('rejects expired credentials without leaking them', async () => {
    const credentials = { ...base().credentials, expiration: new Date(Date.now() - 1000) };
    const result = await runTerraform({ ...base(), credentials });
    assert.equal(result.ok, false);
    assert.match(result.error!, /credentials expired/);
    assert.doesNotMatch(result.error!, /EXAMPLE/);
  });

  it('reports a run cancelled before it started', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await runTerraform({ ...base(), signal: controller.signal, pluginDir: findProviderMirror() });
    assert.equal(result.ok, false);
    assert.match(result.error!, /cancelled/);
  });
});
