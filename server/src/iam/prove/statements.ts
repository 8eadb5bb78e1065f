// Statements prepared for one action: what is decided already (Action, Principal, Effect, as
// yes/no/unknown) and what the search still chooses (Resource and each condition entry).

import type { Catalog } from '../../catalog/catalog';
import type { Loc } from '../../model/loc';
import type { PatternList, PolicyDoc, Statement } from '../../model/policy';
import type { Tri } from '../../model/resources';
import type { ParsedOperator } from '../conditionOperators';
import type { VarLookup } from '../patternCache';
import { matchNotPrincipal, matchPrincipal, type RequestPrincipal } from '../principal';
import { statementCoversAction } from '../statementEval';
import type { Why } from '../tri';
import { readPatternItem, type EntryEnv } from './entryFormula';
import { not, or, type Formula } from './formula';
import { noteUnresolved, takesWide, uncertain, type AtomSpace, type Reader, type Unresolved } from './space';

/** A condition entry with its parsed operator and lower-cased key. */
export interface PreparedEntry {
  readonly entry: Statement['conditions'][number];
  readonly op: ParsedOperator;
  readonly key: string;
}

/** One statement for one action. `virtual` stands for statements that could not be read at all. */
export interface PreparedStatement {
  readonly doc: PolicyDoc;
  readonly st?: Statement;
  /** Undefined: the Effect is unknown (read as Allow when over-approximating, Deny when under). */
  readonly effect?: 'Allow' | 'Deny';
  readonly effectWhy?: Unresolved;
  readonly action: Tri;
  readonly actionWhy?: Unresolved;
  readonly principal: Tri;
  readonly principalWhy?: Unresolved;
  readonly resource?: { readonly list: PatternList; readonly positive: boolean };
  readonly entries: readonly PreparedEntry[];
  readonly conditionsUnknown?: Unresolved;
  /** Policy-variable substitution applies (Version 2012-10-17). */
  readonly variables: boolean;
  readonly virtual?: Unresolved;
}

/** How a search reads the policies: policy-variable keys it has fixed to a value (or to absent). */
export interface ReadOptions {
  readonly fixedVars: ReadonlyMap<string, string | 'absent'>;
}

/**
 * Statements of `docs` that can matter for `action`; statements AWS would reject are left out, as
 * the evaluator does. Prepared once per document, action and principal (documents are immutable;
 * the many questions of one check ask about the same few actions).
 */
export function prepareStatements(
  catalog: Catalog,
  docs: readonly PolicyDoc[],
  action: string,
  principal: RequestPrincipal | undefined,
): readonly PreparedStatement[] {
  if (docs.length === 1) return preparedOf(catalog, docs[0], action, principal);
  return docs.flatMap((doc) => preparedOf(catalog, doc, action, principal));
}

const prepared = new WeakMap<PolicyDoc, { catalog: Catalog; byKey: Map<string, readonly PreparedStatement[]> }>();
const MAX_PREPARED_PER_DOC = 1000;

function preparedOf(
  catalog: Catalog,
  doc: PolicyDoc,
  action: string,
  principal: RequestPrincipal | undefined,
): readonly PreparedStatement[] {
  let memo = prepared.get(doc);
  if (!memo || memo.catalog !== catalog) prepared.set(doc, (memo = { catalog, byKey: new Map() }));
  const key = principal ? `${action}|${principal.type}|${principal.value}` : action;
  let list = memo.byKey.get(key);
  if (!list) {
    if (memo.byKey.size >= MAX_PREPARED_PER_DOC) memo.byKey.clear();
    list = prepareDoc(catalog, doc, action, principal);
    memo.byKey.set(key, list);
  }
  return list;
}

function prepareDoc(
  catalog: Catalog,
  doc: PolicyDoc,
  action: string,
  principal: RequestPrincipal | undefined,
): PreparedStatement[] {
  const out: PreparedStatement[] = [];
  const variables = doc.version?.value === '2012-10-17';
  if (doc.unknownStatements !== undefined) {
    out.push({
      doc,
      action: 'unknown',
      principal: 'unknown',
      entries: [],
      variables,
      virtual: { reason: doc.unknownStatements, loc: doc.statementLoc },
    });
  }
  for (const st of doc.statements) {
    const p = prepareStatement(catalog, doc, st, action, principal, variables);
    if (p) out.push(p);
  }
  return out;
}

