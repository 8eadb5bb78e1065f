// Re-parses only the top-level blocks an edit touches. Blocks that end before the edited lines
// are kept as they are; blocks that start after them are kept and moved by the length change.
// Any doubt (the old or new text has syntax problems, JSON syntax) means a full parse instead.

import type { BodyItem } from '../hcl/ast';
import { blankBom } from '../bom';
import { parseHclRange } from '../hcl/parser';
import type { SourceFile } from '../../model/source';
import type { ParsedTfFile } from './hclFileCache';

/** The new parse of `file`, reusing `old` where the text did not change; undefined: parse it all. */
export function reparse(old: ParsedTfFile, file: SourceFile): ParsedTfFile | undefined {
  if ((old.kind !== 'tf' && old.kind !== 'tfvars') || old.problems.length > 0) return undefined;
  const a = old.text;
  const b = file.text;
  const { pre, suf } = commonEnds(a, b);
  const delta = b.length - a.length;
  // Whole lines around the change: the first changed line, through the line after the last change.
  const editLineStart = a.lastIndexOf('\n', pre - 1) + 1;
  const nl = a.indexOf('\n', a.length - suf);
  const editLinesEnd = nl < 0 ? a.length : nl + 1;
  const items = old.body.items;
  let i = 0;
  while (i < items.length && items[i].end < editLineStart) i++;
  let j = items.length;
  while (j > i && items[j - 1].start >= editLinesEnd) j--;
  const midStart = i === 0 ? 0 : lineAfter(a, items[i - 1].end);
  const midEnd = j === items.length ? b.length : items[j].start + delta;
  if (midStart > pre || midEnd < b.length - suf) return undefined;
  const mid = parseHclRange(blankBom(b), midStart, midEnd);
  if (mid.problems.length > 0) return undefined;
  const after = items.slice(j);
  if (delta !== 0) {
    const seen = new Set<object>();
    for (const item of after) shift(item, delta, seen);
  }
  const body = { items: [...items.slice(0, i), ...mid.body.items, ...after], start: 0, end: b.length };
  return { id: file.id, path: file.path, kind: old.kind, text: b, body, problems: [] };
}

/** Lengths of the common prefix and (non-overlapping) common suffix of two texts. */
function commonEnds(a: string, b: string): { pre: number; suf: number } {
  const max = Math.min(a.length, b.length);
  let pre = 0;
  while (pre < max && a.charCodeAt(pre) === b.charCodeAt(pre)) pre++;
  let suf = 0;
  while (suf < max - pre && a.charCodeAt(a.length - 1 - suf) === b.charCodeAt(b.length - 1 - suf)) suf++;
  return { pre, suf };
}

function lineAfter(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/**
 * Moves a kept node and everything in it by `delta`. The old tree is owned by the cache entry
 * being replaced, and evaluations copy offsets into their own values, so moving in place is safe.
 */
function shift(node: BodyItem | object, delta: number, seen: Set<object>): void {
  // A node can be reachable twice (an expression kept both as a part and as a target).
  if (seen.has(node)) return;
  seen.add(node);
  const n = node as Record<string, unknown>;
  if (typeof n.start === 'number') n.start += delta;
  if (typeof n.end === 'number') n.end += delta;
  for (const key in n) {
    const v = n[key];
    if (!v || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const x of v) if (x && typeof x === 'object') shift(x, delta, seen);
    } else {
      shift(v, delta, seen);
    }
  }
}
