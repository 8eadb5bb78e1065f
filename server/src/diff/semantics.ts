// What a set of policies means, independent of where it is written: statement fingerprints
// (order, file, local names and policy boundaries do not count), and the rewritten statements
// the diff questions are built from.

import type { PatternList, PolicyDoc, PrincipalSpec, Statement } from '../model/policy';
import type { Part, PStr } from '../model/pstr';

/** The policies a principal's requests are judged by. */
export interface Permissions {
  readonly identity: readonly PolicyDoc[];
  /** Undefined: no permissions boundary. */
  readonly boundary?: readonly PolicyDoc[];
  /** Attached policies that are not in the files (AWS managed, external), by their ARN text. */
  readonly unresolved?: readonly string[];
}

const part = (p: Part): string => (typeof p === 'string' ? JSON.stringify(p) : `⟨${p.symbol ?? p.hole}⟩`);
const pstr = (s: PStr): string => s.parts.map(part).join('+');
const list = (l: PatternList | undefined): string =>
  l
    ? `[${[...new Set(l.items.map((i) => pstr(i.value)))].sort().join(',')}${l.unknown !== undefined ? `,?${l.unknown}` : ''}]`
    : '-';
const principal = (p: PrincipalSpec | undefined): string =>
  p
    ? p.wildcard
      ? '*'
      : p.entries
          .map((e) => `${e.type}=${list(e.items)}`)
          .sort()
          .join(';') + (p.unknown !== undefined ? `?${p.unknown}` : '')
    : '-';

/** A statement's meaning as text: two statements with the same key allow or deny the same requests. */
export function statementKey(st: Statement, version: string | undefined): string {
  const conds = st.conditions.map((c) => `${c.operator.toLowerCase()}|${c.key.toLowerCase()}|${list(c.values)}`).sort();
  return [
    version === '2012-10-17' ? 'v' : '-',
    st.effect ?? `?${st.effectUnknown ?? ''}`,
    list(st.action),
    list(st.notAction),
    list(st.resource),
    list(st.notResource),
    principal(st.principal),
    principal(st.notPrincipal),
    conds.join('&'),
    st.conditionsUnknown ?? '',
  ].join('\u0001');
}

function docsKey(docs: readonly PolicyDoc[]): string {
  const keys = new Set<string>();
  for (const d of docs) {
    if (d.unknownStatements !== undefined) keys.add(`?${d.unknownStatements}`);
    for (const st of d.statements) keys.add(statementKey(st, d.version?.value));
  }
  return [...keys].sort().join('\u0002');
}

/** Equal fingerprints: the same requests are allowed (a refactor); the diff skips the procedure. */
export function permissionsKey(p: Permissions): string {
  return [docsKey(p.identity), p.boundary ? docsKey(p.boundary) : '∅', [...(p.unresolved ?? [])].sort().join(',')].join(
    '\u0003',
  );
}

/** A trust (or any single) policy's fingerprint. */
export function docKey(doc: PolicyDoc | undefined): string {
  return doc ? docsKey([doc]) : '∅';
}

/** Every statement key with the given effect. */
export function keysWithEffect(docs: readonly PolicyDoc[], effect: 'Allow' | 'Deny'): Set<string> {
  const out = new Set<string>();
  for (const d of docs)
    for (const st of d.statements) if (st.effect === effect) out.add(statementKey(st, d.version?.value));
  return out;
}

/**
 * The document's Allow statements as Denies (unknown Effects stay unknown; its unreadable
 * statements stay unreadable): a request gets past them exactly when no Allow of `doc` applies.
 */
export function allowsAsDenies(doc: PolicyDoc): PolicyDoc {
  const statements = doc.statements
    .filter((st) => st.effect !== 'Deny')
    .map((st) => (st.effect === 'Allow' ? { ...st, effect: 'Deny' as const } : st));
  return { ...doc, statements };
}

/** The document's Deny statements only. */
export function deniesOf(doc: PolicyDoc): PolicyDoc {
  return { ...doc, statements: doc.statements.filter((st) => st.effect === 'Deny'), unknownStatements: undefined };
}

/** One Deny statement of `doc` as the lone Allow of a document: "this Deny applies". */
export function denyAsAllow(doc: PolicyDoc, st: Statement): PolicyDoc {
  return { ...doc, statements: [{ ...st, effect: 'Allow' }], unknownStatements: undefined };
}

/** The document without the Allow statements whose keys are in `keys`. */
export function withoutAllows(doc: PolicyDoc, keys: ReadonlySet<string>): PolicyDoc {
  if (keys.size === 0) return doc;
  const statements = doc.statements.filter(
    (st) => st.effect !== 'Allow' || !keys.has(statementKey(st, doc.version?.value)),
  );
  return statements.length === doc.statements.length ? doc : { ...doc, statements };
}
