// The adversarial inputs of issue #9 ("Untrusted input"), as generators: each is what once
// crashed, hung, failed open or leaked, with what the checker must now answer. Used by the
// adversarial test (test/unit/server/adversarial.test.ts), the fuzz suite (as seeds) and the
// benchmark (bench/untrustedInput.ts). Generated on demand: some are megabytes.

/** One adversarial input: files relative to the checked folder, and the required outcome. */
export interface AdversarialCase {
  readonly name: string;
  /** What it did before (the issue's words). */
  readonly before: string;
  readonly files: () => Readonly<Record<string, string>>;
  /** Rule ids that must be among the findings (a fail-open check); PG801 for limits. */
  readonly mustFind: readonly string[];
  /** When given, exactly these rule ids (sorted) are found, and the CLI exits with `exit`. */
  readonly exactly?: { readonly ruleIds: readonly string[]; readonly exit: 0 | 1 };
}

const ALLOW_ALL = (actions: unknown) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });
const ROLE = (name: string, value: string) =>
  `resource "aws_iam_role" "${name}" {\n  name = ${value}\n  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }] })\n}\n`;
const TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
const cfnRole = (name: unknown) => ({
  Type: 'AWS::IAM::Role',
  Properties: { RoleName: name, AssumeRolePolicyDocument: TRUST },
});
const cfn = (resources: Record<string, unknown>) =>
  JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources });
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** A policy's lines with `extra` inserted as a line of the Statement list. */
const policyLines = (extra: string) => [
  '{',
  '  "Version": "2012-10-17",',
  '  "Statement": [',
  '    { "Effect": "Allow", "Action": "iam:CreateRole", "Resource": "*" },',
  extra,
  '  ]',
  '}',
];
/** A CloudFormation YAML role whose policy allows `action`, with `description`. */
const cfnYaml = (description: string, action: string) =>
  `AWSTemplateFormatVersion: "2010-09-09"\nDescription: ${description}\nResources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: pennsieve-n1-r\n      AssumeRolePolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Principal: { Service: ecs-tasks.amazonaws.com }\n            Action: sts:AssumeRole\n      Policies:\n        - PolicyName: p\n          PolicyDocument:\n            Version: "2012-10-17"\n            Statement:\n              - Effect: Allow\n                Action:\n                  - s3:GetObject\n                  - ${action}\n                Resource: "*"\n`;

