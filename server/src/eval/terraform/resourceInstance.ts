// One resource or data block during evaluation: lazy, memoized attributes (so references between
// resources resolve in any order, and cycles become unknowns), count/for_each, and its props.

import type { Loc } from '../../model/loc';
import type { Tri } from '../../model/resources';
import type { ObjEntry, ObjVal, Val } from '../../model/value';
import type { Attribute, Block } from '../../parse/hcl/ast';
import { blockKeyLoc, evalBlocks, evalBody, groupBlocks, headerLoc } from './blockBody';
import { type Env, type Evaluator, type InstanceBinding, locIn } from './evalTypes';
import { iterateVal } from './iterate';
import type { ResourceDecl } from '../../parse/terraform/moduleIndex';
import { synthesizeAttr, SYNTHESIZED_ATTRS } from './synthesized';
import { asNumber, linkVal, listVal, objVal, unknownVal } from '../../parse/values';

/** How many instances a block has: one, `count`, or `for_each` (with the keys when known). */
export type Repetition =
  | { readonly kind: 'single' }
  | { readonly kind: 'count'; readonly n?: number; readonly reason?: string }
  | { readonly kind: 'forEach'; readonly keys?: readonly string[]; readonly reason?: string };

/** Meta-arguments that are not part of a resource's props. */
const NOT_PROPS = new Set(['depends_on', 'provider', 'provisioner', 'connection']);

/** A resource or data block under evaluation (one representative instance per block). */
export class ResourceInstance {
  readonly address: string;
  /** `aws_iam_role` or `data.aws_iam_policy_document`. */
  readonly type: string;
  private readonly attrs = new Map<string, Attribute>();
  private readonly blocks: Map<string, Block[]>;
  private readonly memo = new Map<string, Val>();
  private readonly busy = new Set<string>();
  private rep?: Repetition;
  private instanceEnv?: Env;

  constructor(
    private readonly ev: Evaluator,
    readonly decl: ResourceDecl,
  ) {
    this.address = (ev.prefix ?? '') + decl.address;
    this.type = decl.mode === 'data' ? `data.${decl.type}` : decl.type;
    for (const item of decl.block.body.items) if (item.kind === 'attribute') this.attrs.set(item.name.name, item);
    this.blocks = groupBlocks(decl.block.body);
  }

  get loc(): Loc {
    return locIn(this.baseEnv(), this.decl.block);
  }

  /** The block header from `resource`/`data` through the last label. */
  get labelLoc(): Loc {
    return headerLoc(this.baseEnv(), this.decl.block);
  }

  /** Whether the argument `name` is written in the block. */
  has(name: string): boolean {
    return this.attrs.has(name);
  }

  /** The evaluation environment of the block's arguments (with count.index / each bound). */
  env(): Env {
    this.instanceEnv ??= { file: this.decl.file, instance: this.binding() };
    return this.instanceEnv;
  }

  /** count / for_each of the block, evaluated once. */
  repetition(): Repetition {
    this.rep ??= this.computeRepetition();
    return this.rep;
  }

  /** 'no' for `count = 0` or `for_each` over an empty collection; 'unknown' when they are unknown. */
  exists(): Tri {
    const r = this.repetition();
    if (r.kind === 'single') return 'yes';
    if (r.kind === 'count') return r.n === undefined ? 'unknown' : r.n > 0 ? 'yes' : 'no';
    return r.keys === undefined ? 'unknown' : r.keys.length > 0 ? 'yes' : 'no';
  }

  /** An argument, nested-block list or computed attribute of the (representative) instance. */
  attr(name: string): Val {
    const hit = this.memo.get(name);
    if (hit) return hit;
    if (this.busy.has(name)) return unknownVal(`${this.address}.${name} depends on itself`, this.loc);
    this.busy.add(name);
    const v = this.computeAttr(name);
    this.busy.delete(name);
    this.memo.set(name, v);
    return v;
  }

  /** Evaluates every written argument and nested block (memoized, for evaluation in dependency order). */
  evaluateAll(): void {
    this.repetition();
    for (const name of this.attrs.keys()) if (!NOT_PROPS.has(name)) this.attr(name);
    for (const name of this.blocks.keys()) if (!NOT_PROPS.has(name)) this.attr(name);
  }

  /** The instance as an object: written arguments, nested blocks and the computed attributes. */
  instanceObject(useLoc: Loc): ObjVal {
    const names = [...this.attrs.keys(), ...this.blocks.keys()];
    for (const n of SYNTHESIZED_ATTRS[this.type] ?? []) if (!names.includes(n)) names.push(n);
    const entries: ObjEntry[] = names
      .filter((n) => !NOT_PROPS.has(n))
      .map((n) => {
        const v = this.attr(n);
        return {
          key: n,
          keyLoc: useLoc,
          value: this.ev.marks.copy(v, linkVal(v, { resource: this.address, attr: n }, useLoc)),
        };
      });
    return objVal(entries, useLoc);
  }

