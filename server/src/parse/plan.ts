// `terraform show -json` plan files -> resources. Planned values omit what is known only after
// apply; `after_unknown` says which, so those become explicit unknowns (never a silent pass), and
// `configuration` references keep them linked (a boundary that is `aws_iam_policy.b.arn`).

import type { Loc } from '../model/loc';
import type { DeploymentMode, IacResource, Unit } from '../model/resources';
import type { ParseProblem } from '../model/source';
import { getEntry, getProp, type ObjEntry, type ObjVal, type Origin, type Val } from '../model/value';

const MODES: readonly string[] = ['basic', 'secure', 'compliant'];

/** True for the JSON of `terraform show -json <planfile>`. */
export function isTerraformPlan(v: ObjVal): boolean {
  return !!getEntry(v, 'format_version') && (!!getEntry(v, 'planned_values') || !!getEntry(v, 'resource_changes'));
}

export function evaluatePlan(
  file: string,
  plan: ObjVal,
  profileMode: DeploymentMode,
): { unit: Unit; resources: IacResource[]; problems: ParseProblem[] } {
  const modeVal = getProp(getProp(getProp(plan, 'variables'), 'deployment_mode'), 'value');
  const mode: Unit['mode'] =
    modeVal?.k === 'str' && typeof modeVal.s.parts[0] === 'string' && MODES.includes(modeVal.s.parts[0])
      ? { value: modeVal.s.parts[0] as DeploymentMode, loc: modeVal.loc, source: 'unit' }
      : { value: profileMode, source: 'profile' };
  const unit: Unit = { id: file, language: 'plan', mode };
  const unknowns = afterUnknown(plan);
  const refs = configurationRefs(getProp(getProp(plan, 'configuration'), 'root_module'), '');
  const resources: IacResource[] = [];
  collect(getProp(getProp(plan, 'planned_values'), 'root_module'), (r) => {
    const address = text(getProp(r, 'address'));
    const type = text(getProp(r, 'type'));
    const values = getProp(r, 'values');
    if (!address || !type || r.k !== 'obj') return;
    const isData = text(getProp(r, 'mode')) === 'data';
    const props = withUnknowns(
      values?.k === 'obj' ? values : { k: 'obj', entries: [], loc: r.loc },
      unknowns.get(address),
      refs.get(stripIndex(address)),
      r.loc,
    );
    resources.push({
      type: isData ? `data.${type}` : type,
      address,
      unit,
      loc: r.loc,
      labelLoc: getEntry(r, 'address')?.value.loc ?? r.loc,
      props,
      exists: 'yes',
    });
  });
  return { unit, resources, problems: [] };
}

function text(v: Val | undefined): string | undefined {
  return v?.k === 'str' && typeof v.s.parts[0] === 'string' ? v.s.parts[0] : undefined;
}

function stripIndex(address: string): string {
  return address.replace(/\[[^\]]*\]$/, '');
}

/** Walks a planned_values module and its child modules. */
function collect(mod: Val | undefined, visit: (r: Val) => void): void {
  const res = getProp(mod, 'resources');
  if (res?.k === 'list') res.items.forEach(visit);
  const children = getProp(mod, 'child_modules');
  if (children?.k === 'list') children.items.forEach((c) => collect(c, visit));
}

/** address -> attribute names whose value is known only after apply. */
function afterUnknown(plan: ObjVal): Map<string, ObjEntry[]> {
  const out = new Map<string, ObjEntry[]>();
  const changes = getProp(plan, 'resource_changes');
  if (changes?.k !== 'list') return out;
  for (const c of changes.items) {
    const address = text(getProp(c, 'address'));
    const au = getProp(getProp(c, 'change'), 'after_unknown');
    if (!address || au?.k !== 'obj') continue;
    out.set(
      address,
      au.entries.filter((e) => e.value.k === 'bool' && e.value.b),
    );
  }
  return out;
}

/** resource address -> attribute -> the resource the configuration expression references. */
function configurationRefs(mod: Val | undefined, prefix: string): Map<string, Map<string, Origin>> {
  const out = new Map<string, Map<string, Origin>>();
  const res = getProp(mod, 'resources');
  if (res?.k !== 'list') return out;
  for (const r of res.items) {
    const address = text(getProp(r, 'address'));
    const exprs = getProp(r, 'expressions');
    if (!address || exprs?.k !== 'obj') continue;
    const attrs = new Map<string, Origin>();
    for (const e of exprs.entries) {
      const refs = getProp(e.value, 'references');
      const first = refs?.k === 'list' ? refs.items.map(text).find((t) => t && /\.[a-z_]+$/.test(t)) : undefined;
      if (first) {
        const dot = first.lastIndexOf('.');
        attrs.set(e.key, { resource: prefix + first.slice(0, dot), attr: first.slice(dot + 1) });
      }
    }
    out.set(prefix + address, attrs);
  }
  return out;
}

function withUnknowns(
  values: ObjVal,
  unknown: ObjEntry[] | undefined,
  refs: Map<string, Origin> | undefined,
  loc: Loc,
): ObjVal {
  const entries: ObjEntry[] = values.entries
    .filter((e) => e.value.k !== 'null')
    .map((e) => {
      const origin = refs?.get(e.key);
      return origin ? { ...e, value: { ...e.value, origin } } : e;
    });
  for (const u of unknown ?? []) {
    if (entries.some((e) => e.key === u.key)) continue;
    const origin = refs?.get(u.key);
    const reason = `${u.key} is known only after apply`;
    entries.push({
      key: u.key,
      keyLoc: u.keyLoc,
      value: { k: 'unknown', reason, loc: u.keyLoc, ...(origin ? { origin } : {}) },
    });
  }
  return { ...values, entries, loc: values.loc ?? loc };
}
