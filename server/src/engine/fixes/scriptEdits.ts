// Text edits in TypeScript/JavaScript object and array literals (Pulumi programs), in the file's
// own style: its indentation, its quote character, quoted or bare keys, trailing commas.

import type { ArrayExpression, Node, ObjectExpression, ObjectProperty, Statement } from '@babel/types';
import { nodesAround } from '../../parse/pulumi/ast';
import { isTypeScriptPath } from '../../parse/pulumi/detect';
import { parseScript } from '../../parse/pulumi/parseScript';
import { indentUnit, lineIndent } from './text';
import type { TextEdit } from './types';
import { isRaw, type FixObject, type FixValue } from './values';

/** A parsed script with what edits need to match its style. */
export interface ScriptSite {
  readonly file: string;
  readonly text: string;
  readonly body: readonly Statement[];
  readonly quote: '"' | "'";
  readonly unit: string;
}

/** Parses `text` (piece by piece if it does not parse whole) for editing. */
export function scriptSite(file: string, path: string, text: string): ScriptSite {
  const body = parseScript(text, file, isTypeScriptPath(path)).body;
  const doubles = (text.match(/"/g) ?? []).length;
  const singles = (text.match(/'/g) ?? []).length;
  return { file, text, body, quote: singles > doubles ? "'" : '"', unit: indentUnit(text) };
}

/** The nodes around `[start, end)`, outermost first. */
export function chainAt(site: ScriptSite, start: number, end = start): Node[] {
  return nodesAround(site.body, start, end);
}

/** The innermost node of `type` around an offset that starts exactly there. */
export function nodeAt<T extends Node['type']>(
  site: ScriptSite,
  start: number,
  type: T,
): Extract<Node, { type: T }> | undefined {
  return chainAt(site, start)
    .reverse()
    .find((n): n is Extract<Node, { type: T }> => n.type === type && n.start === start);
}

/** The literal key of a property, or undefined for computed and method keys. */
export function keyName(p: Node): string | undefined {
  if (p.type !== 'ObjectProperty') return undefined;
  if (p.key.type === 'Identifier' && !p.computed) return p.key.name;
  if (p.key.type === 'StringLiteral') return p.key.value;
  return undefined;
}

/** The property `key` of an object literal. */
export function propertyOf(obj: ObjectExpression, key: string): ObjectProperty | undefined {
  return obj.properties.find((p): p is ObjectProperty => keyName(p) === key);
}

/** A string literal in the file's quote style. */
export function tsString(s: string, q: string): string {
  return q + s.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`).replace(/\n/g, '\\n') + q;
}

/** A property key: bare when it is an identifier and the object's keys are bare, else quoted. */
export function tsKey(k: string, q: string, quoted: boolean): string {
  return !quoted && /^[A-Za-z_$][\w$]*$/.test(k) ? k : tsString(k, q);
}

/** A value as TypeScript; objects and arrays of objects span lines at `indent`. */
export function tsValue(v: FixValue, indent: string, site: ScriptSite, quoted: boolean): string {
  if (typeof v === 'string') return tsString(v, site.quote);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isRaw(v)) return v.raw;
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x !== 'object' || isRaw(x)))
      return `[${v.map((x) => tsValue(x, indent, site, quoted)).join(', ')}]`;
    return `[\n${v.map((x) => `${indent}${site.unit}${tsValue(x, indent + site.unit, site, quoted)},`).join('\n')}\n${indent}]`;
  }
  const obj = v as FixObject;
  const lines = Object.keys(obj).map(
    (k) =>
      `${indent}${site.unit}${tsKey(k, site.quote, quoted)}: ${tsValue(obj[k], indent + site.unit, site, quoted)},`,
  );
  return lines.length ? `{\n${lines.join('\n')}\n${indent}}` : '{}';
}

/** True when the object writes its keys in quotes (IAM JSON style). */
export function hasQuotedKeys(obj: ObjectExpression): boolean {
  const first = obj.properties.find((p) => p.type === 'ObjectProperty');
  return first?.type === 'ObjectProperty' && first.key.type === 'StringLiteral';
}

/** Adds `key: value` properties to an object literal. */
export function insertProperties(site: ScriptSite, obj: ObjectExpression, props: FixObject): TextEdit {
  const quoted = hasQuotedKeys(obj);
  const indent = memberIndent(site, obj, obj.properties);
  const rendered = Object.keys(props).map(
    (k) => `${tsKey(k, site.quote, quoted)}: ${tsValue(props[k], indent, site, quoted)}`,
  );
  return insertMembers(site, obj, obj.properties, rendered);
}

/** Adds items (already written as text, or values) to an array literal. */
export function appendItems(
  site: ScriptSite,
  arr: ArrayExpression,
  items: readonly FixValue[],
  quoted: boolean,
): TextEdit {
  const present = arr.elements.filter((e): e is NonNullable<typeof e> => !!e);
  const indent = memberIndent(site, arr, present);
  return insertMembers(
    site,
    arr,
    present,
    items.map((i) => tsValue(i, indent, site, quoted)),
  );
}

/** Adds members written as text after the last member of an object or array literal. */
export function insertMembers(
  site: ScriptSite,
  container: Node,
  members: readonly Node[],
  rendered: readonly string[],
): TextEdit {
  const { text, file } = site;
  const start = container.start ?? 0;
  const end = container.end ?? 0;
  const last = members[members.length - 1];
  const indent = memberIndent(site, container, members);
  if (!last) {
    const outer = lineIndent(text, start);
    const [open, close] = container.type === 'ArrayExpression' ? ['[', ']'] : ['{', '}'];
    return {
      file,
      start,
      end,
      newText: `${open}\n${rendered.map((r) => `${indent}${r},`).join('\n')}\n${outer}${close}`,
    };
  }
  const oneLine = !text.slice(start, end).includes('\n');
  const after = /^\s*,/.exec(text.slice(last.end ?? 0));
  if (oneLine)
    return {
      file,
      start: last.end ?? 0,
      end: last.end ?? 0,
      newText: rendered.map((r) => `, ${r.replace(/\n\s*/g, ' ')}`).join(''),
    };
  if (after) {
    const at = (last.end ?? 0) + after[0].length;
    return { file, start: at, end: at, newText: rendered.map((r) => `\n${indent}${r},`).join('') };
  }
  return { file, start: last.end ?? 0, end: last.end ?? 0, newText: rendered.map((r) => `,\n${indent}${r}`).join('') };
}

/** The indentation of members: that of the first member's line, else one unit in from the container's line. */
export function memberIndent(site: ScriptSite, container: Node, members: readonly (Node | null)[]): string {
  const first = members.find((m) => !!m);
  const text = site.text;
  if (first && text.slice(container.start ?? 0, first.start ?? 0).includes('\n'))
    return lineIndent(text, first.start ?? 0);
  return lineIndent(text, container.start ?? 0) + site.unit;
}

/** Deletes a property with its separating comma. */
export function removeProperty(site: ScriptSite, obj: ObjectExpression, prop: Node): TextEdit {
  const i = obj.properties.indexOf(prop as ObjectExpression['properties'][number]);
  const next = obj.properties[i + 1];
  const prev = obj.properties[i - 1];
  if (next) return { file: site.file, start: prop.start ?? 0, end: next.start ?? 0, newText: '' };
  if (prev) return { file: site.file, start: prev.end ?? 0, end: prop.end ?? 0, newText: '' };
  const comma = /^\s*,/.exec(site.text.slice(prop.end ?? 0));
  return { file: site.file, start: prop.start ?? 0, end: (prop.end ?? 0) + (comma ? comma[0].length : 0), newText: '' };
}

/** Strips TypeScript wrappers (`as`, `satisfies`, `!`, parentheses) from an expression. */
export function unwrap(n: Node | null | undefined): Node | undefined {
  let e = n ?? undefined;
  while (
    e &&
    (e.type === 'TSAsExpression' ||
      e.type === 'TSSatisfiesExpression' ||
      e.type === 'TSNonNullExpression' ||
      e.type === 'ParenthesizedExpression')
  )
    e = e.expression;
  return e;
}
