// The action catalog over iam-data: lookup, expansion, mutations, condition keys, typo fixes.

import { strict as assert } from 'node:assert';
import { Catalog } from '../../../../server/src/catalog/catalog';
import { concatParts, hole, known } from '../../../../server/src/model/pstr';

const catalog = new Catalog();

describe('Catalog: actions', () => {
  it('lists services and looks actions up case-insensitively', () => {
    assert.ok(catalog.services().includes('iam') && catalog.services().length > 400);
    const a = catalog.getAction('IAM:createROLE');
    assert.equal(a?.name, 'iam:CreateRole');
    assert.equal(a?.service, 'iam');
    assert.equal(a?.accessLevel, 'Write');
    assert.ok(a?.conditionKeys.includes('iam:PermissionsBoundary'));
    assert.equal(a?.resourceTypes[0].name, 'role');
    assert.match(a?.resourceTypes[0].arn ?? '', /:role\//);
    assert.ok(a!.description.length > 0);
    assert.equal(catalog.getAction('iam:NoSuchAction'), undefined);
    assert.equal(catalog.getAction('nosuchservice:Get'), undefined);
    assert.equal(catalog.getAction('CreateRole'), undefined);
    assert.equal(catalog.serviceName('iam'), catalog.serviceName('IAM'));
  });

  it('splits combined access levels', () => {
    assert.deepEqual(catalog.getAction('iam:PutRolePolicy')?.accessLevels, ['Permissions management', 'Write']);
    assert.deepEqual(catalog.getAction('iam:TagRole')?.accessLevels, ['Tagging', 'Write']);
  });

  it('isIamMutation: iam Write / Permissions management / Tagging, except PassRole', () => {
    for (const m of [
      'iam:CreateRole',
      'iam:PutRolePolicy',
      'iam:TagRole',
      'iam:DeleteRolePermissionsBoundary',
      'iam:CreatePolicyVersion',
    ])
      assert.equal(catalog.isIamMutation(m), true, m);
    for (const m of ['iam:PassRole', 'iam:GetRole', 'iam:ListRoles', 's3:PutObject', 'iam:Nope'])
      assert.equal(catalog.isIamMutation(m), false, m);
    const mutations = catalog.actionsOf('iam').filter((a) => catalog.isIamMutation(a.name));
    const expected = catalog
      .actionsOf('iam')
      .filter((a) => a.name !== 'iam:PassRole' && /Write|Permissions management|Tagging/.test(a.accessLevel));
    assert.equal(mutations.length, expected.length);
  });
});

describe('Catalog: expandAction', () => {
  it('expands wildcards against the catalog', () => {
    const put = catalog.expandAction('s3:Put*').actions;
    assert.deepEqual(
      put,
      catalog
        .actionsOf('s3')
        .map((a) => a.name)
        .filter((n) => n.startsWith('s3:Put')),
    );
    assert.ok(put.length > 30);
    assert.deepEqual(catalog.expandAction('S3:PUT*').actions, put);
    assert.deepEqual(catalog.expandAction('iam:*Boundary*').actions, [
      'iam:DeleteRolePermissionsBoundary',
      'iam:DeleteUserPermissionsBoundary',
      'iam:PutRolePermissionsBoundary',
      'iam:PutUserPermissionsBoundary',
    ]);
    assert.deepEqual(catalog.expandAction('iam:CreateRol?').actions, ['iam:CreateRole']);
    assert.deepEqual(catalog.expandAction('s3:getobject').actions, ['s3:GetObject']);
  });

  it('wildcards in the service prefix, and patterns without a colon', () => {
    const list = catalog.expandAction('s?s:List*').actions;
    assert.ok(
      list.some((a) => a.startsWith('sns:')) &&
        list.some((a) => a.startsWith('sqs:')) &&
        list.every((a) => /^s.s:List/.test(a)),
    );
    assert.deepEqual(catalog.expandAction('iam*Boundary').actions, catalog.expandAction('iam:*Boundary').actions);
    assert.equal(catalog.expandAction('*').actions.length, catalog.allActions().length);
  });

  it('a pattern matching nothing returns no actions', () => {
    assert.deepEqual(catalog.expandAction('s3:GetObjcet'), { actions: [] });
    assert.deepEqual(catalog.expandAction('nosuch:*'), { actions: [] });
    assert.deepEqual(catalog.expandAction(''), { actions: [] });
  });

  it('holes: every possible action plus the reason', () => {
    const any = catalog.expandAction(concatParts(['iam:', hole('var.action has no default')]));
    assert.equal(any.unknown, 'var.action has no default');
    assert.equal(any.actions.length, catalog.actionsOf('iam').length);
    const get = catalog.expandAction(concatParts(['s3:Get', hole('x')]));
    assert.ok(get.actions.length > 0 && get.actions.every((a) => a.startsWith('s3:Get')));
    assert.deepEqual(catalog.expandAction(concatParts(['s3:Frobnicate', hole('x')])), { actions: [], unknown: 'x' });
    assert.deepEqual(catalog.expandAction(known('iam:PassRole')).actions, ['iam:PassRole']);
  });
});

describe('Catalog: nearestAction', () => {
  it('suggests the closest action in the same service, then across services', () => {
    assert.equal(catalog.nearestAction('s3:GetObjcet'), 's3:GetObject');
    assert.equal(catalog.nearestAction('iam:CreatRole'), 'iam:CreateRole');
    assert.equal(catalog.nearestAction('IAM:PasRole'), 'iam:PassRole');
    assert.equal(catalog.nearestAction('s4:GetObject'), 's3:GetObject');
    assert.equal(catalog.nearestAction('s3:GetObject'), undefined);
    assert.equal(catalog.nearestAction('s3:CompletelyDifferentThing'), undefined);
  });
});

describe('Catalog: condition keys', () => {
  it('describes service keys and global keys', () => {
    const pb = catalog.conditionKey('IAM:permissionsboundary');
    assert.equal(pb?.key, 'iam:PermissionsBoundary');
    assert.equal(pb?.type, 'ARN');
    assert.equal(pb?.isMultiValued, false);
    assert.deepEqual(pb?.services, ['iam']);
    const tags = catalog.conditionKey('aws:TagKeys');
    assert.equal(tags?.isMultiValued, true);
    assert.equal(tags?.isGlobal, true);
    assert.equal(catalog.conditionKey('aws:SourceIp')?.type, 'IPAddress');
    assert.equal(catalog.conditionKey('iam:Bogus'), undefined);
    assert.equal(catalog.conditionKey('nosuch:key'), undefined);
  });

  it('matches tag-like templates', () => {
    assert.equal(catalog.conditionKey('aws:PrincipalTag/team')?.key, 'aws:PrincipalTag/tag-key');
    assert.equal(catalog.conditionKey('s3:ExistingObjectTag/owner')?.key, 's3:ExistingObjectTag/<key>');
    assert.equal(catalog.conditionKey('iam:ResourceTag/env')?.key, 'iam:ResourceTag/${TagKey}');
  });

  it('lists the actions supporting a key', () => {
    const pb = catalog.actionsSupportingKey('iam:PermissionsBoundary');
    for (const a of ['iam:CreateRole', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:PutRolePermissionsBoundary'])
      assert.ok(pb.includes(a), a);
    assert.ok(!pb.includes('iam:PassRole'));
    const tagged = catalog.actionsSupportingKey('aws:RequestTag/team');
    assert.ok(tagged.includes('iam:CreateRole') && tagged.includes('iam:TagRole'));
    assert.deepEqual(catalog.actionsSupportingKey('aws:SourceIp'), []);
  });
});

describe('Catalog.nearestAction while the user types', () => {
  const catalog = new Catalog();

  it('fixes a misspelt service prefix through its nearest services', () => {
    assert.equal(catalog.nearestAction('s4:GetObject'), 's3:GetObject');
    assert.equal(catalog.nearestAction('iam:CreateRol'), 'iam:CreateRole');
  });

  it('makes no guess for text that is not service:Action, without loading the whole catalog', () => {
    for (const junk of ['],', 'Resource', '"ec2', 'ec2:', ':Get', 'a b:c'])
      assert.equal(catalog.nearestAction(junk), undefined, junk);
    assert.ok(!(catalog as unknown as { all?: unknown }).all, 'every service was loaded');
  });
});
