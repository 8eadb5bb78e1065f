// "Which requests does `after` allow that `before` does not?", decided with the sound procedure.
// allowed(after) ∧ ¬allowed(before) splits into questions the procedure already answers:
//   A. no Allow of `before`'s identity policies applies: they join `after` as Denies;
//   B. no Allow of `before`'s boundary applies: likewise;
//   C. some Deny of `before` applies (one question per Deny that `after` no longer has): it
//      becomes the question's lone boundary Allow.
// Each counterexample is replayed on the concrete evaluator against both versions; one that
// does not replay (C with a boundary in `after`, where the boundary is read loosely) is unknown.

import type { Catalog } from '../catalog/catalog';
import { evaluateEffective } from '../iam/evaluate';
import type { RequestPrincipal } from '../iam/principal';
import { actionClasses } from '../iam/prove/actionClasses';
import type { KeyDomain } from '../iam/prove/keys';
import { prove } from '../iam/prove/prove';
import type { ProofQuestion, Witness } from '../iam/prove/question';
import type { Loc } from '../model/loc';
import type { PolicyDoc, Statement } from '../model/policy';
import {
  allowsAsDenies,
  deniesOf,
  denyAsAllow,
  keysWithEffect,
  statementKey,
  withoutAllows,
  type Permissions,
} from './semantics';

/** The answer for one class of actions that behave alike. */
export type ClassAnswer =
  | {
      readonly status: 'yes';
      readonly actions: readonly string[];
      readonly witness: Witness;
      readonly droppedDeny?: Loc;
    }
  | { readonly status: 'unknown'; readonly actions: readonly string[]; readonly reason: string; readonly loc?: Loc };

/** Who asks and with which keys (trust policies); identity policies leave both open. */
export interface Asker {
  readonly principal?: RequestPrincipal;
  readonly keys?: Readonly<Record<string, Partial<KeyDomain>>>;
}

interface Question {
  readonly q: ProofQuestion;
  readonly droppedDeny?: Loc;
}

/** Classes of `actions` that `after` newly allows (yes) or may newly allow (unknown); the rest gain nothing. */
export function gainedRequests(
  catalog: Catalog,
  after: Permissions,
  before: Permissions,
  actions: readonly string[],
  asker: Asker = {},
): ClassAnswer[] {
  if (after.identity.length === 0) return [];
  const byAction = new Map<string, ClassAnswer>();
  for (const { q, droppedDeny } of questionsFor(after, before, actions, asker)) {
    const open = questionActions(catalog, q, actions).filter((a) => byAction.get(a)?.status !== 'yes');
    if (open.length === 0) continue;
    const scoped = scopeTo(catalog, q, open);
    const docs = [...scoped.identity, ...(scoped.boundary ?? [])];
    for (const cls of actionClasses(catalog, docs, open, Object.keys(q.keys ?? {}))) {
      const answer = answerClass(catalog, { ...scoped, actions: cls.actions }, after, before, droppedDeny);
      if (!answer) continue;
      for (const a of cls.actions) if (answer.status === 'yes' || !byAction.has(a)) byAction.set(a, answer);
    }
  }
  return regroup(byAction);
}

/**
 * The actions a question can allow: those some Allow of its identity policies could cover and,
 * with a boundary, some Allow of the boundary too. Under question A that leaves the actions of
 * the statements the edit added or changed (the Allows both versions share are left out), so a
 * one-line edit asks about a handful of actions, not every action the role has.
 */
function questionActions(catalog: Catalog, q: ProofQuestion, actions: readonly string[]): readonly string[] {
  const identity = coverable(catalog, q.identity);
  const boundary = q.boundary ? coverable(catalog, q.boundary) : 'all';
  if (identity === 'all' && boundary === 'all') return actions;
  // Walk the smaller set, not every action of the catalog: this runs for every question of every edit.
  const [small, other] = identity === 'all' ? [boundary as ReadonlySet<string>, identity] : [identity, boundary];
  const within = setOf(actions);
  return [...small].filter((a) => within.has(a) && (other === 'all' || other.has(a)));
}

/**
 * The question without the statements that cannot apply to any of `actions` (their Action list
 * matches none of them): a request for those actions is judged the same without them, and a
 * one-line edit's question keeps a handful of statements instead of every one the role has.
 * NotAction, unknown Action lists and unreadable documents are kept whole.
 */
function scopeTo(catalog: Catalog, q: ProofQuestion, actions: readonly string[]): ProofQuestion {
  const wanted = new Set(actions);
  const mayApply = (st: Statement) =>
    !st.action ||
    st.action.unknown !== undefined ||
    st.action.items.some(
      (it) =>
        (it.value.parts.length === 1 && it.value.parts[0] === '*') ||
        catalog.expandAction(it.value).actions.some((a) => wanted.has(a)),
    );
  const scope = (d: PolicyDoc): PolicyDoc => {
    const statements = d.statements.filter(mayApply);
    return statements.length === d.statements.length ? d : { ...d, statements };
  };
  return { ...q, identity: q.identity.map(scope), ...(q.boundary ? { boundary: q.boundary.map(scope) } : {}) };
}

