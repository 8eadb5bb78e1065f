// The permission diff in the editor: the lens above a role the working copy changes against
// HEAD (a real git repository), its tooltip and the hover with the full delta; no lens for an
// unchanged role; HEAD is read and checked once per session, not per check.

import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { UnitAnalysis } from '../../../../server/src/analysis/analyzer';
import { HeadDiff } from '../../../../server/src/analysis/headDiff';
import { loadProfile } from '../../../../server/src/engine/loadProfile';
import { createDiffHoverHandler, createDiffLensHandler } from '../../../../server/src/handlers/diffLens';
import type { Profile } from '../../../../server/src/core/profile';
import type { SourceFile } from '../../../../server/src/model/source';
import { engine } from './helpers/harness';

const profile = loadProfile('pennsieve', __dirname);

const ROLE = (actions: string) => `resource "aws_iam_role" "worker" {
  name = "pennsieve-worker"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "worker" {
  role = aws_iam_role.worker.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ${actions}, Resource = "arn:aws:s3:::pennsieve-*" }]
  })
}
`;

describe('permission diff lens and hover', function () {
  this.timeout(30_000);
  let dir: string;
  let uri: string;
  let checks = 0;
  const headDiff = () =>
    new HeadDiff((files: readonly SourceFile[], p: Profile) => (checks++, engine.check(files, p)), engine.catalog, {
      error: (m: string) => assert.fail(m),
    } as never);
  const analysis = (text: string): UnitAnalysis => {
    const files = [{ id: uri, path: join(dir, 'main.tf'), text }];
    const result = engine.check(files, profile);
    return {
      key: `tf:${dir}`,
      files,
      signature: text,
      profile,
      result,
      checkMs: 0,
      text: () => text,
      findingsIn: () => [],
    };
  };

  before(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'pg-difflens-')));
    uri = pathToFileURL(join(dir, 'main.tf')).href;
    writeFileSync(join(dir, 'main.tf'), ROLE('["s3:GetObject"]'));
    for (const args of [
      ['init', '-q'],
      ['-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', '-A'],
      ['-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'base'],
    ])
      execFileSync('git', args, { cwd: dir });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a lens above the changed role: what it gains and loses, the full delta in the tooltip and hover', async () => {
    const hd = headDiff();
    const a = analysis(ROLE('["s3:GetObject", "s3:PutObject"]'));
    const deps = { analysisOf: async () => a, headDiff: hd, log: (m: string) => assert.fail(m) };
    const lenses = await createDiffLensHandler(deps)({ textDocument: { uri } });
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].range.start.line, 0);
    assert.equal(lenses[0].command!.title, 'Since HEAD: + s3:PutObject on pennsieve-*; − nothing');
    assert.match(
      (lenses[0].command as { tooltip?: string }).tooltip ?? '',
      /\+ s3:PutObject on arn:aws:s3:::pennsieve-\* {2}main\.tf:13\n {6}e\.g\. s3:PutObject on arn:aws:s3:::pennsieve-/,
    );
    const hover = await createDiffHoverHandler(deps)({ textDocument: { uri }, position: { line: 0, character: 3 } });
    assert.match(
      (hover?.contents as { value: string }).value,
      /^\*\*Permission changes since HEAD\*\*\n\n#### Role `aws_iam_role\.worker` — changed/,
    );
    assert.equal(
      await createDiffHoverHandler(deps)({ textDocument: { uri }, position: { line: 5, character: 3 } }),
      null,
    );
  });

  it('with "only widening changes": the narrowing part is left out, and a pure narrowing has no lens', async () => {
    const hd = headDiff();
    const lensFor = async (actions: string, wideningOnly: boolean) => {
      const a = analysis(ROLE(actions));
      const deps = {
        analysisOf: async () => a,
        headDiff: hd,
        log: (m: string) => assert.fail(m),
        wideningOnly: async () => wideningOnly,
      };
      return (await createDiffLensHandler(deps)({ textDocument: { uri } })).map((l) => l.command!.title);
    };
    assert.deepEqual(await lensFor('["s3:PutObject"]', false), [
      'Since HEAD: + s3:PutObject on pennsieve-*; − s3:GetObject on pennsieve-*',
    ]);
    assert.deepEqual(await lensFor('["s3:PutObject"]', true), ['Since HEAD: + s3:PutObject on pennsieve-*']);
    assert.deepEqual(await lensFor('["s3:ListBucket"]', true), ['Since HEAD: + s3:ListBucket on pennsieve-*']);
    assert.deepEqual(await lensFor('[]', false), ['Since HEAD: + nothing; − s3:GetObject on pennsieve-*']);
    assert.deepEqual(await lensFor('[]', true), []);
  });

  it('no lens when the role means the same; HEAD is checked once for many analyses', async () => {
    const hd = headDiff();
    checks = 0;
    for (const actions of ['["s3:GetObject"]', '[ "s3:GetObject" ]', '["s3:GetObject", "s3:GetObject"]']) {
      const a = analysis(ROLE(actions));
      const lenses = await createDiffLensHandler({
        analysisOf: async () => a,
        headDiff: hd,
        log: (m: string) => assert.fail(m),
      })({ textDocument: { uri } });
      assert.deepEqual(lenses, []);
    }
    assert.equal(checks, 1);
  });
});
