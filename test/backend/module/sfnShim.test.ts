// The Step Functions shim: ASL validation cases, and the proxy in front of a real moto.

import assert from 'node:assert/strict';
import { startMoto, type MotoServer } from '../../../backend/src/sandbox/moto';
import { startSandboxAws, validateAslDefinition, type SandboxAws } from '../../../backend/src/sandbox/sfnShim';
import { requireTool } from '../../../scripts/harness/tools';

const def = (value: unknown) => JSON.stringify(value);
const codes = (definition: unknown) =>
  validateAslDefinition(typeof definition === 'string' ? definition : def(definition)).diagnostics.map((d) => d.code);

describe('ASL validation', () => {
  it('accepts a valid definition with Choice, Parallel, Map and Catch', () => {
    const result = validateAslDefinition(
      def({
        StartAt: 'Decide',
        States: {
          Decide: { Type: 'Choice', Choices: [{ Variable: '$.x', NumericEquals: 1, Next: 'Fan' }], Default: 'Each' },
          Fan: {
            Type: 'Parallel',
            Branches: [{ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }],
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
            Next: 'Done',
          },
          Each: {
            Type: 'Map',
            ItemProcessor: {
              StartAt: 'T',
              States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } },
            },
            Next: 'Done',
          },
          Done: { Type: 'Succeed' },
          Failed: { Type: 'Fail', Error: 'E' },
        },
      }),
    );
    assert.deepEqual(result, { result: 'OK', diagnostics: [], truncated: false });
  });

  it('reports each structural error with its AWS code', () => {
    assert.deepEqual(codes(''), ['MISSING_DESCRIPTION']);
    assert.deepEqual(codes('{"StartAt": '), ['INVALID_JSON_DESCRIPTION']);
    assert.deepEqual(codes({ States: { A: { Type: 'Succeed' } } }), ['SCHEMA_VALIDATION_FAILED']);
    assert.deepEqual(codes({ StartAt: 'Missing', States: { A: { Type: 'Succeed' } } }), [
      'MISSING_TRANSITION_TARGET',
      'MISSING_TRANSITION_TARGET',
    ]);
    assert.deepEqual(
      codes({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } } }),
      ['MISSING_END_STATE'],
    );
    assert.deepEqual(codes({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Gone' }, B: { Type: 'Succeed' } } }), [
      'MISSING_TRANSITION_TARGET',
      'MISSING_TRANSITION_TARGET',
    ]);
    assert.deepEqual(codes({ StartAt: 'A', States: { A: { Type: 'Dance', End: true } } }), [
      'SCHEMA_VALIDATION_FAILED',
      'MISSING_END_STATE',
    ]);
    assert.deepEqual(codes({ StartAt: 'A', States: { A: { Type: 'Task', End: true } } }), ['SCHEMA_VALIDATION_FAILED']);
    assert.deepEqual(
      codes({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B', End: true }, B: { Type: 'Succeed' } } }),
      ['SCHEMA_VALIDATION_FAILED'],
    );
    assert.deepEqual(codes({ StartAt: 'A', States: { A: { Type: 'Succeed', Next: 'A' } } }), [
      'SCHEMA_VALIDATION_FAILED',
    ]);
  });

  it('checks nested scopes and catch targets', () => {
    const bad = validateAslDefinition(
      def({
        StartAt: 'Fan',
        States: {
          Fan: {
            Type: 'Parallel',
            Branches: [{ StartAt: 'X', States: { Y: { Type: 'Succeed' } } }],
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Nowhere' }],
            End: true,
          },
        },
      }),
    );
    assert.equal(bad.result, 'FAIL');
    assert.deepEqual(
      bad.diagnostics.map((d) => [d.code, d.location]),
      [
        ['MISSING_TRANSITION_TARGET', '/States/Fan/Branches/0/StartAt'],
        ['MISSING_TRANSITION_TARGET', '/States/Fan/Branches/0/States/Y'],
        ['MISSING_TRANSITION_TARGET', '/States/Fan'],
      ],
    );
  });

  it('honours maxResults and says when it truncated', () => {
    const states: Record<string, unknown> = { A: { Type: 'Succeed' } };
    for (let i = 0; i < 5; i++) states[`U${i}`] = { Type: 'Succeed' };
    const result = validateAslDefinition(def({ StartAt: 'A', States: states }), 2);
    assert.equal(result.diagnostics.length, 2);
    assert.equal(result.truncated, true);
  });
});

