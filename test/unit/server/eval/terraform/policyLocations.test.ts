// Exact locations of policy elements written in jsonencode, heredocs and policy-document blocks.

import { strict as assert } from 'node:assert';
import { LineIndex } from '../../../../../server/src/model/loc';
import { evaluate, fixtureModule, offsetOf, prop, show, textAt } from './tfTestUtil';

describe('Terraform policy locations', () => {
  const m = fixtureModule('policy-locations');
  const r = evaluate(m);
  const main = m.files[0].text;
  const lines = new LineIndex(main);

  it('keeps the HCL location of every action inside jsonencode', () => {
    const action = prop(r, 'aws_iam_policy.encoded', 'policy.Statement.0.Action.0');
    assert.equal(show(action), 's3:GetObject');
    assert.deepEqual(
      [action.loc.start, action.loc.end],
      [offsetOf(m, 'main.tf', '"s3:GetObject"'), offsetOf(m, 'main.tf', '"s3:GetObject"') + 14],
    );
    assert.deepEqual(lines.positionAt(action.loc.start), { line: 10, character: 18 });
    const policy = prop(r, 'aws_iam_policy.encoded', 'policy');
    const key = policy.k === 'obj' ? policy.entries.find((e) => e.key === 'Statement')!.keyLoc : undefined;
    assert.equal(key && textAt(m, key), 'Statement');
    assert.equal(
      show(prop(r, 'aws_iam_policy.encoded', 'policy.Statement.0.Resource')),
      'arn:aws:s3:::pennsieve-data/*',
    );
  });

  it('maps heredoc JSON offsets back into the .tf file, interpolations included', () => {
    const action = prop(r, 'aws_iam_policy.heredoc', 'policy.Statement.0.Action.0');
    assert.equal(show(action), 's3:GetObject');
    const at = offsetOf(m, 'main.tf', '"s3:GetObject"', 1);
    assert.deepEqual([action.loc.start, action.loc.end], [at, at + 14]);
    assert.deepEqual(lines.positionAt(at), { line: 24, character: 17 });
    const res = prop(r, 'aws_iam_policy.heredoc', 'policy.Statement.0.Resource');
    assert.equal(show(res), 'arn:aws:s3:::pennsieve-data/*');
    assert.equal(textAt(m, res.loc), '"arn:aws:s3:::${var.bucket}/*"');
    const effect = prop(r, 'aws_iam_policy.heredoc', 'policy.Statement.0.Effect');
    assert.equal(textAt(m, effect.loc), '"Allow"');
  });

  it('puts a value-position interpolation (jsonencode inside a heredoc) in place', () => {
    const cond = prop(r, 'aws_iam_policy.heredoc', 'policy.Statement.0.Condition.StringEquals.aws:SourceAccount');
    assert.equal(show(cond), '${account}');
    assert.equal(textAt(m, cond.loc), 'data.aws_caller_identity.me.account_id');
  });

  it('handles <<- heredocs and $${ escapes inside JSON strings', () => {
    const action = prop(r, 'aws_iam_policy.flush', 'policy.Statement.0.Action');
    assert.equal(show(action), 's3:GetObject');
    assert.equal(textAt(m, action.loc), '"s3:GetObject"');
    const res = prop(r, 'aws_iam_policy.flush', 'policy.Statement.0.Resource');
    assert.equal(show(res), '${aws:username}');
    assert.equal(textAt(m, res.loc), '"$${aws:username}"');
  });

  it('renders aws_iam_policy_document as IAM JSON located at the HCL', () => {
    const doc = prop(r, 'aws_iam_policy.from_doc', 'policy');
    assert.deepEqual(doc.origin, { resource: 'data.aws_iam_policy_document.doc', attr: 'json' });
    assert.deepEqual(show(doc), {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject'],
          Resource: ['arn:aws:s3:::pennsieve-data/${aws:username}/*'],
        },
        {
          Sid: 'Trust',
          Effect: 'Deny',
          Action: ['sts:AssumeRole'],
          Principal: { AWS: ['arn:aws:iam::123456789012:root', '${account}'] },
          Condition: { StringEquals: { 'sts:ExternalId': ['ext-1'] } },
        },
      ],
    });
    const s0 = 'policy.Statement.0';
    const action = prop(r, 'aws_iam_policy.from_doc', `${s0}.Action.0`);
    assert.equal(action.loc.start, offsetOf(m, 'main.tf', '"s3:GetObject"', 3));
    assert.equal(textAt(m, prop(r, 'aws_iam_policy.from_doc', `${s0}.Effect`).loc), 'statement');
    const s1 = 'policy.Statement.1';
    assert.equal(textAt(m, prop(r, 'aws_iam_policy.from_doc', `${s1}.Effect`).loc), '"Deny"');
    assert.equal(
      textAt(m, prop(r, 'aws_iam_policy.from_doc', `${s1}.Principal.AWS.0`).loc),
      '"arn:aws:iam::123456789012:root"',
    );
    const cond = prop(r, 'aws_iam_policy.from_doc', `${s1}.Condition`);
    assert.ok(cond.k === 'obj');
    const test = cond.entries[0];
    assert.equal(textAt(m, test.keyLoc), '"StringEquals"');
    const variable = test.value.k === 'obj' ? test.value.entries[0] : undefined;
    assert.equal(variable && textAt(m, variable.keyLoc), '"sts:ExternalId"');
    assert.equal(variable && textAt(m, variable.value.loc), '["ext-1"]');
  });

  it('reports malformed heredoc JSON in a policy as a ParseProblem at the exact place', () => {
    assert.equal(r.problems.length, 1);
    const p = r.problems[0];
    assert.match(p.message, /^Malformed JSON: /);
    assert.equal(textAt(m, p.loc), ']');
    assert.equal(p.loc.start, offsetOf(m, 'main.tf', '"s3:GetObject" ]') + 15);
  });
});
