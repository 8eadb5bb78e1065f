// HCL edits over the project's HCL syntax tree: find the node a Loc points at, then insert
// attributes, blocks, object entries or tuple items at their siblings' indentation.

import type { Block, Body, Expr, ObjectExpr, ObjectItem, Span, TemplatePart, TupleExpr } from '../../parse/hcl/ast';
import { parseHcl } from '../../parse/hcl/parser';
import type { TextEdit } from './types';
import { lineIndent, lineStart, nextLineStart, startsLine } from './text';
import { hclAttributes, hclKey, hclValue, type FixObject, type FixValue } from './values';

/** Any node of the HCL tree that can contain a location. */
export type HclNode =
  | Body
  | Block
  | Expr
  | ObjectItem
  | {
      readonly kind: 'attribute';
      readonly start: number;
      readonly end: number;
      readonly expr: Expr;
      readonly name: Span & { name: string };
    };

/** Parses a Terraform file for editing. */
export function parseHclBody(text: string): Body {
  return parseHcl(text).body;
}

function childrenOf(n: HclNode): readonly HclNode[] {
  if (!('kind' in n)) {
    if ('items' in n && !('key' in n)) return (n as Body).items as readonly HclNode[];
    const item = n as ObjectItem;
    return [item.key, item.value];
  }
  switch (n.kind) {
    case 'attribute':
      return [n.expr];
    case 'block':
      return [n.body];
    case 'template':
      return n.parts.flatMap(partExprs);
    case 'tuple':
      return n.items;
    case 'object':
      return n.items;
    case 'getattr':
      return [n.target];
    case 'index':
      return [n.target, n.key];
    case 'splat':
      return [n.target, n.each];
    case 'call':
      return n.args;
    case 'for':
      return [n.coll, ...(n.keyExpr ? [n.keyExpr] : []), n.valExpr, ...(n.cond ? [n.cond] : [])];
    case 'conditional':
      return [n.cond, n.then, n.else];
    case 'binary':
      return [n.left, n.right];
    case 'unary':
      return [n.operand];
    case 'paren':
      return [n.expr];
    default:
      return [];
  }
}

function partExprs(p: TemplatePart): Expr[] {
  switch (p.kind) {
    case 'interp':
      return [p.expr];
    case 'if':
      return [p.cond, ...p.then.flatMap(partExprs), ...(p.else ?? []).flatMap(partExprs)];
    case 'for':
      return [p.coll, ...p.body.flatMap(partExprs)];
    default:
      return [];
  }
}

/** The chain of nodes containing `[start, end)`, outermost first. */
export function hclChain(body: Body, start: number, end: number): HclNode[] {
  const chain: HclNode[] = [body];
  let cur: HclNode = body;
  for (;;) {
    const next: HclNode | undefined = childrenOf(cur).find((c) => c.start <= start && end <= c.end);
    if (!next) return chain;
    chain.push(next);
    cur = next;
  }
}

/** Type guards over HclNode. */
export function isBlock(n: HclNode | undefined): n is Block {
  return !!n && 'kind' in n && n.kind === 'block';
}

export function isObject(n: HclNode | undefined): n is ObjectExpr {
  return !!n && 'kind' in n && n.kind === 'object';
}

export function isTuple(n: HclNode | undefined): n is TupleExpr {
  return !!n && 'kind' in n && n.kind === 'tuple';
}

/** The literal text of an object key (bare identifier or quoted string). */
export function objectKey(text: string, item: ObjectItem): string {
  return text.slice(item.key.start, item.key.end).replace(/^"(.*)"$/s, '$1');
}

/** The item of an object whose key is `key`. */
export function objectItem(text: string, obj: ObjectExpr, key: string): ObjectItem | undefined {
  return obj.items.find((i) => objectKey(text, i) === key);
}

/** The indentation of the items inside `[open, close)` braces, from the first item or the opener's line. */
function innerIndent(text: string, container: Span, firstItem: Span | undefined, unit: string): string {
  if (firstItem && startsLine(text, firstItem.start)) return lineIndent(text, firstItem.start);
  return lineIndent(text, container.start) + unit;
}

