// What gets checked together: a Terraform module directory (every .tf/.tf.json/.tfvars file in
// it), or one JSON/YAML/template document on its own.

import { dirname } from 'node:path';
import { isCheckablePath, isTerraformPath } from '../engine/analyze';

/** A unit key: `tf:<module dir>` or `doc:<uri>`. */
export type UnitKey = string;

/** True for files whose change re-checks their module (any .tfvars file counts). */
export function isModuleFile(path: string): boolean {
  return isTerraformPath(path) || /\.tfvars(\.json)?$/i.test(path);
}

/** The unit a file belongs to, or undefined when the engine never reads such a file. */
export function unitKeyOf(path: string, uri: string): UnitKey | undefined {
  if (isModuleFile(path)) return `tf:${dirname(path)}`;
  if (isCheckablePath(path)) return `doc:${uri}`;
  return undefined;
}

/** The module directory of a Terraform unit key. */
export function moduleDirOf(key: UnitKey): string | undefined {
  return key.startsWith('tf:') ? key.slice(3) : undefined;
}

/** The document URI of a single-document unit key. */
export function documentUriOf(key: UnitKey): string | undefined {
  return key.startsWith('doc:') ? key.slice(4) : undefined;
}