describe('Step Functions shim over moto', function () {
  this.timeout(60_000);
  let moto: MotoServer;
  let shim: SandboxAws;
  const auth =
    'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250101/us-east-1/states/aws4_request, SignedHeaders=host, Signature=0';

  const call = async (operation: string, body: object) => {
    const res = await fetch(shim.sfnEndpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.0',
        'X-Amz-Target': `AWSStepFunctions.${operation}`,
        Authorization: auth,
      },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const role = 'arn:aws:iam::123456789012:role/sfn';
  const good = def({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });

  before(async () => {
    requireTool('moto_server', 'pip install "moto[server]"');
    moto = await startMoto();
    shim = await startSandboxAws(moto.endpoint);
  });
  after(async () => {
    await shim?.stop();
    await moto?.stop();
  });

  it('answers ValidateStateMachineDefinition itself', async () => {
    assert.deepEqual(await call('ValidateStateMachineDefinition', { definition: good }), {
      status: 200,
      body: { result: 'OK', diagnostics: [], truncated: false },
    });
    const bad = await call('ValidateStateMachineDefinition', {
      definition: def({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' } } }),
    });
    assert.equal(bad.status, 200);
    assert.equal(bad.body['result'], 'FAIL');
    assert.deepEqual(bad.body['diagnostics'], [
      {
        severity: 'ERROR',
        code: 'MISSING_TRANSITION_TARGET',
        message: "Missing 'Next' target: B",
        location: '/States/A',
      },
      { severity: 'ERROR', code: 'MISSING_END_STATE', message: 'Workflow has no terminal state' },
    ]);
  });

  it('rejects an invalid definition on create as AWS does, and forwards a valid one to moto', async () => {
    const rejected = await call('CreateStateMachine', {
      name: 'bad',
      roleArn: role,
      definition: def({ StartAt: 'Nope', States: { A: { Type: 'Succeed' } } }),
    });
    assert.equal(rejected.status, 400);
    assert.equal(rejected.body['__type'], 'InvalidDefinition');
    assert.match(String(rejected.body['message']), /^Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET/);

    const created = await call('CreateStateMachine', { name: 'good', roleArn: role, definition: good });
    assert.equal(created.status, 200);
    assert.match(String(created.body['stateMachineArn']), /:stateMachine:good$/);
    const listed = await call('ListStateMachines', {});
    assert.deepEqual(
      (listed.body['stateMachines'] as { name: string }[]).map((m) => m.name),
      ['good'],
    );
  });

  it('lists state machine versions from moto, which has no ListStateMachineVersions', async () => {
    const plain = await call('CreateStateMachine', { name: 'plain', roleArn: role, definition: good });
    const arn = String(plain.body['stateMachineArn']);
    assert.deepEqual(await call('ListStateMachineVersions', { stateMachineArn: arn }), {
      status: 200,
      body: { stateMachineVersions: [] },
    });

    const published = await call('CreateStateMachine', {
      name: 'published',
      roleArn: role,
      definition: good,
      publish: true,
    });
    const publishedArn = String(published.body['stateMachineArn']);
    await call('UpdateStateMachine', { stateMachineArn: publishedArn, definition: good, publish: true });
    const versions = await call('ListStateMachineVersions', { stateMachineArn: publishedArn });
    assert.deepEqual(
      (versions.body['stateMachineVersions'] as { stateMachineVersionArn: string }[]).map(
        (v) => v.stateMachineVersionArn,
      ),
      [`${publishedArn}:2`, `${publishedArn}:1`],
    );
    const missing = await call('ListStateMachineVersions', { stateMachineArn: `${arn}-gone` });
    assert.equal(missing.status, 400);
  });

  it('forwards other services byte for byte', async () => {
    const body = 'Action=ListRoles&Version=2010-05-08';
    const viaShim = await fetch(shim.sfnEndpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: auth.replace('/states/', '/iam/'),
      },
      body,
    });
    assert.equal(viaShim.status, 200);
    assert.match(await viaShim.text(), /<ListRolesResponse/);
  });
});
