// The Pulumi TypeScript/JavaScript front end: what it resolves, what it leaves unknown (and says
// why), where values are located, and how it survives a program that does not parse.

import { strict as assert } from 'node:assert';
import type { IacResource } from '../../../../../server/src/model/resources';
import type { Val } from '../../../../../server/src/model/value';
import { readDocument } from '../../../../../server/src/parse/document';
import { evaluatePulumiProgram, type PulumiProgram } from '../../../../../server/src/parse/pulumi/program';
import { at, show } from '../../eval/terraform/tfTestUtil';

const HEAD = 'import * as aws from "@pulumi/aws";\nimport * as pulumi from "@pulumi/pulumi";\n';

function run(body: string, path = '/p/index.ts'): PulumiProgram {
  return evaluatePulumiProgram({ id: path, path, text: HEAD + body }, 'basic');
}

function res(p: PulumiProgram, address: string): IacResource {
  const r = p.resources.find((x) => x.address === address);
  assert.ok(r, `no ${address}; have ${p.resources.map((x) => x.address).join(', ')}`);
  return r;
}

function arg(p: PulumiProgram, address: string, dotted: string): Val {
  return at(res(p, address).props, dotted);
}

describe('Pulumi programs: evaluation', () => {
  it('maps resources onto Terraform types and argument names, keeping policy and tag keys', () => {
    const p = run(`
const role = new aws.iam.Role("ci", {
  assumeRolePolicy: { Version: "2012-10-17", Statement: [] },
  maxSessionDuration: 3600,
  inlinePolicies: [{ name: "x", policy: "{}" }],
  tags: { costCenter: "a" },
});`);
    const r = res(p, 'aws.iam.Role ci');
    assert.equal(r.type, 'aws_iam_role');
    assert.deepEqual(
      r.props.entries.map((e) => e.key),
      ['assume_role_policy', 'max_session_duration', 'inline_policy', 'tags'],
    );
    assert.deepEqual(show(arg(p, 'aws.iam.Role ci', 'tags')), { costCenter: 'a' });
    assert.deepEqual(show(arg(p, 'aws.iam.Role ci', 'assume_role_policy')), { Version: '2012-10-17', Statement: [] });
    assert.equal(p.unit.language, 'pulumi');
  });

  it('resolves constants, template strings, concatenation, arithmetic, spreads and destructuring', () => {
    const p = run(`
const env = "prod";
const base = { Effect: "Allow", Resource: "*" };
const { account, region: where = "us-east-1" } = { account: "123456789012" };
const [first] = ["s3:GetObject"];
new aws.iam.Role("r", {
  name: \`pennsieve-\${env}\` + "-" + 'r',
  maxSessionDuration: 2 * 60 * 60,
  assumeRolePolicy: JSON.stringify({ Statement: [{ ...base, Action: [first], Principal: { AWS: "arn:aws:iam::" + account + ":root" } }] }),
  description: where,
});`);
    const a = 'aws.iam.Role r';
    assert.equal(show(arg(p, a, 'name')), 'pennsieve-prod-r');
    assert.equal(show(arg(p, a, 'max_session_duration')), 7200);
    assert.deepEqual(show(arg(p, a, 'assume_role_policy.Statement.0')), {
      Effect: 'Allow',
      Resource: '*',
      Action: ['s3:GetObject'],
      Principal: { AWS: 'arn:aws:iam::123456789012:root' },
    });
    assert.equal(show(arg(p, a, 'description')), 'us-east-1');
  });

  it('evaluates ??, ||, && and ? : only when what decides is known', () => {
    const p = run(`
const config = new pulumi.Config();
const empty = "";
new aws.iam.Role("r", {
  name: empty || "fallback",
  path: null ?? "/svc/",
  description: config.get("d") ?? "default",
  namePrefix: true ? "yes" : "no",
  permissionsBoundary: empty && "never",
});`);
    const a = 'aws.iam.Role r';
    assert.equal(show(arg(p, a, 'name')), 'fallback');
    assert.equal(show(arg(p, a, 'path')), '/svc/');
    assert.deepEqual(show(arg(p, a, 'description')), {
      unknown: '`config.get("d")` is a stack configuration value (pulumi.Config), set per stack',
    });
    assert.equal(show(arg(p, a, 'name_prefix')), 'yes');
    assert.equal(show(arg(p, a, 'permissions_boundary')), '');
  });

  it('leaves run-time values unknown, with a reason naming the expression', () => {
    const p = run(`
const config = new pulumi.Config();
let changing = "a";
changing = "b";
function makeName(x: string) { return x; }
new aws.iam.Role("r", {
  name: config.require("roleName"),
  description: changing,
  path: makeName("/x/"),
  permissionsBoundary: process.env.BOUNDARY,
  assumeRolePolicy: pulumi.interpolate\`\${config.require("trust")}\`,
});`);
    const reason = (d: string) => {
      const v = arg(p, 'aws.iam.Role r', d);
      return v.k === 'unknown'
        ? v.reason
        : v.k === 'str' && typeof v.s.parts[0] !== 'string'
          ? v.s.parts[0].hole
          : `known: ${JSON.stringify(show(v))}`;
    };
    assert.equal(
      reason('name'),
      '`config.require("roleName")` is a stack configuration value (pulumi.Config), set per stack',
    );
    assert.equal(reason('description'), '`changing` is reassigned (declared with let), so its value is not known here');
    assert.equal(reason('path'), '`makeName("/x/")` is computed by a function call when the program runs');
    assert.equal(
      reason('permissions_boundary'),
      '`process.env.BOUNDARY` is read from the environment when the program runs',
    );
    assert.equal(
      reason('assume_role_policy'),
      '`config.require("trust")` is a stack configuration value (pulumi.Config), set per stack',
    );
  });

  it('links references to resources (role.name, role.id, a role object, policy.arn) and autonames', () => {
    const p = run(`
const role = new aws.iam.Role("worker", { assumeRolePolicy: "{}" });
const named = new aws.iam.Role("named", { name: "pennsieve-named", path: "/svc/", assumeRolePolicy: "{}" });
const policy = new aws.iam.Policy("p", { name: "pennsieve-boundary-1", policy: "{}" });
new aws.iam.RolePolicyAttachment("a", { role: role.name, policyArn: policy.arn });
new aws.iam.RolePolicyAttachment("b", { role: named, policyArn: aws.iam.ManagedPolicy.ReadOnlyAccess });
new aws.iam.RolePolicy("c", { role: named.id, policy: "{}" });
export const arn = named.arn;`);
    const roleRef = arg(p, 'aws.iam.RolePolicyAttachment a', 'role');
    assert.deepEqual(roleRef.origin, { resource: 'aws.iam.Role worker', attr: 'name' });
    assert.equal(show(roleRef), 'worker-${?}');
    assert.equal(
      show(arg(p, 'aws.iam.RolePolicyAttachment a', 'policy_arn')),
      'arn:${partition}:iam::${account}:policy/pennsieve-boundary-1',
    );
    assert.deepEqual(arg(p, 'aws.iam.RolePolicyAttachment b', 'role').origin, {
      resource: 'aws.iam.Role named',
      attr: 'id',
    });
    assert.equal(show(arg(p, 'aws.iam.RolePolicyAttachment b', 'role')), 'pennsieve-named');
    assert.equal(
      show(arg(p, 'aws.iam.RolePolicyAttachment b', 'policy_arn')),
      'arn:aws:iam::aws:policy/${?}ReadOnlyAccess',
    );
    assert.equal(show(arg(p, 'aws.iam.RolePolicy c', 'role')), 'pennsieve-named');
  });

  it('evaluates getPolicyDocument through .then, await, .apply and getPolicyDocumentOutput(...).json', async () => {
    const doc =
      '{ statements: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["ecs-tasks.amazonaws.com"] }] }] }';
    const p = run(`
const d1 = aws.iam.getPolicyDocument(${doc});
const d2 = aws.iam.getPolicyDocumentOutput(${doc});
const me = aws.getCallerIdentityOutput();
new aws.iam.Role("then", { assumeRolePolicy: d1.then(d => d.json) });
new aws.iam.Role("output", { assumeRolePolicy: d2.json });
new aws.iam.Role("apply", { assumeRolePolicy: pulumi.all([me.accountId, "x"]).apply(([id, other]) => JSON.stringify({ Statement: [{ Principal: { AWS: \`arn:aws:iam::\${id}:root\` }, Sid: other }] })) });
export = async () => {
  const d3 = await aws.iam.getPolicyDocument(${doc});
  new aws.iam.Role("await", { assumeRolePolicy: d3.json });
};`);
    const expected = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole'], Principal: { Service: ['ecs-tasks.amazonaws.com'] } }],
    };
    for (const name of ['then', 'output', 'await'])
      assert.deepEqual(show(arg(p, `aws.iam.Role ${name}`, 'assume_role_policy')), expected, name);
    assert.deepEqual(show(arg(p, 'aws.iam.Role apply', 'assume_role_policy.Statement.0')), {
      Principal: { AWS: 'arn:aws:iam::${account}:root' },
      Sid: 'x',
    });
    assert.equal(res(p, 'aws.iam.Role await').exists, 'unknown', 'created inside a function');
    assert.equal(res(p, 'aws.iam.Role then').exists, 'yes');
  });

  it('reads named imports, @pulumi/aws/iam, require and import = require', () => {
    const cases = [
      ['import { iam } from "@pulumi/aws";\nnew iam.Role("r", {});', '/p/a.ts'],
      ['import { Role } from "@pulumi/aws/iam";\nnew Role("r", {});', '/p/b.ts'],
      ['const aws = require("@pulumi/aws");\nnew aws.iam.Role("r", {});', '/p/c.js'],
      ['import aws = require("@pulumi/aws");\nnew aws.iam.Role("r", {});', '/p/d.ts'],
      ['import * as cloud from "@pulumi/aws";\nconst { iam } = cloud;\nnew iam.Role("r", {});', '/p/e.ts'],
    ];
    for (const [text, path] of cases) {
      const p = evaluatePulumiProgram({ id: path, path, text }, 'basic');
      assert.deepEqual(
        p.resources.map((r) => r.address),
        ['aws.iam.Role r'],
        text,
      );
      assert.deepEqual(p.problems, [], text);
    }
  });

  it('ignores files that do not import @pulumi/aws, and other modules of the same name', () => {
    assert.deepEqual(readDocument({ id: '/x/a.ts', path: '/x/a.ts', text: 'const a = { Statement: [] };' }, 'basic'), {
      kind: 'ignored',
    });
    const p = evaluatePulumiProgram(
      {
        id: '/x/b.ts',
        path: '/x/b.ts',
        text: 'import * as aws from "@pulumi/aws-native";\nimport * as local from "./aws";\nnew aws.iam.Role("r", {});\nnew local.iam.Role("s", {});',
      },
      'basic',
    );
    assert.deepEqual(p.resources, []);
  });

  it('locates values exactly in the source: the ForAllValues key, a string in a template, a number', () => {
    const body =
      'new aws.iam.Role("r", { maxSessionDuration: 43200, assumeRolePolicy: JSON.stringify({ Statement: [{ Condition: { "ForAllValues:StringEquals": { "sts:ExternalId": `x-${1}` } } }] }) });';
    const p = run(body);
    const text = HEAD + body;
    const trust = arg(p, 'aws.iam.Role r', 'assume_role_policy');
    const cond = at(trust, 'Statement.0.Condition');
    assert.ok(cond.k === 'obj');
    const key = cond.entries[0].keyLoc;
    assert.equal(text.slice(key.start, key.end), '"ForAllValues:StringEquals"');
    const value = at(cond, 'ForAllValues:StringEquals.sts:ExternalId');
    assert.equal(text.slice(value.loc.start, value.loc.end), '`x-${1}`');
    assert.equal(show(value), 'x-1');
    const session = arg(p, 'aws.iam.Role r', 'max_session_duration');
    assert.equal(text.slice(session.loc.start, session.loc.end), '43200');
  });

  it('marks resources in conditions, loops and callbacks as possibly absent, and gives them unique addresses', () => {
    const p = run(`
for (const n of ["a", "b"]) new aws.iam.Role(\`r-\${n}\`, {});
if (pulumi.getStack() === "prod") new aws.iam.Role("prod", {});
new aws.iam.Role("same", {});
new aws.iam.Role("same", {});`);
    assert.deepEqual(
      p.resources.map((r) => [r.address, r.exists]),
      [
        ['aws.iam.Role r-${…}', 'unknown'],
        ['aws.iam.Role prod', 'unknown'],
        ['aws.iam.Role same', 'yes'],
        ['aws.iam.Role same #2', 'yes'],
      ],
    );
  });
});