function prepareStatement(
  catalog: Catalog,
  doc: PolicyDoc,
  st: Statement,
  action: string,
  who: RequestPrincipal | undefined,
  variables: boolean,
): PreparedStatement | undefined {
  if (!st.effect && st.effectUnknown === undefined) return undefined;
  const entries: PreparedEntry[] = [];
  for (const entry of st.conditions) {
    const op = catalog.patterns.operator(entry.operator);
    if (!op) return undefined;
    entries.push({ entry, op, key: entry.key.toLowerCase() });
  }
  const why: Why = {};
  const action_ = statementCoversAction(catalog, st, action, why).t;
  if (action_ === 'no') return undefined;
  const actionWhy = toUnresolved(why, st.loc);
  const pw: Why = {};
  let principal: Tri = 'yes';
  if (who && st.principal) principal = matchPrincipal(st.principal, who, catalog.patterns, pw);
  else if (who && st.notPrincipal) principal = matchNotPrincipal(st.notPrincipal, who, catalog.patterns, pw);
  if (principal === 'no') return undefined;
  const list = st.resource ?? st.notResource;
  return {
    doc,
    st,
    effect: st.effect,
    effectWhy: st.effect ? undefined : { reason: st.effectUnknown as string, loc: st.effectLoc },
    action: action_,
    actionWhy,
    principal,
    principalWhy: toUnresolved(pw, st.loc),
    resource: list ? { list, positive: st.resource !== undefined } : undefined,
    entries,
    conditionsUnknown: st.conditionsUnknown !== undefined ? { reason: st.conditionsUnknown, loc: st.loc } : undefined,
    variables,
  };
}

function toUnresolved(why: Why, fallback: Loc): Unresolved | undefined {
  return why.reason === undefined ? undefined : { reason: why.reason, loc: why.loc ?? fallback };
}

/** The entry environment of a statement under the search's reader and options. */
export function entryEnvOf(catalog: Catalog, p: PreparedStatement, reader: Reader, opts: ReadOptions): EntryEnv {
  const vars: VarLookup | undefined = p.variables
    ? (key) => opts.fixedVars.get(key.toLowerCase()) ?? 'free'
    : undefined;
  return { patterns: catalog.patterns, reader, vars };
}

/**
 * "The request's resource satisfies the statement's Resource/NotResource" (`holds`) or its
 * negation, as a formula in the resource space. A NotResource entry whose variable has no value
 * keeps the statement from applying when it could match (AWS), i.e. reads as its wide form.
 */
export function resourceLiteral(
  catalog: Catalog,
  p: PreparedStatement,
  holds: boolean,
  space: AtomSpace,
  reader: Reader,
  opts: ReadOptions,
): Formula {
  const r = p.resource;
  if (!r) return holds ? { k: 'const', v: true } : { k: 'const', v: false };
  const polarity = holds === r.positive;
  const env = entryEnvOf(catalog, p, reader, opts);
  const matches: Formula[] = [];
  // Reads free variables as `*` at this polarity: "could match whatever the variable held".
  const couldMatch: EntryEnv = {
    ...env,
    vars: () => 'free',
    reader: { approx: polarity ? 'over' : 'under', used: [] },
  };
  for (const it of r.list.items) {
    const unresolvable =
      !r.positive &&
      env.vars !== undefined &&
      catalog.patterns.compile(it.value, 'arn', false, env.vars, 'exists') === 'unresolvable';
    matches.push(readPatternItem(it, 'arn', false, space, unresolvable ? couldMatch : env).match(polarity));
  }
  if (r.list.unknown !== undefined) {
    noteUnresolved(reader, { reason: r.list.unknown, loc: r.list.loc });
    matches.push({ k: 'const', v: takesWide(reader, polarity) });
  }
  const inner = or(matches);
  return polarity ? inner : not(inner);
}

/**
 * Whether the parts decided before the search (Action, Principal, an unreadable Condition block
 * or statement list) all hold, read at `polarity`: true for an Allow that must apply, false for
 * a Deny that must fail (its parts stand negated).
 */
export function fixedPartsHold(p: PreparedStatement, reader: Reader, polarity: boolean): boolean {
  const parts: Formula[] = [
    uncertain(reader, p.action, polarity, p.actionWhy),
    uncertain(reader, p.principal, polarity, p.principalWhy),
  ];
  if (p.conditionsUnknown) parts.push(uncertain(reader, 'unknown', polarity, p.conditionsUnknown));
  if (p.virtual) parts.push(uncertain(reader, 'unknown', polarity, p.virtual));
  return parts.every((f) => f.k === 'const' && f.v);
}
