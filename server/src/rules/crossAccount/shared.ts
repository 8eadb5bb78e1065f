// The cross-account role as a principal, and where "missing deny" findings go.

import type { Loc } from '../../model/loc';
import type { Model } from '../../model/model';
import { principalsOf, type Principal } from '../support/principals';

/**
 * Principals that are the cross-account role: a role resource or role template (even without
 * policies: then its guarantees are missing), or a policy file that belongs to it.
 */
export function crossAccountPrincipals(model: Model): readonly Principal[] {
  return principalsOf(model).filter(
    (p) => p.kind === 'crossAccount' && (p.identity.length > 0 || (p.role && !p.role.synthetic)),
  );
}

/** The Statement key of the role's first identity policy (where deny statements would be added). */
export function statementListLoc(p: Principal): Loc {
  return p.identity[0]?.statementLoc ?? p.loc;
}
