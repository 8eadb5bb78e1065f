// Reading files named by the checked sources: only regular files really inside the roots, up to
// a cap; a FIFO, a device, /proc, a link out of the folder are refused without blocking.

import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readInside } from '../../../../server/src/util/readInside';

describe('readInside', () => {
  let dir: string;
  let repo: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pg-read-'));
    repo = join(dir, 'repo');
    mkdirSync(join(repo, 'sub'), { recursive: true });
    writeFileSync(join(repo, 'sub', 'ok.json'), '{"a":1}');
    writeFileSync(join(dir, 'secret'), 'CANARY-outside');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const policy = () => ({ roots: [repo], maxBytes: 64 });

  it('reads a regular file inside the root', () => {
    assert.deepEqual(readInside(join(repo, 'sub', 'ok.json'), policy()), { kind: 'text', text: '{"a":1}' });
  });

  it('refuses a path or a symbolic link that leads out of the root', () => {
    symlinkSync(join(dir, 'secret'), join(repo, 'link'));
    assert.equal(readInside(join(repo, 'link'), policy()).kind, 'refused');
    assert.equal(readInside(join(repo, '..', 'secret'), policy()).kind, 'refused');
  });

  it('refuses /proc, /dev and /sys even under a root of /', () => {
    for (const p of ['/proc/self/environ', '/dev/zero', '/dev/stdin'])
      assert.equal(readInside(p, { roots: ['/'], maxBytes: 64 }).kind, 'refused', p);
  });

  it('refuses a FIFO without blocking', () => {
    execFileSync('mkfifo', [join(repo, 'pipe')]);
    assert.deepEqual(readInside(join(repo, 'pipe'), policy()), { kind: 'refused', reason: 'it is not a regular file' });
  });

  it('answers a file past the cap as too large, or its start when asked to truncate', () => {
    writeFileSync(join(repo, 'big'), 'x'.repeat(100));
    assert.equal(readInside(join(repo, 'big'), policy()).kind, 'tooLarge');
    assert.deepEqual(readInside(join(repo, 'big'), { ...policy(), truncate: true }), {
      kind: 'text',
      text: 'x'.repeat(65),
    });
  });

  it('treats a missing file, a too long name and a file under a file as missing, with the reason', () => {
    assert.deepEqual(readInside(join(repo, 'nope'), policy()), { kind: 'missing', reason: 'it does not exist' });
    assert.deepEqual(readInside(join(repo, 'x'.repeat(300)), policy()), {
      kind: 'missing',
      reason: 'its name is too long',
    });
    assert.deepEqual(readInside(join(repo, 'sub', 'ok.json', 'deeper'), policy()), {
      kind: 'missing',
      reason: 'it does not exist',
    });
  });
});
