// Block bodies as values: attributes become entries, nested blocks become lists of objects under
// their block type, and `dynamic` blocks are expanded over known collections.

import type { Loc } from '../../model/loc';
import { spanLoc } from '../../model/loc';
import type { ObjEntry, ObjVal, Val } from '../../model/value';
import type { Attribute, Block, Body } from '../../parse/hcl/ast';
import { childEnv, type Env, type Evaluator, locIn } from './evalTypes';
import { iterateVal } from './iterate';
import { listVal, objVal } from '../../parse/values';

/** The nested blocks of `body` by type, in source order; a `dynamic "x"` block counts under `x`. */
export function groupBlocks(body: Body): Map<string, Block[]> {
  const groups = new Map<string, Block[]>();
  for (const item of body.items) {
    if (item.kind !== 'block') continue;
    const type = blockType(item);
    const list = groups.get(type);
    if (list) list.push(item);
    else groups.set(type, [item]);
  }
  return groups;
}

/** The header of a block: its type through its last label. */
export function headerLoc(env: Env, block: Block): Loc {
  const last = block.labels[block.labels.length - 1];
  return locIn(env, { start: block.type.start, end: last ? last.end : block.type.end });
}

/** Options of evalBody: a memo for values by name, and names to leave out. */
export interface BodyOptions {
  readonly valueOfName?: (name: string) => Val;
  readonly skip?: ReadonlySet<string>;
}

/**
 * Evaluates a body to an object: attribute entries (keyLoc = the name) and one list entry per
 * nested block type (keyLoc = the first block's type, or a dynamic block's label).
 */
export function evalBody(ev: Evaluator, body: Body, env: Env, loc: Loc, opts: BodyOptions = {}): ObjVal {
  const entries: ObjEntry[] = [];
  let hasBlocks = false;
  for (const i of body.items) if (i.kind === 'block') hasBlocks = true;
  const groups = hasBlocks ? groupBlocks(body) : undefined;
  const done = hasBlocks ? new Set<string>() : undefined;
  for (const item of body.items) {
    const type = item.kind === 'attribute' ? item.name.name : blockType(item);
    if (opts.skip?.has(type)) continue;
    if (done) {
      if (done.has(type)) continue;
      done.add(type);
    }
    if (item.kind === 'attribute') {
      const value = opts.valueOfName ? opts.valueOfName(type) : ev.evalExpr(item.expr, env);
      entries.push({ key: type, keyLoc: locIn(env, item.name), value });
    } else {
      const blocks = groups?.get(type) ?? [];
      const value = opts.valueOfName ? opts.valueOfName(type) : evalBlocks(ev, blocks, env);
      entries.push({ key: type, keyLoc: blockKeyLoc(env, blocks[0]), value });
    }
  }
  return objVal(entries, loc);
}

/** A block's type, or for `dynamic "x"` the generated type `x`. */
export function blockType(b: Block): string {
  return b.type.name === 'dynamic' && b.labels[0] ? b.labels[0].value : b.type.name;
}

/** The key location of a block-type entry: the block type, or a dynamic block's label. */
export function blockKeyLoc(env: Env, first: Block): Loc {
  return locIn(env, first.type.name === 'dynamic' && first.labels[0] ? first.labels[0] : first.type);
}

/** The blocks of one type as a list of objects (dynamic blocks expanded). */
export function evalBlocks(ev: Evaluator, blocks: readonly Block[], env: Env): Val {
  const items: Val[] = [];
  let more: string | undefined;
  for (const b of blocks) {
    if (b.type.name === 'dynamic') more ??= expandDynamic(ev, b, env, items);
    else items.push(nestedObject(ev, b.body, env, locIn(env, b), headerLoc(env, b)));
  }
  const loc = spanLoc(locIn(env, blocks[0]), locIn(env, blocks[blocks.length - 1]));
  return listVal(items, loc, more);
}

function nestedObject(ev: Evaluator, body: Body, env: Env, loc: Loc, header: Loc): ObjVal {
  const obj = evalBody(ev, body, env, loc);
  ev.marks.headers.set(obj, header);
  return obj;
}

/**
 * `dynamic "x" { for_each = …, iterator = it, content { … } }`: one object per element, with the
 * iterator (default: the label) bound to `{ key, value }`. Returns a reason when the collection is unknown.
 */
function expandDynamic(ev: Evaluator, block: Block, env: Env, out: Val[]): string | undefined {
  const label = block.labels[0]?.value ?? 'dynamic';
  let forEach: Attribute | undefined;
  let iterator = label;
  let content: Block | undefined;
  for (const item of block.body.items) {
    if (item.kind === 'attribute' && item.name.name === 'for_each') forEach = item;
    else if (item.kind === 'attribute' && item.name.name === 'iterator' && item.expr.kind === 'variable')
      iterator = item.expr.name;
    else if (item.kind === 'block' && item.type.name === 'content') content = item;
  }
  if (!forEach || !content) return `the dynamic "${label}" block has no for_each or content`;
  const coll = ev.evalExpr(forEach.expr, env);
  const it = iterateVal(coll);
  if (!it.ok) return `the for_each of dynamic "${label}" is unknown: ${it.reason}`;
  const header = headerLoc(env, block);
  for (const { key, value } of it.entries) {
    const itVal = objVal(
      [
        { key: 'key', keyLoc: key.loc, value: key },
        { key: 'value', keyLoc: value.loc, value },
      ],
      value.loc,
    );
    const inner = childEnv(env, new Map([[iterator, itVal]]));
    out.push(nestedObject(ev, content.body, inner, locIn(env, content), header));
  }
  return it.more;
}
