// The decision procedure on the traps the issue lists, and on each kind of value: one shared
// choice per context key across statements, absent keys, set operators, numbers, dates, IPs,
// policy variables, holes. Every counterexample is replayed by the procedure itself; here we
// also check what it says.

import { strict as assert } from 'node:assert';
import { glob } from '../../../../server/src/iam/prove/domains';
import { foreignBoundary } from '../../../../server/src/rules/support/questions';
import { loadProfile } from '../../../../server/src/engine/loadProfile';
import { prove } from '../../../../server/src/iam/prove/prove';
import type { ProofQuestion, ProofVerdict } from '../../../../server/src/iam/prove/question';
import { catalog } from './helpers/catalog';
import { crossAccount } from './helpers/pennsievePolicies';
import { policyDoc, type PolicyJson } from './helpers/policyJson';

const A = 'iam:CreateRole';
const V12 = '2012-10-17';

function ask(json: PolicyJson, q: Partial<ProofQuestion> = {}): ProofVerdict {
  return prove(catalog, { identity: [policyDoc(json)], actions: [A], ...q });
}

function ctx(v: ProofVerdict, key: string): unknown {
  assert.equal(v.verdict, 'counterexample', JSON.stringify(v));
  if (v.verdict !== 'counterexample') return undefined;
  return Object.entries(v.witness.request.context ?? {}).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
}

const allow = (cond?: PolicyJson['Statement']) => ({ Effect: 'Allow', Action: A, Resource: '*', ...(cond as object) });
const deny = (cond?: object) => ({ Effect: 'Deny', Action: A, Resource: '*', ...cond });

describe('prove: the attacker search traps', () => {
  it('one key, StringLike team-* and StringLikeIfExists *-prod in one Allow: team-a-prod style value gets in', () => {
    const v = ask({
      Statement: [
        allow({
          Condition: {
            StringLike: { 'aws:PrincipalTag/team': 'team-*' },
            StringLikeIfExists: { 'aws:PrincipalTag/team': '*-prod' },
          },
        } as never),
      ],
    });
    const value = ctx(v, 'aws:PrincipalTag/team') as string;
    assert.match(value, /^team-.*-prod$|^team-prod$/);
  });

  it('StringLike a? with StringNotEquals [aa, ab]: a value such as ac gets in', () => {
    const v = ask({
      Statement: [
        allow({
          Condition: {
            StringLike: { 'aws:PrincipalTag/t': 'a?' },
            StringNotEquals: { 'aws:PrincipalTag/t': ['aa', 'ab'] },
          },
        } as never),
      ],
    });
    const value = ctx(v, 'aws:PrincipalTag/t') as string;
    assert.equal(value.length, 2);
    assert.ok(value.startsWith('a') && value !== 'aa' && value !== 'ab');
  });

  it('an Allow and a Deny on the same env = prod let nothing in: proved', () => {
    const c = { Condition: { StringEquals: { 'aws:PrincipalTag/env': 'prod' } } };
    assert.equal(ask({ Statement: [allow(c as never), deny(c)] }).verdict, 'proved');
  });

  it('a Deny conditioned on a key the caller sets is dodged, unless no value escapes it', () => {
    const dodge = ask({
      Statement: [allow(), deny({ Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } } })],
    });
    assert.equal(ctx(dodge, 'aws:RequestedRegion'), 'eu-west-1');
    assert.equal(
      ask({ Statement: [allow(), deny({ Condition: { StringLikeIfExists: { 'aws:RequestedRegion': '*' } } })] })
        .verdict,
      'proved',
    );
  });

  it('the production cross-account policy: a boundary is forced on CreateRole', () => {
    // The key holds a policy ARN (AWS validates it) that is not the boundary.
    const foreign = foreignBoundary(loadProfile('pennsieve', '/'), catalog.patterns, '000000000000');
    assert.equal(
      prove(catalog, {
        identity: [crossAccount],
        actions: [A],
        keys: { 'iam:permissionsboundary': { value: foreign } },
      }).verdict,
      'proved',
    );
    const weak = {
      Statement: allow({
        Condition: { StringEqualsIfExists: { 'iam:PermissionsBoundary': 'arn:aws:iam::1:policy/b' } },
      } as never),
    };
    assert.equal(
      ctx(ask(weak, { keys: { 'iam:permissionsboundary': { value: foreign } } }), 'iam:PermissionsBoundary'),
      null,
    );
  });
});

