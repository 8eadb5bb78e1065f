// Helpers for resource rules: reading arguments of Terraform blocks and CloudFormation properties.

import type { IacResource } from '../../model/resources';
import { asItems, getProp, type Val } from '../../model/value';

/** Resources of the given types that may exist, in units whose mode is one of `modes`. */
export function resourcesIn(
  resources: readonly IacResource[],
  types: ReadonlySet<string>,
  modes?: readonly string[],
): IacResource[] {
  return resources.filter(
    (r) => types.has(r.type) && r.exists !== 'no' && (!modes || modes.includes(r.unit.mode.value)),
  );
}

/** The value at a path of keys through objects; lists of blocks are searched item by item. */
export function valuesAt(v: Val | undefined, path: readonly string[]): Val[] {
  if (!v) return [];
  if (path.length === 0) return [v];
  const [head, ...rest] = path;
  if (v.k === 'list') return v.items.flatMap((i) => valuesAt(i, path));
  return valuesAt(getProp(v, head), rest);
}

/** Every scalar in a value (flattening lists). */
export function scalars(v: Val): Val[] {
  return v.k === 'list' ? v.items.flatMap(scalars) : [v];
}

export function isText(v: Val, ...texts: string[]): boolean {
  return v.k === 'str' && v.s.parts.length === 1 && typeof v.s.parts[0] === 'string' && texts.includes(v.s.parts[0]);
}

export function isTrue(v: Val): boolean {
  return (v.k === 'bool' && v.b) || isText(v, 'true', 'ENABLED');
}

export { asItems };
