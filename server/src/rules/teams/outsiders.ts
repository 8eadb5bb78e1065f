// The callers a team role's trust must keep out: every principal the profile does not list. The
// set is infinite; these candidates cover it for one trust policy. A principal in each account the
// policy names (its aws:PrincipalArn left to the procedure: any ARN in that account outside the
// list), a principal in a fresh account (any organization), and each principal the policy names
// by ARN, service or federated provider that the list does not cover.

import { glob, nameInArn } from '../../iam/prove/domains';
import { and, not, or } from '../../iam/prove/formula';
import type { KeyDomain } from '../../iam/prove/keys';
import type { AtomSpace } from '../../iam/prove/space';
import { matchPatternIn } from '../../iam/match';
import type { PatternCache } from '../../iam/patternCache';
import type { RequestPrincipal } from '../../iam/principal';
import { STAND_INS } from '../../iam/standIns';
import type { PolicyDoc } from '../../model/policy';
import { textOf } from '../../model/pstr';
import { iamPrefix } from '../support/questions';
import { strangerAccount } from '../trust/stranger';

/** One outsider: who calls, with which action, and what its identity keys may be. */
export interface Outsider {
  readonly principal: RequestPrincipal;
  readonly actions: readonly string[];
  readonly keys: Record<string, Partial<KeyDomain>>;
}

const FEDERATED_ACTIONS = ['sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'];

/** The list as ARN globs: an account id or an account root stands for everything in the account. */
export function listedGlobs(list: readonly string[]): string[] {
  return list.map((p) => {
    const root = /^(?:(\d{12})|arn:([^:]+):iam::(\d{12}|\*):root)$/.exec(p);
    if (!root) return p;
    return `arn:${root[2] ?? STAND_INS.partition}:iam::${root[1] ?? root[3]}:*`;
  });
}

/** Every candidate outsider for `doc` (an `arn:…`-normalized list). */
export function outsidersOf(doc: PolicyDoc, listed: readonly string[], patterns: PatternCache): Outsider[] {
  const globs = listedGlobs(listed);
  const accounts = new Set<string>([...accountsNamed(doc), strangerAccount([doc])]);
  const out: Outsider[] = [...accounts].map((a) => accountOutsider(a, globs, patterns));
  for (const s of doc.statements) {
    if (s.effect !== 'Allow') continue;
    for (const e of s.principal?.entries ?? []) {
      for (const it of e.items.items) {
        const v = textOf(it.value);
        if (v === undefined || v === '*' || /^\d{12}$/.test(v) || /:root$/.test(v)) continue;
        if (globs.some((g) => matchPatternIn(patterns, v, g) !== 'no')) continue;
        if (e.type === 'AWS') out.push(namedOutsider(v, patterns));
        else if (e.type === 'Service')
          out.push({ principal: { type: 'Service', value: v }, actions: ['sts:AssumeRole'], keys: {} });
        else if (e.type === 'Federated')
          out.push({ principal: { type: 'Federated', value: v }, actions: FEDERATED_ACTIONS, keys: {} });
      }
    }
  }
  return out;
}

/** 12-digit account ids written anywhere in the document's principals and conditions. */
function accountsNamed(doc: PolicyDoc): Set<string> {
  const found = new Set<string>();
  const text = JSON.stringify(doc.statements.map((s) => [s.principal, s.conditions.map((c) => c.values)]));
  for (const m of text.matchAll(/(?<![\d])(\d{12})(?![\d])/g)) found.add(m[1]);
  return found;
}

/** Any principal of `account` whose ARN the list does not cover; organization keys free. */
function accountOutsider(account: string, globs: readonly string[], patterns: PatternCache): Outsider {
  const prefix = iamPrefix(account);
  const inAccount = (space: AtomSpace) =>
    or([
      nameInArn(space, `${prefix}role/`, '?*'),
      nameInArn(space, `${prefix}user/`, '?*'),
      glob(space, patterns, `${prefix}root`, 'literal'),
    ]);
  return {
    principal: { type: 'AWS', value: `${prefix}role/not-a-listed-team` },
    actions: ['sts:AssumeRole'],
    keys: {
      'aws:principalaccount': { absent: 'forbidden', value: (space) => glob(space, patterns, account, 'literal') },
      'aws:principalarn': {
        absent: 'forbidden',
        value: (space) => and([inAccount(space), not(or(globs.map((g) => glob(space, patterns, g))))]),
      },
      ...NO_SOURCE,
    },
  };
}

/** The principal the policy names by its ARN. */
function namedOutsider(arn: string, patterns: PatternCache): Outsider {
  const account = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(arn)?.[1];
  return {
    principal: { type: 'AWS', value: arn },
    actions: ['sts:AssumeRole'],
    keys: {
      'aws:principalarn': { absent: 'forbidden', value: (space) => glob(space, patterns, arn, 'literal') },
      ...(account
        ? {
            'aws:principalaccount': {
              absent: 'forbidden',
              value: (space: AtomSpace) => glob(space, patterns, account, 'literal'),
            },
          }
        : {}),
      ...NO_SOURCE,
    },
  };
}

/** A person or role calling directly: no service source keys. */
const NO_SOURCE: Record<string, Partial<KeyDomain>> = {
  'aws:sourceaccount': { absent: 'required' },
  'aws:sourcearn': { absent: 'required' },
  'aws:sourceowner': { absent: 'required' },
};
