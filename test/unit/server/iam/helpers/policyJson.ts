// Test-only: plain JSON policy objects → PolicyDoc. Strings may hold holes written as
// `{{account}}`, `{{region}}`, `{{partition}}` (symbols) or `{{?reason}}` (an unknown part).

import type { Loc } from '../../../../../server/src/model/loc';
import type {
  ConditionEntry,
  PatternItem,
  PatternList,
  PolicyDoc,
  PrincipalSpec,
  Statement,
} from '../../../../../server/src/model/policy';
import { concatParts, hole, type Part, type PStr, type SelfSymbol } from '../../../../../server/src/model/pstr';

type Json = string | string[];
interface StatementJson {
  Sid?: string;
  Effect?: string;
  Action?: Json;
  NotAction?: Json;
  Resource?: Json;
  NotResource?: Json;
  Principal?: '*' | Record<string, Json>;
  NotPrincipal?: '*' | Record<string, Json>;
  Condition?: Record<string, Record<string, Json>>;
}
export interface PolicyJson {
  Version?: string;
  Statement: StatementJson | StatementJson[];
}

/** Locations are fake but unique: each element gets the next offset in `file`. */
class Locs {
  private next = 0;
  constructor(private readonly file: string) {}
  loc(): Loc {
    const start = this.next;
    this.next += 10;
    return { file: this.file, start, end: start + 5 };
  }
}

const SYMBOLS: readonly SelfSymbol[] = ['account', 'region', 'partition'];

/** A PStr from text with `{{...}}` hole markers. */
export function pstr(text: string): PStr {
  const parts: Part[] = [];
  let last = 0;
  for (const m of text.matchAll(/\{\{(\??)([^}]*)\}\}/g)) {
    parts.push(text.slice(last, m.index));
    const sym = SYMBOLS.find((s) => s === m[2]);
    parts.push(m[1] === '' && sym ? hole(`the deploying ${sym}`, undefined, sym) : hole(m[2] || 'unknown'));
    last = (m.index ?? 0) + m[0].length;
  }
  parts.push(text.slice(last));
  return concatParts(parts);
}

function list(v: Json | undefined, L: Locs): PatternList | undefined {
  if (v === undefined) return undefined;
  const arr = Array.isArray(v) ? v : [v];
  return { loc: L.loc(), items: arr.map((s): PatternItem => ({ value: pstr(s), loc: L.loc() })) };
}

function principal(v: StatementJson['Principal'], L: Locs): PrincipalSpec | undefined {
  if (v === undefined) return undefined;
  if (v === '*') return { loc: L.loc(), wildcard: true, entries: [] };
  const entries = Object.entries(v).map(([type, items]) => ({ type, typeLoc: L.loc(), items: list(items, L)! }));
  return { loc: L.loc(), wildcard: false, entries };
}

function conditions(c: StatementJson['Condition'], L: Locs): ConditionEntry[] {
  const out: ConditionEntry[] = [];
  for (const [operator, keys] of Object.entries(c ?? {})) {
    const operatorLoc = L.loc();
    for (const [key, values] of Object.entries(keys))
      out.push({ operator, operatorLoc, key, keyLoc: L.loc(), values: list(values, L)! });
  }
  return out;
}

function statement(s: StatementJson, index: number, L: Locs): Statement {
  const effect = s.Effect === 'Allow' || s.Effect === 'Deny' ? s.Effect : undefined;
  const effectUnknown = s.Effect?.startsWith('{{?') ? s.Effect.slice(3, -2) : undefined;
  return {
    loc: L.loc(),
    index,
    sid: s.Sid,
    effect,
    effectLoc: L.loc(),
    effectUnknown,
    action: list(s.Action, L),
    notAction: list(s.NotAction, L),
    resource: list(s.Resource, L),
    notResource: list(s.NotResource, L),
    principal: principal(s.Principal, L),
    notPrincipal: principal(s.NotPrincipal, L),
    conditions: conditions(s.Condition, L),
  };
}

/** Converts a JSON policy object. */
export function policyDoc(json: PolicyJson, file = 'policy.json'): PolicyDoc {
  const L = new Locs(file);
  const statements = Array.isArray(json.Statement) ? json.Statement : [json.Statement];
  return {
    loc: L.loc(),
    statementLoc: L.loc(),
    version: json.Version ? { value: json.Version, loc: L.loc() } : undefined,
    statements: statements.map((s, i) => statement(s, i, L)),
    problems: [],
    syntax: 'json',
  };
}
