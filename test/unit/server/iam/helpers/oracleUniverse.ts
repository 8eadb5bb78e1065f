// Test-only: a small universe for the brute-force oracle. Policies are generated over a few
// actions, S3 resources named with the letters a and b, and context keys of every kind (a string
// tag, a multivalued key, a number, a service key only CreateRole carries); every request of
// the universe is then enumerated with the concrete evaluator.

import type { ContextValue, EvalRequest } from '../../../../../server/src/iam/types';
import type { PolicyJson } from './policyJson';

/** Deterministic choices from a seeded PRNG. */
export interface Pick {
  int(n: number): number;
  one<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
}

export function picker(next: () => number): Pick {
  const int = (n: number) => Math.floor(next() * n);
  return { int, one: (xs) => xs[int(xs.length)], chance: (p) => next() < p };
}

const S3 = 'arn:aws:s3:::';
export const ACTIONS = ['s3:GetObject', 'iam:CreateRole', 'iam:PassRole'] as const;
const ACTION_PATTERNS = ['*', 's3:GetObject', 's3:Get*', 'iam:*', 'iam:CreateRole', 'iam:Pass*', 'iam:*Role', 's3:*'];
const WORDS = ['', 'a', 'b', 'x', 'ab', 'ba'];
const RESOURCE_PATTERNS = [
  '*',
  `${S3}a*`,
  `${S3}?`,
  `${S3}*b`,
  `${S3}a`,
  `${S3}ab`,
  `${S3}?*`,
  `${S3}*a*`,
  'arn:aws:s3:::${aws:PrincipalTag/t}*',
];
const TAG_VALUES = ['a', 'b', 'ab', 'a*', '?', '*b', 'x', '*'];

/** Keys of the universe and the states a request may give each (null: absent). */
export const KEY_STATES: Readonly<Record<string, readonly ContextValue[]>> = {
  'aws:PrincipalTag/t': [null, ...WORDS],
  'aws:TagKeys': [null, ['a'], ['b'], ['x'], ['a', 'b'], ['a', 'x'], ['b', 'x'], ['a', 'b', 'x']],
  'aws:MultiFactorAuthAge': [null, 'x', '4', '5', '7', '10', '11'],
  'iam:PermissionsBoundary': [null, 'p1', 'p2', 'other'],
};

/** Every resource a request of the universe may name. */
export const RESOURCES = WORDS.map((w) => S3 + w);

type Cond = Record<string, Record<string, string | string[]>>;

function condition(p: Pick, kinds: readonly number[]): Cond {
  const out: Cond = {};
  for (let i = p.int(3); i > 0; i--) {
    const [op, key, values] = conditionEntry(p, p.one(kinds));
    out[op] = { ...(out[op] ?? {}), [key]: values };
  }
  return out;
}

function conditionEntry(p: Pick, kind: number): [string, string, string | string[]] {
  const suffix = p.chance(0.25) ? 'IfExists' : '';
  switch (kind) {
    case 0: {
      const base = p.one(['StringEquals', 'StringNotEquals', 'StringLike', 'StringNotLike', 'StringEqualsIgnoreCase']);
      return [base + suffix, 'aws:PrincipalTag/t', values(p, TAG_VALUES)];
    }
    case 1: {
      const base = p.one([
        'ForAllValues:StringEquals',
        'ForAnyValue:StringEquals',
        'ForAllValues:StringLike',
        'ForAnyValue:StringNotEquals',
        'ForAllValues:StringNotLike',
      ]);
      return [base + (p.chance(0.1) ? 'IfExists' : ''), 'aws:TagKeys', values(p, ['a', 'b', 'x', '*', '?'])];
    }
    case 2: {
      const base = p.one([
        'NumericLessThan',
        'NumericGreaterThan',
        'NumericEquals',
        'NumericNotEquals',
        'NumericLessThanEquals',
      ]);
      return [base + suffix, 'aws:MultiFactorAuthAge', values(p, ['5', '10', 'oops'])];
    }
    case 3:
      return ['Null', p.one(['aws:PrincipalTag/t', 'aws:TagKeys']), p.one(['true', 'false'])];
    default:
      return [
        p.one(['StringEquals', 'StringNotEquals', 'StringLike']) + suffix,
        'iam:PermissionsBoundary',
        values(p, ['p1', 'p*', 'p?']),
      ];
  }
}

function values(p: Pick, pool: readonly string[]): string | string[] {
  const n = 1 + p.int(2);
  const vs = Array.from({ length: n }, () => p.one(pool));
  return vs.length === 1 ? vs[0] : vs;
}

function statement(p: Pick, effect: 'Allow' | 'Deny', kinds: readonly number[]): Record<string, unknown> {
  const st: Record<string, unknown> = { Effect: effect };
  const actions = Array.from({ length: 1 + p.int(2) }, () => p.one(ACTION_PATTERNS));
  st[p.chance(0.15) ? 'NotAction' : 'Action'] = actions.length === 1 ? actions[0] : actions;
  const resources = Array.from({ length: 1 + p.int(2) }, () => p.one(RESOURCE_PATTERNS));
  st[p.chance(0.15) ? 'NotResource' : 'Resource'] = resources.length === 1 ? resources[0] : resources;
  if (p.chance(0.7)) st.Condition = condition(p, kinds);
  return st;
}

/**
 * One identity policy (and sometimes a boundary) of 1–4 statements. Conditions use two kinds of
 * key per case (the brute force enumerates every state of each key used).
 */
export function generatePolicies(p: Pick): { identity: PolicyJson; boundary?: PolicyJson } {
  const kinds = [p.int(5), p.int(5)];
  const doc = (n: number): PolicyJson => ({
    Version: p.chance(0.8) ? '2012-10-17' : undefined,
    Statement: Array.from({ length: n }, (_, i) =>
      statement(p, i === 0 || p.chance(0.5) ? 'Allow' : 'Deny', kinds),
    ) as PolicyJson['Statement'],
  });
  return { identity: doc(1 + p.int(4)), boundary: p.chance(0.2) ? doc(1 + p.int(2)) : undefined };
}

/** The context keys the policies mention (the others are absent in every request). */
export function keysIn(json: readonly (PolicyJson | undefined)[]): string[] {
  const text = JSON.stringify(json);
  return Object.keys(KEY_STATES).filter((k) => text.includes(k));
}

/**
 * Every request of the universe for `actions` that varies only the keys in `keys`; a key the
 * action cannot carry (`available`) is absent, as in the procedure's request model.
 */
export function* requests(
  actions: readonly string[],
  keys: readonly string[],
  available: (action: string, key: string) => boolean,
): Generator<EvalRequest> {
  const combo = new Array<number>(keys.length).fill(0);
  for (const action of actions) {
    const states = keys.map((k) => (available(action, k) ? KEY_STATES[k] : [null]));
    for (const resource of RESOURCES) {
      combo.fill(0);
      for (;;) {
        const context: Record<string, ContextValue> = {};
        keys.forEach((k, i) => (context[k] = states[i][combo[i]]));
        yield { action, resource, context };
        let i = 0;
        while (i < combo.length && ++combo[i] === states[i].length) combo[i++] = 0;
        if (i === combo.length) break;
      }
    }
  }
}
