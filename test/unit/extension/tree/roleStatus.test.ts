// What the session learned about each account's role: merged per account, heard only on a change,
// forgotten on clear, and shown on the account row (issue #13: Update Role offered only when the
// role differs from the template, and kept current after an update).

import assert from 'node:assert/strict';
import { RoleStatuses, roleStatusWords } from '../../../../extension/src/tree/roleStatus';

describe('extension tree/roleStatus', () => {
  it('merges what each command learned and tells listeners only of changes', () => {
    const roles = new RoleStatuses();
    const heard: string[] = [];
    roles.onDidChange((uuid) => heard.push(uuid));
    assert.deepEqual(roles.get('a'), {});
    roles.set('a', { verified: true, differs: true });
    roles.set('a', { verified: true });
    assert.deepEqual(heard, ['a'], 'the same status again is no change');
    assert.equal(roles.anyDiffers(), true);
    roles.set('a', { differs: false });
    assert.deepEqual(roles.get('a'), { verified: true, differs: false }, 'an update keeps the verification');
    assert.equal(roles.anyDiffers(), false);
    assert.deepEqual(heard, ['a', 'a']);
  });

  it('forgets every account on clear, telling listeners which', () => {
    const roles = new RoleStatuses();
    roles.set('a', { differs: true });
    roles.set('b', { verified: false });
    const heard: string[] = [];
    const sub = roles.onDidChange((uuid) => heard.push(uuid));
    roles.clear();
    assert.deepEqual(heard.sort(), ['a', 'b']);
    assert.deepEqual(roles.get('a'), {});
    assert.equal(roles.anyDiffers(), false);
    sub.dispose();
    roles.set('a', { differs: true });
    assert.deepEqual(heard.sort(), ['a', 'b'], 'a disposed listener hears nothing');
  });

  it('words the row shows: nothing while unknown', () => {
    assert.deepEqual(roleStatusWords({}), []);
    assert.deepEqual(roleStatusWords({ verified: true, differs: false }), ['verified']);
    assert.deepEqual(roleStatusWords({ verified: false, differs: true }), [
      'verification failed',
      'role differs from template',
    ]);
  });
});
