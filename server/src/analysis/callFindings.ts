// The findings a Terraform module's files get through the root modules that call it, for the
// editor showing the module's own file: a module is checked through its calls (with their
// arguments), as the CLI does, not as if it were run on its own with unknown inputs.

import type { Finding, RelatedLocation } from '../core/finding';
import type { Loc } from '../model/loc';
import type { ModuleCallSite } from '../model/resources';
import type { SourceFile } from '../model/source';
import type { UnitAnalysis } from './analyzer';

/** What a module's files show through its calls. */
export interface ViaCalls {
  /** Per file id of the module: its findings. */
  readonly byFile: ReadonlyMap<string, readonly Finding[]>;
  /** The text a caller's check saw for a file (the callers' files, for related locations). */
  readonly textOf: (id: string) => string | undefined;
}

/**
 * Per file of the module: the findings its callers' checks place there, plus those placed on a
 * call's argument (the value the module receives), shown again at the module's `var.<name>`
 * with the argument as related information. The same finding through several calls is one
 * finding naming every call. Undefined when no caller's check reached the module.
 */
export function findingsViaCalls(files: readonly SourceFile[], callers: readonly UnitAnalysis[]): ViaCalls | undefined {
  const ids = new Set(files.map((f) => f.id));
  const merged = new Map<string, Finding>();
  let reached = false;
  for (const caller of callers) {
    const sites = caller.result.model.units.flatMap((u) => u.moduleCalls ?? []).filter((s) => reaches(s, ids));
    if (!sites.length) continue;
    reached = true;
    for (const id of ids) for (const f of caller.findingsIn(id)) add(merged, f);
    for (const f of caller.result.findings) {
      if (ids.has(f.loc.file)) continue;
      for (const site of sites) for (const p of projected(f, site, files)) add(merged, p);
    }
  }
  if (!reached) return undefined;
  const byFile = new Map<string, Finding[]>();
  for (const f of merged.values()) byFile.set(f.loc.file, [...(byFile.get(f.loc.file) ?? []), f]);
  const textOf = (id: string) => {
    for (const c of callers) {
      const t = c.text(id);
      if (t !== undefined) return t;
    }
    return files.find((f) => f.id === id)?.text;
  };
  return { byFile, textOf };
}

function reaches(site: ModuleCallSite, ids: ReadonlySet<string>): boolean {
  return site.files.some((f) => ids.has(f));
}

/** A finding on a value written in one of the call's arguments, moved to where the module reads it. */
function projected(f: Finding, site: ModuleCallSite, files: readonly SourceFile[]): Finding[] {
  const out: Finding[] = [];
  for (const a of site.args) {
    if (!within(f.loc, a.loc)) continue;
    const at = readOf(a.name, files);
    if (!at) continue;
    const related: RelatedLocation[] = [
      { loc: f.loc, message: `${site.address} passes this value as "${a.name}"` },
      ...(f.related ?? []).filter((r) => !sameLoc(r.loc, site.loc) && !within(r.loc, a.loc)),
    ];
    out.push({ ...f, loc: at, message: `${f.message} (through ${site.address}, argument "${a.name}")`, related });
  }
  return out;
}

/** The first `var.<name>` in the module's files, else its `variable "<name>"` block. */
function readOf(name: string, files: readonly SourceFile[]): Loc | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const re of [new RegExp(`\\bvar\\.${escaped}\\b`), new RegExp(`\\bvariable\\s+"${escaped}"`)]) {
    for (const file of files) {
      const m = re.exec(file.text);
      if (m) return { file: file.id, start: m.index, end: m.index + m[0].length };
    }
  }
  return undefined;
}

function within(inner: Loc, outer: Loc): boolean {
  return inner.file === outer.file && inner.start >= outer.start && inner.end <= outer.end;
}

function sameLoc(a: Loc, b: Loc): boolean {
  return a.file === b.file && a.start === b.start && a.end === b.end;
}

function add(merged: Map<string, Finding>, f: Finding): void {
  const key = `${f.ruleId}\0${f.severity}\0${f.loc.file}\0${f.loc.start}\0${f.loc.end}\0${f.message}`;
  const same = merged.get(key);
  if (!same) {
    merged.set(key, f);
    return;
  }
  const seen = new Set((same.related ?? []).map(relatedKey));
  const extra = (f.related ?? []).filter((r) => !seen.has(relatedKey(r)));
  if (extra.length) merged.set(key, { ...same, related: [...(same.related ?? []), ...extra] });
}

function relatedKey(r: RelatedLocation): string {
  return `${r.loc.file}:${r.loc.start}:${r.message}`;
}
