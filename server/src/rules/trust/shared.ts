// Helpers for trust-policy rules: AWS principals of Allow statements and condition shapes.

import type { ConditionEntry, PatternItem, Statement } from '../../model/policy';
import type { Model } from '../../model/model';
import type { PolicyDoc } from '../../model/policy';
import { textOf } from '../../model/pstr';

/** Every trust policy with the role it belongs to. */
export function trustDocs(model: Model): { doc: PolicyDoc; role: Model['roles'][number] }[] {
  return model.roles.filter((r) => r.trust).map((r) => ({ doc: r.trust!, role: r }));
}

/** The AWS-type principal items of a statement. */
export function awsPrincipals(s: Statement): PatternItem[] {
  return (s.principal?.entries ?? []).filter((e) => e.type === 'AWS').flatMap((e) => e.items.items);
}

/** Operator without `ForAllValues:`/`ForAnyValue:` and `IfExists`, plus what was stripped. */
export function parseOperator(op: string): { base: string; set?: 'ForAllValues' | 'ForAnyValue'; ifExists: boolean } {
  let rest = op;
  let set: 'ForAllValues' | 'ForAnyValue' | undefined;
  const m = /^(ForAllValues|ForAnyValue):(.*)$/i.exec(rest);
  if (m) {
    set = m[1].toLowerCase() === 'forallvalues' ? 'ForAllValues' : 'ForAnyValue';
    rest = m[2];
  }
  const ifExists = /IfExists$/i.test(rest);
  return { base: ifExists ? rest.slice(0, -'IfExists'.length) : rest, set, ifExists };
}

const POSITIVE = new Set(['stringequals', 'stringlike', 'stringequalsignorecase', 'arnequals', 'arnlike']);

/** A condition that really constrains its key: positive operator, no IfExists/ForAllValues, no bare `*`. */
export function isPinning(c: ConditionEntry): boolean {
  const op = parseOperator(c.operator);
  if (op.ifExists || op.set === 'ForAllValues' || !POSITIVE.has(op.base.toLowerCase())) return false;
  if (c.values.items.length === 0 && !c.values.unknown) return false;
  return c.values.items.every((i) => textOf(i.value) !== '*');
}

/** True when the value is the deploying account itself (not a cross-account trust). */
export function isSelfAccount(item: PatternItem): boolean {
  return item.value.parts.some((p) => typeof p !== 'string' && p.symbol === 'account');
}
