// Findings reached through Terraform module calls: a finding in a called module's file names
// the call site(s) as related information, a finding on a value written in a call's argument
// names the call and the argument, and the same finding from several calls of one module is
// reported once, naming every call.

import type { ModuleCallSite, Unit } from '../model/resources';
import type { Finding, RelatedLocation } from '../core/finding';

/** `findings` with module-call related information added (unchanged when no module was followed). */
export function withModuleCalls(findings: readonly Finding[], units: readonly Unit[]): Finding[] {
  const sites = units.flatMap((u) => u.moduleCalls ?? []);
  if (!sites.length) return [...findings];
  const byFile = new Map<string, ModuleCallSite[]>();
  const byCaller = new Map<string, ModuleCallSite[]>();
  for (const s of sites) {
    for (const f of s.files) byFile.set(f, [...(byFile.get(f) ?? []), s]);
    byCaller.set(s.loc.file, [...(byCaller.get(s.loc.file) ?? []), s]);
  }
  const out: Finding[] = [];
  const merged = new Map<string, Finding>();
  for (const f of findings) {
    const related = [...callsOf(f, byFile.get(f.loc.file) ?? []), ...argumentsOf(f, byCaller.get(f.loc.file) ?? [])];
    if (!related.length) {
      out.push(f);
      continue;
    }
    const key = `${f.ruleId}\0${f.severity}\0${f.loc.file}\0${f.loc.start}\0${f.loc.end}\0${f.message}`;
    const same = merged.get(key);
    if (same) {
      const at = out.indexOf(same);
      const next = { ...same, related: unique([...(same.related ?? []), ...related]) };
      out[at] = next;
      merged.set(key, next);
      continue;
    }
    const next = { ...f, related: unique([...(f.related ?? []), ...related]) };
    merged.set(key, next);
    out.push(next);
  }
  return out;
}

/** The call chains (innermost first) of the calls whose module holds the finding. */
function callsOf(f: Finding, sites: readonly ModuleCallSite[]): RelatedLocation[] {
  if (!sites.length) return [];
  // The instance the finding is about: its subject, else the address its message names.
  const about = (s: ModuleCallSite) =>
    f.subject ? f.subject.startsWith(`${s.address}.`) : f.message.includes(`${s.address}.`);
  const own = sites.filter(about);
  const chosen = own.length ? own : sites;
  const out: RelatedLocation[] = [];
  for (const site of chosen)
    for (let s: ModuleCallSite | undefined = site; s; s = s.parent)
      out.push({ loc: s.loc, message: `${s.address} calls this module here` });
  return out;
}

/** The arguments (of calls written in the finding's file) whose expression holds the finding. */
function argumentsOf(f: Finding, sites: readonly ModuleCallSite[]): RelatedLocation[] {
  const out: RelatedLocation[] = [];
  for (const s of sites) {
    for (const a of s.args) {
      if (a.loc.start <= f.loc.start && f.loc.end <= a.loc.end)
        out.push({
          loc: s.loc,
          message: `passed to ${s.address} as the argument "${a.name}" (var.${a.name} in the module)`,
        });
    }
  }
  return out;
}

function unique(list: readonly RelatedLocation[]): RelatedLocation[] {
  const seen = new Set<string>();
  return list.filter((r) => {
    const key = `${r.loc.file}:${r.loc.start}:${r.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
