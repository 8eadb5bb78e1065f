// JSON edits through jsonc-parser's `modify`, on a whole file or on JSON embedded in another
// file (a Terraform heredoc): offsets are shifted by `base`.

import { modify, parseTree, type JSONPath, type Node } from 'jsonc-parser';
import type { TextEdit } from './types';
import { eolOf, indentUnit } from './text';

/** A JSON text region: the file, the region's text and where it starts in the file. */
export interface JsonRegion {
  readonly file: string;
  readonly base: number;
  readonly text: string;
}

/** The parsed region, or undefined when it is not JSON at all. */
export function parseRegion(region: JsonRegion): Node | undefined {
  return parseTree(region.text, [], { allowTrailingComma: true, disallowComments: false });
}

/** The deepest node starting exactly at file offset `start` (a key string, a value, an object). */
export function nodeStartingAt(root: Node, region: JsonRegion, start: number): Node | undefined {
  const rel = start - region.base;
  let found: Node | undefined;
  const visit = (n: Node) => {
    if (rel < n.offset || rel > n.offset + n.length) return;
    if (n.offset === rel) found = n;
    for (const c of n.children ?? []) visit(c);
  };
  visit(root);
  return found;
}

/** The value node for a node that is a property key (or the node itself). */
export function valueOf(n: Node): Node {
  if (n.parent?.type === 'property' && n.parent.children?.[0] === n && n.parent.children[1])
    return n.parent.children[1];
  if (n.type === 'property' && n.children?.[1]) return n.children[1];
  return n;
}

/** The JSON path of a node, from the region's root. */
export function pathOf(n: Node): JSONPath {
  const path: JSONPath = [];
  let cur: Node | undefined = n;
  while (cur?.parent) {
    const parent: Node = cur.parent;
    if (parent.type === 'property') {
      path.unshift(String(parent.children![0].value));
      cur = parent.parent;
    } else if (parent.type === 'array') {
      path.unshift(parent.children!.indexOf(cur));
      cur = parent;
    } else cur = parent;
  }
  return path;
}

/** The child value at `key` of an object node. */
export function childAt(obj: Node | undefined, key: string): Node | undefined {
  if (obj?.type !== 'object') return undefined;
  for (const p of obj.children ?? []) if (p.children?.[0]?.value === key) return p.children[1];
  return undefined;
}

/** Edits setting (or, with `-1` as last segment, appending) `value` at `path` in the region. */
export function jsonSet(region: JsonRegion, path: JSONPath, value: unknown, fileText: string): TextEdit[] {
  const unit = indentUnit(region.text);
  const edits = modify(region.text, path, value, {
    formattingOptions: { insertSpaces: unit !== '\t', tabSize: unit === '\t' ? 4 : unit.length, eol: eolOf(fileText) },
  });
  return edits.map((e) => ({
    file: region.file,
    start: region.base + e.offset,
    end: region.base + e.offset + e.length,
    newText: e.content,
  }));
}
