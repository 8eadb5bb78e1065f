// Helpers for the Terraform evaluator tests: loading fixture modules, evaluating inline modules,
// and a compact, assertable rendering of values.

import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Loc } from '../../../../../server/src/model/loc';
import type { IacResource } from '../../../../../server/src/model/resources';
import type { SourceFile } from '../../../../../server/src/model/source';
import type { Val } from '../../../../../server/src/model/value';
import {
  evaluateTerraformModule,
  type TerraformModuleOptions,
  type TerraformModuleResult,
} from '../../../../../server/src/eval/terraform/evaluateTerraformModule';
import { tfFileKind } from '../../../../../server/src/parse/terraform/hclFileCache';

export const TF_FIXTURES = path.resolve(__dirname, '../../../../fixtures/terraform');

export interface Module {
  readonly dir: string;
  readonly files: SourceFile[];
}

/** The module files of fixture folder `name`. */
export function fixtureModule(name: string): Module {
  const dir = path.join(TF_FIXTURES, name);
  const files = readdirSync(dir)
    .filter((f) => tfFileKind(f) !== undefined && statSync(path.join(dir, f)).isFile())
    .map((f) => {
      const p = path.join(dir, f);
      return { id: p, path: p, text: readFileSync(p, 'utf8') };
    });
  return { dir, files };
}

/** An in-memory module under `/mod`. */
export function inlineModule(files: Record<string, string>): Module {
  return {
    dir: '/mod',
    files: Object.entries(files).map(([name, text]) => ({ id: `/mod/${name}`, path: `/mod/${name}`, text })),
  };
}

export function evaluate(m: Module, opts: Partial<TerraformModuleOptions> = {}): TerraformModuleResult {
  return evaluateTerraformModule(m.dir, m.files, { profileMode: 'basic', ...opts });
}

export function resource(r: TerraformModuleResult, address: string): IacResource {
  const found = r.resources.find((x) => x.address === address);
  assert.ok(found, `no resource ${address}`);
  return found;
}

/** Follows a path of object keys and list indexes: `policy.Statement.0.Action`. */
export function at(v: Val, dotted: string): Val {
  let cur = v;
  for (const step of dotted.split('.')) {
    if (cur.k === 'list') cur = cur.items[Number(step)];
    else if (cur.k === 'obj') {
      const e = cur.entries.find((x) => x.key === step);
      assert.ok(e, `no key ${step} in ${dotted}`);
      cur = e.value;
    } else assert.fail(`cannot step into ${cur.k} at ${step} of ${dotted}`);
    assert.ok(cur, `nothing at ${step} of ${dotted}`);
  }
  return cur;
}

/** The prop at `dotted` of resource `address`. */
export function prop(r: TerraformModuleResult, address: string, dotted: string): Val {
  return at(resource(r, address).props, dotted);
}

/**
 * Compact rendering: strings with holes as `${?}` (or `${account}` etc. for self symbols), lists
 * with a trailing `…` when `more` is set, objects with a `…` key, unknowns as `{ unknown: reason }`.
 */
export function show(v: Val): unknown {
  switch (v.k) {
    case 'str':
      return v.s.parts.map((p) => (typeof p === 'string' ? p : `\${${p.symbol ?? '?'}}`)).join('');
    case 'num':
      return v.n;
    case 'bool':
      return v.b;
    case 'null':
      return null;
    case 'list':
      return v.more === undefined ? v.items.map(show) : [...v.items.map(show), '…'];
    case 'obj': {
      const o: Record<string, unknown> = Object.fromEntries(v.entries.map((e) => [e.key, show(e.value)]));
      if (v.more !== undefined) o['…'] = v.more;
      return o;
    }
    case 'unknown':
      return { unknown: v.reason };
  }
}

/** The source text a Loc covers, from the module's files (or the disk). */
export function textAt(m: Module, loc: Loc): string {
  const f = m.files.find((x) => x.id === loc.file);
  const text = f ? f.text : readFileSync(loc.file, 'utf8');
  return text.slice(loc.start, loc.end);
}

/** Offset of the `nth` occurrence of `needle` in the file named `name` of the module. */
export function offsetOf(m: Module, name: string, needle: string, nth = 0): number {
  const f = m.files.find((x) => x.path.endsWith(`/${name}`));
  assert.ok(f, `no file ${name}`);
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = f.text.indexOf(needle, i + 1);
    assert.ok(i >= 0, `${needle} not found`);
  }
  return i;
}

/** Evaluates one expression (with optional extra configuration) and returns its value. */
export function evalValue(expr: string, prelude = '', opts: Partial<TerraformModuleOptions> = {}): Val {
  const m = inlineModule({ 'main.tf': `${prelude}\nresource "terraform_data" "probe" {\n  input = ${expr}\n}\n` });
  const r = evaluate(m, opts);
  assert.deepEqual(
    r.problems.filter((p) => p.message.startsWith('Malformed HCL')),
    [],
  );
  return prop(r, 'terraform_data.probe', 'input');
}
