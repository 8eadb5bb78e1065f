import { strict as assert } from 'node:assert';
import {
  at,
  evaluate,
  fixtureModule,
  inlineModule,
  offsetOf,
  prop,
  resource,
  show,
  textAt,
} from '../../eval/terraform/tfTestUtil';

describe('Terraform JSON syntax (.tf.json)', () => {
  const m = fixtureModule('tf-json');
  const r = evaluate(m);

  it('evaluates template strings, references and literal variable defaults', () => {
    assert.equal(show(prop(r, 'aws_iam_role.processor', 'name')), 'pennsieve-dev-processor');
    const b = prop(r, 'aws_iam_role.processor', 'permissions_boundary');
    assert.equal(show(b), 'arn:${partition}:iam::${account}:policy/pennsieve-boundary-dev');
    assert.deepEqual(b.origin, { resource: 'aws_iam_policy.boundary', attr: 'arn' });
    assert.deepEqual(show(prop(r, 'aws_iam_role.processor', 'tags')), { Name: 'processor', Env: 'dev' });
  });

  it('locates resources at their JSON keys', () => {
    const role = resource(r, 'aws_iam_role.processor');
    assert.equal(textAt(m, role.labelLoc), 'aws_iam_role": {\n      "processor"');
    const name = role.props.entries.find((e) => e.key === 'name')!;
    assert.equal(textAt(m, name.keyLoc), 'name');
    assert.equal(textAt(m, name.value.loc), '"${local.prefix}-processor"');
  });

  it('maps jsonencode inside a JSON string (with escaped quotes) to the JSON text', () => {
    const action = prop(r, 'aws_iam_role.processor', 'assume_role_policy.Statement.0.Action');
    assert.equal(show(action), 'sts:AssumeRole');
    assert.equal(textAt(m, action.loc), '\\"sts:AssumeRole\\"');
  });

  it('decodes a policy written as an escaped JSON string, with locations inside it', () => {
    const policy = prop(r, 'aws_iam_policy.boundary', 'policy');
    assert.deepEqual(show(at(policy, 'Statement.0')), {
      Effect: 'Allow',
      Action: ['s3:GetObject'],
      Resource: 'arn:aws:s3:::pennsieve-dev/*',
    });
    const action = at(policy, 'Statement.0.Action.0');
    assert.equal(textAt(m, action.loc), '"s3:GetObject\\"');
    assert.equal(action.loc.start, offsetOf(m, 'main.tf.json', '"s3:GetObject'));
    const resourceArn = at(policy, 'Statement.0.Resource');
    assert.equal(textAt(m, resourceArn.loc), '"arn:aws:s3:::${local.prefix}/*\\"');
  });

  it('reads policy document blocks given as JSON arrays', () => {
    const doc = resource(r, 'data.aws_iam_policy_document.doc');
    const statements = doc.props.entries.find((e) => e.key === 'statement')!.value;
    assert.deepEqual(show(statements), [
      { actions: ['ecs:RunTask'], resources: ['*'] },
      { effect: 'Deny', actions: ['iam:*'], resources: ['*'] },
    ]);
  });

  it('reports malformed JSON and still evaluates the other files', () => {
    const bad = inlineModule({
      'a.tf.json': '{ "resource": { "aws_iam_role": { "x": { "name": "x", } } } }',
      'b.tf': 'resource "aws_iam_role" "y" {\n  name = "y"\n}\n',
    });
    const res = evaluate(bad);
    assert.ok(res.problems.length >= 1);
    assert.match(res.problems[0].message, /^Malformed JSON: /);
    assert.equal(show(prop(res, 'aws_iam_role.y', 'name')), 'y');
  });

  it('reads *.auto.tfvars.json as literal values', () => {
    const mod = inlineModule({
      'v.tf': 'variable "env" {\n  default = "dev"\n}\nresource "x" "y" {\n  name = var.env\n}\n',
      'prod.auto.tfvars.json': '{ "env": "prod-${x}" }',
    });
    assert.equal(show(prop(evaluate(mod), 'x.y', 'name')), 'prod-${x}');
  });
});
