// Where each character of a decoded YAML/JSON string scalar is written in the template.

import { strict as assert } from 'node:assert';
import { parseDocument, isMap, isScalar, type Node } from 'yaml';
import { charSpans } from '../../../../../server/src/parse/cloudFormation/scalarSource';

/** The value of key `k` in a one-level YAML map, and its range. */
function scalar(src: string, k = 'p'): { value: string; start: number; end: number } {
  const doc = parseDocument(src);
  const map = doc.contents;
  assert.ok(isMap(map));
  const node = map.get(k, true) as Node;
  assert.ok(isScalar(node));
  return { value: String(node.value), start: node.range![0], end: node.range![1] };
}

/** The source text each character of `needle` in the decoded value is written at. */
function sourceOf(src: string, needle: string): string {
  const s = scalar(src);
  const spans = charSpans(src, { file: 'f', ...s }, s.value);
  assert.ok(spans, `no spans for ${JSON.stringify(src)}`);
  const i = s.value.indexOf(needle);
  assert.ok(i >= 0);
  return src.slice(spans.starts[i], spans.ends[i + needle.length - 1]);
}

describe('charSpans (CloudFormation string scalars)', () => {
  it('a literal block: each line is found past the indentation', () => {
    const src = 'p: |\n  {\n    "Action": "s3:GetObjcet"\n  }\n';
    assert.equal(sourceOf(src, '"s3:GetObjcet"'), '"s3:GetObjcet"');
  });

  it('a folded block: a folded line break does not shift the tokens after it', () => {
    const src = 'p: >-\n  {"Action":\n  "s3:GetObjcet"}\n';
    assert.equal(sourceOf(src, '"s3:GetObjcet"'), '"s3:GetObjcet"');
  });

  it("a single-quoted string: '' is one quote", () => {
    const src = `p: '{"Sid": "it''s", "Action": "*"}'\n`;
    assert.equal(sourceOf(src, '"*"'), '"*"');
    assert.equal(sourceOf(src, "it's"), "it''s");
  });

  it('a double-quoted string: an escape maps to the whole escape', () => {
    const src = 'p: "{\\"Action\\": \\"s3:Get\\u004fbject\\"}"\n';
    assert.equal(sourceOf(src, 'O'), '\\u004f');
    assert.equal(sourceOf(src, '"Action"'), '\\"Action\\"');
  });

  it('a tagged scalar (`!Sub |`) starts after the tag', () => {
    const src = 'p: !Sub |\n  {"Resource": "${Bucket}"}\n';
    const doc = parseDocument(src, { customTags: [{ tag: '!Sub', resolve: (s: string) => s }] });
    const node = (doc.contents as unknown as { get(k: string, keep: true): Node }).get('p', true);
    assert.ok(isScalar(node));
    const value = String(node.value);
    const spans = charSpans(src, { file: 'f', start: node.range![0], end: node.range![1] }, value);
    assert.ok(spans);
    const i = value.indexOf('"${Bucket}"');
    assert.equal(src.slice(spans.starts[i], spans.ends[i + 10]), '"${Bucket}"');
  });

  it('text that is not what the source says gives no spans (the caller keeps the whole value)', () => {
    const src = 'p: "abc"\n';
    const s = scalar(src);
    assert.equal(charSpans(src, { file: 'f', ...s }, 'abd'), undefined);
  });
});
