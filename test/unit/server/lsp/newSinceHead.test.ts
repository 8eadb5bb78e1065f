// Findings new relative to git HEAD: marked in data and message, filtered by newFindingsOnly,
// everything new in untracked files, nothing marked outside a repository.

import { strict as assert } from 'node:assert';
import { NEW_FINDING_SUFFIX } from '../../../../shared/protocol';
import { toDiagnostics } from '../../../../server/src/handlers/diagnostics';
import { createHarness, type Harness } from './helpers/harness';
import { TempWorkspace } from './helpers/workspace';

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Worker:
    Type: AWS::IAM::Role
    Properties:
      RoleName: node1-worker
      MaxSessionDuration: 43200
      PermissionsBoundary: arn:aws:iam::123456789012:policy/pennsieve-boundary-node1
      Tags:
        - Key: pennsieve:compute-node
          Value: node1
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: ecs-tasks.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: logs
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: ['logs:PutLogEvents']
                Resource: '*'
`;
const EDITED = TEMPLATE.replace("['logs:PutLogEvents']", "['logs:PutLogEvents', 'logs:PutLogEvnts']");

describe('new since HEAD (analysis/headBaseline)', () => {
  let ws: TempWorkspace;
  let h: Harness;

  beforeEach(() => {
    ws = new TempWorkspace({ 'cfn/template.yaml': TEMPLATE });
    ws.git('init', '-q');
    ws.git('add', '.');
    ws.git('commit', '-q', '-m', 'base');
    h = createHarness();
  });

  afterEach(() => {
    h.checker.dispose();
    ws.dispose();
  });

  async function show(rel: string, text: string): Promise<void> {
    const uri = ws.uri(rel);
    const done = h.sink.nextReport((r) => r.unit === h.store.unitOf(uri));
    if (h.buffers.get(uri)) h.buffers.edit(uri, text);
    else h.buffers.open(uri, text);
    h.checker.changed(uri);
    await done;
  }

  it('marks only the finding the edit introduced', async () => {
    await show('cfn/template.yaml', EDITED);
    const p = h.sink.latest(ws.uri('cfn/template.yaml'))!;
    const marked = p.findings.map((f) => `${f.finding.ruleId}:${f.isNew}`).sort();
    assert.deepEqual(marked, ['PG104:false', 'PG802:true']);
    const diags = toDiagnostics(p);
    assert.ok(
      diags
        .find((d) => d.code === 'PG802')!
        .message.toString()
        .endsWith(NEW_FINDING_SUFFIX),
    );
    assert.ok(
      !diags
        .find((d) => d.code === 'PG104')!
        .message.toString()
        .endsWith(NEW_FINDING_SUFFIX),
    );
    assert.equal(h.sink.reports.at(-1)!.counts.new, 1);
  });

  it('publishes first and marks new findings when a slow baseline arrives', async () => {
    h.checker.dispose();
    h = createHarness({}, 0);
    const uri = ws.uri('cfn/template.yaml');
    const unit = h.store.unitOf(uri);
    const marked = h.sink.nextReport((r) => r.unit === unit && r.counts.new === 1);
    const first = h.sink.nextReport((r) => r.unit === unit);
    h.buffers.open(uri, EDITED);
    h.checker.changed(uri);
    assert.equal((await first).counts.new, 0, 'published before the baseline');
    await marked;
    const p = h.sink.latest(uri)!;
    assert.deepEqual(
      p.findings.filter((f) => f.isNew).map((f) => f.finding.ruleId),
      ['PG802'],
    );
  });

  it('publishes only new findings with newFindingsOnly', async () => {
    h.settings = { profile: '', newFindingsOnly: true };
    await show('cfn/template.yaml', EDITED);
    assert.deepEqual(
      h.sink.latest(ws.uri('cfn/template.yaml'))!.findings.map((f) => f.finding.ruleId),
      ['PG802'],
    );
  });

  it('follows HEAD: once committed, the finding is no longer new', async () => {
    await show('cfn/template.yaml', EDITED);
    ws.write('cfn/template.yaml', EDITED);
    ws.git('commit', '-q', '-am', 'typo');
    await show('cfn/template.yaml', EDITED + '\n');
    assert.ok(h.sink.latest(ws.uri('cfn/template.yaml'))!.findings.every((f) => !f.isNew));
  });

  it('marks every finding of an untracked file as new', async () => {
    ws.write('cfn/untracked.yaml', EDITED);
    await show('cfn/untracked.yaml', EDITED);
    const p = h.sink.latest(ws.uri('cfn/untracked.yaml'))!;
    assert.ok(p.findings.length >= 2);
    assert.ok(p.findings.every((f) => f.isNew));
  });

  it('marks everything new on a branch without commits', async () => {
    const fresh = new TempWorkspace({ 't.yaml': EDITED });
    try {
      fresh.git('init', '-q');
      const uri = fresh.uri('t.yaml');
      const done = h.sink.nextReport((r) => r.unit === h.store.unitOf(uri));
      h.buffers.open(uri, EDITED);
      h.checker.changed(uri);
      await done;
      assert.ok(h.sink.latest(uri)!.findings.every((f) => f.isNew));
    } finally {
      fresh.dispose();
    }
  });

  it('marks nothing outside a git repository', async () => {
    const plain = new TempWorkspace({ 't.yaml': EDITED });
    try {
      const uri = plain.uri('t.yaml');
      const done = h.sink.nextReport((r) => r.unit === h.store.unitOf(uri));
      h.buffers.open(uri, EDITED);
      h.checker.changed(uri);
      await done;
      const p = h.sink.latest(uri)!;
      assert.ok(p.findings.length >= 2);
      assert.ok(p.findings.every((f) => !f.isNew));
    } finally {
      plain.dispose();
    }
  });
});
