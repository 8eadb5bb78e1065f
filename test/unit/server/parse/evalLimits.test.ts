// Evaluation the input controls stays bounded: chains of references are evaluated one link at a
// time (leaves first), and nesting, total work and value size are limited. A limit reached is a
// PG801 problem at that place and an unknown value there; the rest is still evaluated.

import { strict as assert } from 'node:assert';
import { readDocument } from '../../../../server/src/parse/document';
import { LIMITS } from '../../../../server/src/parse/limits';
import { evaluate, inlineModule, prop, show } from '../eval/terraform/tfTestUtil';

const ROLE = (name: string, value: string) =>
  `resource "aws_iam_role" "${name}" {\n  name = ${value}\n  assume_role_policy = "{}"\n}\n`;

function tf(text: string) {
  const r = evaluate(inlineModule({ 'main.tf': text }));
  const limits = r.problems
    .filter((p) => p.message.startsWith('Not checked'))
    .map((p) => p.message.replace("Not checked, beyond the checker's limits: ", ''));
  return { r, limits, name: (address = 'aws_iam_role.r') => show(prop(r, address, 'name')) };
}

describe('evaluation limits: Terraform', () => {
  it('evaluates 1,450 chained locals (valid Terraform) to the value at the end of the chain', () => {
    const locals = Array.from({ length: 1450 }, (_, i) => `  l${i + 1} = local.l${i}\n`).join('');
    const { limits, name } = tf(`locals {\n  l0 = "end"\n${locals}}\n${ROLE('r', 'local.l1450')}`);
    assert.deepEqual(limits, []);
    assert.equal(name(), 'end');
  });

  it('evaluates 1,500 roles each named after the previous one', () => {
    const roles = Array.from({ length: 1500 }, (_, i) => ROLE(`r${i + 1}`, `aws_iam_role.r${i}.name`)).join('');
    const { limits, name } = tf(ROLE('r0', '"first"') + roles);
    assert.deepEqual(limits, []);
    assert.equal(name('aws_iam_role.r1500'), 'first');
  });

  it('bounds a cycle of 1,450 locals by the nesting limit (unknown, reported)', () => {
    const locals = Array.from({ length: 1450 }, (_, i) => `  l${i} = local.l${(i + 1) % 1450}\n`).join('');
    const { limits, name } = tf(`locals {\n${locals}}\n${ROLE('r', 'local.l0')}`);
    assert.deepEqual(limits, [`evaluations nested deeper than ${LIMITS.evalDepth} levels`]);
    assert.equal(typeof name(), 'object');
  });

  it('concatenates 100,000 lists without overflowing the stack', () => {
    const { limits, name } = tf(
      `locals {\n  x = concat(${Array(100000).fill('[1]').join(',')})\n}\n${ROLE('r', '"n${length(local.x)}"')}`,
    );
    assert.deepEqual(limits, []);
    assert.equal(name(), 'n100000');
  });

  it('stops lists that double at every link at the size limit', () => {
    const locals = Array.from({ length: 60 }, (_, i) => `  l${i + 1} = [local.l${i}, local.l${i}]\n`).join('');
    const { limits, name } = tf(`locals {\n  l0 = "abcdefgh"\n${locals}}\n${ROLE('r', 'jsonencode(local.l60)')}`);
    assert.ok(
      limits.length >= 1 &&
        limits.every((l) => l === `a value larger than ${LIMITS.valueSize} elements and characters`),
      limits.join('\n'),
    );
    assert.equal(typeof name(), 'object');
  });

  it('stops strings that double at every link, and holes do not double after that', () => {
    const locals = Array.from({ length: 60 }, (_, i) => `  l${i + 1} = "\${local.l${i}}\${local.l${i}}"\n`).join('');
    const t0 = Date.now();
    const { limits } = tf(`locals {\n  l0 = "abcdefgh"\n${locals}}\n${ROLE('r', 'local.l60')}`);
    assert.deepEqual(limits, [`a string larger than ${LIMITS.valueSize} elements and characters`]);
    assert.ok(Date.now() - t0 < 10000);
  });

  it('stops nested for expressions at the work limit', () => {
    const { limits } = tf(
      `locals {\n  x = [for a in range(1000): [for b in range(1000): [for c in range(1000): c]]]\n}\n${ROLE('r', '"n${length(local.x)}"')}`,
    );
    assert.deepEqual(limits, [`more than ${LIMITS.evalSteps} evaluation steps`]);
  });

  it('never builds a string past the limit: join(), format() padding, replace()', () => {
    const big = 'a'.repeat(100000);
    const cases: Record<string, string> = {
      join: `join("", [for i in range(1000): local.s])`,
      pad: `format("%999999999s", "x")`,
      replace: `replace(local.s, "a", local.s)`,
    };
    for (const [fn, expr] of Object.entries(cases)) {
      const { limits, name } = tf(`locals {\n  s = "${big}"\n}\n${ROLE('r', expr)}`);
      assert.equal(limits.length, 1, fn);
      assert.match(limits[0], /larger than 2000000 elements and characters$/, fn);
      assert.equal(typeof name(), 'object', fn);
    }
  });

  it('counts the pairwise work of distinct() and chomps 200,000 line breaks in linear time', () => {
    const lists = Array.from({ length: 100 }, () => '[for i in range(1000): "${i}"]').join(',');
    const { limits } = tf(`locals {\n  x = distinct(concat(${lists}))\n}\n${ROLE('r', '"n${length(local.x)}"')}`);
    assert.deepEqual(limits, [`more than ${LIMITS.evalSteps} evaluation steps`]);
    const t0 = Date.now();
    const chomped = tf(ROLE('r', `chomp("${'\\n'.repeat(200000)}x\\n\\n")`));
    assert.equal(chomped.name(), `${'\n'.repeat(200000)}x`);
    assert.ok(Date.now() - t0 < 5000);
  });
});

