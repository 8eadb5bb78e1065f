// One CloudFormation template (YAML or JSON) -> a unit and its evaluated resources.

import type { DeploymentMode, IacResource, Tri, Unit } from '../../model/resources';
import type { ParseProblem } from '../../model/source';
import { getEntry, type ObjVal, type Val } from '../../model/value';
import { visitInDependencyOrder } from '../dependencyOrder';
import { type CfnContext, createContext } from './context';
import { evaluateCondition, propsOf } from './intrinsics';
import { conditionRefs, resourceRefs } from './references';

const MODES: readonly DeploymentMode[] = ['basic', 'secure', 'compliant'];

/** True when a parsed document looks like a CloudFormation template. */
export function isCloudFormationTemplate(v: Val | undefined): boolean {
  if (!v || v.k !== 'obj') return false;
  if (getEntry(v, 'AWSTemplateFormatVersion')) return true;
  const res = getEntry(v, 'Resources')?.value;
  if (!res || res.k !== 'obj' || res.entries.length === 0) return false;
  return res.entries.every((e) => {
    const t = e.value.k === 'obj' ? getEntry(e.value, 'Type')?.value : undefined;
    return t?.k === 'str' && typeof t.s.parts[0] === 'string' && /^(AWS|Custom|Alexa)::/.test(t.s.parts[0]);
  });
}

export interface TemplateResult {
  readonly unit: Unit;
  readonly resources: IacResource[];
  readonly problems: ParseProblem[];
}

/**
 * Evaluates a template value: parameters with defaults and intrinsics are resolved. With the
 * source `text`, policies written as JSON strings get positions inside the string.
 */
export function evaluateTemplate(
  file: string,
  template: ObjVal,
  profileMode: DeploymentMode,
  text?: string,
): TemplateResult {
  const ctx = createContext(file, template, text);
  const unit: Unit = {
    id: file,
    language: 'cloudformation',
    mode: modeOf(ctx.params.get('DeploymentMode')?.default, profileMode),
  };
  evaluateInOrder(ctx);
  const resources: IacResource[] = [];
  for (const decl of ctx.resources.values()) {
    const raw = decl.rawProps;
    let props: ObjVal = { k: 'obj', entries: [], loc: decl.body.loc };
    if (raw) {
      const e = propsOf(ctx, decl.logicalId);
      if (e?.k === 'obj') props = e;
      else if (e?.k === 'unknown') props = { k: 'obj', entries: [], loc: raw.loc, more: e.reason };
      ctx.propsMemo.set(decl.logicalId, props);
    }
    resources.push({
      type: decl.type,
      address: decl.logicalId,
      unit,
      loc: { file, start: decl.keyLoc.start, end: decl.body.loc.end },
      labelLoc: decl.keyLoc,
      props,
      exists: existsOf(decl.body, ctx),
    });
  }
  return { unit, resources, problems: [...ctx.problems, ...ctx.budget.problems] };
}

/**
 * Evaluates conditions and resource properties leaves first (parse/dependencyOrder.ts), so a
 * chain of references (512 roles each naming the next) is evaluated one link at a time.
 */
function evaluateInOrder(ctx: CfnContext): void {
  const conditions = new Map([...ctx.conditionDefs].map(([name, def]) => [name, conditionRefs(def)]));
  visitInDependencyOrder(conditions, (name) => evaluateCondition(name, ctx));
  const deps = new Map(
    [...ctx.resources.values()].map((d) => [d.logicalId, d.rawProps ? resourceRefs(d.rawProps, ctx.resources) : []]),
  );
  visitInDependencyOrder(deps, (id) => propsOf(ctx, id));
}

function existsOf(body: ObjVal, ctx: ReturnType<typeof createContext>): Tri {
  const c = getEntry(body, 'Condition')?.value;
  if (!c) return 'yes';
  if (c.k !== 'str' || typeof c.s.parts[0] !== 'string') return 'unknown';
  return evaluateCondition(c.s.parts[0], ctx);
}

function modeOf(def: Val | undefined, profileMode: DeploymentMode): Unit['mode'] {
  if (def?.k === 'str' && typeof def.s.parts[0] === 'string' && MODES.includes(def.s.parts[0] as DeploymentMode)) {
    return { value: def.s.parts[0] as DeploymentMode, loc: def.loc, source: 'unit' };
  }
  return { value: profileMode, source: 'profile' };
}
