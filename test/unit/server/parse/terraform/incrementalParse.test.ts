// The incremental re-parse must give exactly what a full parse gives, for any edit: checked on
// hundreds of seeded random edits (inserts, deletes, line breaks, broken syntax) of real modules.

import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHclFileCache, parseTfFile } from '../../../../../server/src/parse/terraform/hclFileCache';
import { prng } from '../../../../support/prng';

const MODULE = join(__dirname, '../../../../../backend/src/provisioner/module');

const SNIPPETS = [
  'a',
  '1',
  '"',
  '{',
  '}',
  '\n',
  ' = ',
  '\n  tags = local.tags\n',
  '${var.x}',
  '# note\n',
  '<<EOT\n',
  'resource "aws_s3_bucket" "b" {}\n',
];

function edit(text: string, rnd: () => number): string {
  const at = Math.floor(rnd() * text.length);
  const kind = rnd();
  if (kind < 0.4) return text.slice(0, at) + SNIPPETS[Math.floor(rnd() * SNIPPETS.length)] + text.slice(at);
  if (kind < 0.7) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(rnd() * 12)));
  const d = String(Math.floor(rnd() * 9000));
  const digits = /\d+/g;
  digits.lastIndex = at;
  const m = digits.exec(text);
  return m ? text.slice(0, m.index) + d + text.slice(m.index + m[0].length) : text + '\n';
}

/** Structural form with offsets: what the evaluator reads. */
function normalize(x: unknown): unknown {
  return JSON.parse(JSON.stringify(x));
}

describe('incremental re-parse of .tf files', () => {
  const files = readdirSync(MODULE).filter((f) => f.endsWith('.tf'));

  for (const name of files) {
    it(`equals a full parse after random edits: ${name}`, () => {
      const rnd = prng(name.length * 7919);
      const cache = createHclFileCache();
      const path = join(MODULE, name);
      let text = readFileSync(path, 'utf8');
      cache.parse({ id: path, path, text });
      for (let n = 0; n < 150; n++) {
        text = edit(text, rnd);
        const incremental = cache.parse({ id: path, path, text });
        const full = parseTfFile({ id: path, path, text });
        assert.deepEqual(normalize(incremental.body), normalize(full.body), `${name}, edit ${n}`);
        assert.deepEqual(normalize(incremental.problems), normalize(full.problems), `${name}, edit ${n}`);
      }
    });
  }

  it('keeps the untouched blocks of a one-line edit (no re-parse of the whole file)', () => {
    const path = join(MODULE, 'processors.tf');
    const text = readFileSync(path, 'utf8');
    const cache = createHclFileCache();
    const first = cache.parse({ id: path, path, text });
    const at = text.indexOf('max_session_duration');
    const edited = text.slice(0, at) + 'max_session_duration  ' + text.slice(at + 'max_session_duration'.length);
    const second = cache.parse({ id: path, path, text: edited });
    const kept = second.body.items.filter((item) => first.body.items.includes(item));
    assert.ok(kept.length >= second.body.items.length - 1, `${kept.length} of ${second.body.items.length} blocks kept`);
  });
});
