// The diff against a brute-force oracle on generated policy pairs (seeded): a version that edits,
// adds or drops one statement of a small JSON policy is diffed; every action some sample request
// newly allows (or no longer allows) must be reported as added (removed), and every confirmed
// addition must be one the oracle sees. Guards the per-question action filter of gained.ts: an
// action it wrongly skipped would be a wrong all-clear.

import { strict as assert } from 'node:assert';
import { diffFiles } from '../../../../server/src/diff/diffFiles';
import { createEngine } from '../../../../server/src/engine/createEngine';
import { loadProfile } from '../../../../server/src/engine/loadProfile';

const engine = createEngine();
const profile = loadProfile('pennsieve', __dirname);

const ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket', 'logs:PutLogEvents'];
const PATTERNS = [...ACTIONS, 's3:*', 's3:Get*', 's3:*Object', 'logs:*'];
const RESOURCES = ['*', 'arn:aws:s3:::a/*', 'arn:aws:s3:::b/*'];
const SAMPLES = ['arn:aws:s3:::a/x', 'arn:aws:s3:::b/x', 'arn:aws:s3:::c/x'];

interface St {
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string[];
  readonly Resource: string;
}

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0), s / 2 ** 32);
}

const glob = (p: string, s: string) =>
  new RegExp(
    `^${p
      .split('*')
      .map((x) => x.replace(/[.?+^$()[\]{}|\\]/g, '\\$&'))
      .join('.*')}$`,
  ).test(s);

function allowed(sts: readonly St[], action: string, resource: string): boolean {
  const hits = (st: St) => st.Action.some((a) => glob(a, action)) && glob(st.Resource, resource);
  return sts.some((st) => st.Effect === 'Allow' && hits(st)) && !sts.some((st) => st.Effect === 'Deny' && hits(st));
}

/** Actions some sample request allows in `a` and not in `b`. */
function gained(a: readonly St[], b: readonly St[]): string[] {
  return ACTIONS.filter((act) => SAMPLES.some((r) => allowed(a, act, r) && !allowed(b, act, r)));
}

function diffActions(after: readonly St[], before: readonly St[]) {
  const doc = (sts: readonly St[]) => JSON.stringify({ Version: '2012-10-17', Statement: sts });
  const file = (sts: readonly St[]) => [{ id: '/o/policy.json', path: '/o/policy.json', text: doc(sts) }];
  const { diff, failures } = diffFiles(engine, profile, file(after), file(before));
  assert.deepEqual(failures, []);
  const s = diff.subjects[0];
  const of = (cs: typeof s.added, status?: string) =>
    [...new Set(cs.filter((c) => !status || c.status === status).flatMap((c) => c.actions))]
      .filter((a) => ACTIONS.includes(a))
      .sort();
  return s
    ? { added: of(s.added), addedYes: of(s.added, 'yes'), removed: of(s.removed), removedYes: of(s.removed, 'yes') }
    : { added: [], addedYes: [], removed: [], removedYes: [] };
}

describe('diff: generated policy pairs against a brute-force oracle', function () {
  this.timeout(120_000);
  it('reports every gained and lost action, and confirms only real ones (200 pairs, seed 16)', () => {
    const rnd = prng(16);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const statement = (): St => ({
      Effect: rnd() < 0.7 ? 'Allow' : 'Deny',
      Action: [...new Set([pick(PATTERNS), ...(rnd() < 0.4 ? [pick(PATTERNS)] : [])])],
      Resource: pick(RESOURCES),
    });
    for (let n = 0; n < 200; n++) {
      const before = Array.from({ length: 1 + Math.floor(rnd() * 3) }, statement);
      const after = [...before];
      const i = Math.floor(rnd() * after.length);
      const r = rnd();
      if (r < 0.4) after[i] = { ...after[i]!, Action: [...after[i]!.Action, pick(PATTERNS)] };
      else if (r < 0.6) after[i] = statement();
      else if (r < 0.8) after.push(statement());
      else if (after.length > 1) after.splice(i, 1);
      else after[i] = { ...after[i]!, Resource: pick(RESOURCES) };
      const got = diffActions(after, before);
      const want = { added: gained(after, before), removed: gained(before, after) };
      const ctx = `pair ${n}: before ${JSON.stringify(before)} after ${JSON.stringify(after)} got ${JSON.stringify(got)}`;
      for (const a of want.added) assert.ok(got.added.includes(a), `${a} newly allowed but not reported; ${ctx}`);
      for (const a of want.removed)
        assert.ok(got.removed.includes(a), `${a} no longer allowed but not reported; ${ctx}`);
      for (const a of got.addedYes) assert.ok(want.added.includes(a), `${a} reported newly allowed; ${ctx}`);
      for (const a of got.removedYes) assert.ok(want.removed.includes(a), `${a} reported no longer allowed; ${ctx}`);
    }
  });
});
