import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import {
  createHclFileCache,
  evaluateTerraformModule,
} from '../../../../../server/src/eval/terraform/evaluateTerraformModule';
import {
  evaluate,
  fixtureModule,
  inlineModule,
  offsetOf,
  prop,
  resource,
  show,
  textAt,
  TF_FIXTURES,
} from './tfTestUtil';

describe('Terraform module evaluation', () => {
  it('reports malformed HCL with the "Malformed HCL:" prefix and still evaluates what follows', () => {
    const m = fixtureModule('malformed-module');
    const r = evaluate(m);
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0].message, /^Malformed HCL: expected a value for name/);
    assert.equal(textAt(m, r.problems[0].loc), 'name =');
    assert.deepEqual(
      r.resources.map((x) => x.address),
      ['aws_iam_role.typing', 'aws_iam_policy.after', 'aws_iam_role.other_file'],
    );
    assert.deepEqual(show(prop(r, 'aws_iam_policy.after', 'policy.Statement.0.Action')), ['s3:GetObject']);
    assert.equal(show(prop(r, 'aws_iam_role.typing', 'assume_role_policy.Statement.0.Action')), 'sts:AssumeRole');
    assert.deepEqual(show(prop(r, 'aws_iam_role.typing', 'name')), { unknown: 'the expression has a syntax error' });
  });

  it('reads file() JSON with locations in that file, templatefile() with its variables', () => {
    const m = fixtureModule('file-functions');
    const r = evaluate(m);
    const boundary = path.join(TF_FIXTURES, 'file-functions/policies/boundary.json');
    const action = prop(r, 'aws_iam_policy.boundary', 'policy.Statement.0.Action.1');
    assert.equal(show(action), 's3:GetObject');
    assert.equal(action.loc.file, boundary);
    assert.equal(textAt(m, action.loc), '"s3:GetObject"');
    const principal = prop(r, 'aws_iam_role.r', 'assume_role_policy.Statement.0.Principal');
    assert.deepEqual(show(principal), { AWS: 'arn:aws:iam::123456789012:root', Service: 'ecs-tasks.amazonaws.com' });
    const aws = prop(r, 'aws_iam_role.r', 'assume_role_policy.Statement.0.Principal.AWS');
    assert.equal(textAt(m, aws.loc), '"arn:aws:iam::${account}:root"');
    assert.deepEqual(show(prop(r, 'aws_iam_policy.missing', 'policy')), {
      unknown: 'file(): the file policies/nope.json was not found',
    });
  });

  it('uses the profile mode when the module sets none, and reads default_tags of the default provider', () => {
    const m = inlineModule({
      'main.tf': `
provider "aws" {
  alias = "other"
  default_tags {
    tags = { Wrong = "yes" }
  }
}
provider "aws" {
  default_tags {
    tags = { Project = "pennsieve", Env = var.env }
  }
}
variable "env" { default = "dev" }
variable "deployment_mode" { default = "something-else" }
`,
    });
    const r = evaluate(m, { profileMode: 'secure' });
    assert.deepEqual(r.unit.mode, { value: 'secure', source: 'profile' });
    assert.equal(r.unit.id, '/mod');
    assert.equal(r.unit.language, 'terraform');
    assert.deepEqual(show(r.unit.defaultTags!), { Project: 'pennsieve', Env: 'dev' });
  });

  it('takes the deployment_mode default with its location', () => {
    const m = inlineModule({ 'v.tf': 'variable "deployment_mode" {\n  default = "compliant"\n}\n' });
    const r = evaluate(m);
    assert.equal(r.unit.mode.value, 'compliant');
    assert.equal(r.unit.mode.source, 'unit');
    assert.equal(r.unit.mode.loc!.start, offsetOf(m, 'v.tf', '"compliant"'));
  });

  it('expands dynamic blocks in resources and excludes depends_on', () => {
    const m = inlineModule({
      'main.tf': `
resource "aws_security_group" "sg" {
  depends_on = [aws_vpc.v]
  dynamic "ingress" {
    for_each = { https = 443, nfs = 2049 }
    content {
      from_port = ingress.value
      description = ingress.key
    }
  }
}
resource "aws_vpc" "v" {}
`,
    });
    const sg = resource(evaluate(m), 'aws_security_group.sg');
    assert.deepEqual(show(sg.props), {
      ingress: [
        { from_port: 443, description: 'https' },
        { from_port: 2049, description: 'nfs' },
      ],
    });
    assert.equal(textAt(m, sg.props.entries[0].keyLoc), '"ingress"');
  });

  it('re-parses only the file that changed when a cache is given', () => {
    const cache = createHclFileCache();
    const m = inlineModule({
      'a.tf': 'resource "x" "a" {\n  name = "a"\n}\n',
      'b.tf': 'resource "x" "b" {\n  name = local.n\n}\nlocals {\n  n = "one"\n}\n',
    });
    const first = evaluateTerraformModule(m.dir, m.files, { profileMode: 'basic', cache });
    assert.equal(cache.size, 2);
    const parsedA = cache.parse(m.files[0]);
    const edited = m.files.map((f) => (f.path.endsWith('b.tf') ? { ...f, text: f.text.replace('"one"', '"two"') } : f));
    const second = evaluateTerraformModule(m.dir, edited, { profileMode: 'basic', cache });
    assert.equal(cache.parse(m.files[0]), parsedA);
    assert.equal(show(prop(first, 'x.b', 'name')), 'one');
    assert.equal(show(prop(second, 'x.b', 'name')), 'two');
  });

  it('never throws on arbitrary input', () => {
    const junk = [
      'resource "a" "b" {\n  x = var.y[',
      'locals {\n  a = local.a\n}\n',
      'resource "a" "b" {\n  count = -1\n  for_each = 3\n}\n',
      'x = {for k in 1 : k => k}',
    ];
    for (const text of junk) {
      const r = evaluate(inlineModule({ 'main.tf': text }));
      assert.ok(Array.isArray(r.resources));
    }
  });
});
