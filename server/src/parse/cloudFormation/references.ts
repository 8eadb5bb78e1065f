// The resources a template value refers to (`Ref`, `Fn::GetAtt`, `${X}` and `${X.Attr}` in
// `Fn::Sub`) and the conditions a condition refers to: the edges of the evaluation order.

import type { Val } from '../../model/value';

/** Logical ids among `known` that `v` refers to (a walk with an explicit stack). */
export function resourceRefs(v: Val, known: ReadonlyMap<string, unknown>): string[] {
  const out = new Set<string>();
  const add = (id: string | undefined) => id !== undefined && known.has(id) && out.add(id);
  walk(v, (key, arg) => {
    if (key === 'Ref') add(literal(arg));
    else if (key === 'Fn::GetAtt') add(arg.k === 'list' ? literal(arg.items[0]) : literal(arg)?.split('.')[0]);
    else if (key === 'Fn::Sub') for (const id of subNames(literal(arg.k === 'list' ? arg.items[0] : arg))) add(id);
  });
  return [...out];
}

/** Condition names a condition definition refers to (`{"Condition": name}`). */
export function conditionRefs(v: Val): string[] {
  const out: string[] = [];
  walk(v, (key, arg) => {
    const name = key === 'Condition' ? literal(arg) : undefined;
    if (name !== undefined) out.push(name);
  });
  return out;
}

/** Calls `onIntrinsic` for every one-key object (an intrinsic or condition reference) under `v`. */
function walk(v: Val, onIntrinsic: (key: string, arg: Val) => void): void {
  const stack: Val[] = [v];
  for (let cur = stack.pop(); cur; cur = stack.pop()) {
    if (cur.k === 'list') for (const item of cur.items) stack.push(item);
    else if (cur.k === 'obj') {
      if (cur.entries.length === 1) onIntrinsic(cur.entries[0].key, cur.entries[0].value);
      for (const e of cur.entries) stack.push(e.value);
    }
  }
}

function literal(v: Val | undefined): string | undefined {
  return v?.k === 'str' && v.s.parts.length === 1 && typeof v.s.parts[0] === 'string' ? v.s.parts[0] : undefined;
}

/** The resource part of each `${X}` / `${X.Attr}` in a Sub template. */
function subNames(text: string | undefined): string[] {
  if (text === undefined) return [];
  const out: string[] = [];
  for (const m of text.matchAll(/\$\{([^!}][^}]*)\}/g)) out.push(m[1].trim().split('.')[0]);
  return out;
}
