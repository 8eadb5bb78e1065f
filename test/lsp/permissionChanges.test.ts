// pennsieve/permissionChanges over LSP against the real server in a real git repository: nothing
// listed when the tree is clean; an unsaved edit that widens and narrows a role is listed with
// its lens summary, per-service changes and example requests; "only widening changes" drops the
// narrowing part; a file deleted since HEAD that held a Deny shows what its removal lets in; a
// new untracked file's role is listed as added; a folder outside git says so.

import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { realpathSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { DidChangeConfigurationNotification } from 'vscode-languageserver-protocol/node';
import { PermissionChangesRequest, type PermissionChangesResult } from '../../shared/diffProtocol';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { TempWorkspace } from '../unit/server/lsp/helpers/workspace';
import { LspClient } from '../../scripts/harness/lspClient';

const ROLE = (name: string, actions: string) => `resource "aws_iam_role" "${name}" {
  name = "pennsieve-${name}"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "${name}" {
  role = aws_iam_role.${name}.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ${actions}, Resource = "arn:aws:s3:::pennsieve-*" }]
  })
}
`;

const DENY = `resource "aws_iam_role_policy" "no_delete" {
  role = aws_iam_role.worker.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = "s3:DeleteObject", Resource = "*" }]
  })
}
`;

function git(dir: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], {
    cwd: dir,
    stdio: 'ignore',
  });
}

describe('pennsieve/permissionChanges over LSP', function () {
  this.timeout(60_000);
  let ws: TempWorkspace;
  let client: LspClient;
  let main: string;
  const ask = (): Promise<PermissionChangesResult> => client.connection.sendRequest(PermissionChangesRequest.type, {});
  const summaries = (r: PermissionChangesResult) => r.subjects.map((s) => `${s.file} ${s.subject}: ${s.summary}`);

  before(async () => {
    ws = new TempWorkspace({
      'mod/main.tf': ROLE('worker', '["s3:GetObject", "s3:PutObject"]'),
      'mod/deny.tf': DENY,
    });
    git(ws.dir, 'init', '-q');
    git(ws.dir, 'add', '-A');
    git(ws.dir, 'commit', '-qm', 'base');
    main = ws.uri('mod/main.tf');
    client = LspClient.start();
    await client.initialize(ws.uri(''));
  });

  after(async () => {
    assert.equal(await client.stop(), 0);
    ws.dispose();
  });

  it('lists nothing when the working tree is as committed', async () => {
    assert.deepEqual(await ask(), {
      baseline: 'HEAD',
      wideningOnly: false,
      subjects: [],
      notCompared: [],
      repositories: 1,
    });
  });

  it('lists an unsaved edit: its summary, each change with an example request, the role location', async () => {
    await client.open(main, 'terraform', ROLE('worker', '["s3:GetObject", "s3:PutObject"]'));
    await client.change(main, [{ text: ROLE('worker', '["s3:GetObject", "s3:ListBucket"]') }]);
    const r = await ask();
    assert.deepEqual(summaries(r), [
      'mod/main.tf aws_iam_role.worker: Since HEAD: + s3:ListBucket on pennsieve-*; − s3:PutObject on pennsieve-*',
    ]);
    const [s] = r.subjects;
    assert.deepEqual(s.location, {
      uri: main,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 32 } },
    });
    assert.deepEqual(
      s.changes.map((c) => [c.direction, c.kind, c.status, c.widening, c.group, c.label, c.example, c.where]),
      [
        [
          'added',
          'permission',
          'yes',
          true,
          's3',
          's3:ListBucket on arn:aws:s3:::pennsieve-*',
          's3:ListBucket on arn:aws:s3:::pennsieve-',
          'mod/main.tf:13',
        ],
        [
          'removed',
          'permission',
          'yes',
          false,
          's3',
          's3:PutObject on arn:aws:s3:::pennsieve-*',
          's3:PutObject on arn:aws:s3:::pennsieve-',
          'mod/main.tf:13 (HEAD)',
        ],
      ],
    );
    assert.equal(s.changes[0].location?.uri, main);
    assert.equal(s.changes[1].location, undefined, 'the cause of a narrowing is only in HEAD');
  });

  it('with wideningChangesOnly lists only what widens, and the lens summary drops the "−" part', async () => {
    client.settings = { ...DEFAULT_SETTINGS, guard: { ...DEFAULT_SETTINGS.guard, wideningChangesOnly: true } };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const r = await ask();
    assert.equal(r.wideningOnly, true);
    assert.deepEqual(summaries(r), ['mod/main.tf aws_iam_role.worker: Since HEAD: + s3:ListBucket on pennsieve-*']);
    assert.deepEqual(
      r.subjects[0].changes.map((c) => c.label),
      ['s3:ListBucket on arn:aws:s3:::pennsieve-*'],
    );
    // A pure narrowing leaves nothing to show.
    await client.change(main, [{ text: ROLE('worker', '["s3:GetObject"]') }]);
    assert.deepEqual((await ask()).subjects, []);
    client.settings = DEFAULT_SETTINGS;
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    assert.deepEqual(summaries(await ask()), [
      'mod/main.tf aws_iam_role.worker: Since HEAD: + nothing; − s3:PutObject on pennsieve-*',
    ]);
    await client.change(main, [{ text: ROLE('worker', '["s3:GetObject", "s3:PutObject"]') }]);
    assert.deepEqual((await ask()).subjects, []);
  });

  it('a deleted file that held a Deny: what its removal lets in; a new untracked file: its role, added', async () => {
    await client.change(main, [{ text: ROLE('worker', '["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]') }]);
    assert.deepEqual((await ask()).subjects, [], 'the Deny in deny.tf still applies');
    unlinkSync(ws.path('mod/deny.tf'));
    writeFileSync(ws.path('mod/extra.tf'), ROLE('reader', '["s3:GetObject"]'));
    const r = await ask();
    assert.deepEqual(summaries(r), [
      'mod/extra.tf aws_iam_role.reader: New since HEAD: + s3:GetObject on pennsieve-*, ecs-tasks.amazonaws.com may assume; − nothing · ⚠ PG201 absent → counterexample',
      'mod/main.tf aws_iam_role.worker: Since HEAD: + s3:DeleteObject on pennsieve-*; − nothing',
    ]);
    git(ws.dir, 'checkout', '--', 'mod/deny.tf');
    rmSync(ws.path('mod/extra.tf'));
  });

  it('says when no workspace folder is in git', async () => {
    const outside = new TempWorkspace({ 'a.tf': ROLE('x', '["s3:GetObject"]') });
    const other = LspClient.start();
    try {
      await other.initialize(`file://${realpathSync(outside.dir)}`);
      const r = await other.connection.sendRequest(PermissionChangesRequest.type, {});
      assert.equal(r.repositories, 0);
      assert.deepEqual(r.subjects, []);
    } finally {
      assert.equal(await other.stop(), 0);
      outside.dispose();
    }
  });
});
