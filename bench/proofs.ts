// Benchmark of the decision procedure: the time to decide every guarantee of one role (all the
// rules that ask the procedure, run on a model holding just that role and its boundary), over
// the roles of the rule fixtures, the generated 2,000-line module and the /role-policy template;
// plus the verdict mix. Warm: each role is decided once before it is timed.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { roleTemplate } from '../backend/src/provisioner/rolePolicy';
import { createEngine } from '../server/src/engine/createEngine';
import { loadProfile } from '../server/src/engine/loadProfile';
import type { Profile } from '../server/src/core/profile';
import type { Rule } from '../server/src/core/rule';
import type { Model } from '../server/src/model/model';
import type { SourceFile } from '../server/src/model/source';
import { RULES } from '../server/src/rules/index';
import { terraformModule } from './generate';
import { percentile, type BenchSection } from './stats';

const root = join(__dirname, '..');
const PROOF_RULES = new Set([
  'PG101',
  'PG102',
  'PG202',
  'PG203',
  'PG301',
  'PG302',
  'PG303',
  'PG304',
  'PG305',
  'PG401',
  'PG402',
  'PG501',
  'PG502',
  'PG503',
]);
const engine = createEngine();

/** Every fixture folder, the generated module and the template, as file sets. */
function corpus(): { name: string; files: SourceFile[] }[] {
  const out: { name: string; files: SourceFile[] }[] = [];
  const fixtures = join(root, 'test', 'fixtures', 'lint');
  for (const name of readdirSync(fixtures)) {
    const dir = join(fixtures, name);
    if (!statSync(dir).isDirectory()) continue;
    const files = readdirSync(dir).filter(
      (f) => !['expect.json', 'profile.yaml'].includes(f) && statSync(join(dir, f)).isFile(),
    );
    out.push({
      name,
      files: files.map((f) => ({ id: join(dir, f), path: join(dir, f), text: readFileSync(join(dir, f), 'utf8') })),
    });
  }
  out.push({
    name: 'generated 2,000-line module',
    files: [{ id: '/bench/module/main.tf', path: '/bench/module/main.tf', text: terraformModule(2000) }],
  });
  const t = roleTemplate({ environment: 'prod', provisionerAccountId: '740463337177', externalId: 'bench' });
  const template = JSON.stringify({
    roleName: t.roleName,
    policyDocument: t.policyDocument,
    trustPolicyDocument: t.trustPolicyDocument,
    maxSessionDuration: t.maxSessionDuration,
  });
  out.push({
    name: '/role-policy template',
    files: [{ id: '/bench/template/role-policy.json', path: '/bench/template/role-policy.json', text: template }],
  });
  return out;
}

/** The model cut down to one role (with its boundary): what "deciding one role" reads. */
function oneRole(model: Model, i: number): Model {
  const role = model.roles[i];
  const boundary = role.boundary?.policy;
  return { ...model, roles: [role], policies: boundary ? [boundary] : [], looseIdentityPolicies: [] };
}

/** Wall time and this process's CPU time (the latter is what a loaded, shared machine distorts least). */
function timeRole(
  model: Model,
  profile: Profile,
  rules: readonly Rule[],
): { ms: number; cpuMs: number; verdicts: string[] } {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const findings = rules.flatMap((r) => r.check({ model, profile, catalog: engine.catalog }));
  const cpu = process.cpuUsage(c0);
  const ms = performance.now() - t0;
  return {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    verdicts: findings.map((f) => (f.severity === 'info' ? 'unknown' : 'counterexample')),
  };
}

/** The `proofs` section of `npm run bench`. */
export async function benchProofs(): Promise<BenchSection> {
  const rules = RULES.filter((r) => PROOF_RULES.has(r.id));
  const times: number[] = [];
  const cpu: number[] = [];
  const cold: number[] = [];
  let roles = 0;
  let counterexamples = 0;
  let unknowns = 0;
  let slowest = { ms: 0, name: '' };
  for (const c of corpus()) {
    const profile = loadProfile('pennsieve', '/');
    const { model } = engine.check(c.files, profile);
    for (let i = 0; i < model.roles.length; i++) {
      const m = oneRole(model, i);
      cold.push(timeRole(m, profile, rules).cpuMs);
      const r = timeRole(m, profile, rules);
      times.push(r.ms);
      cpu.push(r.cpuMs);
      roles++;
      counterexamples += r.verdicts.filter((v) => v === 'counterexample').length;
      unknowns += r.verdicts.filter((v) => v === 'unknown').length;
      if (r.ms > slowest.ms) slowest = { ms: r.ms, name: `${c.name}: ${model.roles[i].address}` };
    }
  }
  return {
    title: 'Decision procedure (proofs per role)',
    rows: [
      [
        'Proof time per role (all guarantees), CPU, p50 / p95',
        `${percentile(cpu, 50).toFixed(2)} / ${percentile(cpu, 95).toFixed(2)} ms`,
        `${roles} roles from the rule fixtures, the 2,000-line module and the /role-policy template; warm (decided once before: an edit re-asks mostly the same questions); includes finding one request per offending Action entry; target p95 < 5 ms`,
      ],
      [
        'Proof time per role, CPU, first decision, p50 / p95',
        `${percentile(cold, 50).toFixed(2)} / ${percentile(cold, 95).toFixed(2)} ms`,
        'the same roles decided for the first time in this process (catalog already loaded)',
      ],
      [
        'Proof time per role, wall, p50 / p95',
        `${percentile(times, 50).toFixed(2)} / ${percentile(times, 95).toFixed(2)} ms`,
        'wall clock: on a shared machine this includes time the process waited for a core',
      ],
      ['Proof time per role, max', `${slowest.ms.toFixed(1)} ms`, slowest.name],
      [
        'Verdicts other than proved',
        `${counterexamples} counterexamples, ${unknowns} unknown`,
        'counted as findings of the proof rules over those roles',
      ],
    ],
  };
}
