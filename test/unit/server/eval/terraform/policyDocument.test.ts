import { strict as assert } from 'node:assert';
import type { Val } from '../../../../../server/src/model/value';
import type { TerraformModuleResult } from '../../../../../server/src/eval/terraform/evaluateTerraformModule';
import { at, evaluate, fixtureModule, inlineModule, offsetOf, prop, resource, show, textAt } from './tfTestUtil';

/** The `.json` of a policy-document data source, through a reference from a probe resource. */
function docJson(r: TerraformModuleResult, name: string): Val {
  return prop(r, `terraform_data.${name}`, 'input');
}

function withProbes(text: string, names: readonly string[]): string {
  return (
    text +
    names
      .map((n) => `\nresource "terraform_data" "${n}" {\n  input = data.aws_iam_policy_document.${n}.json\n}\n`)
      .join('')
  );
}

describe('data "aws_iam_policy_document"', () => {
  const fixture = fixtureModule('policy-document-merge');
  const m = {
    ...fixture,
    files: fixture.files.map((f) => ({
      ...f,
      text: withProbes(f.text, ['merged', 'unknown_dynamic', 'star', 'with_heredoc_source']),
    })),
  };
  const r = evaluate(m);

  it('merges source, own and override statements by Sid (AWS provider semantics)', () => {
    const stmts = at(docJson(r, 'merged'), 'Statement');
    assert.deepEqual(show(stmts), [
      { Sid: 'Shared', Effect: 'Allow', Action: ['s3:PutObject'], Resource: ['*'] },
      { Sid: 'OnlyInSource', Effect: 'Deny', Action: ['s3:*'], Resource: ['*'] },
      { Effect: 'Allow', Action: ['ecs:RunTask'], Resource: ['*'] },
      { Sid: 'ListEfs', Effect: 'Allow', Action: ['elasticfilesystem:Describe*'], Resource: ['*'] },
      { Sid: 'ReadLogs', Effect: 'Allow', Action: ['logs:GetLogEvents'], Resource: ['*'] },
      { Sid: 'Added', Effect: 'Allow', Action: ['states:StartExecution'], Resource: ['*'] },
    ]);
    // The replaced statement keeps the location of the statement that replaced it.
    const shared = at(stmts, '0.Action.0');
    assert.equal(shared.loc.start, offsetOf(m, 'main.tf', '"s3:PutObject"'));
    const override = at(stmts, '1.Effect');
    assert.equal(override.loc.start, offsetOf(m, 'main.tf', '"Deny"'));
  });

  it('expands dynamic statements with the label as iterator; their header is the dynamic block', () => {
    const stmts = at(docJson(r, 'merged'), 'Statement');
    const effect = at(stmts, '3.Effect');
    assert.equal(textAt(m, effect.loc), 'dynamic "statement"');
    const sid = at(stmts, '3.Sid');
    assert.equal(textAt(m, sid.loc), 'ListEfs');
  });

  it('keeps known statements and marks the list when a dynamic statement iterates an unknown list', () => {
    const stmts = at(docJson(r, 'unknown_dynamic'), 'Statement');
    assert.deepEqual(show(stmts), [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] }, '…']);
    assert.equal(
      stmts.k === 'list' && stmts.more,
      'the for_each of dynamic "statement" is unknown: var.unknown_list has no default',
    );
  });

  it('keeps a * principal as { AWS: ["*"] } located at the "*", and groups principals and conditions', () => {
    assert.deepEqual(show(at(docJson(r, 'star'), 'Statement')), [
      { Effect: 'Allow', Action: ['sts:AssumeRole'], Principal: { AWS: ['*'] } },
      {
        Effect: 'Allow',
        Action: ['sts:AssumeRole'],
        Principal: {
          AWS: ['arn:aws:iam::111111111111:root', 'arn:aws:iam::222222222222:root'],
          Service: ['ecs-tasks.amazonaws.com'],
        },
        Condition: { StringEquals: { 'aws:PrincipalTag/team': ['a', 'b'] }, Bool: { 'aws:SecureTransport': ['true'] } },
      },
    ]);
    const star = at(docJson(r, 'star'), 'Statement.0.Principal.AWS.0');
    assert.equal(textAt(m, star.loc), '"*"');
  });

  it('merges a heredoc source document, replaced by an own statement with the same Sid', () => {
    assert.deepEqual(show(at(docJson(r, 'with_heredoc_source'), 'Statement')), [
      { Sid: 'FromHeredoc', Effect: 'Allow', Action: ['kms:Encrypt'], Resource: ['*'] },
    ]);
  });

  it('defaults Version to 2012-10-17 at the block header', () => {
    const v = at(docJson(r, 'star'), 'Version');
    assert.equal(show(v), '2012-10-17');
    assert.equal(textAt(m, v.loc), 'data "aws_iam_policy_document" "star"');
  });

  it('keeps the statement blocks themselves in props', () => {
    const doc = resource(r, 'data.aws_iam_policy_document.source');
    assert.equal(doc.type, 'data.aws_iam_policy_document');
    const statement = doc.props.entries.find((e) => e.key === 'statement')!;
    assert.equal(textAt(m, statement.keyLoc), 'statement');
    assert.equal(statement.value.k === 'list' && statement.value.items.length, 3);
  });

  it('leaves a source document that is unknown as `more` on the statements', () => {
    const mod = inlineModule({
      'main.tf': withProbes(
        'variable "doc" {}\ndata "aws_iam_policy_document" "d" {\n  source_policy_documents = [var.doc]\n  statement {\n    actions = ["s3:GetObject"]\n  }\n}\n',
        ['d'],
      ),
    });
    const stmts = at(docJson(evaluate(mod), 'd'), 'Statement');
    assert.deepEqual(show(stmts), [{ Effect: 'Allow', Action: ['s3:GetObject'] }, '…']);
  });
});
