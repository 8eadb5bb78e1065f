// Nesting the input controls never reaches the stack: HCL, JSON and YAML nested past
// LIMITS.nesting are cut at the limit, reported as limit problems (PG801) at that place, and the
// rest of the file is still read. Sizes are those that overflowed the stack before.

import { strict as assert } from 'node:assert';
import type { Block } from '../../../../server/src/parse/hcl/ast';
import { parseHcl } from '../../../../server/src/parse/hcl/parser';
import { yamlToVal } from '../../../../server/src/parse/cloudFormation/yamlToVal';
import { jsonToVal } from '../../../../server/src/parse/json';
import { LIMITS } from '../../../../server/src/parse/limits';
import { tfJsonToBody } from '../../../../server/src/parse/terraform/tfJson';

const AFTER = '\nresource "aws_iam_role" "after" {\n  name = "kept"\n}\n';

function hclLimit(text: string): { problems: string[]; blocks: string[] } {
  const r = parseHcl(text);
  return {
    problems: r.problems.filter((p) => p.limit).map((p) => `${p.message}@${p.start}`),
    blocks: r.body.items
      .filter((i): i is Block => i.kind === 'block')
      .map((b) => b.labels.map((l) => l.value).join('.')),
  };
}

describe('depth limits: HCL', () => {
  const cases: Record<string, [string, string]> = {
    '1,150 nested [': [
      `locals {\n  x = ${'['.repeat(1150)}${']'.repeat(1150)}\n}\n`,
      'expressions nested deeper than 128 levels',
    ],
    '1,600 nested (': [
      `locals {\n  x = ${'('.repeat(1600)}1${')'.repeat(1600)}\n}\n`,
      'expressions nested deeper than 128 levels',
    ],
    '1,600 nested objects': [
      `locals {\n  x = ${'{a='.repeat(1600)}1${'}'.repeat(1600)}\n}\n`,
      'expressions nested deeper than 128 levels',
    ],
    '4,000 nested blocks': [
      `a {\n${'b {\n'.repeat(4000)}${'}\n'.repeat(4001)}`,
      'blocks nested deeper than 128 levels',
    ],
    '10,000 unary operators': [
      `locals {\n  x = ${'!'.repeat(10000)}true\n}\n`,
      'more than 128 unary operators in a row',
    ],
    '10,000 additions': [`locals {\n  x = 1${' + 1'.repeat(10000)}\n}\n`, 'more than 128 operators in a row'],
    '10,000 attribute steps': [
      `locals {\n  x = a${'.b'.repeat(10000)}\n}\n`,
      'more than 128 attribute or index steps in a row',
    ],
    '2,000 nested templates': [
      `locals {\n  x = ${'"${'.repeat(2000)}1${'}"'.repeat(2000)}\n}\n`,
      'expressions nested deeper than 128 levels',
    ],
    '500 nested directives': [
      `locals {\n  x = "${'%{ if true }'.repeat(500)}x${'%{ endif }'.repeat(500)}"\n}\n`,
      'template directives nested deeper than 128 levels',
    ],
  };
  for (const [name, [text, message]] of Object.entries(cases)) {
    it(`${name}: one limit problem, the next block still parsed`, () => {
      const r = hclLimit(text + AFTER);
      assert.equal(r.problems.length, 1, r.problems.join('\n'));
      assert.equal(r.problems[0].split('@')[0], message);
      assert.ok(r.blocks.includes('aws_iam_role.after'), r.blocks.join(', '));
    });
  }

  it('accepts nesting up to the limit', () => {
    const depth = LIMITS.nesting - 2;
    assert.deepEqual(parseHcl(`locals {\n  x = ${'['.repeat(depth)}${']'.repeat(depth)}\n}\n`).problems, []);
  });
});

describe('depth limits: JSON', () => {
  it('cuts 2,200 nested arrays at the limit: an unknown value there, the other keys kept', () => {
    const text = `{"a": ${'['.repeat(2200)}${']'.repeat(2200)}, "b": 1}`;
    const r = jsonToVal(text, 'f.json');
    assert.deepEqual(
      r.problems.map((p) => [p.message, p.loc.start]),
      [["Not checked, beyond the checker's limits: JSON nested deeper than 128 levels", 6 + LIMITS.nesting - 1]],
    );
    assert.equal(r.value?.k, 'obj');
    const entries = r.value?.k === 'obj' ? r.value.entries.map((e) => e.key) : [];
    assert.deepEqual(entries, ['a', 'b']);
    let v = r.value?.k === 'obj' ? r.value.entries[0].value : undefined;
    for (let d = 1; v?.k === 'list'; d++) v = v.items[0];
    assert.equal(v?.k, 'unknown');
  });

  it('ignores brackets inside strings and cuts unclosed nesting to the end', () => {
    const text = `{"s": "${'['.repeat(500)}", "a": ${'{"k":'.repeat(3000)}`;
    const r = jsonToVal(text, 'f.json');
    const limit = r.problems.filter((p) => p.message.startsWith('Not checked') && /nested deeper/.test(p.message));
    assert.equal(limit.length, 1);
  });

  it('cuts .tf.json files the same way', () => {
    const text = `{"locals": {"x": ${'['.repeat(3000)}${']'.repeat(3000)}}, "resource": {"aws_iam_role": {"r": {"name": "kept"}}}}`;
    const r = tfJsonToBody(text, 'main.tf.json');
    assert.deepEqual(
      r.problems.map((p) => p.message),
      ["Not checked, beyond the checker's limits: JSON nested deeper than 128 levels"],
    );
    assert.equal(r.body.items.length, 2);
  });
});

describe('depth limits: YAML', () => {
  const cases: Record<string, string> = {
    '20,000 unclosed [': `Resources: ${'['.repeat(20000)}\n`,
    '2,000 nested flow sequences': `Resources:\n  A: ${'['.repeat(2000)}${']'.repeat(2000)}\n  B: kept\n`,
    '1,000 nested maps': `Resources:\n${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i + 1)}a${i}:`).join('\n')}\nB: kept\n`,
    '5,000 compact sequences': `Resources:\n  A:\n    ${'- '.repeat(5000)}x\n  B: kept\n`,
    '1,000 tagged flow sequences with brackets in strings': `Resources:\n  A: !Sub ${'[!Ref "]]", '.repeat(1000)}\nB: kept\n`,
  };
  for (const [name, text] of Object.entries(cases)) {
    it(`${name}: a limit problem, the same result on every run`, () => {
      const a = yamlToVal(text, 't.yaml');
      const b = yamlToVal(text, 't.yaml');
      assert.ok(
        a.problems.some(
          (p) => p.message === "Not checked, beyond the checker's limits: YAML nested deeper than 128 levels",
        ),
        a.problems.map((p) => p.message).join('\n'),
      );
      assert.ok(!a.problems.some((p) => /call stack|RESOURCE_EXHAUSTION/i.test(p.message)));
      assert.deepEqual(JSON.stringify(a), JSON.stringify(b));
    });
  }

  it('leaves an ordinary template alone', () => {
    const text =
      'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      Policies:\n        - PolicyDocument: { Statement: [ { Effect: Allow, Action: ["s3:*"], Resource: !Sub "arn:${AWS::Partition}:s3:::b/*" } ] }\n      Description: |\n        [[[[ not structure\n';
    assert.deepEqual(yamlToVal(text, 't.yaml').problems, []);
  });
});
