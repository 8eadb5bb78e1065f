// Helpers for the Cloud Posse rules: which roles the profile names (read-only roles, team roles)
// and the access levels a read-only role may not allow.

import type { Catalog } from '../../catalog/catalog';
import { matchPatternIn } from '../../iam/match';
import type { Role } from '../../model/model';
import type { Tri } from '../../model/resources';

const WRITE_LEVELS = new Set(['Write', 'Permissions management', 'Tagging']);

/**
 * Whether the role's name matches one of `patterns` (globs): 'unknown' when the name is not
 * known well enough to say (a name built from a value only known at deploy time).
 */
export function roleNamed(catalog: Catalog, role: Role, patterns: readonly string[]): Tri {
  if (!role.name) return 'unknown';
  let acc: Tri = 'no';
  for (const p of patterns) {
    const m = matchPatternIn(catalog.patterns, role.name.value, p, { mode: 'glob' });
    if (m === 'yes') return 'yes';
    if (m === 'unknown') acc = 'unknown';
  }
  return acc;
}

/**
 * An action a read-only role may not have: one whose access level (in the catalog) is Write,
 * Permissions management or Tagging. Only catalog actions reach here (wildcards are expanded
 * against the catalog; a name it does not know is PG802).
 */
export function isWriteLevel(catalog: Catalog, action: string): boolean {
  const a = catalog.getAction(action);
  return !!a && a.accessLevels.some((l) => WRITE_LEVELS.has(l));
}
