// Outsiders for trust-policy questions: a principal in an AWS account no policy names (a fresh
// account), whose identity keys (aws:PrincipalAccount, aws:PrincipalArn, aws:PrincipalOrgID, ...)
// take that account, or values no policy writes, or are absent where AWS may leave them out.
// A condition "pins the caller" exactly when no such outsider meets it.

import { glob, oneOf } from '../../iam/prove/domains';
import { not, or } from '../../iam/prove/formula';
import type { KeyDomain } from '../../iam/prove/keys';
import type { AtomSpace } from '../../iam/prove/space';
import type { PatternCache } from '../../iam/patternCache';
import type { RequestPrincipal } from '../../iam/principal';
import { STAND_INS } from '../../iam/standIns';
import type { PatternItem, PatternList, PolicyDoc, Statement } from '../../model/policy';
import { isHole, textOf, type PStr } from '../../model/pstr';

/** Keys that identify the caller or its organization (one fixed or fresh value each). */
export const PIN_KEYS = [
  'aws:principalaccount',
  'aws:principalarn',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:userid',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceowner',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
];

/** An outsider for `docs`: a principal of a 12-digit account none of them writes. */
export function strangerAccount(docs: readonly PolicyDoc[]): string {
  const text = JSON.stringify(
    docs.map((d) => d.statements.map((s) => [s.principal, s.conditions.map((c) => c.values)])),
  );
  for (let n = 999999999999; ; n--) if (!text.includes(String(n)) && String(n) !== STAND_INS.account) return String(n);
}

/** The outsider calling sts:AssumeRole. */
export function strangerPrincipal(account: string): RequestPrincipal {
  return { type: 'AWS', value: `arn:${STAND_INS.partition}:iam::${account}:role/outsider` };
}

/** The outsider's identity keys: its account, an ARN in it, fresh organization values, no source keys. */
export function strangerKeys(
  account: string,
  docs: readonly PolicyDoc[],
  patterns: PatternCache,
): Record<string, Partial<KeyDomain>> {
  const fresh = (key: string) => (space: AtomSpace) => not(oneOf(space, patterns, literalsOf(docs, key)));
  const arnPrefix = `arn:${STAND_INS.partition}:iam::${account}:`;
  return {
    'aws:principalaccount': { absent: 'forbidden', value: (space) => glob(space, patterns, account, 'literal') },
    'aws:principalarn': {
      absent: 'forbidden',
      value: (space) =>
        or([
          glob(space, patterns, `${arnPrefix}role/?*`),
          glob(space, patterns, `${arnPrefix}user/?*`),
          glob(space, patterns, `${arnPrefix}root`, 'literal'),
        ]),
    },
    'aws:principalorgid': { value: fresh('aws:principalorgid') },
    'aws:principalorgpaths': { value: fresh('aws:principalorgpaths') },
    'aws:userid': { value: fresh('aws:userid') },
    'aws:principalisawsservice': { value: (space) => glob(space, patterns, 'false', 'literal') },
    'aws:sourceaccount': { absent: 'required' },
    'aws:sourcearn': { absent: 'required' },
    'aws:sourceowner': { absent: 'required' },
    'aws:sourceorgid': { absent: 'required' },
    'aws:sourceorgpaths': { absent: 'required' },
  };
}

/** Every literal value the documents compare `key` with (before any wildcard: a value written out). */
export function literalsOf(docs: readonly PolicyDoc[], key: string): string[] {
  const out = new Set<string>();
  for (const d of docs)
    for (const s of d.statements)
      for (const c of s.conditions)
        if (c.key.toLowerCase() === key)
          for (const it of c.values.items) {
            const t = textOf(it.value);
            if (t !== undefined) out.add(t);
          }
  return [...out];
}

/**
 * The document with deploy-time constants read as such, written `⟨reason⟩`: a hole in a
 * StringEquals value of `keys` (an external ID, an organization id; a whole unresolved value
 * list counts as one value), and a hole inside a principal ARN that has literal text around it
 * (`arn:aws:iam::${account}:root`). An outsider does not know such a value, and it names one
 * fixed principal. A principal that is a hole as a whole could be `*` and stays unknown.
 */
export function withConstantHoles(doc: PolicyDoc, keys: ReadonlySet<string>): PolicyDoc {
  return { ...doc, statements: doc.statements.map((s) => constantStatement(s, keys)) };
}

function constantStatement(s: Statement, keys: ReadonlySet<string>): Statement {
  const conditions = s.conditions.map((c) => (isConstantEntry(c, keys) ? { ...c, values: constantList(c.values) } : c));
  const principal = s.principal && {
    ...s.principal,
    entries: s.principal.entries.map((e) =>
      e.type === 'AWS' ? { ...e, items: { ...e.items, items: e.items.items.map(constantArn) } } : e,
    ),
  };
  return { ...s, conditions, principal };
}

function isConstantEntry(c: Statement['conditions'][number], keys: ReadonlySet<string>): boolean {
  return keys.has(c.key.toLowerCase()) && /^StringEquals(IgnoreCase)?$/i.test(c.operator);
}

function constantList(list: PatternList): PatternList {
  const items = list.items.map((it) => ({ ...it, value: asText(it.value) }));
  if (list.unknown === undefined) return { ...list, items };
  return {
    ...list,
    items: [...items, { value: { parts: [standIn(list.unknown)] }, loc: list.loc }],
    unknown: undefined,
  };
}

function constantArn(it: PatternItem): PatternItem {
  const hasText = it.value.parts.some((p) => typeof p === 'string' && p !== '');
  return hasText ? { ...it, value: asText(it.value) } : it;
}

/** The string with each hole replaced by a stand-in value (its symbol's, or `⟨reason⟩`). */
export function asText(s: PStr): PStr {
  if (!s.parts.some(isHole)) return s;
  return {
    parts: [
      s.parts.map((p) => (typeof p === 'string' ? p : p.symbol ? STAND_INS[p.symbol] : standIn(p.hole))).join(''),
    ],
  };
}

/** `⟨reason⟩`, without what a policy would read as a variable or a wildcard. */
function standIn(reason: string): string {
  return `⟨${reason.replace(/[$*?{}]/g, '')}⟩`;
}
