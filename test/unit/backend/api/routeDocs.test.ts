// The route table in docs/sandbox.md is the sandbox's route table (backend/src/api/routes.ts):
// the same routes, in the same order, with the same auth and handler names, and every path literal.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRoutes } from '../../../../backend/src/api/routes';

const DOC = join(__dirname, '../../../../docs/sandbox.md');
const ROW = /^\| (GET|POST|PUT|PATCH|DELETE) \| `([^`]+)` \| (\w+) \| ([\w.]+) \|$/;

/** The rows of the table under "## Routes". */
function documentedRoutes(): string[] {
  const text = readFileSync(DOC, 'utf8');
  const section = text.slice(text.indexOf('\n## Routes\n'), text.indexOf('\n### Errors\n'));
  return section
    .split('\n')
    .filter((line) => ROW.test(line))
    .map((line) => {
      const [, method, path, auth, handler] = ROW.exec(line)!;
      return `${method} ${path} ${auth} ${handler}`;
    });
}

describe('sandbox route documentation', () => {
  it('lists every route of routes.ts, in order, with its auth and handler', () => {
    assert.deepEqual(
      documentedRoutes(),
      allRoutes.map((r) => `${r.method} ${r.path} ${r.auth} ${r.handler}`),
    );
  });

  it('has literal, distinct paths (no fragments: every route can be found by searching for its path)', () => {
    const source = readFileSync(join(__dirname, '../../../../backend/src/api/routes.ts'), 'utf8');
    for (const route of allRoutes) {
      assert.match(route.path, /^\/[a-z0-9-]+(\/([a-z0-9-]+|\{[a-zA-Z]+\}))*\/?$/, route.path);
      const literal = new RegExp(`path: ['"]${route.path.replace(/[{}]/g, (c) => `\\${c}`)}['"]`);
      assert.match(source, literal, `${route.method} ${route.path} is written out in routes.ts`);
    }
    assert.equal(new Set(allRoutes.map((r) => `${r.method} ${r.path}`)).size, allRoutes.length);
  });
});
