// Generic access to @babel/parser trees: the child nodes of a node (positions, comments and type
// annotations left out), and the chain of nodes around an offset (for quick fixes).

import type { Node, Statement } from '@babel/types';

/** Keys of babel nodes that hold no expressions the checker reads (positions, comments, types). */
const SKIP = new Set([
  'type',
  'start',
  'end',
  'loc',
  'range',
  'extra',
  'leadingComments',
  'trailingComments',
  'innerComments',
  'typeAnnotation',
  'returnType',
  'typeParameters',
  'superTypeParameters',
  'typeArguments',
  'predicate',
]);

/** The child nodes of a node, in source order for the node kinds the checker reads. */
export function children(node: Node): Node[] {
  const out: Node[] = [];
  const record = node as unknown as Record<string, unknown>;
  for (const key in record) {
    const value = record[key];
    if (!value || typeof value !== 'object' || SKIP.has(key)) continue;
    if (Array.isArray(value)) {
      for (const v of value) if (isNode(v)) out.push(v);
    } else if (isNode(value)) out.push(value);
  }
  return out;
}

/** True for keys of babel nodes that may hold child nodes the checker reads. */
export function isChildKey(key: string): boolean {
  return !SKIP.has(key);
}

/** True for a babel node (an object with a string `type`). */
export function isNode(v: unknown): v is Node {
  return !!v && typeof v === 'object' && typeof (v as { type?: unknown }).type === 'string';
}

/** The nodes containing `[start, end)`, outermost first (empty when no statement contains it). */
export function nodesAround(body: readonly Statement[], start: number, end: number): Node[] {
  const chain: Node[] = [];
  let level: readonly Node[] = body;
  for (;;) {
    const hit = level.find((n) => (n.start ?? 0) <= start && end <= (n.end ?? 0));
    if (!hit) return chain;
    chain.push(hit);
    level = children(hit);
  }
}
