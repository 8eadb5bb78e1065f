// Pairs of versions with known permission deltas (test/fixtures/diff/<case>/{before,after,expect.json}):
// widened actions and resources, an added principal, a dropped Deny, a loosened condition,
// refactors that must give an empty delta, and changes behind unknown values. Each case asserts
// the exact changes (status, actions, resources, the line of the causing token) and the exit
// status `diff` would give. UPDATE_DIFF_FIXTURES=1 rewrites expect.json (review the diff!).

import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { diffFiles } from '../../../../server/src/diff/diffFiles';
import {
  locateDiff,
  type ReportedChange,
  type ReportedDiff,
  type ReportedTrustChange,
} from '../../../../server/src/diff/locate';
import { mayWiden, widens } from '../../../../server/src/diff/types';
import { createEngine } from '../../../../server/src/engine/createEngine';
import { loadProfile } from '../../../../server/src/engine/loadProfile';
import type { SourceFile } from '../../../../server/src/model/source';

const ROOT = resolve(__dirname, '../../../fixtures/diff');
const engine = createEngine();
const profile = loadProfile('pennsieve', ROOT);

/** Files of `dir`, with ids as if they lived in `as` (both versions share ids). */
function filesOf(dir: string, as: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const full = join(d, e);
      if (statSync(full).isDirectory()) walk(full);
      else
        out.push({
          id: join(as, relative(dir, full)),
          path: join(as, relative(dir, full)),
          text: readFileSync(full, 'utf8'),
        });
    }
  };
  walk(dir);
  return out;
}

const where = (p: { file: string; line: number; in: string } | undefined) =>
  p ? ` @${p.file.split('/').pop()}:${p.line}${p.in === 'baseline' ? ' (baseline)' : ''}` : '';
const change = (c: ReportedChange) =>
  c.status === 'unknown'
    ? `unknown ${c.label} on ${c.resources.join(',')}: ${c.reason}`
    : `yes ${c.label} on ${c.resources.join(',')}${where(c.cause)}${c.droppedDeny ? ` (deny dropped${where(c.droppedDeny)})` : ''}`;
const trust = (c: ReportedTrustChange) =>
  c.status === 'unknown'
    ? `unknown ${c.principal} ${c.actions.join(',')}: ${c.reason}`
    : `yes ${c.principal} ${c.actions.join(',')}${where(c.cause)}`;

function compact(d: ReportedDiff) {
  return {
    exit: d.widens ? 1 : d.unknown ? 3 : 0,
    subjects: d.subjects.map((s) => ({
      subject: s.subject,
      status: s.status,
      added: s.added.map(change),
      removed: s.removed.map(change),
      trustAdded: s.trust.added.map(trust),
      trustRemoved: s.trust.removed.map(trust),
      verdicts: s.verdicts.map((v) => `${v.ruleId} ${v.before} -> ${v.after}${v.worse ? ' (worse)' : ''}`),
    })),
  };
}

describe('diff: fixture pairs with known deltas', function () {
  this.timeout(60000);
  for (const name of readdirSync(ROOT).sort()) {
    it(name, () => {
      const dir = join(ROOT, name);
      const as = join(dir, 'after');
      const current = filesOf(join(dir, 'after'), as);
      const baseline = filesOf(join(dir, 'before'), as);
      const { diff, failures } = diffFiles(engine, profile, current, baseline);
      assert.deepEqual(
        failures.map((f) => f.message),
        [],
      );
      const texts = {
        current: new Map(current.map((f) => [f.id, f.text])),
        baseline: new Map(baseline.map((f) => [f.id, f.text])),
      };
      const got = compact(locateDiff(diff, 'HEAD', texts, as, { widens: widens(diff), unknown: mayWiden(diff) }));
      const expectPath = join(dir, 'expect.json');
      if (process.env.UPDATE_DIFF_FIXTURES) writeFileSync(expectPath, JSON.stringify(got, null, 2) + '\n');
      assert.deepEqual(got, JSON.parse(readFileSync(expectPath, 'utf8')));
    });
  }
});
