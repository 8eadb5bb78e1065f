// The compute-node module applied to moto with real Terraform through the runner, in every
// deployment mode, and read back through AWS APIs.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateFileSystemCommand, DescribeFileSystemsCommand, EFSClient } from '@aws-sdk/client-efs';
import { CreateSecurityGroupCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import {
  findProviderMirror,
  runTerraform,
  type ComputeNodeVars,
  type TerraformResult,
} from '../../../backend/src/provisioner/terraform';
import { startMoto, type MotoServer } from '../../../backend/src/sandbox/moto';
import { requireTool } from '../../../scripts/harness/tools';
import { Account, asList, filesContaining, type PolicyStatement } from './awsChecks';

const ACCOUNT_ID = '123456789012';
const BOUNDARY_SERVICES = [
  'ecs',
  'lambda',
  'states',
  'elasticfilesystem',
  's3',
  'ec2',
  'logs',
  'iam',
  'kms',
  'secretsmanager',
  'dynamodb',
  'ssm',
  'autoscaling',
];
const PROCESSOR_ACTIONS = [
  'elasticfilesystem:ClientMount',
  'elasticfilesystem:ClientWrite',
  'logs:CreateLogStream',
  'logs:PutLogEvents',
  'lambda:InvokeFunction',
];
// Temporary credentials as STS would issue them; moto accepts any. None may reach a file or a log.
const CREDENTIALS = {
  accessKeyId: 'ASIAZZTESTKEY7Q2W3E4',
  secretAccessKey: 'Zm9vYmFyc2VjcmV0a2V5Zm9yL3Rlc3RzK29ubHk1',
  sessionToken: `IQoJb3JpZ2luX2VjE${'Tk9UQVJFQUxUT0tFTg'.repeat(12)}`,
  expiration: new Date(Date.now() + 3_600_000),
};

function vars(id: string, mode: ComputeNodeVars['deployment_mode'], llm: boolean): ComputeNodeVars {
  return {
    node_identifier: id,
    node_name: `test ${mode}`,
    compute_node_id: `${id}-0000-4000-8000-000000000000`,
    account_id: ACCOUNT_ID,
    deployment_mode: mode,
    enable_llm_access: llm,
    gpu_tier: 'none',
    max_gpu_instances: 0,
    environment: 'sandbox',
  };
}

describe('compute-node module on moto', function () {
  this.timeout(15 * 60_000);
  let moto: MotoServer;
  let root: string;
  let account: Account;
  const logs: string[] = [];

  const run = (
    action: 'apply' | 'destroy',
    node: ComputeNodeVars,
    signal?: AbortSignal,
    onLog?: (line: string) => void,
  ): Promise<TerraformResult> =>
    runTerraform({
      workDir: join(root, node.node_identifier),
      action,
      vars: node,
      credentials: CREDENTIALS,
      target: { region: 'us-east-1', endpoint: moto.endpoint },
      pluginDir: findProviderMirror(),
      pluginCacheDir: join(root, 'plugin-cache'),
      signal,
      onLog: (line) => {
        logs.push(line);
        onLog?.(line);
      },
    });

  const applyOk = async (node: ComputeNodeVars) => {
    const result = await run('apply', node);
    assert.equal(result.error, undefined);
    assert.equal(result.ok, true);
    return result.outputs as Record<string, unknown> & {
      role_names: string[];
      boundary_policy_arn: string;
      workflow_log_bucket: string;
    };
  };

  /** Every role exists, carries the node's boundary, and stays within the session limit and service trust. */
  const assertBoundedRoles = async (roleNames: string[], boundaryArn: string) => {
    for (const name of roleNames) {
      const role = await account.getRole(name);
      assert.equal(role.PermissionsBoundary?.PermissionsBoundaryArn, boundaryArn, `${name} boundary`);
      assert.ok((role.MaxSessionDuration ?? 0) <= 7200, `${name} session`);
      const trust = asList(
        (JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!)) as { Statement: PolicyStatement[] }).Statement,
      );
      for (const statement of trust) {
        const services = asList((statement.Principal as { Service: string | string[] }).Service);
        assert.ok(
          services.every((s) =>
            ['ecs-tasks.amazonaws.com', 'lambda.amazonaws.com', 'states.amazonaws.com'].includes(s),
          ),
          `${name} trust`,
        );
      }
    }
  };

  before(async () => {
    requireTool('terraform', 'install Terraform >= 1.5 (https://developer.hashicorp.com/terraform/install)');
    requireTool('moto_server', 'pip install "moto[server]"');
    root = mkdtempSync(join(tmpdir(), 'pennsieve-module-'));
    moto = await startMoto();
    account = new Account(moto.endpoint);
  });

  after(async () => {
    await moto?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  afterEach(() => {
    const leaked = logs.filter((line) =>
      [CREDENTIALS.accessKeyId, CREDENTIALS.secretAccessKey, CREDENTIALS.sessionToken].some((c) => line.includes(c)),
    );
    logs.length = 0;
    assert.deepEqual(leaked, [], 'credentials reached the log');
  });

  describe('basic mode', () => {
    const node = vars('ba51c001', 'basic', true);
    let outputs: Awaited<ReturnType<typeof applyOk>>;

    it('applies: bounded roles, the boundary, the workflow-log bucket', async () => {
      outputs = await applyOk(node);
      const prefix = `pennsieve-${node.node_identifier}`;
      assert.deepEqual([...outputs.role_names].sort(), [
        `${prefix}-ecs-execution`,
        `${prefix}-ecs-processor`,
        `${prefix}-lambda-processor`,
        `${prefix}-llm-governor`,
        `${prefix}-orchestrator`,
        `${prefix}-workflow-states`,
      ]);
      assert.equal(
        outputs.boundary_policy_arn,
        `arn:aws:iam::${ACCOUNT_ID}:policy/pennsieve-boundary-${node.node_identifier}`,
      );
      await assertBoundedRoles(outputs.role_names, outputs.boundary_policy_arn);

      const boundary = await account.managedPolicyStatements(outputs.boundary_policy_arn);
      assert.deepEqual(
        boundary.map((s) => s.Sid),
        ['NodeServices', 'PennsieveBucketsOnly', 'IamReadOnly', 'PassNodeRolesOnly'],
      );
      const allowed = boundary.filter((s) => s.Effect === 'Allow').flatMap((s) => asList(s.Action));
      assert.deepEqual([...new Set(allowed.map((a) => a.split(':')[0]))].sort(), [...BOUNDARY_SERVICES].sort());
      for (const action of allowed.filter((a) => a.startsWith('iam:'))) {
        assert.match(action, /^iam:(Get|List)[A-Za-z]+$|^iam:PassRole$/, `boundary allows ${action}`);
      }

      for (const role of [`${prefix}-ecs-processor`, `${prefix}-lambda-processor`]) {
        const statements = await account.inlineStatements(role);
        const actions = statements.flatMap((s) => asList(s.Action));
        assert.ok(
          actions.every((a) => PROCESSOR_ACTIONS.includes(a)),
          `${role}: ${actions.join(', ')}`,
        );
        const invoke = statements.find((s) => asList(s.Action).includes('lambda:InvokeFunction'));
        assert.deepEqual(asList(invoke!.Resource), [
          `arn:aws:lambda:us-east-1:${ACCOUNT_ID}:function:${prefix}-llm-governor`,
        ]);
      }

      assert.deepEqual(await account.bucketSettings(outputs.workflow_log_bucket), {
        versioning: 'Enabled',
        publicAccessBlock: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: true,
        },
        sse: 'AES256',
        kmsKey: undefined,
      });
      assert.match(String(outputs['state_machine_arn']), new RegExp(`:stateMachine:${prefix}-workflow$`));
      assert.match(String(outputs['efs_id']), /^fs-/);
    });

    it('keeps the credentials out of every file of the work directory', () => {
      const needles = [CREDENTIALS.accessKeyId, CREDENTIALS.secretAccessKey, CREDENTIALS.sessionToken];
      assert.deepEqual(filesContaining(join(root, node.node_identifier), needles), []);
    });

    it('re-applies without changes', async () => {
      const lines: string[] = [];
      const result = await run('apply', node, undefined, (line) => lines.push(line));
      assert.equal(result.ok, true, result.error);
      assert.ok(
        lines.some((l) => l.includes('Apply complete! Resources: 0 added, 0 changed, 0 destroyed.')),
        'a second apply changed something',
      );
    });

    it('destroys the roles but retains the workflow-log bucket and the boundary', async () => {
      const result = await run('destroy', node);
      assert.equal(result.ok, true, result.error);
      for (const name of outputs.role_names)
        assert.equal(await account.roleExists(name), false, `${name} still exists`);
      assert.equal(await account.bucketExists(outputs.workflow_log_bucket), true);
      assert.equal(await account.policyExists(outputs.boundary_policy_arn), true);
      const again = await run('destroy', node);
      assert.equal(again.ok, true, again.error);
    });
  });

  describe('crash recovery', () => {
    const node = vars('c4a5b001', 'basic', false);

    it('converges when an apply is interrupted and run again', async () => {
      const controller = new AbortController();
      let created = 0;
      const interrupted = await run('apply', node, controller.signal, (line) => {
        if (/Creation complete/.test(line) && ++created === 5) controller.abort();
      });
      assert.equal(interrupted.ok, false);
      assert.match(interrupted.error!, /cancelled/);
      assert.ok(created >= 5, 'the apply was interrupted before it created anything');

      const outputs = await applyOk(node);
      await assertBoundedRoles(outputs.role_names, outputs.boundary_policy_arn);
      const destroyed = await run('destroy', node);
      assert.equal(destroyed.ok, true, destroyed.error);
      for (const name of outputs.role_names)
        assert.equal(await account.roleExists(name), false, `${name} still exists`);
    });
  });

  describe('adopting what a killed run created but never recorded', () => {
    const node = vars('ad0b7001', 'basic', false);

    it('imports an EFS file system (by creation token), a security group (by name and VPC) and a role that exist before the first apply', async () => {
      const prefix = `pennsieve-${node.node_identifier}`;
      const efs = new EFSClient({ endpoint: moto.endpoint, region: 'us-east-1', credentials: CREDENTIALS });
      const ec2 = new EC2Client({ endpoint: moto.endpoint, region: 'us-east-1', credentials: CREDENTIALS });
      const vpc = (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] })))
        .Vpcs![0]!.VpcId!;
      const group = await ec2.send(
        new CreateSecurityGroupCommand({
          GroupName: `${prefix}-efs`,
          Description: 'NFS from the node workloads to the node file system',
          VpcId: vpc,
        }),
      );
      const made = await efs.send(
        new CreateFileSystemCommand({
          CreationToken: prefix,
          Encrypted: true,
          PerformanceMode: 'generalPurpose',
          ThroughputMode: 'bursting',
        }),
      );
      await account.iam.send(
        new CreateRoleCommand({
          RoleName: `${prefix}-orchestrator`,
          AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [] }),
        }),
      );
      const lines: string[] = [];
      const result = await run('apply', node, undefined, (line) => lines.push(line));
      assert.equal(result.error, undefined);
      assert.equal(result.outputs['efs_id'], made.FileSystemId, 'the existing file system was adopted, not duplicated');
      assert.ok(
        lines.some((l) =>
          l.includes(
            `adopting module.compute_node.aws_efs_file_system.node (created by an interrupted run): ${made.FileSystemId}`,
          ),
        ),
        lines.filter((l) => /adopt/.test(l)).join('\n'),
      );
      assert.ok(lines.some((l) => l.includes(`adopting module.compute_node.aws_iam_role.orchestrator`)));
      assert.ok(
        lines.some((l) =>
          l.includes(
            `adopting module.compute_node.aws_security_group.efs[0] (created by an interrupted run): ${group.GroupId}`,
          ),
        ),
      );
      const outputs = result.outputs as { role_names: string[]; boundary_policy_arn: string };
      await assertBoundedRoles(outputs.role_names, outputs.boundary_policy_arn);
      assert.equal((await efs.send(new DescribeFileSystemsCommand({ CreationToken: prefix }))).FileSystems?.length, 1);
      const destroyed = await run('destroy', node);
      assert.equal(destroyed.ok, true, destroyed.error);
    });
  });

  describe('secure mode', () => {
    const node = vars('5ec0e001', 'secure', false);

    it('builds a dedicated VPC with a NAT gateway and a flow log, then destroys it', async () => {
      const outputs = await applyOk(node);
      await assertBoundedRoles(outputs.role_names, outputs.boundary_policy_arn);
      const vpc = String(outputs['vpc_id']);
      assert.equal(await account.countEc2('DescribeNatGateways', 'natGatewayId', { 'vpc-id': vpc }), 1);
      assert.equal(
        await account.countEc2('DescribeInternetGateways', 'internetGatewayId', { 'attachment.vpc-id': vpc }),
        1,
      );
      assert.equal(await account.countEc2('DescribeFlowLogs', 'flowLogId', { 'resource-id': vpc }), 1);
      assert.equal((outputs['subnet_ids'] as string[]).length, 2);

      const result = await run('destroy', node);
      assert.equal(result.ok, true, result.error);
      assert.equal(await account.countEc2('DescribeVpcs', 'vpcId', { 'vpc-id': vpc }), 0);
      assert.equal(await account.bucketExists(outputs.workflow_log_bucket), true);
    });
  });

  describe('compliant mode', () => {
    const node = vars('c0391001', 'compliant', true);

    it('builds a VPC without an internet path, with endpoints, flow log and KMS, then destroys it', async () => {
      const outputs = await applyOk(node);
      await assertBoundedRoles(outputs.role_names, outputs.boundary_policy_arn);
      const vpc = String(outputs['vpc_id']);
      assert.equal(
        await account.countEc2('DescribeInternetGateways', 'internetGatewayId', { 'attachment.vpc-id': vpc }),
        0,
      );
      assert.equal(await account.countEc2('DescribeNatGateways', 'natGatewayId', { 'vpc-id': vpc }), 0);
      assert.equal(await account.countEc2('DescribeVpcEndpoints', 'vpcEndpointId', { 'vpc-id': vpc }), 10);
      assert.equal(await account.countEc2('DescribeFlowLogs', 'flowLogId', { 'resource-id': vpc }), 1);
      const kmsKey = String(outputs['kms_key_arn']);
      assert.match(kmsKey, /^arn:aws:kms:us-east-1:\d{12}:key\//);
      const settings = await account.bucketSettings(outputs.workflow_log_bucket);
      assert.equal(settings.sse, 'aws:kms');
      assert.equal(settings.kmsKey, kmsKey);

      const result = await run('destroy', node);
      assert.equal(result.ok, true, result.error);
      assert.equal(await account.countEc2('DescribeVpcs', 'vpcId', { 'vpc-id': vpc }), 0);
    });
  });
});
