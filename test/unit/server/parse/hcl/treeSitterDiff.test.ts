// Differential test: our HCL parser against tree-sitter-hcl (terraform grammar). On valid files
// both must accept and agree on the block structure (types, labels, attribute names, and the
// range of every block and attribute); on broken files both must report an error.

import { strict as assert } from 'node:assert';
import { Language, type Node as TsNode, Parser } from 'web-tree-sitter';
import type { Body } from '../../../../../server/src/parse/hcl/ast';
import { parseHcl } from '../../../../../server/src/parse/hcl/parser';
import { breakText, brokenFixtures, generateModule, validFixtures } from './corpus';

interface Shape {
  readonly kind: 'attribute' | 'block';
  readonly name: string;
  readonly labels: readonly string[];
  readonly start: number;
  readonly end: number;
  readonly children: readonly Shape[];
}

function ours(body: Body, text: string): Shape[] {
  return body.items.map((i) =>
    i.kind === 'attribute'
      ? { kind: 'attribute', name: i.name.name, labels: [], start: i.start, end: i.end, children: [] }
      : {
          kind: 'block',
          name: i.type.name,
          labels: i.labels.map((l) => text.slice(l.start, l.end)),
          start: i.start,
          end: i.end,
          children: ours(i.body, text),
        },
  );
}

function theirs(body: TsNode | null): Shape[] {
  if (!body) return [];
  const out: Shape[] = [];
  for (const n of body.namedChildren) {
    if (!n) continue;
    if (n.type === 'attribute') {
      out.push({
        kind: 'attribute',
        name: n.namedChildren[0]!.text,
        labels: [],
        start: n.startIndex,
        end: n.endIndex,
        children: [],
      });
    } else if (n.type === 'block') {
      const kids = n.namedChildren.filter((c): c is TsNode => c !== null);
      const labels = kids
        .slice(1)
        .filter((c) => c.type === 'string_lit' || c.type === 'identifier')
        .map((c) => c.text);
      const inner = kids.find((c) => c.type === 'body') ?? null;
      out.push({
        kind: 'block',
        name: kids[0].text,
        labels,
        start: n.startIndex,
        end: n.endIndex,
        children: theirs(inner),
      });
    }
  }
  return out;
}

describe('HCL parser vs tree-sitter-hcl', function () {
  this.timeout(60000);
  let ts: Parser;

  before(async () => {
    await Parser.init();
    const lang = await Language.load(
      require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm'),
    );
    ts = new Parser();
    ts.setLanguage(lang);
  });

  const corpus = [
    ...validFixtures(),
    ...Array.from({ length: 40 }, (_, i) => ({ name: `generated-${i}.tf`, text: generateModule(1000 + i, 25) })),
  ];

  it('accepts every valid corpus file and agrees on the structure', () => {
    assert.ok(corpus.length >= 46);
    for (const f of corpus) {
      const tree = ts.parse(f.text)!;
      assert.equal(tree.rootNode.hasError, false, `tree-sitter rejects ${f.name}`);
      const r = parseHcl(f.text);
      assert.deepEqual(r.problems, [], `we reject ${f.name}`);
      const body = tree.rootNode.namedChildren.find((c) => c?.type === 'body') ?? null;
      assert.deepEqual(ours(r.body, f.text), theirs(body), `structure differs for ${f.name}`);
    }
  });

  it('both report an error for every broken variant', () => {
    let checked = 0;
    for (const [i, f] of corpus.entries()) {
      for (let k = 0; k < 3; k++) {
        const broken = breakText(f.text, i * 7 + k);
        if (broken.text === f.text) continue;
        const tsError = ts.parse(broken.text)!.rootNode.hasError;
        const ourErrors = parseHcl(broken.text).problems.length;
        assert.ok(tsError, `tree-sitter accepts ${f.name} (${broken.how})`);
        assert.ok(ourErrors > 0, `we accept ${f.name} (${broken.how})`);
        checked++;
      }
    }
    assert.ok(checked > 100);
  });

  it('both reject the hand-written broken fixtures', () => {
    for (const f of brokenFixtures()) {
      assert.ok(ts.parse(f.text)!.rootNode.hasError, `tree-sitter accepts ${f.name}`);
      assert.ok(parseHcl(f.text).problems.length > 0, `we accept ${f.name}`);
    }
  });
});
