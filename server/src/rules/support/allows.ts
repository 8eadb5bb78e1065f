// `mayAllowAction` answers memoized per document (or per principal's list of documents): several
// rules ask the same question about the same policies in one check.

import type { Catalog } from '../../catalog/catalog';
import { mayAllowAction } from '../../iam';
import type { PolicyDoc } from '../../model/policy';
import type { Tri } from '../../model/resources';

const byBoundary = new WeakMap<PolicyDoc, Map<string, Tri>>();

/** Can the boundary allow `action` for some resource and context? */
export function boundaryMayAllow(catalog: Catalog, boundary: PolicyDoc, action: string): Tri {
  return memo(byBoundary, boundary, action, () => mayAllowAction(catalog, [boundary], action));
}

function memo<K extends object>(table: WeakMap<K, Map<string, Tri>>, key: K, action: string, compute: () => Tri): Tri {
  let m = table.get(key);
  if (!m) {
    m = new Map();
    table.set(key, m);
  }
  let v = m.get(action);
  if (v === undefined) {
    v = compute();
    m.set(action, v);
  }
  return v;
}