/** The slow inputs of the 20,000-input fuzz campaign (seeds 2026, 2027), minimized. */
const FUZZ_SLOW_CASES: readonly AdversarialCase[] = [
  {
    name: 'fuzz-json-quote-run',
    before:
      'a line of 170,000 quote characters in a JSON policy: 170,000 syntax errors, 2.8 s of CPU (fuzz 1345, 2622, 6157, 759, 7892)',
    files: () => ({ 'policy.json': policyLines('"'.repeat(170000)).join('\n') }),
    mustFind: ['PG801'],
    exactly: { ruleIds: ['PG801'], exit: 1 },
  },
  {
    name: 'fuzz-json-swapped-lines-quote-run',
    before: 'the same in a policy whose first line moved down (read as YAML): 97,000 YAML errors, 4.4 s (fuzz 9450)',
    files: () => {
      const lines = policyLines('"'.repeat(195000));
      return { 'policy.json': [lines[1], lines[0], ...lines.slice(2)].join('\n') };
    },
    mustFind: ['PG801'],
    exactly: { ruleIds: ['PG801'], exit: 1 },
  },
  {
    name: 'fuzz-cfn-yaml-quote-run',
    before: 'a CloudFormation YAML description of 187,000 quote characters: 94,000 YAML errors, 2.9 s (fuzz 7664, 669)',
    files: () => ({ 'template.yaml': cfnYaml('"'.repeat(187000), 's3:PutObject') }),
    mustFind: ['PG801'],
    exactly: { ruleIds: ['PG801'], exit: 1 },
  },
  {
    name: 'fuzz-cfn-yaml-long-action',
    before: 'a 284,000-character action in a CloudFormation YAML policy: 1.3 s (fuzz 460)',
    files: () => ({ 'template.yaml': cfnYaml('d', `s${'\\n'.repeat(142000)}`) }),
    mustFind: ['PG802'],
    exactly: { ruleIds: ['PG201', 'PG502', 'PG802'], exit: 1 },
  },
  {
    name: 'fuzz-json-long-unknown-action',
    before: 'a 180,000-character unknown action: its nearest-action search lower-cased it 400 times, 1.2 s (fuzz 7060)',
    files: () => ({ 'policy.json': ALLOW_ALL(['s3:GetObject', 'a'.repeat(180000)]) }),
    mustFind: ['PG802'],
    exactly: { ruleIds: ['PG502', 'PG802'], exit: 1 },
  },
  {
    name: 'fuzz-cfn-json-deep-truncated',
    before: 'a CloudFormation JSON template with a 100,000-quote string, 200 nested arrays, cut off: 1.6 s (fuzz 5326)',
    files: () => ({
      'template.json': `${cfn({ R: cfnRole('pennsieve-n1-r') }).slice(0, -2)}, "X": ["${'"'.repeat(100000)}", ${'['.repeat(200)}`,
    }),
    mustFind: ['PG801'],
    exactly: { ruleIds: ['PG801'], exit: 1 },
  },
  {
    name: 'fuzz-cross-account-long-star-resource',
    before:
      'a cross-account policy whose Resource is `*` and 32,000 `$`: its automaton grew with the square of the string, 80 s of CPU (fuzz seed 3001, 71064)',
    files: () => ({
      'PERMISSION_POLICY_Pennsieve-Compute-prod-1a2b3c4d.json': JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['iam:CreateRole', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'ecs:*'],
            Resource: `*${'$'.repeat(32000)}`,
          },
          { Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::pennsieve-*'] },
        ],
      }),
    }),
    mustFind: ['PG301'],
    exactly: { ruleIds: ['PG301', 'PG302', 'PG303', 'PG305'], exit: 1 },
  },
  {
    name: 'fuzz-tf-concat-72000',
    before: 'a 72,000-item concat in valid Terraform: 1.0 s (fuzz 4771)',
    files: () => ({
      'main.tf': `locals {\n  x = concat(${Array(72000).fill('[1]').join(',')})\n}\n${ROLE('r', '"pennsieve-n1-r${length(local.x)}"')}`,
    }),
    mustFind: ['PG201'],
    exactly: { ruleIds: ['PG201'], exit: 1 },
  },
];

