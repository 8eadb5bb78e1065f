// Principal / NotPrincipal matching for trust and resource policies.

import type { PatternList, PrincipalSpec } from '../model/policy';
import { holeReason, textOf, type PStr } from '../model/pstr';
import type { Tri } from '../model/resources';
import { matchGlob } from './match';
import type { PatternCache } from './patternCache';
import { STAND_INS } from './standIns';
import { and3, not3, note, or3, type Why } from './tri';
import type { EvalRequest } from './types';

/** The caller, as the request gives it. */
export type RequestPrincipal = NonNullable<EvalRequest['principal']>;

const ARN_RE = /^arn:([^:]+):(iam|sts)::(\d{12}):(.*)$/;

/**
 * The strings an AWS principal answers to: itself, its account id and account root ARN (a policy
 * naming the account delegates to every principal in it), and for an assumed-role session the
 * role's ARN (without path: the session ARN does not carry it).
 */
export function principalForms(value: string): string[] {
  if (/^\d{12}$/.test(value)) return [value, `arn:${STAND_INS.partition}:iam::${value}:root`];
  const m = ARN_RE.exec(value);
  if (!m) return [value];
  const [, partition, , account, rest] = m;
  const forms = [value, account, `arn:${partition}:iam::${account}:root`];
  const session = /^assumed-role\/([^/]+)\//.exec(rest);
  if (session) forms.push(`arn:${partition}:iam::${account}:role/${session[1]}`);
  return forms;
}

/** Does the Principal element name `who`? `"*"` and `{"AWS":"*"}` name everyone. */
export function matchPrincipal(spec: PrincipalSpec, who: RequestPrincipal, patterns: PatternCache, why: Why): Tri {
  if (spec.wildcard) return 'yes';
  let acc: Tri = 'no';
  for (const entry of spec.entries) {
    acc = or3(acc, matchEntry(entry.type, entry.items, who, patterns, why));
    if (acc === 'yes') return acc;
  }
  if (spec.unknown !== undefined) {
    note(why, spec.unknown, spec.loc);
    return 'unknown';
  }
  return acc;
}

function matchEntry(
  type: string,
  items: PatternList,
  who: RequestPrincipal,
  patterns: PatternCache,
  why: Why,
  exact = false,
): Tri {
  let acc: Tri = 'no';
  for (const item of items.items) {
    const t = matchItem(type, item.value, who, patterns, exact);
    if (t === 'unknown') note(why, holeReason(item.value), item.loc);
    acc = or3(acc, t);
    if (acc === 'yes') return acc;
  }
  if (items.unknown !== undefined) {
    note(why, items.unknown, items.loc);
    return 'unknown';
  }
  return acc;
}

/** `exact`: compare with the principal's own ARN only (NotPrincipal), not the forms it answers to. */
function matchItem(type: string, value: PStr, who: RequestPrincipal, patterns: PatternCache, exact = false): Tri {
  const text = textOf(value);
  if (type === 'AWS' && text === '*') return 'yes';
  if (type !== who.type) return 'no';
  if (type === 'Service') return literal(patterns, value, true, who.value);
  if (type !== 'AWS') return literal(patterns, value, false, who.value);
  const item =
    text !== undefined && /^\d{12}$/.test(text) ? { parts: [`arn:${STAND_INS.partition}:iam::${text}:root`] } : value;
  let acc: Tri = 'no';
  const whoForm = /^\d{12}$/.test(who.value) ? `arn:${STAND_INS.partition}:iam::${who.value}:root` : who.value;
  for (const form of exact ? [whoForm] : principalForms(who.value)) {
    acc = or3(acc, literal(patterns, item, false, form));
    if (acc === 'yes') break;
  }
  return acc;
}

/** Principal values take no wildcards: compare literally (holes still unknown). */
function literal(patterns: PatternCache, value: PStr, ignoreCase: boolean, against: string): Tri {
  const g = patterns.compile(value, 'literal', ignoreCase);
  return typeof g === 'string' ? 'no' : matchGlob(against, g);
}

/**
 * Does a statement's NotPrincipal let `who` through (true when the element does NOT name it)?
 * NotPrincipal names a principal only by its own ARN: an assumed-role session only by its
 * session ARN, never by its role's ARN. AWS may check the account, then the role, first: a
 * named user or session whose account (and, for a session, role) is not named too may still be
 * caught, which is unknown (AWS IAM User Guide, "NotPrincipal").
 */
export function matchNotPrincipal(spec: PrincipalSpec, who: RequestPrincipal, patterns: PatternCache, why: Why): Tri {
  if (spec.wildcard) return 'no';
  const named = (value: string): Tri => {
    let acc: Tri = 'no';
    for (const entry of spec.entries)
      acc = or3(acc, matchEntry(entry.type, entry.items, { type: who.type, value }, patterns, why, true));
    if (spec.unknown === undefined || acc === 'yes') return acc;
    note(why, spec.unknown, spec.loc);
    return 'unknown';
  };
  const self = named(who.value);
  if (self === 'no' || who.type !== 'AWS') return not3(self);
  let parents: Tri = 'yes';
  for (const arn of parentArns(who.value)) parents = and3(parents, named(arn));
  if (parents === 'yes') return not3(self);
  note(
    why,
    `NotPrincipal names ${who.value} but not its account${/:assumed-role\//.test(who.value) ? ' and role' : ''}: AWS may deny it anyway`,
    spec.loc,
  );
  return 'unknown';
}

/** The account root and, for an assumed-role session, the role: what AWS may check first. */
function parentArns(value: string): string[] {
  const m = ARN_RE.exec(value);
  if (!m) return [];
  const [, partition, , account, rest] = m;
  if (rest === 'root') return [];
  const root = `arn:${partition}:iam::${account}:root`;
  const session = /^assumed-role\/([^/]+)\//.exec(rest);
  return session ? [root, `arn:${partition}:iam::${account}:role/${session[1]}`] : [root];
}
