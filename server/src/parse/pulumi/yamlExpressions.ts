// Pulumi YAML expressions: `${name}` and `${resource.property[0].key}` interpolation (with `$${`
// for a literal `${`), and the built-in functions the checker can evaluate.

import type { Loc } from '../../model/loc';
import { hole, textOf, type Part, type PStr } from '../../model/pstr';
import { getEntry, type StrVal, type Val } from '../../model/value';
import { joinParts, listVal, objVal, strVal, toPStr, unknownVal } from '../values';
import { invokeResult } from './calls';
import { LimitGuard } from './limits';
import { renderJson } from './members';
import { resourceAttr, type PulumiResource } from './resources';
import { invokeKindOfToken } from './resourceTypes';

/** What names in a YAML program refer to. */
export interface YamlScope {
  readonly resources: Map<string, PulumiResource>;
  /** `variables:` entries, unevaluated. */
  readonly variables: Map<string, Val>;
  readonly config: ReadonlySet<string>;
}

const REFERENCE = /\$\$\{|\$\{([^}]*)\}/g;

/** Evaluates the values of one YAML program; variables are evaluated once. */
export class YamlEvaluator {
  private readonly memo = new Map<string, Val>();
  private readonly inProgress = new Set<string>();
  private readonly guard = new LimitGuard();

  constructor(private readonly scope: YamlScope) {}

  eval(v: Val): Val {
    const stop = this.guard.enter();
    if (stop) return unknownVal(stop, v.loc);
    try {
      switch (v.k) {
        case 'str':
          return this.interpolate(v);
        case 'list':
          return listVal(
            v.items.map((i) => this.eval(i)),
            v.loc,
            v.more,
          );
        case 'obj':
          if (v.entries.length === 1 && v.entries[0].key.startsWith('fn::'))
            return this.builtin(v.entries[0].key, v.entries[0].value, v.loc);
          return objVal(
            v.entries.map((e) => ({ ...e, value: this.eval(e.value) })),
            v.loc,
            v.more,
          );
        default:
          return v;
      }
    } finally {
      this.guard.leave();
    }
  }

