import { strict as assert } from 'node:assert';
import { evaluate, fixtureModule, prop, resource, show } from './tfTestUtil';

describe('Terraform count and for_each', () => {
  const r = evaluate(fixtureModule('count-for-each'));
  const exists = (a: string) => resource(r, a).exists;

  it('marks count = 0 and empty for_each as not existing, unknown counts as unknown', () => {
    assert.equal(exists('aws_iam_role.zero'), 'no');
    assert.equal(exists('aws_iam_role.conditional'), 'no');
    assert.equal(exists('aws_iam_role.two'), 'yes');
    assert.equal(exists('aws_iam_role.unknown'), 'unknown');
    assert.equal(exists('aws_iam_role.each'), 'yes');
    assert.equal(exists('aws_iam_role.empty_each'), 'no');
  });

  it('keeps one resource per block; count.index and each.* are holes unless there is one instance', () => {
    assert.equal(r.resources.filter((x) => x.address === 'aws_iam_role.two').length, 1);
    assert.equal(show(prop(r, 'aws_iam_role.two', 'name')), 'two-${?}');
    assert.equal(show(prop(r, 'aws_iam_role.one', 'name')), 'one-0');
    assert.equal(show(prop(r, 'aws_iam_role.each', 'name')), 'each-${?}');
    assert.equal(show(prop(r, 'aws_iam_role.single_each', 'name')), 'single-only-value-1');
    const name = prop(r, 'aws_iam_role.two', 'name');
    const hole = name.k === 'str' ? name.s.parts[1] : undefined;
    assert.ok(hole && typeof hole !== 'string');
    assert.equal(hole.hole, 'count.index differs for each instance of aws_iam_role.two');
    const unknown = prop(r, 'aws_iam_role.each', 'name');
    assert.equal(
      unknown.k === 'str' && typeof unknown.s.parts[1] !== 'string' && unknown.s.parts[1].hole,
      'each.key and each.value differ for each instance of aws_iam_role.each',
    );
  });

  it('resolves indexed references, splats and for expressions over instances', () => {
    const attach = prop(r, 'aws_iam_role_policy_attachment.attach', 'role');
    assert.deepEqual(attach.origin, { resource: 'aws_iam_role.two', attr: 'name' });
    assert.deepEqual(show(prop(r, 'terraform_data.probe', 'input')), {
      two_names: ['two-${?}', 'two-${?}'],
      each_arns: ['arn:${partition}:iam::${account}:role/each-${?}', 'arn:${partition}:iam::${account}:role/each-${?}'],
      zero_names: [],
      zero_try: 'none',
    });
  });
});
