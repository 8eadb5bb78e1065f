// Kleene three-valued logic over Tri.

import type { Loc } from '../model/loc';
import type { Tri } from '../model/resources';

/** Kleene AND: 'no' wins, then 'unknown'. */
export function and3(a: Tri, b: Tri): Tri {
  if (a === 'no' || b === 'no') return 'no';
  return a === 'yes' && b === 'yes' ? 'yes' : 'unknown';
}

/** Kleene OR: 'yes' wins, then 'unknown'. */
export function or3(a: Tri, b: Tri): Tri {
  if (a === 'yes' || b === 'yes') return 'yes';
  return a === 'no' && b === 'no' ? 'no' : 'unknown';
}

/** Kleene NOT: 'unknown' stays. */
export function not3(a: Tri): Tri {
  return a === 'yes' ? 'no' : a === 'no' ? 'yes' : 'unknown';
}

/** Why something is unknown: the first reason wins. */
export interface Why {
  reason?: string;
  loc?: Loc;
}

/** Records a reason unless one is already there. */
export function note(why: Why, reason: string | undefined, loc?: Loc): void {
  if (why.reason === undefined && reason !== undefined) {
    why.reason = reason;
    why.loc = loc;
  }
}