  private interpolate(v: StrVal): Val {
    const text = textOf(v.s);
    if (text === undefined || !text.includes('${')) return v;
    const whole = /^\$\{([^}]*)\}$/.exec(text);
    if (whole) return this.reference(whole[1].trim(), v.loc);
    const pieces: (Part | PStr)[] = [];
    let last = 0;
    for (const m of text.matchAll(REFERENCE)) {
      pieces.push(text.slice(last, m.index));
      pieces.push(m[1] === undefined ? '${' : this.text(this.reference(m[1].trim(), v.loc)));
      last = m.index! + m[0].length;
    }
    pieces.push(text.slice(last));
    return strVal(joinParts(pieces), v.loc);
  }

  private text(v: Val): PStr {
    if (v.k === 'obj' || v.k === 'list') return renderJson(v);
    return toPStr(v) ?? { parts: [hole('a value is not text', v.loc)] };
  }

  /**
   * `name`, `name.prop`, `name[0]`, `name["key"]`. Reasons name the reference without `${…}`:
   * reasons may be shown inside policy text, where `${` reads as a policy variable.
   */
  private reference(expr: string, loc: Loc): Val {
    const steps = parsePath(expr);
    if (!steps) return unknownVal(`the interpolation of \`${expr}\` is not a reference the checker reads`, loc);
    const [root, ...rest] = steps;
    let v: Val;
    const res = this.scope.resources.get(String(root));
    if (res) {
      const attr = rest.shift();
      v = attr === undefined ? resourceAttr(res, 'id', loc) : resourceAttr(res, String(attr), loc);
    } else if (this.scope.variables.has(String(root))) v = this.variable(String(root), loc);
    else if (this.scope.config.has(String(root)) || String(root).includes(':'))
      return unknownVal(`\`${expr}\` is a configuration value, set per stack`, loc);
    else if (root === 'pulumi') return unknownVal(`\`${expr}\` is set per stack`, loc);
    else
      return unknownVal(`\`${expr}\` does not name a resource, variable or configuration value of this program`, loc);
    for (const step of rest) v = member(v, step, loc);
    return v;
  }

  private variable(name: string, loc: Loc): Val {
    const cached = this.memo.get(name);
    if (cached) return cached;
    if (this.inProgress.has(name)) return unknownVal(`the variable ${name} refers to itself`, loc);
    this.inProgress.add(name);
    try {
      const v = this.eval(this.scope.variables.get(name)!);
      this.memo.set(name, v);
      return v;
    } finally {
      this.inProgress.delete(name);
    }
  }

  private builtin(name: string, arg: Val, loc: Loc): Val {
    switch (name) {
      case 'fn::toJSON': {
        const v = this.eval(arg);
        return v.k === 'obj' || v.k === 'list' || v.k === 'unknown' ? v : strVal(renderJson(v), v.loc);
      }
      case 'fn::secret':
        return this.eval(arg);
      case 'fn::invoke':
        return this.invoke(arg, loc);
      case 'fn::join': {
        const [sep, items] = arg.k === 'list' ? arg.items.map((i) => this.eval(i)) : [];
        if (sep?.k !== 'str' || items?.k !== 'list' || items.more)
          return unknownVal(`\`fn::join\` joins values that are not known here`, loc);
        return strVal(
          joinParts(items.items.flatMap((item, i) => (i ? [sep.s, this.text(item)] : [this.text(item)]))),
          loc,
        );
      }
      case 'fn::select': {
        const [index, items] = arg.k === 'list' ? arg.items.map((i) => this.eval(i)) : [];
        if (index?.k !== 'num' || items?.k !== 'list' || index.n >= items.items.length)
          return unknownVal('`fn::select` selects from values that are not known here', loc);
        return items.items[index.n];
      }
      default:
        return unknownVal(`\`${name}\` is computed when the program runs`, loc);
    }
  }

  private invoke(arg: Val, loc: Loc): Val {
    const fn = arg.k === 'obj' ? getEntry(arg, 'function')?.value : undefined;
    const token = fn?.k === 'str' ? textOf(fn.s) : undefined;
    const kind = token ? invokeKindOfToken(token) : undefined;
    if (!kind || arg.k !== 'obj')
      return unknownVal(`\`fn::invoke\` of ${token ?? 'a function'} is computed when the program runs`, loc);
    const args = getEntry(arg, 'arguments')?.value;
    const result = invokeResult(kind, args ? this.eval(args) : objVal([], loc), loc);
    const ret = getEntry(arg, 'return')?.value;
    const field = ret?.k === 'str' ? textOf(ret.s) : undefined;
    return field ? member(result, field, loc) : result;
  }
}

/** `a.b[0]["c"]` -> ['a', 'b', 0, 'c']; undefined when it is not such a path. */
function parsePath(expr: string): (string | number)[] | undefined {
  const steps: (string | number)[] = [];
  const re = /^(?:\.?([A-Za-z_][\w-]*)|\[(\d+)\]|\["([^"]*)"\])/;
  let rest = expr;
  while (rest.length) {
    const m = re.exec(rest);
    if (!m || (steps.length === 0 && m[1] === undefined)) return undefined;
    steps.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : m[3]));
    rest = rest.slice(m[0].length);
  }
  return steps.length ? steps : undefined;
}

function member(v: Val, step: string | number, loc: Loc): Val {
  if (v.k === 'unknown') return { ...v, loc };
  if (v.k === 'obj') return getEntry(v, String(step))?.value ?? (v.more ? unknownVal(v.more, loc) : { k: 'null', loc });
  if (v.k === 'list' && typeof step === 'number')
    return v.items[step] ?? (v.more ? unknownVal(v.more, loc) : { k: 'null', loc });
  return unknownVal(`a property ${step} of a value that has none`, loc);
}
