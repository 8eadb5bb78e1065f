// The live-checking policy: module-aware re-checks, open buffers over disk, files that are not
// ours, close and disk changes. Real files in a temporary folder, buffers as TextDocuments.

import { strict as assert } from 'node:assert';
import { TF_BOUNDARY_POLICY, TF_BOUNDED_ROLE } from './helpers/fixtures';
import { createHarness, type Harness } from './helpers/harness';
import { TempWorkspace } from './helpers/workspace';

const ROLE = TF_BOUNDED_ROLE;
const BOUNDARY = TF_BOUNDARY_POLICY;

function rules(h: Harness, uri: string): string[] {
  return (h.sink.latest(uri)?.findings ?? []).map((f) => f.finding.ruleId).sort();
}

describe('workspace checker (analysis/checker)', () => {
  let ws: TempWorkspace;
  let h: Harness;

  beforeEach(() => {
    ws = new TempWorkspace({
      'mod/main.tf': ROLE,
      'mod/boundary.tf': BOUNDARY,
      'other/package.json': '{ "name": "x" }\n',
    });
    h = createHarness();
  });

  afterEach(() => {
    h.checker.dispose();
    ws.dispose();
  });

  async function open(rel: string, text: string): Promise<void> {
    const unit = h.store.unitOf(ws.uri(rel))!;
    const done = h.sink.nextReport((r) => r.unit === unit);
    h.buffers.open(ws.uri(rel), text);
    h.checker.changed(ws.uri(rel));
    await done;
  }

  async function edit(rel: string, text: string): Promise<void> {
    const unit = h.store.unitOf(ws.uri(rel))!;
    const done = h.sink.nextReport((r) => r.unit === unit);
    h.buffers.edit(ws.uri(rel), text);
    h.checker.changed(ws.uri(rel));
    await done;
  }

  it('editing boundary.tf re-checks the roles in main.tf (read from disk)', async () => {
    await open('mod/boundary.tf', BOUNDARY);
    assert.deepEqual(
      rules(h, ws.uri('mod/main.tf')).filter((r) => r === 'PG201'),
      [],
      'bounded role is fine',
    );
    await edit('mod/boundary.tf', BOUNDARY.replace('pennsieve-boundary-node1', 'some-other-policy'));
    const main = h.sink.latest(ws.uri('mod/main.tf'))!;
    assert.ok(
      main.findings.some((f) => f.finding.ruleId === 'PG201' && f.finding.loc.file === ws.uri('mod/main.tf')),
      'PG201 lands in main.tf',
    );
    assert.equal(main.version, undefined, 'main.tf is not open: published from disk');
    await edit('mod/boundary.tf', BOUNDARY);
    assert.ok(!rules(h, ws.uri('mod/main.tf')).includes('PG201'), 'fixed again');
  });

  it('open, unsaved buffers win over the disk', async () => {
    ws.write('mod/main.tf', ROLE.replace('3600', '43200'));
    await open('mod/main.tf', ROLE);
    assert.ok(!rules(h, ws.uri('mod/main.tf')).includes('PG104'), 'the buffer says 3600');
    await edit('mod/main.tf', ROLE.replace('3600', '86400'));
    const pg104 = h.sink.latest(ws.uri('mod/main.tf'))!.findings.find((f) => f.finding.ruleId === 'PG104');
    assert.ok(pg104?.finding.message.endsWith('86400'), 'the buffer text is checked, not the disk');
  });

  it('a new, unsaved module file is part of its module', async () => {
    await open('mod/extra.tf', 'resource "aws_iam_user" "u" {\n  name = "x"\n}\n');
    assert.ok(rules(h, ws.uri('mod/extra.tf')).includes('PG401'));
    assert.ok(h.sink.latest(ws.uri('mod/main.tf')), 'siblings published too');
  });

  it('publishes empty diagnostics for JSON that is not a policy or template', async () => {
    await open('other/package.json', '{ "name": "x" }\n');
    const p = h.sink.latest(ws.uri('other/package.json'));
    assert.ok(p, 'published');
    assert.deepEqual(p.findings, []);
  });

  it('closing one file clears it and re-checks the siblings with the file as on disk', async () => {
    await open('mod/main.tf', ROLE);
    await open('mod/boundary.tf', BOUNDARY.replace('pennsieve-boundary-node1', 'other'));
    assert.ok(rules(h, ws.uri('mod/main.tf')).includes('PG201'));
    const recheck = h.sink.nextReport((r) => r.unit === h.store.unitOf(ws.uri('mod/main.tf')));
    h.buffers.close(ws.uri('mod/boundary.tf'));
    h.checker.closed(ws.uri('mod/boundary.tf'));
    await recheck;
    assert.deepEqual(rules(h, ws.uri('mod/boundary.tf')), [], 'closed file cleared');
    assert.ok(!rules(h, ws.uri('mod/main.tf')).includes('PG201'), 'main.tf re-checked against boundary.tf on disk');
  });

  it('closing the last open file of a unit clears every file of it', async () => {
    await open('mod/main.tf', ROLE.replace('3600', '43200'));
    assert.ok(rules(h, ws.uri('mod/main.tf')).includes('PG104'));
    h.buffers.close(ws.uri('mod/main.tf'));
    h.checker.closed(ws.uri('mod/main.tf'));
    assert.deepEqual(rules(h, ws.uri('mod/main.tf')), []);
    assert.deepEqual(rules(h, ws.uri('mod/boundary.tf')), []);
  });

  it('a closed sibling changed on disk is re-read (watched files)', async () => {
    await open('mod/boundary.tf', BOUNDARY);
    assert.ok(!rules(h, ws.uri('mod/main.tf')).includes('PG104'));
    ws.write('mod/main.tf', ROLE.replace('3600', '43200'));
    const done = h.sink.nextReport();
    h.checker.fileChanged(ws.path('mod/main.tf'), 'changed');
    await done;
    assert.ok(rules(h, ws.uri('mod/main.tf')).includes('PG104'));
  });

  it('a deleted module file loses its diagnostics', async () => {
    ws.write('mod/user.tf', 'resource "aws_iam_user" "u" {\n  name = "x"\n}\n');
    await open('mod/boundary.tf', BOUNDARY);
    assert.ok(rules(h, ws.uri('mod/user.tf')).includes('PG401'));
    ws.remove('mod/user.tf');
    const done = h.sink.nextReport();
    h.checker.fileChanged(ws.path('mod/user.tf'), 'deleted');
    await done;
    assert.deepEqual(rules(h, ws.uri('mod/user.tf')), []);
  });

  it('coalesces a burst of edits and reports each check once', async () => {
    await open('mod/main.tf', ROLE);
    const before = h.sink.reports.length;
    const done = h.sink.nextReport((r) => r.unit === h.store.unitOf(ws.uri('mod/main.tf')));
    for (let i = 0; i < 20; i++) {
      h.buffers.edit(ws.uri('mod/main.tf'), ROLE.replace('3600', String(3600 + i)));
      h.checker.changed(ws.uri('mod/main.tf'));
    }
    await done;
    const last = h.sink.latest(ws.uri('mod/main.tf'))!;
    assert.equal(last.version, 21, 'the last version is what got checked');
    assert.equal(h.sink.reports.length - before, 1, 'one check for the burst');
  });

  it('publishes nothing marked new outside git when only new findings are wanted', async () => {
    h.settings = { profile: '', newFindingsOnly: true };
    await open('mod/main.tf', ROLE.replace('3600', '43200'));
    assert.deepEqual(rules(h, ws.uri('mod/main.tf')), []);
  });
});
