// The extension meets the server and the backend only through the project's shared/ folder, and
// its bundle carries no engine code: the audit asks the language server instead.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as esbuild from 'esbuild';

const ROOT = join(__dirname, '..', '..', '..');
const SRC = join(ROOT, 'extension', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('extension boundary', () => {
  it('imports only its own files, shared/ and packages', () => {
    for (const file of sources(SRC)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)) {
        const target = relative(ROOT, resolve(dirname(file), m[1]!));
        assert.match(target, /^(extension\/src|shared)\//, `${relative(ROOT, file)} imports ${m[1]} (${target})`);
      }
    }
  });

  it('bundles no server, backend or engine dependency code', async () => {
    const result = await esbuild.build({
      entryPoints: [join(SRC, 'extension.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      mainFields: ['module', 'main'],
      external: ['vscode'],
      write: false,
      metafile: true,
      logLevel: 'silent',
      absWorkingDir: ROOT,
    });
    const inputs = Object.keys(result.metafile.inputs);
    const leaked = inputs.filter((f) =>
      /^(server|backend)\/|node_modules\/(yaml|jsonc-parser|@cloud-copilot|@tree-sitter)/.test(f),
    );
    assert.deepEqual(leaked, []);
  });
});