  /** The reference without an index: a list for `count`, an object by key for `for_each`. */
  wholeValue(useLoc: Loc): Val {
    const r = this.repetition();
    if (r.kind === 'single') return this.instanceObject(useLoc);
    if (r.kind === 'count') {
      if (r.n === undefined) return listVal([], useLoc, r.reason);
      const inst = this.instanceObject(useLoc);
      return listVal(
        Array.from({ length: r.n }, () => inst),
        useLoc,
      );
    }
    if (r.keys === undefined) return objVal([], useLoc, r.reason);
    const inst = this.instanceObject(useLoc);
    return objVal(
      r.keys.map((key) => ({ key, keyLoc: useLoc, value: inst })),
      useLoc,
    );
  }

  /** The evaluated arguments and nested blocks (meta-arguments excluded). */
  props(): ObjVal {
    return evalBody(this.ev, this.decl.block.body, this.env(), this.loc, {
      valueOfName: (n) => this.attr(n),
      skip: NOT_PROPS,
    });
  }

  private computeAttr(name: string): Val {
    const a = this.attrs.get(name);
    if (a) return this.ev.evalExpr(a.expr, this.env());
    const blocks = this.blocks.get(name);
    if (blocks) return evalBlocks(this.ev, blocks, this.env());
    const synthesized = synthesizeAttr(this.ev, this, name);
    if (synthesized) return synthesized;
    const when = this.decl.mode === 'data' ? 'only when Terraform reads the data source' : 'only after apply';
    return unknownVal(`${this.address}.${name} is known ${when}`, this.loc);
  }

  /** The entry of a nested block type, as in props (used by the policy document builder). */
  blockEntry(type: string): ObjEntry | undefined {
    const blocks = this.blocks.get(type);
    return blocks ? { key: type, keyLoc: blockKeyLoc(this.env(), blocks[0]), value: this.attr(type) } : undefined;
  }

  /** The entry of a written argument, as in props. */
  attrEntry(name: string): ObjEntry | undefined {
    const a = this.attrs.get(name);
    return a ? { key: name, keyLoc: locIn(this.env(), a.name), value: this.attr(name) } : undefined;
  }

  private baseEnv(): Env {
    return { file: this.decl.file };
  }

  private computeRepetition(): Repetition {
    const count = this.attrs.get('count');
    const forEach = this.attrs.get('for_each');
    if (count) {
      const v = this.ev.evalExpr(count.expr, this.baseEnv());
      const n = asNumber(v);
      if (n !== undefined) return { kind: 'count', n };
      return {
        kind: 'count',
        reason: `the count of ${this.address} is unknown: ${v.k === 'unknown' ? v.reason : 'it is not a number'}`,
      };
    }
    if (!forEach) return { kind: 'single' };
    const it = iterateVal(this.ev.evalExpr(forEach.expr, this.baseEnv()));
    if (!it.ok || it.more !== undefined) {
      return { kind: 'forEach', reason: `the for_each of ${this.address} is unknown: ${it.ok ? it.more : it.reason}` };
    }
    return { kind: 'forEach', keys: it.entries.map((e) => keyText(e.key, e.value)) };
  }

  /**
   * count.index / each.* of the one instance we evaluate: concrete when there is exactly one
   * instance, otherwise unknown ("differs for each instance").
   */
  private binding(): InstanceBinding {
    const r = this.repetition();
    const loc = this.loc;
    if (r.kind === 'single') return { address: this.address };
    if (r.kind === 'count') {
      const countIndex =
        r.n === 1
          ? ({ k: 'num', n: 0, loc } as Val)
          : unknownVal(r.reason ?? `count.index differs for each instance of ${this.address}`, loc);
      return { address: this.address, countIndex };
    }
    return { address: this.address, ...this.eachBinding(r, loc) };
  }

  private eachBinding(r: Repetition & { kind: 'forEach' }, loc: Loc): Omit<InstanceBinding, 'address'> {
    const forEach = this.attrs.get('for_each');
    if (r.keys?.length === 1 && forEach) {
      const it = iterateVal(this.ev.evalExpr(forEach.expr, this.baseEnv()));
      if (it.ok && it.entries.length === 1) {
        const { key, value } = it.entries[0];
        return { eachKey: key.k === 'num' ? value : key, eachValue: value };
      }
    }
    const reason = r.reason ?? `each.key and each.value differ for each instance of ${this.address}`;
    return { eachKey: unknownVal(reason, loc), eachValue: unknownVal(reason, loc) };
  }
}

/** A for_each key: the object key, or for a set of strings the element itself. */
function keyText(key: Val, value: Val): string {
  if (key.k === 'str') return key.s.parts.map((p) => (typeof p === 'string' ? p : '?')).join('');
  if (value.k === 'str') return value.s.parts.map((p) => (typeof p === 'string' ? p : '?')).join('');
  return String(key.k === 'num' ? key.n : '?');
}
