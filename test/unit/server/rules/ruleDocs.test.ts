// Every rule is documented: docs/rules/<id>.md exists, its heading is the rule's title, the index
// lists it, and rule ids are unique and in order (diagnostic links point at these pages).

import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../../../server/src/rules/index';

const DOCS = join(__dirname, '../../../../docs/rules');

describe('rule documentation', () => {
  it('has 29 rules with unique ids in order', () => {
    const ids = RULES.map((r) => r.id);
    assert.equal(ids.length, 29);
    assert.deepEqual(ids, [...ids].sort());
    assert.equal(new Set(ids).size, ids.length);
  });

  for (const rule of RULES) {
    it(`documents ${rule.id} under its title and severity`, () => {
      const file = join(DOCS, `${rule.id}.md`);
      assert.ok(existsSync(file), `missing ${file}`);
      const text = readFileSync(file, 'utf8');
      assert.equal(text.split('\n')[0], `# ${rule.id}: ${rule.title}`);
      assert.match(text, new RegExp(`\\*\\*Severity:\\*\\* ${rule.severity}`));
    });
  }

  it('lists every rule in the index', () => {
    const index = readFileSync(join(DOCS, 'README.md'), 'utf8');
    for (const rule of RULES)
      assert.ok(index.includes(`| [${rule.id}](${rule.id}.md) | ${rule.severity} | ${rule.title} |`), rule.id);
  });
});