/** Inserts `attrs` as attributes of a block, after its last attribute (before nested blocks). */
export function insertBlockAttributes(
  text: string,
  file: string,
  block: Block,
  attrs: FixObject,
  unit: string,
): TextEdit {
  const items = block.body.items;
  const indent = innerIndent(text, block, items[0], unit);
  const lastAttr = [...items].reverse().find((i) => i.kind === 'attribute');
  const lines = hclAttributes(attrs, indent, unit);
  if (lastAttr)
    return {
      file,
      start: nextLineStart(text, lastAttr.end),
      end: nextLineStart(text, lastAttr.end),
      newText: `${lines}\n`,
    };
  const open = text.indexOf('{', block.type.end);
  return insertAfterOpen(text, file, open, block.end, lines);
}

/** Inserts nested blocks (already rendered, unindented) at the end of a block body. */
export function appendBlocks(
  text: string,
  file: string,
  block: Block,
  rendered: readonly string[],
  unit: string,
): TextEdit {
  const items = block.body.items;
  const indent = innerIndent(text, block, items[0], unit);
  const body = rendered.map((b) => indentLines(b, indent)).join('\n\n');
  const last = items[items.length - 1];
  if (last) {
    const at = nextLineStart(text, last.end);
    return { file, start: at, end: at, newText: `\n${body}\n` };
  }
  return insertAfterOpen(text, file, text.indexOf('{', block.type.end), block.end, body);
}

/** Adds `entries` to an HCL object expression (`{ Key = value }`). */
export function insertObjectEntries(
  text: string,
  file: string,
  obj: ObjectExpr,
  entries: FixObject,
  unit: string,
): TextEdit {
  const items = obj.items;
  const multiline = text.slice(obj.start, obj.end).includes('\n');
  if (!multiline) {
    const inner = Object.keys(entries)
      .map((k) => `${hclKey(k)} = ${hclValue(entries[k], '', unit)}`)
      .join(', ');
    const body = text
      .slice(obj.start + 1, obj.end - 1)
      .trim()
      .replace(/,$/, '');
    return { file, start: obj.start, end: obj.end, newText: `{ ${body ? `${body}, ` : ''}${inner} }` };
  }
  const indent = innerIndent(text, obj, items[0], unit);
  const lines = hclAttributes(entries, indent, unit);
  const last = items[items.length - 1];
  if (last) {
    const at = nextLineStart(text, last.end);
    return { file, start: at, end: at, newText: `${lines}\n` };
  }
  return insertAfterOpen(text, file, obj.start, obj.end, lines);
}

/** Appends values to a tuple (`[a, b]`), one per line when the tuple spans lines. */
export function appendTupleItems(
  text: string,
  file: string,
  tuple: TupleExpr,
  values: readonly FixValue[],
  unit: string,
): TextEdit {
  const last = tuple.items[tuple.items.length - 1];
  const multiline = text.slice(tuple.start, tuple.end).includes('\n');
  const indent = multiline ? innerIndent(text, tuple, tuple.items[0], unit) : '';
  const rendered = values.map((v) => hclValue(v, indent, unit));
  if (!last) {
    return {
      file,
      start: tuple.start + 1,
      end: tuple.end - 1,
      newText: multiline
        ? `\n${rendered.map((r) => indent + r).join(',\n')}\n${lineIndent(text, tuple.start)}`
        : rendered.join(', '),
    };
  }
  const afterLast = text.slice(last.end, tuple.end - 1);
  const hasComma = /^\s*,/.test(afterLast);
  const commaEnd = hasComma ? last.end + afterLast.indexOf(',') + 1 : last.end;
  if (!multiline)
    return { file, start: commaEnd, end: commaEnd, newText: `${hasComma ? ' ' : ', '}${rendered.join(', ')}` };
  return {
    file,
    start: commaEnd,
    end: commaEnd,
    newText: `${hasComma ? '' : ','}\n${rendered.map((r) => indent + r).join(',\n')}${hasComma ? ',' : ''}`,
  };
}

function insertAfterOpen(text: string, file: string, open: number, end: number, lines: string): TextEdit {
  const closeLine = lineStart(text, end - 1);
  if (text.slice(open + 1, end - 1).includes('\n'))
    return { file, start: closeLine, end: closeLine, newText: `${lines}\n` };
  return { file, start: open + 1, end: end - 1, newText: `\n${lines}\n${lineIndent(text, open)}` };
}

function indentLines(s: string, indent: string): string {
  return s
    .split('\n')
    .map((l) => (l ? indent + l : l))
    .join('\n');
}