const actionSets = new WeakMap<readonly string[], ReadonlySet<string>>();

/** `actions` as a set, made once per array (the catalog's list of every action is one array). */
function setOf(actions: readonly string[]): ReadonlySet<string> {
  let s = actionSets.get(actions);
  if (!s) actionSets.set(actions, (s = new Set(actions)));
  return s;
}

/**
 * The actions some Allow (or statement of unknown Effect) of `docs` could cover: no other action
 * can be allowed. Everything when a statement covers every action, uses NotAction or an unknown
 * Action list, or a document has unreadable statements.
 */
function coverable(catalog: Catalog, docs: readonly PolicyDoc[]): ReadonlySet<string> | 'all' {
  const out = new Set<string>();
  for (const d of docs) {
    if (d.unknownStatements !== undefined) return 'all';
    for (const st of d.statements) {
      if (st.effect === 'Deny') continue;
      if (!st.action || st.action.unknown !== undefined) return 'all';
      for (const it of st.action.items) {
        if (it.value.parts.length === 1 && it.value.parts[0] === '*') return 'all';
        for (const a of catalog.expandAction(it.value).actions) out.add(a);
      }
    }
  }
  return out;
}

function questionsFor(after: Permissions, before: Permissions, actions: readonly string[], asker: Asker): Question[] {
  const base = { actions, principal: asker.principal, keys: asker.keys };
  // Under A an Allow that `before` has too cannot be what lets the request in: it is left out,
  // so that the same unknown value on both sides is not read two ways.
  const oldAllows = keysWithEffect(before.identity, 'Allow');
  const out: Question[] = [
    {
      q: {
        ...base,
        identity: [...after.identity.map((d) => withoutAllows(d, oldAllows)), ...before.identity.map(allowsAsDenies)],
        boundary: after.boundary,
      },
    },
  ];
  if (before.boundary) {
    const oldBoundary = keysWithEffect(before.boundary, 'Allow');
    out.push({
      q: {
        ...base,
        identity: [...after.identity, ...before.boundary.map(allowsAsDenies)],
        boundary: after.boundary?.map((d) => withoutAllows(d, oldBoundary)),
      },
    });
  }
  const kept = keysWithEffect([...after.identity, ...(after.boundary ?? [])], 'Deny');
  for (const { doc, st } of denies([...before.identity, ...(before.boundary ?? [])])) {
    if (kept.has(statementKey(st, doc.version?.value))) continue;
    const identity = after.boundary ? [...after.identity, ...after.boundary.map(deniesOf)] : after.identity;
    out.push({ q: { ...base, identity, boundary: [denyAsAllow(doc, st)] }, droppedDeny: st.loc });
  }
  return out;
}

function denies(docs: readonly PolicyDoc[]): { doc: PolicyDoc; st: Statement }[] {
  return docs.flatMap((doc) => doc.statements.filter((st) => st.effect === 'Deny').map((st) => ({ doc, st })));
}

function answerClass(
  catalog: Catalog,
  q: ProofQuestion,
  after: Permissions,
  before: Permissions,
  droppedDeny: Loc | undefined,
): ClassAnswer | undefined {
  const v = prove(catalog, q);
  if (v.verdict === 'proved') return undefined;
  if (v.verdict === 'unknown') return { status: 'unknown', actions: q.actions, reason: v.reason, loc: v.loc };
  const req = v.witness.request;
  const now = evaluateEffective(catalog, after.identity, after.boundary, req).outcome;
  const then = evaluateEffective(catalog, before.identity, before.boundary, req).outcome;
  if (now === 'Allowed' && (then === 'ImplicitlyDenied' || then === 'ExplicitlyDenied')) {
    return { status: 'yes', actions: q.actions, witness: v.witness, droppedDeny };
  }
  const reason =
    now !== 'Allowed'
      ? 'the permissions boundary may not allow it'
      : 'the baseline may have allowed it (a value there is unknown)';
  return { status: 'unknown', actions: q.actions, reason };
}

/** One answer per class again (answers are shared objects), actions in catalog order. */
function regroup(byAction: ReadonlyMap<string, ClassAnswer>): ClassAnswer[] {
  const groups = new Map<ClassAnswer, string[]>();
  for (const [a, ans] of byAction) {
    const list = groups.get(ans);
    if (list) list.push(a);
    else groups.set(ans, [a]);
  }
  return [...groups].map(([ans, acts]) => ({ ...ans, actions: acts }));
}
