// Typing a violation into each input syntax shows the rule on the typed token: CloudFormation
// YAML, CloudFormation JSON, a standalone IAM policy and Terraform.

import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TempWorkspace } from '../unit/server/lsp/helpers/workspace';
import { LspClient } from '../../scripts/harness/lspClient';

interface Case {
  readonly file: string;
  readonly language: string;
  readonly text: string;
  /** Inserted right after `anchor`. */
  readonly anchor: string;
  readonly typed: string;
  /** The rule that must fire, and what its range covers. */
  readonly rule: string;
  readonly token: string;
}

const CASES: readonly Case[] = [
  {
    file: 'cfn/template.yaml',
    language: 'yaml',
    text: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Worker:
    Type: AWS::IAM::Role
    Properties:
      RoleName: node1-worker
      PermissionsBoundary: arn:aws:iam::123456789012:policy/pennsieve-boundary-node1
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: ecs-tasks.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: logs
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: ['logs:PutLogEvents']
                Resource: '*'
`,
    anchor: "Action: ['logs:PutLogEvents'",
    typed: ", 'logs:PutLogEvnts'",
    rule: 'PG802',
    token: "'logs:PutLogEvnts'",
  },
  {
    file: 'cfn/template.json',
    language: 'json',
    text: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Worker": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "RoleName": "node1-worker",
        "AssumeRolePolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "Service": "ecs-tasks.amazonaws.com" }, "Action": "sts:AssumeRole" }] }
      }
    }
  }
}
`,
    anchor: '"RoleName": "node1-worker",',
    typed: '\n        "MaxSessionDuration": 43200,',
    rule: 'PG104',
    token: '43200',
  },
  {
    file: 'iam/TRUST_POLICY_Pennsieve-Compute-dev.json',
    language: 'json',
    text: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::123456789012:root" },
      "Action": "sts:AssumeRole",
      "Condition": { "StringEquals": { "sts:ExternalId": "x" } }
    }
  ]
}
`,
    anchor: '"Condition": { ',
    typed: '"ForAnyValue:StringLike": { "aws:SourceAccount": "1*" }, ',
    rule: 'PG105',
    token: '"ForAnyValue:StringLike"',
  },
  {
    file: 'tf/main.tf',
    language: 'terraform',
    text: `locals {
  env = "dev"
}
`,
    anchor: 'locals {\n  env = "dev"\n}\n',
    typed: '\nresource "aws_iam_role" "r" {\n  name                 = "node1-r"\n  max_session_duration = 43200\n}\n',
    rule: 'PG104',
    token: '43200',
  },
];

describe('typing a violation into each format', () => {
  let ws: TempWorkspace;
  let client: LspClient;

  before(async () => {
    ws = new TempWorkspace(Object.fromEntries(CASES.map((c) => [c.file, c.text])));
    client = LspClient.start();
    await client.initialize(ws.uri(''));
  });

  after(async () => {
    assert.equal(await client.stop(), 0);
    ws.dispose();
  });

  for (const c of CASES) {
    it(`${c.file}: ${c.rule} lands on ${c.token}`, async () => {
      const uri = ws.uri(c.file);
      const opened = client.waitForDiagnostics(uri, (p) => p.version === 1);
      await client.open(uri, c.language, c.text);
      const before = (await opened).diagnostics.map((d) => d.code);
      const doc = TextDocument.create(uri, c.language, 1, c.text);
      const at = doc.positionAt(c.text.indexOf(c.anchor) + c.anchor.length);
      const edited = TextDocument.update(doc, [{ range: { start: at, end: at }, text: c.typed }], 2);
      const next = client.waitForDiagnostics(uri, (p) => p.version === 2);
      await client.change(uri, [{ range: { start: at, end: at }, text: c.typed }]);
      const after = (await next).diagnostics;
      assert.ok(!before.includes(c.rule), `${c.rule} is not there before the edit`);
      const hit = after.find((d) => d.code === c.rule && edited.getText(d.range) === c.token);
      assert.ok(
        hit,
        `${c.rule} on ${c.token}; got ${after.map((d) => `${d.code}@${JSON.stringify(edited.getText(d.range))}`).join(', ')}`,
      );
    });
  }
});
