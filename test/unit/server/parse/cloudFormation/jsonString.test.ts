// Policies written as JSON strings in CloudFormation: findings sit on the token inside the
// string (exact line and columns), not on the whole property.

import { strict as assert } from 'node:assert';
import { resolve } from 'node:path';
import { lintFolder } from '../../../../support/lint';

const LINT = resolve(__dirname, '../../../../fixtures/lint');
const PROFILE = resolve(LINT, 'default-profile.yaml');

/** `file:line:column-endColumn RULE` of every finding of a fixture case. */
function spans(name: string): string[] {
  return lintFolder(resolve(LINT, name), PROFILE).map(
    (f) => `${f.file}:${f.line}:${f.column}-${f.endColumn} ${f.ruleId}`,
  );
}

describe('JSON-string policies in CloudFormation', () => {
  it('a block scalar, !Sub |, a quoted string, Fn::Join pieces, a deploy-time ${Var}: each typo at its columns', () => {
    assert.deepEqual(spans('cfn-pg802-fire-json-string-policies'), [
      'template.yaml:34:30-44 PG802',
      'template.yaml:45:27-41 PG802',
      'template.yaml:50:98-116 PG802',
      'template.yaml:55:30-46 PG802',
      'template.yaml:63:27-49 PG802',
    ]);
  });

  it('a trust policy built with !Sub |: the open principal inside the string', () => {
    assert.deepEqual(spans('cfn-pg101-fire-json-string-trust'), ['template.yaml:22:15-26 PG101']);
  });

  it('an escaped JSON string in a JSON template: the "*" principal between its escapes', () => {
    assert.deepEqual(spans('cfnjson-pg106-fire-json-string-topic-policy'), ['template.json:13:318-323 PG106']);
  });
});