describe('Pulumi programs: robustness', () => {
  it('checks the statements that parse and reports the one that does not (as the user types)', () => {
    const p = run(`
new aws.iam.Role("before", { maxSessionDuration: 1 });
const broken = new aws.iam.Role("typing", {
  name: "half
new aws.iam.Role("after", { maxSessionDuration: 2 });`);
    assert.deepEqual(
      p.resources.map((r) => r.address),
      ['aws.iam.Role before', 'aws.iam.Role after'],
    );
    assert.equal(p.problems.length, 1);
    assert.match(
      p.problems[0].message,
      /^This part of the program does not parse, so it is not checked: Unterminated string constant/,
    );
  });

  it('joins a piece with the next when a template literal spans lines that start in column 0', () => {
    const body =
      'const trust = `{\n"Statement": []\n}`;\nconst broken = {\nnew aws.iam.Role("r", { assumeRolePolicy: trust });';
    const p = run(body);
    assert.equal(p.problems.length, 1);
    const at = p.problems[0].loc.start - HEAD.length;
    assert.ok(
      at >= body.indexOf('const broken') && at <= body.indexOf('new aws'),
      `the problem is on the broken statement: ${at}`,
    );
    assert.equal(show(arg(p, 'aws.iam.Role r', 'assume_role_policy')), '{\n"Statement": []\n}');
  });

  it('survives deep nesting, self-reference and huge programs without throwing', () => {
    for (const depth of [600, 5000]) {
      const p1 = run(`const x = ${'['.repeat(depth)}${']'.repeat(depth)};\nnew aws.iam.Role("r", { tags: { a: x } });`);
      assert.deepEqual(
        p1.problems.map((x) =>
          /^Not checked, beyond the checker's limits: the program is nested too deeply/.test(x.message),
        ),
        [true],
        `depth ${depth}`,
      );
    }
    const p2 = run('const a: any = { b: a };\nnew aws.iam.Role("r", { tags: a });');
    assert.equal(p2.resources.length, 1);
    const many = Array.from({ length: 2000 }, (_, i) => `const c${i} = ${i === 0 ? '"x"' : `c${i - 1} + "x"`};`).join(
      '\n',
    );
    const p3 = run(`${many}\nnew aws.iam.Role("r", { name: c1999 });`);
    const name = arg(p3, 'aws.iam.Role r', 'name');
    assert.ok(name.k === 'str' || name.k === 'unknown');
  });

  it('stays linear on many resources of one name and on large object literals', () => {
    const same = run(Array.from({ length: 3000 }, () => 'new aws.iam.Role("same", {});').join('\n'));
    const addresses = same.resources.map((r) => r.address);
    assert.equal(new Set(addresses).size, 3000);
    assert.equal(addresses[2999], 'aws.iam.Role same #3000');
    const keys = Array.from({ length: 5000 }, (_, i) => `k${i % 4000}: "v${i}"`).join(', ');
    const big = run(`new aws.iam.Role("r", { tags: { ${keys} } });`);
    const tags = arg(big, 'aws.iam.Role r', 'tags');
    assert.ok(tags.k === 'obj');
    assert.equal(tags.entries.length, 4000, 'a repeated key replaces the earlier one');
    assert.equal(show(at(tags, 'k0')), 'v4000');
  });

  it('reports a program past the size limit instead of parsing it', () => {
    const text = `${HEAD}// ${'x'.repeat(1024 * 1024)}\n`;
    const r = readDocument({ id: '/p/big.ts', path: '/p/big.ts', text }, 'basic');
    assert.equal(r.kind, 'broken');
  });
});
