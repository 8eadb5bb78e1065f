// The backend's test identities with the optional display fields the directory routes serve:
// names and emails for most people, a name for `lab` and for the team. `annex` and `otto` keep
// none, so the fallbacks are exercised too.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { startBackend, type Backend } from '../../../backend/src/app';
import { silentLog } from '../../../backend/src/log';
import { fakeAssumeRole, PROVISIONER_ACCOUNT } from '../../../scripts/harness/backend/backend';
import { createFakeRunner, type FakeRunner } from '../../../scripts/harness/backend/fakeRunner';
import { testIdentities } from '../../../scripts/harness/backend/identities';

/** Display names by user key (`otto` has none on purpose). */
export const NAMES: Readonly<Record<string, { firstName: string; lastName: string; email: string }>> = {
  nora: { firstName: 'Nora', lastName: 'Okafor', email: 'nora@lab.example' },
  ann: { firstName: 'Ann', lastName: 'Lee', email: 'ann@lab.example' },
  adam: { firstName: 'Adam', lastName: 'Ruiz', email: 'adam@lab.example' },
  mia: { firstName: 'Mia', lastName: 'Chen', email: 'mia@lab.example' },
  tess: { firstName: 'Tess', lastName: 'Novak', email: 'tess@lab.example' },
};
export const LAB_NAME = 'Neuro Lab';
export const TEAM_NAME = 'Imaging Core';

type Doc = { users: Record<string, object>; organizations: Record<string, object>; teams: Record<string, object> };

/** The identities document with display fields added. */
export function namedTestIdentities(): object {
  const doc = testIdentities() as Doc;
  for (const [key, names] of Object.entries(NAMES)) doc.users[key] = { ...doc.users[key], ...names };
  doc.organizations.lab = { ...doc.organizations.lab, name: LAB_NAME };
  doc.teams.imaging = { ...doc.teams.imaging, name: TEAM_NAME };
  return doc;
}

/** Writes them into a fresh temporary folder (mode 0600); returns the file path. */
export function writeNamedIdentities(dir = mkdtempSync(join(tmpdir(), 'sandbox-named-ids-'))): string {
  const path = join(dir, 'identities.yaml');
  writeFileSync(path, stringify(namedTestIdentities()), { mode: 0o600 });
  return path;
}

/** The sandbox in this process over the named identities, with its TEST-ONLY fake Terraform runner. */
export interface NamedBackend extends Backend {
  readonly runner: FakeRunner;
}

/** Starts it on a free loopback port, SQLite in a temporary folder; `runnerDelayMs` per fake run. */
export async function startNamedBackend(opts: { runnerDelayMs?: number } = {}): Promise<NamedBackend> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-named-data-'));
  const identitiesFile = writeNamedIdentities();
  const runner = createFakeRunner({ delayMs: opts.runnerDelayMs });
  const backend = await startBackend(
    {
      host: '127.0.0.1',
      port: 0,
      dataDir,
      identitiesFile,
      store: 'sqlite',
      environment: 'sandbox',
      region: 'us-east-1',
      provisionerAccountId: PROVISIONER_ACCOUNT,
      maxConcurrentRuns: 2,
    },
    { log: silentLog, runTerraform: runner.run, assumeRole: fakeAssumeRole },
  );
  return {
    ...backend,
    runner,
    async close() {
      await backend.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(dirname(identitiesFile), { recursive: true, force: true });
    },
  };
}
