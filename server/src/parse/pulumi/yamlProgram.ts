// A Pulumi YAML program (`Pulumi.yaml` with `resources:`) -> the resources the model reads.
// Properties are evaluated with `${resource.property}` and `${variable}` interpolation,
// `fn::toJSON`, `fn::invoke` (getPolicyDocument, getCallerIdentity, ...), `fn::join`,
// `fn::select` and `fn::secret`; configuration values and anything else are unknown.

import type { Loc } from '../../model/loc';
import type { DeploymentMode, Unit } from '../../model/resources';
import type { SourceFile } from '../../model/source';
import { getEntry, type ObjEntry, type ObjVal, type Val } from '../../model/value';
import { yamlToVal } from '../cloudFormation/yamlToVal';
import { objVal } from '../values';
import type { PulumiProgram } from './program';
import { AddressBook, PulumiResource, toIacResource } from './resources';
import { resourceKindOfToken } from './resourceTypes';
import { YamlEvaluator, type YamlScope } from './yamlExpressions';

/** Evaluates one Pulumi YAML file. */
export function evaluatePulumiYaml(file: SourceFile, profileMode: DeploymentMode): PulumiProgram {
  const unit: Unit = { id: file.id, language: 'pulumi', mode: { value: profileMode, source: 'profile' } };
  const parsed = yamlToVal(file.text, file.id);
  const problems = [...parsed.problems];
  const top = parsed.value?.k === 'obj' ? parsed.value : undefined;
  const resourcesVal = top && getEntry(top, 'resources')?.value;
  if (!top || resourcesVal?.k !== 'obj') return { unit, resources: [], problems };
  const scope: YamlScope = { resources: new Map(), variables: new Map(), config: configNames(top) };
  const ev = new YamlEvaluator(scope);
  const variables = getEntry(top, 'variables')?.value;
  if (variables?.k === 'obj') for (const e of variables.entries) scope.variables.set(e.key, e.value);
  const taken = new AddressBook();
  for (const e of resourcesVal.entries) {
    const r = resourceOf(e, ev, taken);
    if (r) scope.resources.set(e.key, r);
    else if (e.value.k !== 'obj')
      problems.push({ message: `A Pulumi YAML resource must be a map with a type: ${e.key}`, loc: e.keyLoc });
  }
  const resources = [...scope.resources.values()].map((r) => toIacResource(r, unit));
  return { unit, resources, problems };
}

/** One `resources:` entry, when its type is one the checker reads (and it is created, not read with `get`). */
function resourceOf(e: ObjEntry, ev: YamlEvaluator, taken: AddressBook): PulumiResource | undefined {
  if (e.value.k !== 'obj') return undefined;
  const type = getEntry(e.value, 'type')?.value;
  const token =
    type?.k === 'str' && type.s.parts.length === 1 && typeof type.s.parts[0] === 'string' ? type.s.parts[0] : undefined;
  const kind = token ? resourceKindOfToken(token) : undefined;
  if (!kind || getEntry(e.value, 'get')) return undefined;
  const loc: Loc = { file: e.keyLoc.file, start: e.keyLoc.start, end: e.value.loc.end };
  const logical: Val = { k: 'str', s: { parts: [e.key] }, loc: e.keyLoc };
  const props = getEntry(e.value, 'properties')?.value;
  const compute = (): ObjVal => {
    if (!props) return objVal([], e.value.loc);
    const v = ev.eval(props);
    if (v.k === 'obj') return v;
    return objVal([], v.loc, v.k === 'unknown' ? v.reason : `the properties of ${e.key} are not a map`);
  };
  return new PulumiResource(kind, taken.unique(`${token} ${e.key}`), logical, loc, e.keyLoc, compute);
}

/** Names declared under `config:`/`configuration:` (their values are set per stack). */
function configNames(top: ObjVal): Set<string> {
  const names = new Set<string>();
  for (const key of ['config', 'configuration']) {
    const c = getEntry(top, key)?.value;
    if (c?.k === 'obj') for (const e of c.entries) names.add(e.key);
  }
  return names;
}
