// Wires the engine's parts: the action catalog, the Terraform front end and name matching.

import type { Profile } from './profile';
import type { SourceFile } from '../model/source';
import { checkFiles, type CheckResult } from './check';
import { Catalog } from '../catalog/catalog';
import type { PStr } from '../model/pstr';
import type { Tri } from '../model/resources';

export interface Engine {
  readonly catalog: Catalog;
  check(files: readonly SourceFile[], profile: Profile): CheckResult;
}

/** Builds an engine; the catalog loads lazily on first use. */
export function createEngine(): Engine {
  const catalog = new Catalog();
  return {
    catalog,
    check: (files, profile) =>
      checkFiles(files, {
        profile,
        catalog,
        matchName: literalMatch,
        evaluateTerraform: (dir) => ({
          unit: { id: dir, language: 'terraform', mode: { value: profile.deploymentMode, source: 'profile' } },
          resources: [],
          problems: [],
        }),
      }),
  };
}

function literalMatch(pattern: string, value: PStr): Tri {
  if (value.parts.some((p) => typeof p !== 'string')) return 'unknown';
  const re = new RegExp('^' + pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return re.test(value.parts.join('')) ? 'yes' : 'no';
}
