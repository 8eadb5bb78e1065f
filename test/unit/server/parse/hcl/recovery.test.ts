import { strict as assert } from 'node:assert';
import type { Attribute, Block, Body, HclProblem } from '../../../../../server/src/parse/hcl/ast';
import { parseHcl } from '../../../../../server/src/parse/hcl/parser';
import { brokenFixtures, generateModule, rng, validFixtures } from './corpus';

/** `type.label…` of every top-level block and the attribute names inside. */
function outline(body: Body): string[] {
  return body.items.map((i) =>
    i.kind === 'attribute'
      ? i.name.name
      : `${i.type.name}.${i.labels.map((l) => l.value).join('.')}{${i.body.items.map((x) => (x.kind === 'attribute' ? x.name.name : (x as Block).type.name)).join(',')}}`,
  );
}

function slice(text: string, p: HclProblem): string {
  return text.slice(p.start, p.end);
}

describe('HCL parser: error recovery', () => {
  it('an unfinished attribute is reported on `name =` and the rest of the block still parses', () => {
    const text = 'resource "a" "x" {\n  name =\n  path = "/"\n}\n\nresource "a" "y" {\n  name = "y"\n}\n';
    const r = parseHcl(text);
    assert.equal(r.problems.length, 1);
    assert.equal(slice(text, r.problems[0]), 'name =');
    assert.deepEqual(outline(r.body), ['resource.a.x{name,path}', 'resource.a.y{name}']);
  });

  it('an unclosed string ends at the line end; the next attribute and block parse', () => {
    const text = 'resource "a" "x" {\n  name = "unfinished\n  path = "/"\n}\nresource "a" "y" {}\n';
    const r = parseHcl(text);
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0].message, /unterminated string/);
    assert.equal(slice(text, r.problems[0]), '"unfinished');
    assert.deepEqual(outline(r.body), ['resource.a.x{name,path}', 'resource.a.y{}']);
    const name = (r.body.items[0] as Block).body.items[0] as Attribute;
    assert.equal(
      name.expr.kind === 'template' && name.expr.parts[0].kind === 'lit' && name.expr.parts[0].value,
      'unfinished',
    );
  });

  it('an unclosed brace is reported at the brace; the next top-level block parses', () => {
    const text = 'resource "a" "x" {\n  tags = {\n    Owner = "me"\n\nresource "a" "y" {\n  name = "y"\n}\n';
    const r = parseHcl(text);
    assert.ok(r.problems.length >= 1);
    assert.equal(outline(r.body).at(-1), 'resource.a.y{name}');
    assert.ok(r.problems.some((p) => slice(text, p) === '{'));
  });

  it('garbage inside a block is reported precisely and skipped to the next line', () => {
    const text = 'resource "a" "x" {\n  name = "a"\n  ))) @@@\n  path = "/"\n}\nresource "a" "y" {}\n';
    const r = parseHcl(text);
    assert.ok(r.problems.length >= 1);
    assert.equal(
      slice(
        text,
        r.problems.find((p) => p.message.startsWith('invalid character'))!,
      ),
      '@',
    );
    assert.deepEqual(outline(r.body), ['resource.a.x{name,path}', 'resource.a.y{}']);
  });

  it('an unclosed call keeps the attributes on the following lines', () => {
    const text = 'resource "a" "x" {\n  name = foo(\n  role = "r"\n}\nresource "a" "y" {}\n';
    const r = parseHcl(text);
    assert.ok(r.problems.length >= 1);
    assert.deepEqual(outline(r.body), ['resource.a.x{name,role}', 'resource.a.y{}']);
  });

  it('an unfinished value inside jsonencode keeps the other keys and the following blocks', () => {
    const text =
      'resource "a" "x" {\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Effect =\n    Action = ["s3:GetObject"]\n  })\n  name = "n"\n}\nresource "a" "y" {}\n';
    const r = parseHcl(text);
    assert.equal(r.problems.length, 1);
    assert.equal(slice(text, r.problems[0]), '=');
    assert.deepEqual(outline(r.body), ['resource.a.x{policy,name}', 'resource.a.y{}']);
    const policy = ((r.body.items[0] as Block).body.items[0] as Attribute).expr;
    assert.equal(policy.kind === 'call' && policy.args[0].kind === 'object' && policy.args[0].items.length, 3);
  });

  it('an unterminated heredoc stops before the next top-level block', () => {
    const text = 'resource "a" "x" {\n  policy = <<EOT\n{\n  "a": 1\n\nresource "a" "y" {\n  name = "y"\n}\n';
    const r = parseHcl(text);
    assert.ok(r.problems.some((p) => /unterminated heredoc/.test(p.message) && slice(text, p) === '<<EOT'));
    assert.equal(outline(r.body).at(-1), 'resource.a.y{name}');
  });

  it('every hand-written broken fixture keeps its last block', () => {
    for (const f of brokenFixtures()) {
      const r = parseHcl(f.text);
      assert.ok(r.problems.length > 0, f.name);
      assert.equal(outline(r.body).at(-1), 'resource.aws_iam_role.b{name}', f.name);
    }
  });
});

describe('HCL parser: fuzzing', function () {
  this.timeout(60000);
  const ALPHABET = 'abc xyz_=={}[]()"\'$%~#/*\n\t\\<<-EOT.,:?!&|+-0129é😀';

  it('never throws or hangs on random garbage, and reports problems', () => {
    const r = rng(42);
    let withProblems = 0;
    for (let n = 0; n < 2000; n++) {
      const len = Math.floor(r() * 200);
      let text = '';
      for (let i = 0; i < len; i++) text += ALPHABET[Math.floor(r() * ALPHABET.length)];
      const t = performance.now();
      const res = parseHcl(text);
      // Generous: this guards against hangs, on a possibly busy machine.
      assert.ok(performance.now() - t < 2000, `slow on ${JSON.stringify(text)}`);
      if (res.problems.length) withProblems++;
      for (const p of res.problems)
        assert.ok(p.start >= 0 && p.end <= text.length && p.start <= p.end, JSON.stringify(text));
    }
    assert.ok(withProblems > 1500);
  });

  it('never throws or hangs on mutated valid files (deletions, insertions, truncations)', () => {
    const r = rng(7);
    const sources = [...validFixtures().map((f) => f.text), generateModule(5, 30)];
    for (let n = 0; n < 600; n++) {
      const src = sources[n % sources.length];
      const a = Math.floor(r() * src.length);
      const b = Math.min(src.length, a + Math.floor(r() * 40));
      const insert = ['', '{', '}', '"', '${', '<<EOT\n', ')', ']', '\n', '%{ if x }'][Math.floor(r() * 10)];
      const text = n % 5 === 0 ? src.slice(0, a) : src.slice(0, a) + insert + src.slice(b);
      const t = performance.now();
      const res = parseHcl(text);
      assert.ok(performance.now() - t < 3000);
      assert.ok(Array.isArray(res.body.items));
    }
  });
});
