// SAM `Globals`: properties written once under `Globals: Function:` that the SAM transform copies
// into every AWS::Serverless::Function before anything else happens. Merged here the way SAM
// merges them (samtranslator's GlobalProperties): the function's own value wins for scalars and
// intrinsics, objects merge key by key, lists are the global items followed by the function's.

import type { ParseProblem } from '../../model/source';
import { getEntry, type ObjEntry, type ObjVal, type Val } from '../../model/value';

/** The Globals section of each SAM resource type. */
const SECTION_OF: Readonly<Record<string, string>> = {
  'AWS::Serverless::Function': 'Function',
  'AWS::Serverless::StateMachine': 'StateMachine',
};

/**
 * Keys SAM refuses in a Globals section that matter to the checks: SAM rejects the template, so
 * they are reported and never applied (a boundary in Globals.StateMachine does not bound anything).
 */
const REFUSED: Readonly<Record<string, readonly string[]>> = {
  Function: ['Role', 'Policies', 'FunctionName', 'Events'],
  StateMachine: ['Role', 'Policies', 'PermissionsBoundary', 'Name', 'Definition', 'DefinitionUri', 'Events'],
};

/** The global properties per SAM resource type, read once per template. */
export interface SamGlobals {
  /** `props` (a resource's raw Properties, possibly absent) with the globals of `type` merged in. */
  apply(type: string, props: Val | undefined): Val | undefined;
  readonly problems: readonly ParseProblem[];
}

/** Reads `Globals` from a template value; keys SAM refuses become problems (PG801). */
export function readSamGlobals(template: ObjVal): SamGlobals {
  const sections = new Map<string, ObjVal>();
  const problems: ParseProblem[] = [];
  const globals = getEntry(template, 'Globals')?.value;
  if (globals?.k === 'obj') {
    for (const section of globals.entries) {
      const refused = REFUSED[section.key];
      if (!refused || section.value.k !== 'obj') continue;
      const kept: ObjEntry[] = [];
      for (const e of section.value.entries) {
        if (!refused.includes(e.key)) kept.push(e);
        else
          problems.push({
            message: `SAM rejects Globals.${section.key}.${e.key}: Globals cannot set ${e.key}, so it applies to no resource (set it on each resource)`,
            loc: e.keyLoc,
          });
      }
      sections.set(section.key, { ...section.value, entries: kept });
    }
  }
  return {
    problems,
    apply(type, props) {
      const name = SECTION_OF[type];
      const g = name ? sections.get(name) : undefined;
      if (!g || g.entries.length === 0) return props;
      return props ? mergeGlobal(g, props) : g;
    },
  };
}

type Shape = 'dict' | 'list' | 'scalar';

/** SAM's merge: different shapes or scalars -> local; dicts merge recursively; lists concatenate. */
function mergeGlobal(global: Val, local: Val): Val {
  const gs = shapeOf(global);
  if (gs !== shapeOf(local) || gs === 'scalar') return local;
  if (global.k === 'list' && local.k === 'list') return { ...local, items: [...global.items, ...local.items] };
  if (global.k !== 'obj' || local.k !== 'obj') return local;
  const entries = [...global.entries];
  for (const e of local.entries) {
    const at = entries.findIndex((x) => x.key === e.key);
    if (at < 0) entries.push(e);
    else entries[at] = { ...e, value: mergeGlobal(entries[at].value, e.value) };
  }
  return { ...local, entries };
}

/** Intrinsic functions count as scalars: they resolve to one value at deployment. */
function shapeOf(v: Val): Shape {
  if (v.k === 'list') return 'list';
  if (v.k !== 'obj') return 'scalar';
  const only = v.entries.length === 1 ? v.entries[0].key : undefined;
  const intrinsic = only !== undefined && (only === 'Ref' || only === 'Condition' || only.startsWith('Fn::'));
  return intrinsic ? 'scalar' : 'dict';
}
