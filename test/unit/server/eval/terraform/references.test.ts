import { strict as assert } from 'node:assert';
import { textOf } from '../../../../../server/src/model/pstr';
import { evaluate, fixtureModule, offsetOf, prop, resource, show, textAt } from './tfTestUtil';

describe('Terraform references', () => {
  const m = fixtureModule('locals-and-references');
  const r = evaluate(m);
  const probe = (key: string) => prop(r, 'terraform_data.probe', `input.${key}`);

  it('resolves locals in dependency order across declaration order', () => {
    assert.equal(show(prop(r, 'aws_iam_role.processor', 'name')), 'pennsieve-dev-processor');
  });

  it('turns a cycle between locals into an unknown that names the cycle', () => {
    const loop = probe('loop');
    assert.equal(loop.k, 'str');
    const reasons =
      loop.k === 'str'
        ? loop.s.parts.filter((p) => typeof p !== 'string').map((p) => (typeof p === 'string' ? '' : p.hole))
        : [];
    assert.deepEqual(reasons, ['local.loop_a refers to itself (local.loop_a → local.loop_b → local.loop_a)']);
  });

  it('says why a variable without default is unknown, at the reference', () => {
    const d = prop(r, 'aws_iam_role.processor', 'description');
    assert.deepEqual(show(d), { unknown: 'var.boundary_arn has no default' });
    assert.equal(textAt(m, d.loc), 'var.boundary_arn');
  });

  it('links references to resources with origin and the location of the reference', () => {
    const b = prop(r, 'aws_iam_role.processor', 'permissions_boundary');
    assert.equal(show(b), 'arn:${partition}:iam::${account}:policy/pennsieve/pennsieve-boundary-dev');
    assert.deepEqual(b.origin, { resource: 'aws_iam_policy.boundary', attr: 'arn' });
    assert.equal(textAt(m, b.loc), 'aws_iam_policy.boundary.arn');
    const role = prop(r, 'aws_iam_role_policy_attachment.attach', 'role');
    assert.deepEqual(
      [show(role), role.origin],
      ['pennsieve-dev-processor', { resource: 'aws_iam_role.processor', attr: 'name' }],
    );
  });

  it('synthesizes ARNs and ids with symbolic partition, account and region', () => {
    assert.equal(show(probe('role_arn')), 'arn:${partition}:iam::${account}:role/pennsieve-dev-processor');
    assert.equal(show(probe('bucket_arn')), 'arn:${partition}:s3:::pennsieve-dev-data');
    assert.equal(show(probe('bucket_id')), 'pennsieve-dev-data');
    assert.equal(show(probe('efs_arn')), 'arn:${partition}:elasticfilesystem:${region}:${account}:file-system/${?}');
    assert.equal(show(probe('lg_arn')), 'arn:${partition}:logs:${region}:${account}:log-group:/pennsieve/dev');
    assert.equal(show(probe('kms_arn')), 'arn:${partition}:kms:${region}:${account}:key/${?}');
    assert.deepEqual(show(probe('vpc_id')), { unknown: 'aws_vpc.v.id is known only after apply' });
    assert.equal(show(probe('prefixed')), 'tmp-${?}');
  });

  it('treats the caller identity, region and partition data sources as self symbols', () => {
    const v = probe('arn_self');
    assert.equal(show(v), 'arn:${partition}:s3:${region}:${account}:x');
    if (v.k !== 'str') return;
    const hole = v.s.parts.find((p) => typeof p !== 'string' && p.symbol === 'account');
    assert.ok(hole && typeof hole !== 'string');
    assert.equal(hole.hole, 'data.aws_caller_identity.c.account_id is the deploying account');
  });

  it('leaves the outputs of a module that cannot be followed unknown and resolves path.module and try() over undeclared names', () => {
    assert.deepEqual(show(probe('module_out')), {
      unknown: 'module.child.role_arn is unknown: its folder does not exist',
    });
    assert.equal(show(probe('path')), m.dir);
    assert.equal(show(probe('undeclared')), 'fallback');
  });

  it('gives IacResources their type, address, header and block locations', () => {
    const role = resource(r, 'aws_iam_role.processor');
    assert.equal(role.type, 'aws_iam_role');
    assert.equal(textAt(m, role.labelLoc), 'resource "aws_iam_role" "processor"');
    assert.ok(
      textAt(m, role.loc).startsWith('resource "aws_iam_role" "processor" {') && textAt(m, role.loc).endsWith('}'),
    );
    const data = resource(r, 'data.aws_region.r');
    assert.equal(data.type, 'data.aws_region');
    assert.equal(textAt(m, data.labelLoc), 'data "aws_region" "r"');
    const nameEntry = role.props.entries.find((e) => e.key === 'name')!;
    assert.equal(nameEntry.keyLoc.start, offsetOf(m, 'main.tf', 'name                 = local.role_name'));
  });
});

describe('Terraform variables from tfvars', () => {
  const m = fixtureModule('tfvars-override');
  const r = evaluate(m, { profileMode: 'secure' });

  it('lets terraform.tfvars and *.auto.tfvars (in name order) override defaults', () => {
    assert.equal(show(prop(r, 'aws_iam_role.r', 'name')), 'pennsieve-prod-from-b');
    assert.equal(show(prop(r, 'aws_iam_role.r', 'path')), '/us-west-2/');
    const name = prop(r, 'aws_iam_role.r', 'name');
    assert.equal(name.k === 'str' && textOf(name.s), 'pennsieve-prod-from-b');
  });

  it('takes deployment_mode from the module (tfvars win) with its location', () => {
    assert.equal(r.unit.mode.value, 'compliant');
    assert.equal(r.unit.mode.source, 'unit');
    assert.equal(textAt(m, r.unit.mode.loc!), '"compliant"');
    assert.ok(r.unit.mode.loc!.file.endsWith('b.auto.tfvars'));
  });
});
