import assert from 'node:assert/strict';
import { describeStatus, unitKeyOf } from '../../../extension/src/guardStatusText';
import type { StatusParams } from '../../../shared/protocol';

const status = (over: Partial<StatusParams>): StatusParams => ({
  unit: 'doc:file:///w/a.json',
  uris: ['file:///w/a.json'],
  state: 'ok',
  durationMs: 12.4,
  checkMs: 3,
  counts: { error: 0, warning: 0, info: 0, new: 0 },
  profile: 'builtin:pennsieve',
  ...over,
});

describe('extension guardStatusText', () => {
  it('says no findings, with the profile and the time', () => {
    assert.deepEqual(describeStatus(status({})), {
      text: '$(pass) pennsieve-guard: no findings',
      detail: 'profile builtin:pennsieve · checked in 12 ms',
      severity: 'ok',
    });
  });

  it('counts findings by severity and new ones since HEAD', () => {
    const d = describeStatus(status({ counts: { error: 2, warning: 1, info: 0, new: 1 } }));
    assert.equal(d.text, '$(error) pennsieve-guard: 2 errors, 1 warning');
    assert.equal(d.detail, 'profile builtin:pennsieve · checked in 12 ms · 1 new since HEAD');
  });

  it('shows a failed check as an error with its reason, and a profile problem as a warning', () => {
    assert.deepEqual(describeStatus(status({ state: 'failed', message: 'Checking failed: boom' })), {
      text: '$(error) pennsieve-guard: check failed',
      detail: 'Checking failed: boom',
      severity: 'error',
    });
    assert.equal(describeStatus(status({ message: 'Cannot load the profile' })).severity, 'warning');
  });

  it('keys a Terraform file by its module folder and anything else by its URI', () => {
    assert.equal(unitKeyOf('/w/mod/main.tf', 'file:///w/mod/main.tf'), 'tf:/w/mod');
    assert.equal(unitKeyOf('/w/mod/x.tfvars', 'file:///w/mod/x.tfvars'), 'tf:/w/mod');
    assert.equal(unitKeyOf('/w/policy.json', 'file:///w/policy.json'), 'doc:file:///w/policy.json');
  });
});
