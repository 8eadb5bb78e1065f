// Profile file globs come from the checked repository: they match in linear time, with the same
// answers as the RegExp translation they replaced (kept here as the oracle).

import { strict as assert } from 'node:assert';
import { matchesPathGlob } from '../../../../server/src/util/pathGlob';
import { prng } from '../../../support/prng';

/** The former implementation: a RegExp built from the glob (backtracks on `**` runs). */
function oracle(glob: string, path: string): boolean {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') i++;
        re += '(?:.*/)?';
        if (glob[i] !== '/' && i < glob.length - 1) re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`(?:^|/)${re}$`).test(path);
}

describe('profile path globs', () => {
  it('agree with the RegExp translation on 20,000 random globs and paths', () => {
    const rand = prng(9);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    const globParts = ['a', 'b', '/', '*', '**', '**/', '?', '.json', 'x'];
    const pathParts = ['a', 'b', '/', 'x', '.json', 'ab'];
    const disagreements: string[] = [];
    for (let n = 0; n < 20000; n++) {
      const glob = Array.from({ length: 1 + Math.floor(rand() * 5) }, () => pick(globParts)).join('');
      const path = Array.from({ length: Math.floor(rand() * 7) }, () => pick(pathParts)).join('');
      if (matchesPathGlob([glob], path) !== oracle(glob, path)) disagreements.push(`${glob} ${path}`);
    }
    assert.deepEqual(disagreements.slice(0, 10), []);
  });

  it('answers runs of ** against a long path at once', () => {
    const t0 = performance.now();
    assert.equal(matchesPathGlob(['**/'.repeat(40) + 'x.json'], 'a/'.repeat(5000) + 'y.json'), false);
    assert.ok(performance.now() - t0 < 2000);
  });

  it('matches the documented forms', () => {
    assert.equal(matchesPathGlob(['**/cross-account/*.json'], '/repo/infra/cross-account/role.json'), true);
    assert.equal(matchesPathGlob(['**/cross-account/*.json'], '/repo/infra/cross-account/sub/role.json'), false);
    assert.equal(matchesPathGlob(['boundary?.json'], 'C:\\repo\\boundary1.json'), true);
  });
});
