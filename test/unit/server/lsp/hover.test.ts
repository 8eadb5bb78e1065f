// Hovers, with the caret marked `|` in the fixture: actions and wildcards, roles, condition keys.

import { strict as assert } from 'node:assert';
import { loadProfile } from '../../../../server/src/engine/loadProfile';
import { hoverAt } from '../../../../server/src/hover/index';
import { engine } from './helpers/harness';
import { caret } from './helpers/workspace';

const profile = loadProfile('pennsieve', __dirname);

function hover(path: string, fixture: string, extra: { path: string; text: string }[] = []) {
  const { text, offset } = caret(fixture);
  const id = `file://${path}`;
  const files = [{ id, path, text }, ...extra.map((e) => ({ id: `file://${e.path}`, path: e.path, text: e.text }))];
  const r = engine.check(files, profile);
  const h = hoverAt(engine.catalog, r.model, id, text, offset);
  return h && { markdown: h.markdown, token: text.slice(h.loc.start, h.loc.end) };
}

const POLICY = (action: string) => `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Action": [${action}], "Resource": "*" }]
}`;

describe('hovers (hover/)', () => {
  it('expands a wildcard: count, access levels, actions listed and truncated', () => {
    const h = hover('/ws/p.json', POLICY('"s3:Get|Object*"'))!;
    assert.equal(h.token, '"s3:GetObject*"');
    assert.match(h.markdown, /Matches \d+ actions/);
    assert.match(h.markdown, /Access levels: Read \d+/);
    assert.match(h.markdown, /`s3:GetObject` — Read/);
    const big = hover('/ws/p.json', POLICY('"s3:|*"'))!;
    assert.match(big.markdown, /…and [\d,]+ more/, 'long lists are truncated');
    assert.ok(big.markdown.split('\n').length < 40);
  });

  it('summarises a cross-service wildcard per service', () => {
    const h = hover('/ws/p.json', POLICY('"*:Describe|Instances"'))!;
    assert.match(h.markdown, /\| Service \| Actions \|/);
    assert.match(h.markdown, /`ec2`/);
  });

  it('describes a single action', () => {
    const h = hover('/ws/p.json', POLICY('"iam:Pass|Role"'))!;
    assert.match(h.markdown, /\*\*`iam:PassRole`\*\*/);
    assert.match(h.markdown, /Write/);
    assert.match(h.markdown, /Resource types: `role`/);
  });

  it('says when an action matches nothing', () => {
    const h = hover('/ws/p.json', POLICY('"s3:GetObj|cet"'))!;
    assert.match(h.markdown, /Matches no AWS action/);
  });

  it('explains NotAction', () => {
    const h = hover(
      '/ws/p.json',
      `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": ["iam:Get|*"], "Resource": "*"}]}`,
    )!;
    assert.match(h.markdown, /NotAction/);
    assert.match(h.markdown, /every other action/);
  });

  it('describes a condition key and the actions that support it', () => {
    const h = hover(
      '/ws/t.json',
      `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:Extern|alId": "x"}}}]}`,
    )!;
    assert.equal(h.token, '"sts:ExternalId"');
    assert.match(h.markdown, /single-valued/);
    assert.match(h.markdown, /Supported by \d+ actions?: .*`sts:AssumeRole`/);
  });

  it('tells a multi-valued key from a single-valued one', () => {
    const h = hover(
      '/ws/t.json',
      `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:TagK|eys": ["a"]}}}]}`,
    )!;
    assert.match(h.markdown, /multi-valued/);
  });

  it('shows a role’s effective permissions (identity ∩ boundary) per service, in Terraform', () => {
    const main = `resource "aws_iam_role" "wor|ker" {
  name                 = "node1-worker"
  permissions_boundary = aws_iam_policy.boundary.arn
  assume_role_policy   = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy" "worker" {
  role = aws_iam_role.worker.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject", "ec2:DescribeInstances"], Resource = "*" }]
  })
}
`;
    const boundary = `resource "aws_iam_policy" "boundary" {
  name   = "pennsieve-boundary-node1"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:*"], Resource = "*" }] })
}
`;
    const h = hover('/ws/tf/main.tf', main, [{ path: '/ws/tf/boundary.tf', text: boundary }])!;
    assert.match(h.token, /^resource "aws_iam_role" "worker"/);
    assert.match(h.markdown, /Effective permissions.*: 2 actions/);
    assert.match(h.markdown, /\| `s3` \| 2 \| /);
    assert.match(h.markdown, /cut by the boundary: 1 action \(ec2 1\)/);
    assert.match(h.markdown, /Permissions boundary: `aws_iam_policy.boundary`/);
  });

  it('shows a role hover on the CloudFormation logical id and name', () => {
    const tpl = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Work|er:
    Type: AWS::IAM::Role
    Properties:
      RoleName: node1-worker
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Principal: { Service: ecs-tasks.amazonaws.com }, Action: sts:AssumeRole }] }
      Policies:
        - PolicyName: p
          PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: 'logs:*', Resource: '*' }] }
`;
    const h = hover('/ws/cfn.yaml', tpl)!;
    assert.match(h.markdown, /No permissions boundary/);
    assert.match(h.markdown, /\| `logs` \| all \d+ \|/);
    const byName = hover('/ws/cfn.yaml', tpl.replace('Work|er', 'Worker').replace('node1-worker', 'node1-wor|ker'))!;
    assert.match(byName.markdown, /`node1-worker`/);
  });

  it('hovers an action in a policy document no role uses (by the word itself)', () => {
    const tf = `data "aws_iam_policy_document" "unused" {
  statement {
    actions   = ["dynamodb:Get|Item"]
    resources = ["*"]
  }
}
`;
    const h = hover('/ws/tf2/main.tf', tf)!;
    assert.match(h.markdown, /`dynamodb:GetItem`/);
  });

  it('has nothing to say elsewhere', () => {
    assert.equal(
      hover('/ws/p.json', POLICY('"s3:GetObject"').replace('"Resource": "*"', '"Resou|rce": "*"')),
      undefined,
    );
  });
});
