// Completion inside policies, caret marked `|`: service prefixes, actions after `svc:`, and
// condition keys, in JSON, CloudFormation YAML, jsonencode and aws_iam_policy_document.

import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { completionFor } from '../../../../server/src/handlers/completion';
import { engine } from './helpers/harness';
import { caret } from './helpers/workspace';

function complete(uri: string, fixture: string) {
  const { text, offset } = caret(fixture);
  const doc = TextDocument.create(uri, 'plaintext', 1, text);
  const list = completionFor(doc, { textDocument: { uri }, position: doc.positionAt(offset) }, engine.catalog);
  return { items: list.items, text, offset, doc };
}

function labels(r: ReturnType<typeof complete>): string[] {
  return r.items.map((i) => i.label);
}

/** The document after accepting the item labelled `label`. */
function accept(r: ReturnType<typeof complete>, label: string): string {
  const item = r.items.find((i) => i.label === label);
  assert.ok(item?.textEdit && 'range' in item.textEdit, `item ${label}`);
  const e = item.textEdit;
  return r.text.slice(0, r.doc.offsetAt(e.range.start)) + e.newText + r.text.slice(r.doc.offsetAt(e.range.end));
}

describe('completion (completion/)', () => {
  it('offers service prefixes in a JSON Action list, then re-triggers', () => {
    const r = complete('file:///p.json', '{"Statement": [{"Effect": "Allow", "Action": ["|"]}]}');
    assert.ok(labels(r).includes('s3') && labels(r).includes('iam'));
    const s3 = r.items.find((i) => i.label === 's3')!;
    assert.equal(s3.command?.command, 'editor.action.triggerSuggest');
    assert.equal(accept(r, 's3'), '{"Statement": [{"Effect": "Allow", "Action": ["s3:"]}]}');
  });

  it('offers the actions of a service after `svc:`, with wildcards', () => {
    const r = complete('file:///p.json', '{"Statement": [{"Effect": "Allow", "Action": "s3:Get|"}]}');
    assert.ok(labels(r).includes('s3:GetObject'));
    assert.ok(labels(r).includes('s3:*') && labels(r).includes('s3:Get*'));
    assert.ok(labels(r).every((l) => l.startsWith('s3:')));
    assert.equal(r.items.find((i) => i.label === 's3:GetObject')!.detail, 'Read');
    assert.equal(accept(r, 's3:GetObject'), '{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject"}]}');
  });

  it('offers condition keys inside a Condition operator (JSON)', () => {
    const r = complete(
      'file:///t.json',
      '{"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"|": "x"}}}]}',
    );
    assert.ok(labels(r).includes('sts:ExternalId'), 'keys of the services the statement names');
    assert.ok(labels(r).includes('aws:SourceAccount'), 'global keys');
    const ext = r.items.find((i) => i.label === 'sts:ExternalId')!;
    assert.ok(
      (ext.sortText ?? '') < (r.items.find((i) => i.label === 'aws:SourceAccount')!.sortText ?? ''),
      'service keys first',
    );
  });

  it('works in CloudFormation YAML (block and flow lists, condition keys)', () => {
    const base = `Resources:
  R:
    Type: AWS::IAM::Role
    Properties:
      Policies:
        - PolicyDocument:
            Statement:
              - Effect: Allow
                Action:
                  - ec2:Desc|
`;
    assert.ok(labels(complete('file:///t.yaml', base)).includes('ec2:DescribeInstances'));
    assert.ok(
      labels(complete('file:///t.yaml', base.replace(/Action:\n.*\n/, "Action: ['ec2:Desc|']\n"))).includes(
        'ec2:DescribeInstances',
      ),
    );
    assert.ok(labels(complete('file:///t.yaml', base.replace(/Action:\n.*\n/, 'Action: |\n'))).includes('ec2'));
    const keys = complete(
      'file:///t.yaml',
      base.replace('|', '').replace(/\n$/, '') +
        `
                Condition:
                  StringEquals:
                    |
`,
    );
    assert.ok(labels(keys).includes('ec2:Region') || labels(keys).includes('aws:RequestedRegion'));
  });

  it('works in jsonencode and aws_iam_policy_document', () => {
    const enc = complete(
      'file:///m/main.tf',
      'resource "aws_iam_policy" "p" {\n  policy = jsonencode({\n    Statement = [{\n      Action = ["logs:Put|"]\n    }]\n  })\n}\n',
    );
    assert.ok(labels(enc).includes('logs:PutLogEvents'));
    const doc = complete(
      'file:///m/main.tf',
      'data "aws_iam_policy_document" "d" {\n  statement {\n    actions = ["|"]\n  }\n}\n',
    );
    assert.ok(labels(doc).includes('lambda'));
    const variable = complete(
      'file:///m/main.tf',
      'data "aws_iam_policy_document" "d" {\n  statement {\n    actions = ["sts:AssumeRole"]\n    condition {\n      test     = "StringEquals"\n      variable = "|"\n    }\n  }\n}\n',
    );
    assert.ok(labels(variable).includes('sts:ExternalId'));
  });

  it('works in a JSON heredoc inside Terraform', () => {
    const r = complete(
      'file:///m/main.tf',
      'resource "aws_iam_role" "r" {\n  assume_role_policy = <<-EOF\n    {"Statement": [{"Effect": "Allow", "Action": ["sts:Assume|"]}]}\n  EOF\n}\n',
    );
    assert.ok(labels(r).includes('sts:AssumeRole'));
  });

  it('inserts templated keys without their placeholder', () => {
    const r = complete('file:///t.json', '{"Statement": [{"Condition": {"StringEquals": {"aws:Principal|": "x"}}}]}');
    const tag = r.items.find((i) => i.label.startsWith('aws:PrincipalTag/'))!;
    assert.equal((tag.textEdit as { newText: string }).newText, 'aws:PrincipalTag/');
  });

  it('offers nothing outside policies', () => {
    assert.deepEqual(labels(complete('file:///p.json', '{"Statement": [{"Effect": "|"}]}')), []);
    assert.deepEqual(labels(complete('file:///package.json', '{"name": "|"}')), []);
    assert.deepEqual(labels(complete('file:///m/main.tf', 'resource "aws_s3_bucket" "b" {\n  bucket = "|"\n}\n')), []);
  });
});
