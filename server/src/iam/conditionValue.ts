// One request value against one policy value, for each operator kind (before negation and sets).

import { textOf, type PStr } from '../model/pstr';
import type { Tri } from '../model/resources';
import type { ParsedOperator } from './conditionOperators';
import { parseIp, parseIpRange } from './ipAddress';
import { matchGlob } from './match';
import type { PatternCache, VarLookup } from './patternCache';

/** What comparing a value needs: the pattern cache and variable lookup (undefined: no variables). */
export interface ValueEnv {
  readonly patterns: PatternCache;
  readonly lookup: VarLookup | undefined;
}

/** 'invalid': the policy or request value is not of the operator's type, or a variable has no value. */
export type ValueResult = Tri | 'invalid';

const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Does `request` satisfy the positive comparison of `op` against `policy`? */
export function testValue(op: ParsedOperator, request: string | PStr, policy: PStr, env: ValueEnv): ValueResult {
  switch (op.kind) {
    case 'string':
    case 'arn':
      return testPattern(op, request, policy, env);
    case 'binary':
      return testPattern({ ...op, kind: 'string', comparison: 'equals' }, request, policy, env);
    default:
      return testScalar(op, request, policy);
  }
}

function testPattern(op: ParsedOperator, request: string | PStr, policy: PStr, env: ValueEnv): ValueResult {
  const isArn = op.kind === 'arn';
  const text = typeof request === 'string' ? request : textOf(request);
  if (isArn && text !== undefined && text.split(':').length < 6) return 'invalid';
  const mode = isArn ? 'arn' : op.comparison === 'like' ? 'glob' : 'literal';
  const g = env.patterns.compile(policy, mode, op.comparison === 'equalsIgnoreCase', env.lookup);
  if (g === 'unresolvable') return 'invalid';
  if (g === 'nomatch') return 'no';
  return matchGlob(text ?? request, g);
}

function testScalar(op: ParsedOperator, request: string | PStr, policy: PStr): ValueResult {
  const p = textOf(policy);
  const r = typeof request === 'string' ? request : textOf(request);
  if (p === undefined || r === undefined) return 'unknown';
  if (op.kind === 'bool') return testBool(p, r);
  if (op.kind === 'ip') return testIp(p, r);
  const pv = op.kind === 'numeric' ? parseNumber(p) : parseDate(p);
  const rv = op.kind === 'numeric' ? parseNumber(r) : parseDate(r);
  if (pv === undefined || rv === undefined) return 'invalid';
  return compare(op, rv, pv) ? 'yes' : 'no';
}

function compare(op: ParsedOperator, r: number, p: number): boolean {
  switch (op.comparison) {
    case 'lt':
      return r < p;
    case 'lte':
      return r <= p;
    case 'gt':
      return r > p;
    case 'gte':
      return r >= p;
    default:
      return r === p;
  }
}

function testBool(p: string, r: string): ValueResult {
  const pl = p.toLowerCase();
  const rl = r.toLowerCase();
  if ((pl !== 'true' && pl !== 'false') || (rl !== 'true' && rl !== 'false')) return 'invalid';
  return pl === rl ? 'yes' : 'no';
}

function testIp(p: string, r: string): ValueResult {
  const range = parseIpRange(p);
  const ip = parseIp(r);
  if (!range || !ip) return 'invalid';
  if (range.v6 !== ip.v6) return 'no';
  return ip.first >= range.first && ip.first <= range.last ? 'yes' : 'no';
}

/** A number as IAM writes it (integer or decimal); undefined otherwise. */
export function parseNumber(text: string): number | undefined {
  const t = text.trim();
  return NUMBER_RE.test(t) ? Number(t) : undefined;
}

/**
 * Milliseconds since the epoch from ISO 8601 text or an integer count of epoch seconds. A
 * date-time without an offset is UTC (AWS IAM User Guide, date condition operators), never the
 * host's time zone.
 */
export function parseDate(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t) * 1000;
  if (!/^\d{4}-\d{2}-\d{2}/.test(t)) return undefined;
  const hasTime = /^\d{4}-\d{2}-\d{2}T/i.test(t);
  const hasOffset = /(Z|[+-]\d{2}(:?\d{2})?)$/i.test(t);
  const ms = Date.parse(hasTime && !hasOffset ? `${t}Z` : t);
  return Number.isNaN(ms) ? undefined : ms;
}
