// Brute-force oracle for the decision procedure: generated policies over a small universe, every
// request of the universe evaluated with the concrete evaluator, compared with the verdict.
// - "proved" while some request of the universe gets in (or may): unsound, a failure;
// - a request gets in while the verdict is not a counterexample: incomplete, a failure unless the
//   verdict is unknown because of a per-request policy variable or an undocumented combination;
// - a counterexample the evaluator does not confirm: a failure (the procedure replays it too).
// Bounded by count and seed here; `npm run oracle` runs ORACLE_CASES (default 30,000) cases.

import { strict as assert } from 'node:assert';
import { keyAvailable } from '../../../../server/src/iam/prove/actionClasses';
import { prove } from '../../../../server/src/iam/prove/prove';
import type { ProofQuestion, ProofVerdict } from '../../../../server/src/iam/prove/question';
import { evaluateEffective, evaluatePolicies } from '../../../../server/src/iam/evaluate';
import type { EvalRequest } from '../../../../server/src/iam/types';
import type { PolicyDoc } from '../../../../server/src/model/policy';
import { catalog } from './helpers/catalog';
import { ACTIONS, generatePolicies, keysIn, picker, requests } from './helpers/oracleUniverse';
import { policyDoc } from './helpers/policyJson';
import { prng } from '../../../support/prng';

const CASES = Number(process.env.ORACLE_CASES ?? 2000);
const SEED = Number(process.env.ORACLE_SEED ?? 20261010);
const EXCUSED = /policy variable|does not document/;

interface Tally {
  proved: number;
  counterexample: number;
  unknown: number;
  /** Counterexamples whose request lies outside the enumerated universe. */
  outside: number;
}

/** An Unknown outcome only "may get in" when the identity policies and the boundary may both allow. */
function mayAllow(q: ProofQuestion, req: EvalRequest): boolean {
  const allows = (docs: readonly PolicyDoc[]) => evaluatePolicies(catalog, docs, req).allows.length > 0;
  return allows(q.identity) && (!q.boundary || allows(q.boundary));
}

function bruteForce(q: ProofQuestion, keys: string[]): { hit?: string; maybe?: string } {
  let maybe: string | undefined;
  for (const req of requests(q.actions, keys, (a, k) => keyAvailable(catalog, a, k))) {
    const d = evaluateEffective(catalog, q.identity, q.boundary, req);
    const hit = q.need === 'notDenied' ? d.denies.length === 0 : d.outcome === 'Allowed';
    const unsure =
      q.need === 'notDenied'
        ? d.denies.some((m) => m.verdict === 'unknown')
        : d.outcome === 'Unknown' && mayAllow(q, req);
    if (hit) return { hit: JSON.stringify(req) };
    if (unsure) maybe ??= JSON.stringify(req);
  }
  return { maybe };
}

function judge(
  v: ProofVerdict,
  q: ProofQuestion,
  brute: { hit?: string; maybe?: string },
  tally: Tally,
): string | undefined {
  if (v.verdict === 'proved') {
    tally.proved++;
    return brute.hit || brute.maybe
      ? `proved, but ${brute.hit ?? brute.maybe} ${brute.hit ? 'gets in' : 'may get in'}`
      : undefined;
  }
  if (v.verdict === 'unknown') {
    tally.unknown++;
    if (v.internal) return `internal: ${v.reason}`;
    return brute.hit && !EXCUSED.test(v.reason) ? `unknown (${v.reason}), but ${brute.hit} gets in` : undefined;
  }
  tally.counterexample++;
  const d = evaluateEffective(catalog, q.identity, q.boundary, v.witness.request);
  const ok = q.need === 'notDenied' ? d.denies.length === 0 : d.outcome === 'Allowed';
  if (!brute.hit) tally.outside++;
  return ok ? undefined : `counterexample not confirmed: ${JSON.stringify(v.witness.request)} -> ${d.outcome}`;
}

describe('oracle: the decision procedure against brute force over a small universe', function () {
  this.timeout(Math.max(120_000, CASES * 200));

  it(`agrees on ${CASES} generated policies (seed ${SEED})`, () => {
    const p = picker(prng(SEED));
    const tally: Tally = { proved: 0, counterexample: 0, unknown: 0, outside: 0 };
    const disagreements: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const json = generatePolicies(p);
      const actions = p.chance(0.5) ? [p.one(ACTIONS)] : [...ACTIONS];
      const q: ProofQuestion = {
        identity: [policyDoc(json.identity, 'identity.json')],
        boundary: json.boundary ? [policyDoc(json.boundary, 'boundary.json')] : undefined,
        actions,
        need: p.chance(0.15) ? 'notDenied' : 'allowed',
      };
      const problem = judge(prove(catalog, q), q, bruteForce(q, keysIn([json.identity, json.boundary])), tally);
      if (problem) disagreements.push(`#${i} ${problem}\n  ${JSON.stringify({ ...json, actions, need: q.need })}`);
      if (disagreements.length >= 5) break;
    }
    assert.deepEqual(disagreements, []);
    // The generator must reach every verdict, or agreement means little.
    assert.ok(tally.proved >= CASES / 20 && tally.counterexample >= CASES / 5, JSON.stringify(tally));
    if (process.env.ORACLE_CASES) console.log(`    ${JSON.stringify(tally)}`);
  });
});
