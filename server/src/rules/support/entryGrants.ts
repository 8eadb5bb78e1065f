// Grant-level questions asked per Allow statement and reported per Action entry: which of the
// actions an entry names does some request actually get through with (the rest of the policies,
// the boundary and every deny considered), each finding with one such request.

import type { Catalog } from '../../catalog/catalog';
import { allowedActions, prove } from '../../iam/prove/prove';
import type { ProofQuestion, ProofVerdict } from '../../iam/prove/question';
import type { Loc } from '../../model/loc';
import type { Statement } from '../../model/policy';
import { grantsByEntry } from '../boundary/shared';

/** One Action entry's actions that get through, with a counterexample for the first. */
export interface EntryVerdict {
  readonly loc: Loc;
  readonly actions: readonly string[];
  readonly verdict: ProofVerdict;
}

/** What one Allow statement lets through among the actions `pick` selects. */
export interface StatementGrants {
  readonly entries: readonly EntryVerdict[];
  /** Some candidate action could not be decided. */
  readonly unknown?: ProofVerdict;
  /** The statement's Action list is not fully known. */
  readonly unreadable?: { readonly reason: string; readonly loc: Loc };
}

/**
 * Whether any picked action of any Allow statement of `q.identity` can get through at all (or
 * may): one question for all of them, so a clean principal costs one search per action class
 * rather than one per statement.
 */
export function anyThrough(
  catalog: Catalog,
  q: Omit<ProofQuestion, 'actions' | 'onlyAllow'>,
  pick: (action: string) => boolean,
): boolean {
  const candidates = new Set<string>();
  for (const doc of q.identity) {
    for (const s of doc.statements) {
      if (s.effect !== 'Allow') continue;
      const g = grantsByEntry(catalog, s);
      if (g.unknown) return true;
      for (const gr of g.groups) for (const a of gr.actions) if (pick(a)) candidates.add(a);
    }
    if (doc.unknownStatements !== undefined || doc.statements.some((s) => s.effect === undefined)) return true;
  }
  if (candidates.size === 0) return false;
  const r = allowedActions(catalog, { ...q, actions: [...candidates] });
  return r.allowed.length > 0 || r.unknown.length > 0;
}

/** Asks, for statement `s` of `q.identity`, which picked actions of each entry get through. */
export function grantsThrough(
  catalog: Catalog,
  q: Omit<ProofQuestion, 'actions' | 'onlyAllow'>,
  s: Statement,
  pick: (action: string) => boolean,
): StatementGrants {
  const g = grantsByEntry(catalog, s);
  const candidates = [...new Set(g.groups.flatMap((gr) => gr.actions.filter(pick)))];
  if (candidates.length === 0) return { entries: [], unreadable: g.unknown };
  const r = allowedActions(catalog, { ...q, actions: candidates, onlyAllow: s });
  const allowed = new Set(r.allowed);
  const entries: EntryVerdict[] = [];
  for (const group of g.groups) {
    const through = group.actions.filter((a) => allowed.has(a));
    if (through.length === 0) continue;
    const w =
      r.witness?.verdict === 'counterexample' && through.includes(r.witness.witness.request.action)
        ? r.witness
        : prove(catalog, { ...q, actions: [through[0]], onlyAllow: s });
    entries.push({ loc: group.loc, actions: through, verdict: w });
  }
  return { entries, unknown: r.firstUnknown, unreadable: g.unknown };
}
