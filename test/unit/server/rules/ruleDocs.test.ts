// Every rule is documented: docs/rules/<id>.md exists, its heading is the rule's title, the index
// lists it, and rule ids are unique and in order (diagnostic links point at these pages). Each
// page links to the rule's source file and to every fixture folder of the rule, so a rule is one
// hop from the README's rule index.

import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RULES } from '../../../../server/src/rules/index';

const ROOT = join(__dirname, '../../../..');
const DOCS = join(ROOT, 'docs/rules');
const FIXTURES = 'test/fixtures/lint';

/** Every .ts file under `dir`, as repository paths. */
function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(`${dir}/${e.name}`) : e.name.endsWith('.ts') ? [`${dir}/${e.name}`] : [],
  );
}

/** The file under server/src/rules that declares the rule `id`. */
function sourceOf(id: string): string {
  const files = tsFiles('server/src/rules').filter((f) => readFileSync(join(ROOT, f), 'utf8').includes(`id: '${id}',`));
  assert.equal(files.length, 1, `one file declares ${id}: ${files.join(', ')}`);
  return files[0];
}

/** The "## Source" section a rule page ends with (before the link back to the index). */
function sourceSection(id: string): string {
  const link = (path: string, text = path) => `[\`${text}\`](${relative('docs/rules', path)})`;
  const source = sourceOf(id);
  const fixtures = readdirSync(join(ROOT, FIXTURES))
    .filter((name) => name.includes(`-${id.toLowerCase()}-`))
    .sort();
  return [
    '## Source',
    '',
    `- The rule: ${link(source)}.`,
    `- Its fixtures (${fixtures.length}, one folder per case under ${link(FIXTURES)}, run by`,
    `  ${link('test/unit/server/rules/fixtures.test.ts')}):`,
    ...fixtures.map((f, i) => `  ${link(`${FIXTURES}/${f}`, f)}${i === fixtures.length - 1 ? '.' : ','}`),
    '',
  ].join('\n');
}

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

  for (const rule of RULES) {
    it(`links ${rule.id} to its source file and every fixture folder`, () => {
      const text = readFileSync(join(DOCS, `${rule.id}.md`), 'utf8');
      const expected = sourceSection(rule.id);
      const at = text.indexOf('\n## Source\n');
      const actual = at < 0 ? '' : text.slice(at + 1, text.lastIndexOf('\nSee [all rules](README.md).'));
      assert.equal(actual, expected, `docs/rules/${rule.id}.md should end with:\n${expected}`);
    });
  }

  it('lists every rule in the index', () => {
    const index = readFileSync(join(DOCS, 'README.md'), 'utf8');
    for (const rule of RULES)
      assert.ok(index.includes(`| [${rule.id}](${rule.id}.md) | ${rule.severity} | ${rule.title} |`), rule.id);
  });
});
