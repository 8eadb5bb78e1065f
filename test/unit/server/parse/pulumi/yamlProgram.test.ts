// Pulumi YAML programs: interpolation, built-in functions, what stays unknown, which files count.

import { strict as assert } from 'node:assert';
import { readDocument } from '../../../../../server/src/parse/document';
import { evaluatePulumiYaml } from '../../../../../server/src/parse/pulumi/yamlProgram';
import { at, show } from '../../eval/terraform/tfTestUtil';

function run(text: string) {
  return evaluatePulumiYaml({ id: '/p/Pulumi.yaml', path: '/p/Pulumi.yaml', text }, 'basic');
}

const PROGRAM = `name: demo
runtime: yaml
config:
  externalId:
    type: string
variables:
  nodeId: 1a2b3c4d
  actions: ["logs:PutLogEvents", "logs:CreateLogStream"]
  loop: \${loop}
resources:
  boundary:
    type: aws:iam/policy:Policy
    properties:
      name: pennsieve-boundary-\${nodeId}
      policy: '{"Version": "2012-10-17", "Statement": []}'
  role:
    type: aws:iam:Role
    properties:
      assumeRolePolicy:
        fn::toJSON:
          Statement:
            - Action: \${actions[1]}
              Condition:
                StringEquals:
                  sts:ExternalId: \${externalId}
      permissionsBoundary: \${boundary.arn}
      description:
        fn::join: ["-", ["a", "\${nodeId}", "$\${literal}"]]
      path:
        fn::select: [1, ["/a/", "/b/"]]
      tags:
        stack: \${pulumi.stack}
        self: \${loop}
        other: \${nowhere.arn}
  existing:
    type: aws:iam:Role
    get:
      id: legacy-role
  bucket:
    type: aws:s3:BucketV2
`;

describe('Pulumi YAML programs', () => {
  const p = run(PROGRAM);
  const role = p.resources.find((r) => r.address === 'aws:iam:Role role')!;

  it('reads the IAM resources it knows (both type-token forms), not `get` or other types', () => {
    assert.deepEqual(
      p.resources.map((r) => [r.address, r.type]),
      [
        ['aws:iam/policy:Policy boundary', 'aws_iam_policy'],
        ['aws:iam:Role role', 'aws_iam_role'],
      ],
    );
    assert.deepEqual(p.problems, []);
  });

  it('interpolates variables and resource outputs, and evaluates fn::toJSON, fn::join and fn::select', () => {
    assert.deepEqual(show(at(role.props, 'assume_role_policy.Statement.0.Action')), 'logs:CreateLogStream');
    const boundary = at(role.props, 'permissions_boundary');
    assert.equal(show(boundary), 'arn:${partition}:iam::${account}:policy/pennsieve-boundary-1a2b3c4d');
    assert.deepEqual(boundary.origin, { resource: 'aws:iam/policy:Policy boundary', attr: 'arn' });
    assert.equal(show(at(role.props, 'description')), 'a-1a2b3c4d-${literal}');
    assert.equal(show(at(role.props, 'path')), '/b/');
  });

  it('leaves configuration, stack values, cycles and unknown names unknown, saying why', () => {
    const reason = (d: string) => {
      const v = at(role.props, d);
      return v.k === 'unknown' ? v.reason : JSON.stringify(show(v));
    };
    assert.equal(
      reason('assume_role_policy.Statement.0.Condition.StringEquals.sts:ExternalId'),
      '`externalId` is a configuration value, set per stack',
    );
    assert.equal(reason('tags.stack'), '`pulumi.stack` is set per stack');
    assert.equal(reason('tags.self'), 'the variable loop refers to itself');
    assert.equal(
      reason('tags.other'),
      '`nowhere.arn` does not name a resource, variable or configuration value of this program',
    );
  });

  it('is recognized by content (Pulumi.yaml, Main.yaml), while CloudFormation and other YAML are not', () => {
    assert.equal(readDocument({ id: '/p/Main.yaml', path: '/p/Main.yaml', text: PROGRAM }, 'basic').kind, 'units');
    assert.equal(
      readDocument(
        { id: '/p/Pulumi.dev.yaml', path: '/p/Pulumi.dev.yaml', text: 'config:\n  aws:region: us-east-1\n' },
        'basic',
      ).kind,
      'ignored',
    );
    const cfn = readDocument(
      { id: '/p/t.yaml', path: '/p/t.yaml', text: 'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: {}\n' },
      'basic',
    );
    assert.ok(cfn.kind === 'units' && cfn.unit.language === 'cloudformation');
  });
});
