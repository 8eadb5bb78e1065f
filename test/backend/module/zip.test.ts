// The orchestrator package's zip writer: checksums and a valid, deterministic archive.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOrchestratorPackage } from '../../../backend/src/provisioner/rootConfig';
import { crc32, createStoredZip } from '../../../backend/src/provisioner/zip';
import { requireTool } from '../../../scripts/harness/tools';

describe('zip writer', () => {
  let dir: string;
  before(() => {
    requireTool('python3', 'install Python 3 (the test reads archives with its zipfile module)');
    dir = mkdtempSync(join(tmpdir(), 'pennsieve-zip-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('computes CRC-32 check values', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
    assert.equal(crc32(Buffer.alloc(0)), 0);
    assert.equal(crc32(Buffer.from('The quick brown fox jumps over the lazy dog')), 0x414fa339);
  });

  it('writes an archive that Python zipfile reads back byte for byte', () => {
    const binary = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256));
    const zip = createStoredZip([
      { name: 'index.mjs', data: 'export const handler = async () => 1;\n' },
      { name: 'lib/data.bin', data: binary },
      { name: 'bin/run.sh', data: '#!/bin/sh\necho ok\n', mode: 0o755 },
      { name: 'ünïcode.txt', data: 'é' },
    ]);
    const path = join(dir, 'a.zip');
    writeFileSync(path, zip);
    const script = [
      'import sys, zipfile, hashlib, json',
      'z = zipfile.ZipFile(sys.argv[1])',
      'assert z.testzip() is None',
      'out = {i.filename: [i.file_size, hashlib.sha256(z.read(i)).hexdigest(), (i.external_attr >> 16) & 0o777] for i in z.infolist()}',
      'print(json.dumps(out))',
    ].join('\n');
    const read = JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' })) as Record<
      string,
      [number, string, number]
    >;
    assert.deepEqual(Object.keys(read), ['index.mjs', 'lib/data.bin', 'bin/run.sh', 'ünïcode.txt']);
    assert.equal(read['lib/data.bin']![0], binary.length);
    assert.equal(read['bin/run.sh']![2], 0o755);
    assert.equal(read['index.mjs']![2], 0o644);
  });

  it('passes unzip -t when unzip is installed', function () {
    try {
      execFileSync('sh', ['-c', 'command -v unzip'], { stdio: 'ignore' });
    } catch {
      this.skip();
    }
    const path = join(dir, 'pkg.zip');
    writeFileSync(path, buildOrchestratorPackage());
    const out = execFileSync('unzip', ['-t', path], { encoding: 'utf8' });
    assert.match(out, /No errors detected/);
    assert.match(out, /index\.mjs/);
  });

  it('is deterministic, so Terraform sees no change between runs', () => {
    assert.deepEqual(buildOrchestratorPackage(), buildOrchestratorPackage());
  });

  it('rejects absolute and backslash names', () => {
    assert.throws(() => createStoredZip([{ name: '/etc/passwd', data: '' }]), /Invalid ZIP entry name/);
    assert.throws(() => createStoredZip([{ name: 'a\\b', data: '' }]), /Invalid ZIP entry name/);
  });
});