/** The inputs the issue lists, in its order, then the fuzz campaign's slow inputs. */
export const ADVERSARIAL_CASES: readonly AdversarialCase[] = [
  {
    name: 'long-action-allow-all',
    before:
      'a 40,000-character action made a regex too large for V8: five rules skipped, {"findings":[]} and exit 0 on Allow * on *',
    files: () => ({ 'policy.json': ALLOW_ALL([`s3:${'a'.repeat(40000)}`, '*']) }),
    mustFind: ['PG502', 'PG802'],
  },
  {
    name: 'long-condition-key-prefix',
    before: 'a 300-character service prefix hit "name too long"; PG105 was dropped',
    files: () => ({
      'trust.json': JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::123456789012:root' },
            Action: 'sts:AssumeRole',
            Condition: { 'ForAllValues:StringEquals': { 'sts:ExternalId': 'x' } },
          },
          {
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::123456789012:root' },
            Action: 'sts:AssumeRole',
            Condition: { 'ForAllValues:StringEquals': { [`${'x'.repeat(300)}:Key`]: 'x' } },
          },
        ],
      }),
    }),
    mustFind: ['PG105'],
  },
  {
    name: 'file-proc-environ',
    before: 'file("/proc/self/environ") put the environment (a token) into the PG201 message, in JSON and SARIF',
    files: () => ({
      'main.tf': ROLE('r', '"pennsieve-n1-r"').replace(
        '  name =',
        '  permissions_boundary = file("/proc/self/environ")\n  name =',
      ),
    }),
    mustFind: ['PG201'],
  },
  {
    name: 'star-runs',
    before: 's3:*******x took 5 s, nine stars more than 18 s, s3:*?*?*?*?*?*?*?x 3.4 s',
    files: () => ({ 'policy.json': ALLOW_ALL(['s3:*******x', 's3:*********x', 's3:*?*?*?*?*?*?*?x']) }),
    mustFind: ['PG502'],
  },
  {
    name: 'replace-catastrophic-regex',
    before: 'replace(…, "/(a+)+$/", …) ran for more than 20 s',
    files: () => ({ 'main.tf': ROLE('r', `replace("${'a'.repeat(5000)}!", "/(a+)+$/", "b")`) }),
    mustFind: ['PG201'],
  },
  {
    name: 'file-dev-stdin-zero',
    before: 'file("/dev/stdin") blocked; file("/dev/zero") took 1 GB in 2 s and aborted',
    files: () => ({ 'main.tf': ROLE('a', 'file("/dev/stdin")') + ROLE('b', 'file("/dev/zero")') }),
    mustFind: ['PG201'],
  },
  {
    name: 'unknown-actions-10000',
    before: '10,000 unknown actions took 9.9 s (about 1 ms each in PG802)',
    files: () => ({ 'policy.json': ALLOW_ALL(range(10000).map((i) => `s3:Foo${i}`)) }),
    mustFind: ['PG802'],
  },
  {
    name: 'cfn-100-role-cycle',
    before: 'a CloudFormation template with 100 roles referencing each other in a cycle took 5 s',
    files: () => ({
      'template.json': cfn(
        Object.fromEntries(range(100).map((i) => [`R${i}`, cfnRole({ 'Fn::Sub': `r-\${R${(i + 1) % 100}.Arn}` })])),
      ),
    }),
    mustFind: ['PG201'],
  },
  ...(
    [
      ['hcl-1150-brackets', 1150, '[', ']'],
      ['hcl-1600-parens', 1600, '(', ')'],
      ['hcl-1600-objects', 1600, '{a=', '}'],
    ] as const
  ).map(([name, n, open, close]) => ({
    name,
    before: `${n} nested ${open} in HCL overflowed the stack: "internal error", exit 2, no JSON`,
    files: () => ({
      'main.tf': `locals {\n  x = ${open.repeat(n)}${open === '(' || open === '{a=' ? '1' : ''}${close.repeat(n)}\n}\n${ROLE('r', '"x"')}`,
    }),
    mustFind: ['PG801', 'PG201'],
  })),
  {
    name: 'hcl-4000-nested-blocks',
    before: '4,000 nested blocks in HCL overflowed the stack',
    files: () => ({ 'main.tf': `a {\n${'b {\n'.repeat(4000)}${'}\n'.repeat(4001)}${ROLE('r', '"x"')}` }),
    mustFind: ['PG801', 'PG201'],
  },
  {
    name: 'json-2200-nested-arrays',
    before: '1,600 to 2,200 nested JSON arrays overflowed the stack',
    files: () => ({
      'policy.json': `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"X":${'['.repeat(2200)}${']'.repeat(2200)}}}]}`,
    }),
    mustFind: ['PG801'],
  },
  {
    name: 'locals-1450-chain',
    before: '1,450 chained locals (valid Terraform) overflowed the stack',
    files: () => ({
      'main.tf': `locals {\n  l0 = "x"\n${range(1450)
        .map((i) => `  l${i + 1} = local.l${i}\n`)
        .join('')}}\n${ROLE('r', 'local.l1450')}`,
    }),
    mustFind: ['PG201'],
  },
  {
    name: 'cfn-512-reference-chain',
    before: '512 chained CloudFormation references overflowed the stack',
    files: () => ({
      'template.json': cfn(
        Object.fromEntries(range(512).map((i) => [`R${i}`, cfnRole(i < 511 ? { Ref: `R${i + 1}` } : 'last')])),
      ),
    }),
    mustFind: ['PG201'],
  },
  {
    name: 'concat-262144',
    before: 'a 262,144-item concat overflowed the stack',
    files: () => ({
      'main.tf': `locals {\n  x = concat(${Array(262144).fill('[1]').join(',')})\n}\n${ROLE('r', '"n${length(local.x)}"')}`,
    }),
    mustFind: ['PG801'],
  },
  {
    name: 'yaml-deep',
    before: 'a deep YAML document failed inside the yaml library, with different findings from run to run',
    files: () => ({
      'template.yaml': `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: r\n      AssumeRolePolicyDocument: {}\n      Tags: ${'['.repeat(20000)}\n`,
    }),
    mustFind: ['PG801', 'PG201'],
  },
  ...FUZZ_SLOW_CASES,
];