describe('prove: kinds of values', () => {
  it('numbers, dates and IP ranges as intervals', () => {
    const num = ask({
      Statement: [
        allow({ Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } } } as never),
        deny({ Condition: { NumericGreaterThan: { 'aws:MultiFactorAuthAge': '100' } } }),
      ],
    });
    assert.ok(Number(ctx(num, 'aws:MultiFactorAuthAge')) <= 100);
    const ip = ask({
      Statement: [
        allow({ Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } } as never),
        deny({ Condition: { NotIpAddress: { 'aws:SourceIp': '10.1.0.0/16' } } }),
      ],
    });
    assert.match(String(ctx(ip, 'aws:SourceIp')), /^10\.1\./);
    const closed = {
      Statement: [
        allow({ Condition: { DateGreaterThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } } } as never),
        deny({ Condition: { DateGreaterThan: { 'aws:CurrentTime': '2029-12-31T23:59:59Z' } } }),
      ],
    };
    assert.equal(ask(closed).verdict, 'proved');
  });

  it('set operators: an absent multivalued key makes ForAllValues true and ForAnyValue false', () => {
    const v = ask({
      Statement: [
        allow({ Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b'] } } } as never),
        deny({ Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['a'] } } }),
      ],
    });
    assert.equal(ctx(v, 'aws:TagKeys'), null);
    const present = ask({
      Statement: [
        allow({ Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['a'] } } } as never),
        deny({ Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a'] } } }),
      ],
    });
    const tags = ctx(present, 'aws:TagKeys') as string[];
    assert.ok(tags.includes('a') && tags.some((t) => t !== 'a'));
  });

  it('undocumented ForAnyValue…IfExists on an absent key is unknown, not an answer', () => {
    const v = ask({
      Statement: [
        allow({ Condition: { 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': ['a'] } } } as never),
        deny({ Condition: { 'ForAnyValue:StringLike': { 'aws:TagKeys': ['*'] } } }),
      ],
    });
    assert.equal(v.verdict, 'unknown');
    assert.match((v as { reason: string }).reason, /ForAnyValue…IfExists/);
  });

  it('policy variables under 2012-10-17 are per request; a Deny keyed on the caller name is dodged by another name', () => {
    const json = {
      Version: V12,
      Statement: [
        { Effect: 'Allow', Action: 's3:*', Resource: '*' },
        { Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::bucket/${aws:username}/*' },
      ],
    };
    const v = prove(catalog, {
      identity: [policyDoc(json)],
      actions: ['s3:GetObject'],
      resource: (space, patterns) => glob(space, patterns, 'arn:aws:s3:::bucket/alice/*'),
    });
    assert.notEqual(ctx(v, 'aws:username'), 'alice');
    const own = {
      Version: V12,
      Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/${aws:username}/*' },
    };
    const w = prove(catalog, { identity: [policyDoc(own)], actions: ['s3:GetObject'] });
    assert.ok(
      String((w as { witness: { request: { resource: string } } }).witness.request.resource).startsWith(
        `arn:aws:s3:::bucket/${ctx(w, 'aws:username')}/`,
      ),
    );
  });

  it('without Version 2012-10-17 a variable is literal text', () => {
    const json = {
      Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/${aws:username}/*' },
    };
    const v = prove(catalog, { identity: [policyDoc(json)], actions: ['s3:GetObject'] });
    assert.equal(v.verdict, 'counterexample');
    assert.ok(
      String((v as { witness: { request: { resource: string } } }).witness.request.resource).startsWith(
        'arn:aws:s3:::bucket/${aws:username}/',
      ),
    );
  });

  it('an unresolved value that decides the answer is unknown, naming it; one that cannot matter is not', () => {
    const hole = prove(catalog, {
      identity: [
        policyDoc({
          Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::{{?var.bucket}}/*' },
        }),
      ],
      actions: ['s3:GetObject'],
    });
    assert.deepEqual([hole.verdict, (hole as { reason: string }).reason], ['unknown', 'var.bucket']);
    const irrelevant = prove(catalog, {
      identity: [
        policyDoc({
          Statement: [allow(), { Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::{{?var.bucket}}/*' }],
        }),
      ],
      actions: [A],
    });
    assert.equal(irrelevant.verdict, 'counterexample');
  });

  it('a request must pass the boundary too, and a deny in the boundary counts', () => {
    const identity = [policyDoc({ Statement: allow() as never })];
    const boundary = [policyDoc({ Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] })];
    assert.equal(prove(catalog, { identity, boundary, actions: [A] }).verdict, 'proved');
    assert.equal(
      prove(catalog, { identity, boundary: [policyDoc({ Statement: [allow(), deny()] as never })], actions: [A] })
        .verdict,
      'proved',
    );
  });

  it("a service's own key the action does not carry is absent (Service Authorization Reference)", () => {
    // iam:PassedToService is an iam:PassRole key; iam:CreateRole never carries it.
    const json = {
      Statement: allow({ Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } } as never),
    };
    assert.equal(ask(json).verdict, 'proved');
    assert.equal(
      prove(catalog, {
        identity: [policyDoc({ Statement: { ...(json.Statement as object), Action: 'iam:PassRole' } as never })],
        actions: ['iam:PassRole'],
      }).verdict,
      'counterexample',
    );
  });
});
