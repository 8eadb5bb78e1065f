// YAML edits as text insertions that keep the file's layout: the `yaml` package only tells
// where nodes are; new entries are written in block style at the siblings' indentation.

import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import type { TextEdit } from './types';
import { lineStart, nextLineStart, startsLine } from './text';
import { yamlEntry, yamlItem, type FixObject, type FixValue } from './values';

/** Parses a YAML file for editing (CloudFormation tags are kept as unresolved tags). */
export function parseYaml(text: string): Document.Parsed {
  return parseDocument(text, { uniqueKeys: false, prettyErrors: false, strict: false });
}

/** Every node of the document, depth first. */
function* walk(n: unknown): Generator<Node> {
  if (isPair(n)) {
    if (n.key) yield* walk(n.key);
    if (n.value) yield* walk(n.value);
    return;
  }
  if (!n || typeof n !== 'object') return;
  const node = n as Node;
  yield node;
  if (isMap(node) || isSeq(node)) for (const item of node.items) yield* walk(item);
}

/** The map or sequence that starts exactly at `start`. */
export function collectionAt(doc: Document.Parsed, start: number): YAMLMap | YAMLSeq | undefined {
  for (const n of walk(doc.contents)) {
    if ((isMap(n) || isSeq(n)) && n.range?.[0] === start) return n;
  }
  return undefined;
}

/** The pair whose key starts exactly at `start`. */
export function pairWithKeyAt(doc: Document.Parsed, start: number): Pair<Node, Node> | undefined {
  const visit = (n: unknown): Pair<Node, Node> | undefined => {
    if (!isMap(n) && !isSeq(n)) return undefined;
    for (const item of n.items) {
      if (isPair(item)) {
        const key = item.key as Node | null;
        if (key && key.range?.[0] === start) return item as Pair<Node, Node>;
        const found = visit(item.value);
        if (found) return found;
      } else {
        const found = visit(item);
        if (found) return found;
      }
    }
    return undefined;
  };
  return visit(doc.contents);
}

/** The innermost map that contains `offset`. */
export function mapContaining(doc: Document.Parsed, offset: number): YAMLMap | undefined {
  let best: YAMLMap | undefined;
  for (const n of walk(doc.contents)) {
    const r = n.range;
    if (isMap(n) && r && r[0] <= offset && offset <= r[1] && (!best || r[0] >= best.range![0])) best = n;
  }
  return best;
}

/** The pair for `key` in a map. */
export function mapPair(map: YAMLMap, key: string): Pair<Node, Node> | undefined {
  for (const p of map.items)
    if (isPair(p) && isScalar(p.key) && String(p.key.value) === key) return p as Pair<Node, Node>;
  return undefined;
}

/** Where a collection's last entry ends (value end, before trailing comments). */
function lastEnd(items: readonly unknown[]): number | undefined {
  const last = items[items.length - 1];
  if (isPair(last)) return ((last.value as Node | null)?.range ?? (last.key as Node | null)?.range)?.[1];
  return (last as Node | undefined)?.range?.[1];
}

/** Inserts `entries` at the end of a block map, at its keys' indentation. */
export function insertIntoMap(
  text: string,
  file: string,
  map: YAMLMap,
  entries: FixObject,
  unit: string,
): TextEdit | undefined {
  if (map.flow || map.items.length === 0) return undefined;
  const firstKey = (map.items[0] as Pair<Node, Node>).key;
  const keyStart = firstKey?.range?.[0];
  const end = lastEnd(map.items);
  if (keyStart === undefined || end === undefined) return undefined;
  const indent = ' '.repeat(keyStart - lineStart(text, keyStart));
  const lines = Object.keys(entries)
    .map((k) => yamlEntry(k, entries[k], indent, unit))
    .join('\n');
  return insertLines(text, file, end, lines);
}

/** Appends `items` to a block sequence, dashes aligned with the existing ones. */
export function appendToSeq(
  text: string,
  file: string,
  seq: YAMLSeq,
  items: readonly FixValue[],
  unit: string,
): TextEdit | undefined {
  if (seq.flow || seq.items.length === 0) return undefined;
  const first = seq.items[0] as Node;
  const start = first.range?.[0];
  const end = lastEnd(seq.items);
  if (start === undefined || end === undefined) return undefined;
  const dash = text.lastIndexOf('-', start - 1);
  if (dash < lineStart(text, start) || !startsLine(text, dash)) return undefined;
  const indent = text.slice(lineStart(text, dash), dash).replace(/\t/g, unit);
  const lines = items.map((v) => yamlItem(v, indent, unit)).join('\n');
  return insertLines(text, file, end, lines);
}

/** Inserts whole lines after the line holding `afterOffset - 1`. */
export function insertLines(text: string, file: string, afterOffset: number, lines: string): TextEdit {
  const at = nextLineStart(text, afterOffset);
  const needsNl = at === text.length && !text.endsWith('\n');
  return { file, start: at, end: at, newText: `${needsNl ? '\n' : ''}${lines}\n` };
}