describe('evaluation limits: CloudFormation', () => {
  const trust = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  };
  const template = (resources: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    readDocument(
      {
        id: '/t.json',
        path: '/t.json',
        text: JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', ...extra, Resources: resources }),
      },
      'basic',
    );
  const role = (name: unknown) => ({
    Type: 'AWS::IAM::Role',
    Properties: { RoleName: name, AssumeRolePolicyDocument: trust },
  });
  const nameOf = (d: ReturnType<typeof template>, id: string) => {
    assert.equal(d.kind, 'units');
    const r = d.kind === 'units' ? d.resources.find((x) => x.address === id) : undefined;
    return r?.props.entries.find((e) => e.key === 'RoleName')?.value;
  };

  it('evaluates 512 chained references', () => {
    const res = Object.fromEntries(
      Array.from({ length: 512 }, (_, i) => [`R${i}`, role(i < 511 ? { Ref: `R${i + 1}` } : 'last')]),
    );
    const d = template(res);
    assert.deepEqual(d.kind === 'units' ? d.problems : d, []);
    const n = nameOf(d, 'R0');
    assert.deepEqual(n?.k === 'str' ? n.s.parts : n, ['last']);
  });

  it('answers 100 roles that refer to each other in a cycle quickly, with unknowns', () => {
    const res = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [`R${i}`, role({ 'Fn::Sub': `r-\${R${(i + 1) % 100}.Arn}` })]),
    );
    const t0 = Date.now();
    const d = template(res);
    assert.ok(Date.now() - t0 < 5000);
    assert.equal(d.kind, 'units');
  });

  it('stops Fn::Sub names that double at every link at the size limit', () => {
    const res = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [
        `R${i}`,
        role(i < 99 ? { 'Fn::Sub': `\${R${i + 1}}\${R${i + 1}}` } : 'abcdefgh'),
      ]),
    );
    const d = template(res);
    const limits = d.kind === 'units' ? d.problems.map((p) => p.message) : [];
    assert.ok(
      limits.length >= 1 && limits.every((m) => m.endsWith('a string larger than 2000000 elements and characters')),
      limits.join('\n'),
    );
    const r0 = nameOf(d, 'R0');
    assert.ok(r0?.k !== 'str' || r0.s.parts.length < 100, 'holes do not double');
  });

  it('evaluates 2,000 chained conditions', () => {
    const conditions = Object.fromEntries(
      Array.from({ length: 2000 }, (_, i) => [
        `C${i}`,
        i < 1999 ? { Condition: `C${i + 1}` } : { 'Fn::Equals': ['a', 'b'] },
      ]),
    );
    const d = template({ R: { ...role('x'), Condition: 'C0' } }, { Conditions: conditions });
    assert.equal(d.kind === 'units' ? d.resources[0].exists : undefined, 'no');
  });
});
