// Two sets of files → the permission diff. Only the units whose files differ are checked (a
// Terraform module directory, or one template or document): an unchanged unit means the same,
// so its delta is empty. Terraform directories that call local modules are always checked,
// since a change in the module they call changes them.

import { dirname } from 'node:path';
import type { Engine, EngineCheckOptions } from '../engine/createEngine';
import { isTerraformPath } from '../engine/analyze';
import type { CheckFailure } from '../engine/check';
import type { Profile } from '../core/profile';
import type { SourceFile } from '../model/source';
import { compareVersions } from './compare';
import type { PermissionDiff } from './types';

/** The diff and what failed inside the engine (reported as for `check`). */
export interface FilesDiff {
  readonly diff: PermissionDiff;
  readonly failures: readonly CheckFailure[];
}

/** Diffs `current` against `baseline` (files with the same ids are the same file at two versions). */
export function diffFiles(
  engine: Engine,
  profile: Profile,
  current: readonly SourceFile[],
  baseline: readonly SourceFile[],
  opts: EngineCheckOptions = {},
): FilesDiff {
  const changed = changedGroups(current, baseline);
  const pick = (files: readonly SourceFile[]) => files.filter((f) => changed.has(groupOf(f)));
  const now = engine.check(pick(current), profile, opts);
  const then = engine.check(pick(baseline), profile, opts);
  const failedOf = (r: typeof now) => new Set(r.failures.map((f) => f.ruleId as string));
  const diff = compareVersions(
    engine.catalog,
    profile,
    { model: now.model, findings: now.findings, failed: failedOf(now) },
    { model: then.model, findings: then.findings, failed: failedOf(then) },
  );
  return { diff, failures: [...now.failures, ...then.failures] };
}

function groupOf(f: SourceFile): string {
  return isTerraformPath(f.path) ? `dir:${dirname(f.path)}` : `file:${f.id}`;
}

const LOCAL_MODULE = /\bsource\s*=\s*"\.\.?\//;

/** Groups whose files differ between the versions, plus Terraform directories that call local modules. */
export function changedGroups(current: readonly SourceFile[], baseline: readonly SourceFile[]): Set<string> {
  const then = new Map(baseline.map((f) => [f.id, f.text]));
  const out = new Set<string>();
  for (const f of current) {
    if (then.get(f.id) !== f.text || (isTerraformPath(f.path) && LOCAL_MODULE.test(f.text))) out.add(groupOf(f));
  }
  const ids = new Set(current.map((f) => f.id));
  for (const f of baseline)
    if (!ids.has(f.id) || (isTerraformPath(f.path) && LOCAL_MODULE.test(f.text))) out.add(groupOf(f));
  return out;
}
