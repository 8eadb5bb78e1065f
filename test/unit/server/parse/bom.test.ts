// A leading UTF-8 byte-order mark parses in every format, with findings at the exact columns.

import { strict as assert } from 'node:assert';
import { resolve } from 'node:path';
import { lintFolder } from '../../../support/lint';

const LINT = resolve(__dirname, '../../../fixtures/lint');
const PROFILE = resolve(LINT, 'default-profile.yaml');

/** `file:line:column-endColumn RULE` of every finding of a fixture case. */
function spans(name: string): string[] {
  return lintFolder(resolve(LINT, name), PROFILE).map(
    (f) => `${f.file}:${f.line}:${f.column}-${f.endColumn} ${f.ruleId}`,
  );
}

describe('a leading byte-order mark', function () {
  // The first Pulumi check loads the TypeScript parser.
  this.timeout(20_000);
  it('Terraform: the typo is found at its exact columns', () => {
    assert.deepEqual(spans('tf-pg802-fire-bom'), ['main.tf:7:19-33 PG802']);
  });

  it('JSON policy: the typo is found at its exact columns', () => {
    assert.deepEqual(spans('json-pg802-fire-bom'), ['policy.json:6:18-32 PG802']);
  });

  it('CloudFormation YAML: the open principal is found at its exact columns', () => {
    assert.deepEqual(spans('cfn-pg101-fire-bom'), ['template.yaml:11:13-22 PG101']);
  });

  it('Pulumi TypeScript: the open principal is found at its exact columns', () => {
    assert.deepEqual(spans('pulumi-pg101-fire-bom'), ['index.ts:7:36-45 PG101']);
  });
});
