// The unused-export check of `npm run lint` (scripts/lint/deadExports.ts) on a small program
// written for the test: what counts as a use, and what is reported.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { compareWithKnown, findDeadExports } from '../../../scripts/lint/deadExports';

const FILES: Readonly<Record<string, string>> = {
  'a.ts': [
    'export function imported(): number { return 1; }',
    'export function unused(): number { return 2; }',
    'export const usedHere = 3;',
    'export function alsoUnused(): number { return usedHere; }',
    'export type UnusedType = string;',
  ].join('\n'),
  'b.ts': "import { imported } from './a';\nimported();\n",
  'reexported.ts': 'export const throughStar = 1;\nexport const throughNamed = 2;\n',
  'barrel.ts': "export * from './reexported';\n",
  'c.ts':
    "import { throughStar } from './barrel';\nimport { throughNamed as renamed } from './reexported';\nvoid throughStar; void renamed;\n",
  'lazy.ts': 'export const loadedLazily = 1;\n',
  'd.ts': "void import('./lazy');\n",
  'ns.ts': 'export const viaNamespace = 1;\n',
  'e.ts': "import * as ns from './ns';\nvoid ns;\n",
};

describe('lint: unused exports (scripts/lint/deadExports.ts)', () => {
  let dir: string;
  let program: ts.Program;

  before(function () {
    this.timeout(60_000);
    dir = mkdtempSync(join(tmpdir(), 'pg-dead-exports-'));
    for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
    // No lib files: the analysis needs only the modules, and reading lib.d.ts is most of the time.
    const options = {
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      noEmit: true,
      noLib: true,
      types: [],
    };
    program = ts.createProgram(
      Object.keys(FILES).map((f) => join(dir, f)),
      options,
    );
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports exports nothing imports and their own file does not use, with their lines', () => {
    const dead = findDeadExports(program).map((d) => `${d.file.split('/').pop()}:${d.line} ${d.name}`);
    assert.deepEqual(dead.sort(), ['a.ts:2 unused', 'a.ts:4 alsoUnused', 'a.ts:5 UnusedType'].sort());
  });

  it('separates new findings from the known list and flags known entries that are used again', () => {
    const { unexpected, stale } = compareWithKnown([
      { file: 'server/src/model/source.ts', line: 5, name: 'SourceKind' },
      { file: 'x.ts', line: 1, name: 'y' },
    ]);
    assert.deepEqual(unexpected, [{ file: 'x.ts', line: 1, name: 'y' }]);
    assert.deepEqual(stale, []);
    // A known entry that is no longer dead (here: not reported at all) is stale.
    assert.deepEqual(compareWithKnown([]).stale, ['server/src/model/source.ts SourceKind']);
  });
});
