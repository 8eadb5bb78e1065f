// References and traversals: `var.x`, `local.x`, `path.module`, `count.index`, `each.value`,
// `aws_iam_role.r.arn`, `data.x.y.z`, `module.m.out`, then `.attr`, `[index]` and splats.

import type { Loc } from '../../model/loc';
import type { Val } from '../../model/value';
import type { Expr, SplatExpr, Span } from '../../parse/hcl/ast';
import { childEnv, type Env, type Evaluator, locIn, lookupVar } from './evalTypes';
import type { ResourceInstance } from './resourceInstance';
import {
  asNumber,
  errorVal,
  isError,
  knownText,
  linkVal,
  listVal,
  propagate,
  strVal,
  unknownVal,
} from '../../parse/values';

/** The scope name under which a splat's current element is bound. */
export const SPLAT_ITEM = '\0splat';

type Step =
  | { readonly kind: 'attr'; readonly name: string; readonly end: number }
  | { readonly kind: 'index'; readonly key: Expr; readonly end: number };

interface Trav {
  readonly ev: Evaluator;
  readonly env: Env;
  readonly steps: readonly Step[];
  readonly start: number;
}

/** Evaluates a variable, attribute/index chain or splat. */
export function evalTraversal(ev: Evaluator, e: Expr, env: Env): Val {
  if (e.kind === 'splat') return evalSplat(ev, e, env);
  const steps: Step[] = [];
  let root: Expr = e;
  for (;;) {
    if (root.kind === 'getattr') steps.push({ kind: 'attr', name: root.name.name, end: root.end });
    else if (root.kind === 'index') steps.push({ kind: 'index', key: root.key, end: root.end });
    else break;
    root = root.target;
  }
  steps.reverse();
  const t: Trav = { ev, env, steps, start: e.start };
  if (root.kind !== 'variable') return applySteps(t, ev.evalExpr(root, env), 0);
  const scoped = lookupVar(env, root.name);
  if (scoped) return applySteps(t, scoped, 0);
  return resolveRoot(t, root.name, root);
}

function locTo(t: Trav, end: number): Loc {
  return { file: t.env.file, start: t.start, end };
}

function attrStep(t: Trav, i: number): string | undefined {
  const s = t.steps[i];
  return s?.kind === 'attr' ? s.name : undefined;
}

function resolveRoot(t: Trav, root: string, span: Span): Val {
  const first = attrStep(t, 0);
  const loc1 = locTo(t, t.steps[0]?.end ?? span.end);
  if (t.env.constOnly) return errorVal(`references (${root}) are not allowed here`, loc1);
  if (first === undefined) return errorVal(`${root} must be followed by an attribute name`, locIn(t.env, span));
  switch (root) {
    case 'var':
      return applySteps(t, t.ev.variable(first, loc1), 1);
    case 'local':
      return applySteps(t, t.ev.local(first, loc1), 1);
    case 'path':
      return applySteps(t, pathValue(t.ev, first, loc1), 1);
    case 'terraform':
      return unknownVal(`terraform.${first} is chosen when Terraform runs`, loc1);
    case 'count':
    case 'each':
      return applySteps(t, instanceValue(t.env, root, first, loc1), 1);
    case 'self':
      return unknownVal('self is only known during provisioning', loc1);
    case 'module':
      return moduleRef(t, first, loc1);
    case 'data':
      return dataRef(t, first);
  }
  const inst = t.ev.instance(`${root}.${first}`);
  if (inst) return resourceRef(t, inst, 1);
  if (root.includes('_')) return errorVal(`${root}.${first} is not declared in this module`, loc1);
  return errorVal(`unknown reference: ${root}`, locIn(t.env, span));
}

function pathValue(ev: Evaluator, name: string, loc: Loc): Val {
  if (name === 'module' || name === 'root') return strVal(ev.dir, loc);
  if (name === 'cwd') return unknownVal('path.cwd depends on where Terraform runs', loc);
  return errorVal(`path.${name} does not exist`, loc);
}

function instanceValue(env: Env, root: 'count' | 'each', name: string, loc: Loc): Val {
  const b = env.instance;
  const v =
    root === 'count'
      ? name === 'index'
        ? b?.countIndex
        : undefined
      : name === 'key'
        ? b?.eachKey
        : name === 'value'
          ? b?.eachValue
          : undefined;
  if (!v)
    return errorVal(`${root}.${name} is only valid in a block with ${root === 'count' ? 'count' : 'for_each'}`, loc);
  return { ...v, loc };
}

