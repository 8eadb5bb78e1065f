// The fuzz suite in CI: a fixed seed and count (about two minutes on two workers), over every
// rule fixture (JSON policies, Terraform, CloudFormation YAML/JSON, Pulumi) with damage and
// adversarial additions (generate.ts). Every input: JSON out, exit 0 or 1, no rule failure,
// under 1 s of CPU, no fail-open; no crash, no hang. The long campaign is `npm run fuzz`.

import { strict as assert } from 'node:assert';
import { runFuzz } from './runFuzz';

const SEED = 1;
const COUNT = Number(process.env.PG_FUZZ_COUNT ?? 1200);

describe('fuzz (seeded, bounded)', function () {
  this.timeout(30 * 60 * 1000);

  it(`${COUNT} inputs of seed ${SEED}: no crash, hang, rule failure, fail-open, or input over 1 s of CPU`, async () => {
    const s = await runFuzz({ seed: SEED, count: COUNT, workers: 2 });
    assert.equal(s.inputs, COUNT);
    assert.deepEqual(
      s.failures,
      [],
      `failing inputs (reproduce with generate(${SEED}, index) in test/fuzz/generate.ts)`,
    );
  });
});
