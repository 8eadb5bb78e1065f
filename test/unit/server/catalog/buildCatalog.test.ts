// scripts/build-catalog.mjs: the trimmed copy answers like the package, and a CommonJS esbuild
// bundle of the catalog runs from it with no node_modules around.

import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { ActionInfo } from '../../../../server/src/catalog/catalogTypes';
import { Catalog } from '../../../../server/src/catalog/catalog';

const repo = path.resolve(__dirname, '../../../..');
const script = path.join(repo, 'scripts/build-catalog.mjs');

describe('scripts/build-catalog.mjs', function () {
  this.timeout(60000);
  let tmp: string;
  let copyDir: string;

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-catalog-'));
    copyDir = path.join(tmp, 'bundle', 'iam-data');
    const mod = (await import(pathToFileURL(script).href)) as { buildCatalog(outDir: string): Promise<number> };
    const bytes = await mod.buildCatalog(copyDir);
    assert.ok(bytes > 1e6 && bytes < 8e6, `catalog copy is ${bytes} bytes`);
  });

  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('ships the MIT notice and the files the catalog reads', () => {
    for (const f of [
      'LICENSE.txt',
      'services.json',
      'serviceNames.json',
      'actions/iam.json',
      'resourceTypes/iam.json',
      'conditionKeys/iam.json',
    ]) {
      assert.ok(fs.existsSync(path.join(copyDir, f)), f);
    }
  });

  it('the copy answers exactly like the package data', () => {
    const a = new Catalog(copyDir);
    const b = new Catalog();
    assert.deepEqual(a.services(), b.services());
    // The copy answers names and access levels from its compact index and details lazily.
    const plain = (x: ActionInfo) => ({
      service: x.service,
      name: x.name,
      accessLevel: x.accessLevel,
      accessLevels: x.accessLevels,
      resourceTypes: x.resourceTypes,
      conditionKeys: x.conditionKeys,
      description: x.description,
    });
    for (const s of ['iam', 's3', 'ec2', 'sts'])
      assert.deepEqual(a.actionsOf(s).map(plain), b.actionsOf(s).map(plain), s);
    assert.deepEqual(a.expandAction('*:Put*'), b.expandAction('*:Put*'));
    assert.deepEqual(a.conditionKey('s3:ExistingObjectTag/x'), b.conditionKey('s3:ExistingObjectTag/x'));
    assert.deepEqual(
      a.actionsSupportingKey('iam:PermissionsBoundary'),
      b.actionsSupportingKey('iam:PermissionsBoundary'),
    );
  });

  it('runs as a CLI', () => {
    const out = execFileSync('node', [script, path.join(tmp, 'cli')], { encoding: 'utf8' });
    assert.match(out, /iam-data catalog: \d+\.\d+ MB/);
  });

  it('works in a CommonJS esbuild bundle next to dist/iam-data, including global condition keys', async () => {
    const entry = [
      "import { Catalog } from '../../../../server/src/catalog/catalog';",
      'const c = new Catalog();',
      "console.log(JSON.stringify({ dir: c.dir, a: c.getAction('iam:createrole')?.name, k: c.conditionKey('aws:SourceIp')?.type }));",
    ].join('\n');
    const outfile = path.join(tmp, 'bundle', 'server.js');
    await build({
      stdin: { contents: entry, resolveDir: __dirname, loader: 'ts' },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile,
      logLevel: 'silent',
    });
    const out = JSON.parse(execFileSync('node', [outfile], { cwd: os.tmpdir(), encoding: 'utf8' })) as Record<
      string,
      string
    >;
    assert.deepEqual(out, { dir: copyDir, a: 'iam:CreateRole', k: 'IPAddress' });
  });
});
