// "New since HEAD" only inside a git work tree: a folder the repository ignores (scratch space
// such as the demo's .sandbox/workspace) gets no marks, though git finds the repository above it.

import { strict as assert } from 'node:assert';
import { createHarness, type Harness } from './helpers/harness';
import { TempWorkspace } from './helpers/workspace';

const POLICY = JSON.stringify(
  { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] },
  null,
  2,
);

describe('new since HEAD in an ignored folder (analysis/git)', () => {
  let ws: TempWorkspace;
  let h: Harness;

  beforeEach(() => {
    ws = new TempWorkspace({
      '.gitignore': 'scratch/\n',
      'scratch/policy.json': POLICY,
      'tracked/policy.json': POLICY,
    });
    ws.git('init', '-q');
    ws.git('add', '.gitignore');
    ws.git('commit', '-q', '-m', 'base');
    h = createHarness();
  });

  afterEach(() => {
    h.checker.dispose();
    ws.dispose();
  });

  async function findingsOf(rel: string) {
    const uri = ws.uri(rel);
    const done = h.sink.nextReport((r) => r.unit === h.store.unitOf(uri));
    h.buffers.open(uri, POLICY);
    h.checker.changed(uri);
    // The harness waits for the HEAD baseline before publishing, so the first report has the marks.
    await done;
    return h.sink.latest(uri)!.findings;
  }

  it('marks nothing in an ignored folder', async () => {
    const findings = await findingsOf('scratch/policy.json');
    assert.ok(findings.length > 0, 'the policy has findings');
    assert.ok(findings.every((f) => !f.isNew));
  });

  it('still marks an untracked file that is not ignored', async () => {
    const findings = await findingsOf('tracked/policy.json');
    assert.ok(findings.length > 0 && findings.every((f) => f.isNew));
  });
});
