// Attacker mode: the values an attacker could send for a key the request leaves open. The search
// tries a small set of witnesses derived from the policy's own values, which finds a satisfying
// (or dodging) choice for the usual shapes of conditions; it is a heuristic, not a solver.

import type { ConditionEntry } from '../model/policy';
import { textOf } from '../model/pstr';
import type { ParsedOperator } from './conditionOperators';
import { formatIp, parseIpRange } from './ipAddress';
import type { KeyState } from './requestContext';
import { parseDate, parseNumber } from './valueTest';

const FRESH = 'pg-attacker-value';
const FRESH_ARN = 'arn:aws:iam::999999999999:role/pg-attacker';
const MAX_CANDIDATES = 40;

/** A condition entry with its parsed operator. */
export interface OpEntry {
  readonly entry: ConditionEntry;
  readonly op: ParsedOperator;
}

/** Candidate states for one key: absent, single values, and (when a set operator is used) lists. */
export function attackerChoices(entries: readonly OpEntry[]): KeyState[] {
  const values = new Set<string>();
  for (const { entry, op } of entries) {
    for (const item of entry.values.items) {
      const text = textOf(item.value) ?? item.value.parts.map((p) => (typeof p === 'string' ? p : '')).join('');
      for (const c of candidatesFor(op, text)) values.add(c);
    }
    values.add(entries.some((e) => e.op.kind === 'arn') ? FRESH_ARN : FRESH);
  }
  const list = [...values].slice(0, MAX_CANDIDATES);
  const states: KeyState[] = [{ k: 'absent' }, ...list.map((v): KeyState => ({ k: 'single', v }))];
  if (entries.some((e) => e.op.set)) {
    states.push({ k: 'multi', vs: [] }, { k: 'multi', vs: list });
    for (const v of list) states.push({ k: 'multi', vs: [v] });
  }
  return states;
}

function candidatesFor(op: ParsedOperator, text: string): string[] {
  switch (op.kind) {
    case 'string':
    case 'arn':
      return op.comparison === 'like' ? [text.replace(/\*/g, '').replace(/\?/g, 'a'), text.replace(/\*/g, 'pgx').replace(/\?/g, 'b')] : [text];
    case 'numeric': {
      const n = parseNumber(text);
      return n === undefined ? [] : [n, n - 1, n + 1].map(String);
    }
    case 'date': {
      const d = parseDate(text);
      return d === undefined ? [] : [d - 1000, d, d + 1000].map((ms) => new Date(ms).toISOString());
    }
    case 'bool':
      return ['true', 'false'];
    case 'ip':
      return ipCandidates(text);
    default:
      return [text];
  }
}

function ipCandidates(text: string): string[] {
  const r = parseIpRange(text);
  if (!r) return [];
  const max = r.v6 ? (1n << 128n) - 1n : (1n << 32n) - 1n;
  const out = [r.first, r.last];
  if (r.first > 0n) out.push(r.first - 1n);
  if (r.last < max) out.push(r.last + 1n);
  return out.map((v) => formatIp(v, r.v6));
}
