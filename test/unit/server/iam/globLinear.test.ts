// Wildcard matching never backtracks: pathological patterns answer at once and agree with a
// plain dynamic-programming reference; the automata give up (undefined) instead of blowing up.

import { strict as assert } from 'node:assert';
import { compileGlob, type GlobMode, type Token } from '../../../../server/src/iam/glob';
import { includes, intersects } from '../../../../server/src/iam/globAutomata';
import { collapseStars } from '../../../../server/src/iam/globMatcher';
import { matchGlob, matchPattern, patternCovers, patternOverlaps } from '../../../../server/src/iam/match';
import { Catalog } from '../../../../server/src/catalog/catalog';
import { known } from '../../../../server/src/model/pstr';
import { prng } from '../../../support/prng';

const glob = (s: string, mode: GlobMode = 'glob', ignoreCase = false) =>
  compileGlob([{ k: 'text', s }], mode, ignoreCase);

/** O(n·m) reference over code points (no RegExp). */
function reference(tokens: readonly Token[], text: string): boolean {
  const chars = [...text];
  let row = new Array<boolean>(tokens.length + 1).fill(false);
  row[0] = true;
  for (let j = 0; j < tokens.length && (tokens[j].k === 'any' || tokens[j].k === 'anyNC'); j++) row[j + 1] = true;
  for (const ch of chars) {
    const next = new Array<boolean>(tokens.length + 1).fill(false);
    for (let j = 0; j < tokens.length; j++) {
      const t = tokens[j];
      const ok = t.k === 'lit' ? t.c === ch : t.k === 'one' || t.k === 'any' ? true : ch !== ':';
      if (!ok) continue;
      if ((t.k === 'any' || t.k === 'anyNC') && row[j]) next[j] = true;
      if (row[j]) next[t.k === 'any' || t.k === 'anyNC' ? j : j + 1] = true;
    }
    for (let j = 0; j < tokens.length; j++)
      if (next[j] && (tokens[j].k === 'any' || tokens[j].k === 'anyNC')) next[j + 1] = true;
    row = next;
  }
  return row[tokens.length];
}

function timed<T>(f: () => T): { value: T; ms: number } {
  const t0 = process.hrtime.bigint();
  const value = f();
  return { value, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
}

describe('linear-time wildcard matching', () => {
  it('collapses runs of *: nine stars are one token', () => {
    const g = glob('s3:*********x');
    assert.deepEqual(
      g.tokens.map((t) => t.k),
      ['lit', 'lit', 'lit', 'any', 'lit'],
    );
    assert.deepEqual(
      collapseStars([
        { k: 'anyNC', c: '' },
        { k: 'any', c: '' },
        { k: 'anyNC', c: '' },
      ]),
      [{ k: 'any', c: '' }],
    );
  });

  const slow: [string, string, boolean][] = [
    ['s3:*******x', 's3:' + 'a'.repeat(5000), false],
    ['s3:*********x', 's3:' + 'a'.repeat(5000) + 'x', true],
    ['s3:*?*?*?*?*?*?*?x', 's3:' + 'a'.repeat(5000), false],
    ['*a*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(20000), false],
    ['arn:aws:s3:::*?*?*?*?*?*?*?*?:x', 'arn:aws:s3:::' + 'a:'.repeat(5000), false],
    ['arn:*:*:*:*:' + '*a'.repeat(40) + 'b', 'arn:aws:s3:::' + 'a'.repeat(10000), false],
  ];
  for (const [pattern, value, expected] of slow) {
    it(`${pattern.slice(0, 40)} against ${value.length} characters answers ${expected} at once`, () => {
      const mode: GlobMode = pattern.startsWith('arn:') ? 'arn' : 'glob';
      const { value: got, ms } = timed(() => matchPattern(value, pattern, { mode }));
      assert.equal(got, expected ? 'yes' : 'no');
      assert.equal(reference(glob(pattern, mode).tokens, value), expected);
      // Generous: the old backtracking took seconds; linear matching takes well under 100 ms even on a loaded machine.
      assert.ok(ms < 1000, `${ms.toFixed(1)} ms`);
    });
  }

  it('a 40,000-character action compiles and expands (no RegExp too large for V8)', () => {
    const catalog = new Catalog();
    for (const text of [
      's3:' + 'x'.repeat(40000),
      's3:' + '*?'.repeat(20000),
      '*'.repeat(40000),
      's3:Get' + '*'.repeat(40000) + 'Object',
    ]) {
      const r = catalog.expandAction(known(text));
      assert.equal(r.unknown, undefined);
      if (text.startsWith('*')) assert.ok(r.actions.length > 1000);
      if (text.includes('Object')) assert.ok(r.actions.includes('s3:GetObject'));
      if (text.includes('xxx') || text.includes('*?')) assert.deepEqual(r.actions, []);
    }
  });

  it('agrees with the reference on random patterns and values (ARN segments, case folding)', () => {
    const next = prng(1009);
    const int = (n: number) => Math.floor(next() * n);
    const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
    for (let n = 0; n < 4000; n++) {
      const pattern = Array.from({ length: int(8) }, () => pick(['a', 'b', ':', '*', '?', 'A'])).join('');
      const value = Array.from({ length: int(9) }, () => pick(['a', 'b', ':', 'A'])).join('');
      const prefix = int(2) === 0 ? 'arn:' : '';
      const mode = pick<GlobMode>(['glob', 'arn', 'literal']);
      const ignoreCase = int(2) === 0;
      const g = glob(prefix + pattern, mode, ignoreCase);
      const v = prefix + value;
      const want = reference(g.tokens, ignoreCase ? v.toLowerCase() : v);
      assert.equal(matchGlob(v, g), want ? 'yes' : 'no', `${mode} ${ignoreCase ? 'i' : ''} ${prefix + pattern} ~ ${v}`);
    }
  });
});

describe('automata under a budget', () => {
  it('answer small questions exactly', () => {
    assert.equal(intersects(glob('a*').tokens, glob('*b').tokens), true);
    assert.equal(intersects(glob('a?').tokens, glob('?bc').tokens), false);
    assert.equal(includes(glob('a*bc').tokens, glob('a*b*c').tokens), true);
    assert.equal(includes(glob('a*b*c').tokens, glob('a*bc').tokens), false);
  });

  it('give up (undefined) on huge inputs instead of blowing up, and the callers say unknown', () => {
    const big = glob('*?'.repeat(3000) + 'x');
    const other = glob('?*'.repeat(3000) + 'y*');
    assert.equal(intersects(big.tokens, other.tokens, 10_000), undefined);
    const sup = glob('*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b');
    const sub = glob('*b' + '?'.repeat(200));
    const { value, ms } = timed(() => includes(sub.tokens, sup.tokens, 5_000));
    assert.ok(value === undefined || value === false);
    assert.ok(ms < 2000, `${ms.toFixed(1)} ms`);
    const { value: covers } = timed(() =>
      patternCovers('*?'.repeat(3000) + 'x', '?*'.repeat(3000) + 'x', { mode: 'glob' }),
    );
    assert.notEqual(covers, 'no');
    assert.equal(patternOverlaps('a'.repeat(40000), 'a'.repeat(40000), { mode: 'glob' }), 'yes');
  });

  it('never call a colon the "other" character, nor a literal NUL', () => {
    assert.equal(includes(glob('?').tokens, glob('\u0000').tokens), false);
    assert.equal(includes(glob('\u0000').tokens, glob('?').tokens), true);
    assert.equal(intersects(glob('arn:aws:s3:::a*').tokens, glob('arn:aws:s3:::a\u0000').tokens), true);
  });
});
