// Differential test against @cloud-copilot/iam-simulate (AGPL: a dev-time oracle only, never
// imported by server/src). Generated identity policies, boundaries and requests must get the
// same outcome. The generator stays clear of the intentional differences, where we follow the
// AWS IAM User Guide (docs/decision-procedure.md lists them):
// - `ForAnyValue:...IfExists` with the key absent: undocumented, we say unknown, the oracle false;
// - a single-valued operator on a multivalued request value: undocumented, we say unknown;
// - NotPrincipal: a session is named only by its session ARN (not its role's);
// - policy variables without Version 2012-10-17: literal text for us;
// - a Deny with an unknown operator: we never match it (AWS rejects the policy), the oracle does;
// - short ARNs without wildcards (`arn:aws:iam::123`): the oracle pads them with `*`, we don't;
// - a bare `*` in Arn* conditions: we match anything, the oracle requires an ARN;
// - integer dates: we read epoch seconds, the oracle compares raw numbers with milliseconds;
// - ARNs whose partition/service/region/account differ only in case: the oracle ignores case
//   in those segments, we compare them exactly like the rest of the ARN.

import { strict as assert } from 'node:assert';
import { allowedContextKeysForRequest, runSimulation } from '@cloud-copilot/iam-simulate';
import { keyMatches } from '../../../../server/src/catalog/conditionKeys';
import { evaluateEffective } from '../../../../server/src/iam/evaluate';
import { catalog } from './helpers/catalog';
import { ACCOUNT, generateCases, type Case } from './helpers/policyGenerator';
import { policyDoc } from './helpers/policyJson';

const CASES = 500;

async function oracle(c: Case, context: Record<string, string | string[]>): Promise<string> {
  const result = await runSimulation(
    {
      request: {
        principal: `arn:aws:iam::${ACCOUNT}:role/tester`,
        action: c.action,
        resource: { resource: c.resource, accountId: ACCOUNT },
        contextVariables: context,
      },
      identityPolicies: [{ name: 'identity', policy: c.identity }],
      permissionBoundaryPolicies: c.boundary ? [{ name: 'boundary', policy: c.boundary }] : undefined,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    { simulationMode: 'Strict' },
  );
  if (result.resultType === 'error') return `error: ${JSON.stringify(result.errors)}`;
  return result.overallResult;
}

/** The oracle drops context keys that do not apply to the action; give both engines the same keys. */
async function applicableContext(c: Case): Promise<Record<string, string | string[]>> {
  const [service, action] = c.action.split(':');
  const allowed = await allowedContextKeysForRequest(service, action, c.resource, false, undefined);
  return Object.fromEntries(Object.entries(c.context).filter(([k]) => allowed.some((a) => keyMatches(a, k))));
}

describe('differential: evaluateEffective vs iam-simulate (absent mode)', function () {
  this.timeout(120000);

  it(`agrees on ${CASES} generated identity + boundary policies`, async () => {
    const mismatches: string[] = [];
    const tally: Record<string, number> = {};
    for (const [i, c] of generateCases(20260926, CASES).entries()) {
      const context = await applicableContext(c);
      const expected = await oracle(c, context);
      const boundary = c.boundary ? [policyDoc(c.boundary, 'boundary.json')] : undefined;
      const got = evaluateEffective(catalog, [policyDoc(c.identity, 'identity.json')], boundary, {
        action: c.action,
        resource: c.resource,
        context,
      }).outcome;
      tally[got] = (tally[got] ?? 0) + 1;
      if (got !== expected)
        mismatches.push(`#${i} ours=${got} oracle=${expected} ${JSON.stringify({ ...c, context })}`);
    }
    assert.deepEqual(mismatches, []);
    // The generator must exercise every outcome, or the agreement means little.
    for (const o of ['Allowed', 'ExplicitlyDenied', 'ImplicitlyDenied'])
      assert.ok((tally[o] ?? 0) >= 30, `${o}: ${tally[o]}`);
  });
});
