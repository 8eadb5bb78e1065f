// Helpers for trust-policy rules: trust documents and the AWS principals of a statement.

import type { PatternItem, Statement } from '../../model/policy';
import type { Model } from '../../model/model';
import type { PolicyDoc } from '../../model/policy';

/** Every trust policy with the role it belongs to. */
export function trustDocs(model: Model): { doc: PolicyDoc; role: Model['roles'][number] }[] {
  return model.roles.filter((r) => r.trust).map((r) => ({ doc: r.trust!, role: r }));
}

/** The AWS-type principal items of a statement. */
export function awsPrincipals(s: Statement): PatternItem[] {
  return (s.principal?.entries ?? []).filter((e) => e.type === 'AWS').flatMap((e) => e.items.items);
}

/** True when the value is the deploying account itself (not a cross-account trust). */
export function isSelfAccount(item: PatternItem): boolean {
  return item.value.parts.some((p) => typeof p !== 'string' && p.symbol === 'account');
}
