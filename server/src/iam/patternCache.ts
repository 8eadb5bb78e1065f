// Compiled patterns, cached per text. One instance lives in each Catalog, so nothing is global.

import { isHole, type PStr } from '../model/pstr';
import { parseOperator, type ParsedOperator } from './conditionOperators';
import { compileGlob, type Glob, type GlobMode } from './glob';
import { STAND_INS } from './standIns';
import { hasVariables, resolvePieces, toPieces, type VarValue } from './variables';

/** Cached entries before the cache is emptied (patterns come from edited text, so they churn). */
const MAX_ENTRIES = 50000;

/**
 * How attacker-chosen variables read: `exists` = as `*` (the attacker picks a value that matches),
 * `forall` = the value matches nothing (the attacker picks one that does not).
 */
export type FreeMode = 'exists' | 'forall';

/** Variable lookup for one request; absent when the pattern kind takes no variables (Action). */
export type VarLookup = (key: string) => VarValue;

/** Compiled patterns and parsed operators, reused across evaluations (owned by a Catalog). */
export class PatternCache {
  /** mode + case -> pattern text -> compiled. Keyed by the text itself so V8 reuses its hash. */
  private readonly known = new Map<string, Map<string, Glob>>();
  /** Values with holes, by identity: the same statement is evaluated many times in one check. */
  private readonly values = new WeakMap<PStr, Map<string, Glob>>();
  private readonly operators = new Map<string, ParsedOperator | null>();
  private knownCount = 0;

  /** A parsed condition operator (cached); undefined when AWS does not know it. */
  operator(text: string): ParsedOperator | undefined {
    let op = this.operators.get(text);
    if (op === undefined) {
      if (this.operators.size >= MAX_ENTRIES) this.operators.clear();
      op = parseOperator(text) ?? null;
      this.operators.set(text, op);
    }
    return op ?? undefined;
  }

  /** A compiled fully known pattern text. */
  text(text: string, mode: GlobMode, ignoreCase: boolean): Glob {
    const modeKey = ignoreCase ? mode + 'i' : mode;
    let byText = this.known.get(modeKey);
    if (!byText) {
      byText = new Map();
      this.known.set(modeKey, byText);
    }
    let g = byText.get(text);
    if (!g) {
      if (this.knownCount >= MAX_ENTRIES) {
        this.known.clear();
        this.knownCount = 0;
        return this.text(text, mode, ignoreCase);
      }
      g = compileGlob([{ k: 'text', s: text }], mode, ignoreCase);
      byText.set(text, g);
      this.knownCount++;
    }
    return g;
  }

  /**
   * Compiles a policy value: symbol holes become stand-ins, policy variables (when `vars` is
   * given) are substituted. 'unresolvable': a variable has no value (AWS: matches nothing);
   * 'nomatch': an attacker-chosen variable in `forall` mode.
   */
  compile(
    value: PStr,
    mode: GlobMode,
    ignoreCase: boolean,
    vars?: VarLookup,
    free: FreeMode = 'exists',
  ): Glob | 'unresolvable' | 'nomatch' {
    const single = value.parts.length === 1 ? value.parts[0] : undefined;
    const withVars = vars !== undefined && hasVariables(value);
    if (typeof single === 'string' && !withVars) return this.text(single, mode, ignoreCase);
    if (value.parts.length === 0) return this.text('', mode, ignoreCase);
    if (!withVars) return this.compileHoles(value, mode, ignoreCase);
    const bound = value.parts.map((p) => (isHole(p) && p.symbol ? STAND_INS[p.symbol] : p));
    let pieces = toPieces({ parts: bound }, withVars);
    if (withVars) {
      const resolved = resolvePieces(pieces, vars);
      if (resolved === 'unresolvable') return resolved;
      if (free === 'forall' && resolved.some((p) => p.k === 'free')) return 'nomatch';
      pieces = resolved;
    }
    return compileGlob(pieces, mode, ignoreCase);
  }

  /** A value with holes and no variables, cached per value object. */
  private compileHoles(value: PStr, mode: GlobMode, ignoreCase: boolean): Glob {
    const modeKey = ignoreCase ? mode + 'i' : mode;
    let byMode = this.values.get(value);
    if (!byMode) {
      byMode = new Map();
      this.values.set(value, byMode);
    }
    let g = byMode.get(modeKey);
    if (!g) {
      const bound = value.parts.map((p) => (isHole(p) && p.symbol ? STAND_INS[p.symbol] : p));
      g = compileGlob(toPieces({ parts: bound }, false), mode, ignoreCase);
      byMode.set(modeKey, g);
    }
    return g;
  }
}
