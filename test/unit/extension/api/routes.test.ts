import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIRECTORY_ROUTES, fillPath, ROUTES } from '../../../../extension/src/api/routes';

const ROOT = join(__dirname, '..', '..', '..', '..');
const API_DIR = join(ROOT, 'extension', 'src', 'api');

describe('extension API route tables', () => {
  it('fills placeholders with encoded values', () => {
    assert.equal(
      fillPath(ROUTES.revokeTeam.path, { id: 'n-1', teamId: 'N:team:abc' }),
      '/compute-nodes/n-1/permissions/teams/N%3Ateam%3Aabc',
    );
    assert.equal(
      fillPath(DIRECTORY_ROUTES.listTeamMembers.path, { orgId: 'N:organization:o', teamId: 'N:team:t' }),
      '/organizations/N%3Aorganization%3Ao/teams/N%3Ateam%3At/members',
    );
    assert.equal(fillPath(ROUTES.listAccounts.path, undefined), '/accounts');
  });

  it('refuses a path whose placeholder has no value', () => {
    assert.throws(() => fillPath(ROUTES.getComputeNode.path, {}), /no value for \{id\} in \/compute-nodes\/\{id\}/);
  });

  it('lists every method and path once', () => {
    const keys = [...Object.values(ROUTES), ...Object.values(DIRECTORY_ROUTES)].map((r) => `${r.method} ${r.path}`);
    assert.equal(new Set(keys).size, keys.length);
    for (const r of [...Object.values(ROUTES), ...Object.values(DIRECTORY_ROUTES)])
      assert.match(r.path, /^(\/[\w-]+|\/\{\w+\})+$/);
  });

  it('is the only place paths are written: every request names a table entry', () => {
    for (const file of readdirSync(API_DIR).filter((f) => f.endsWith('.ts') && f !== 'routes.ts')) {
      const text = readFileSync(join(API_DIR, file), 'utf8');
      for (const call of text.matchAll(/\.request\(([^,]+),/g)) {
        assert.match(
          call[1]!.trim(),
          /^(ROUTES|DIRECTORY_ROUTES)\.\w+$/,
          `${file}: request(${call[1]}) does not use the route table`,
        );
      }
      assert.doesNotMatch(text, /`\/[\w-]+\/\$\{/, `${file} builds a path from fragments`);
    }
  });

  it('is listed whole in docs/extension.md, and the docs list no route it lacks', () => {
    const docs = readFileSync(join(ROOT, 'docs', 'extension.md'), 'utf8');
    const table = docs.slice(docs.indexOf('**Routes.**'), docs.indexOf('A unit test keeps this table'));
    const listed = new Set(
      [...table.matchAll(/`(GET|POST|PUT|PATCH|DELETE) (\/[^`]*)`/g)].map((m) => `${m[1]} ${m[2]}`),
    );
    const routes = [...Object.values(ROUTES), ...Object.values(DIRECTORY_ROUTES)].map((r) => `${r.method} ${r.path}`);
    assert.deepEqual([...listed].sort(), [...new Set(routes)].sort());
  });
});