function dataRef(t: Trav, type: string): Val {
  const name = attrStep(t, 1);
  const loc = locTo(t, t.steps[1]?.end ?? t.steps[0].end);
  if (name === undefined) return errorVal(`data.${type} must be followed by a name`, loc);
  const inst = t.ev.instance(`data.${type}.${name}`);
  if (!inst) return errorVal(`data.${type}.${name} is not declared in this module`, loc);
  return resourceRef(t, inst, 2);
}

/** `module.<name>[index]?.<output>...`: the outputs of a followed module call. */
function moduleRef(t: Trav, name: string, loc1: Loc): Val {
  const target = t.ev.moduleRef?.(name, loc1);
  if (!target)
    return t.ev.index.moduleCalls.has(name)
      ? unknownVal(`module.${name} outputs are not analysed`, loc1)
      : errorVal(`module.${name} is not declared in this module`, loc1);
  let i = 1;
  if (target.counted) {
    if (t.steps[1]?.kind !== 'index') return applySteps(t, target.wholeValue(loc1), 1);
    i = 2;
  }
  const step = t.steps[i];
  const loc = locTo(t, t.steps[i - 1].end);
  if (!step) return target.instanceObject(loc);
  if (step.kind !== 'attr') return applySteps(t, target.instanceObject(loc), i);
  return applySteps(t, target.output(step.name, locTo(t, step.end)), i + 1);
}

/** `<address>[index]?.attr...`: an index selects the instance of a counted or for_each resource. */
function resourceRef(t: Trav, inst: ResourceInstance, i: number): Val {
  const rep = inst.repetition();
  let selected = rep.kind === 'single';
  if (!selected && t.steps[i]?.kind === 'index') {
    if (inst.exists() === 'no') return errorVal(`${inst.address} has no instances`, locTo(t, t.steps[i].end));
    selected = true;
    i++;
  }
  const step = t.steps[i];
  if (!step) {
    const loc = locTo(t, t.steps[i - 1].end);
    return selected ? inst.instanceObject(loc) : inst.wholeValue(loc);
  }
  if (step.kind !== 'attr') return applySteps(t, inst.instanceObject(locTo(t, t.steps[i - 1].end)), i);
  const attr = inst.attr(step.name);
  const v = t.ev.marks.copy(attr, linkVal(attr, { resource: inst.address, attr: step.name }, locTo(t, step.end)));
  return applySteps(t, v, i + 1);
}

/** Applies the remaining attribute and index steps to a value. */
function applySteps(t: Trav, v: Val, from: number): Val {
  let cur = v;
  for (let i = from; i < t.steps.length && !isError(cur); i++) cur = applyStep(t, cur, t.steps[i]);
  return cur;
}

function applyStep(t: Trav, v: Val, step: Step): Val {
  const loc = locTo(t, step.end);
  if (v.k === 'unknown') return propagate(v, loc);
  if (step.kind === 'attr') {
    if (v.k === 'obj') {
      for (const e of v.entries) if (e.key === step.name) return e.value;
      return v.more ? unknownVal(v.more, loc) : errorVal(`the object has no attribute "${step.name}"`, loc);
    }
    return errorVal(
      `cannot read "${step.name}" of a ${v.k === 'list' ? 'list (use [*] or an index)' : v.k === 'null' ? 'null value' : 'non-object value'}`,
      loc,
    );
  }
  const key = t.ev.evalExpr(step.key, t.env);
  if (key.k === 'unknown') return propagate(key, loc);
  if (v.k === 'list') {
    const n = asNumber(key);
    if (n === undefined || !Number.isInteger(n) || n < 0) return errorVal('a list index must be a whole number', loc);
    if (n < v.items.length) return v.items[n];
    return v.more
      ? unknownVal(v.more, loc)
      : errorVal(`index ${n} is out of range (the list has ${v.items.length} items)`, loc);
  }
  if (v.k === 'obj') {
    const k = knownText(key);
    if (k !== undefined) for (const e of v.entries) if (e.key === k) return e.value;
    return v.more ? unknownVal(v.more, loc) : errorVal(`the object has no key ${JSON.stringify(k)}`, loc);
  }
  return errorVal('only lists and objects can be indexed', loc);
}

/** `x[*].a` / `x.*.a`: applies the traversal to every element; a single value counts as a one-item list. */
function evalSplat(ev: Evaluator, e: SplatExpr, env: Env): Val {
  const target = ev.evalExpr(e.target, env);
  const loc = locIn(env, e);
  if (target.k === 'null') return listVal([], loc);
  if (target.k === 'unknown') return propagate(target, loc);
  const items = target.k === 'list' ? target.items : [target];
  const out = items.map((item) => ev.evalExpr(e.each, childEnv(env, new Map([[SPLAT_ITEM, item]]))));
  return listVal(out, loc, target.k === 'list' ? target.more : undefined);
}
