// The Permission Changes view's rows: a subject with its summary and location, each change with
// its example or its unknown value, what could not be compared shown as unknown, and the empty
// states (no folder, no git, nothing changes, nothing widens).

import assert from 'node:assert/strict';
import type { PermissionChangesResult } from '../../../../shared/diffProtocol';
import { emptyMessage, permissionChangeRows } from '../../../../extension/src/views/permissionChangeRows';

const RANGE = { start: { line: 1, character: 24 }, end: { line: 1, character: 32 } };

const RESULT: PermissionChangesResult = {
  baseline: 'HEAD',
  wideningOnly: false,
  repositories: 1,
  notCompared: ['3 more changed files or modules (past 200)'],
  subjects: [
    {
      subject: 'aws_iam_role.worker',
      kind: 'role',
      status: 'changed',
      summary: 'Since HEAD: + s3:PutObject on pennsieve-*; − nothing',
      file: 'mod/main.tf',
      location: { uri: 'file:///w/mod/main.tf', range: RANGE },
      changes: [
        {
          direction: 'added',
          kind: 'permission',
          status: 'yes',
          widening: true,
          group: 's3',
          label: 's3:PutObject on arn:aws:s3:::pennsieve-*',
          example: 's3:PutObject on arn:aws:s3:::pennsieve-',
          where: 'mod/main.tf:13',
          location: { uri: 'file:///w/mod/main.tf', range: RANGE },
        },
        {
          direction: 'added',
          kind: 'permission',
          status: 'unknown',
          widening: true,
          group: 'kms',
          label: 'kms:Decrypt on *',
          reason: 'var.key_arn has no value',
        },
        {
          direction: 'added',
          kind: 'verdict',
          status: 'yes',
          widening: true,
          group: 'PG301',
          label: 'PG301 No role can escalate: proved → counterexample',
        },
      ],
    },
  ],
};

describe('Permission Changes rows', () => {
  it('lists what was not compared as unknown, then each subject with its changes', () => {
    const rows = permissionChangeRows(RESULT);
    assert.deepEqual(
      rows.map((r) => [r.label, r.description, r.icon]),
      [
        ['3 more changed files or modules (past 200)', 'not compared: unknown', 'question'],
        ['aws_iam_role.worker', '+ s3:PutObject on pennsieve-*; − nothing', 'warning'],
      ],
    );
    const subject = rows[1]!;
    assert.deepEqual(subject.reveal, RANGE);
    assert.equal(subject.revealUri, 'file:///w/mod/main.tf');
    assert.equal(subject.expanded, true);
    assert.equal(
      subject.tooltip,
      'Role aws_iam_role.worker (changed) in mod/main.tf\nSince HEAD: + s3:PutObject on pennsieve-*; − nothing',
    );
    assert.deepEqual(
      subject.children!().map((r) => [r.label, r.description, r.icon, r.revealUri]),
      [
        [
          '+ s3:PutObject on arn:aws:s3:::pennsieve-*',
          'e.g. s3:PutObject on arn:aws:s3:::pennsieve-',
          'add',
          'file:///w/mod/main.tf',
        ],
        ['+? kms:Decrypt on *', 'unknown: var.key_arn has no value', 'question', undefined],
        ['⚠ PG301 No role can escalate: proved → counterexample', undefined, 'error', undefined],
      ],
    );
    assert.equal(
      subject.children!()[0]!.tooltip,
      '+ s3:PutObject on arn:aws:s3:::pennsieve-*\nA request that now gets in: s3:PutObject on arn:aws:s3:::pennsieve-\nWritten at mod/main.tf:13',
    );
  });

  it('says why the view is empty', () => {
    const none = { ...RESULT, subjects: [], notCompared: [] };
    assert.equal(emptyMessage(none, 0), 'Open a folder to see what your changes do to permissions against git HEAD.');
    assert.equal(
      emptyMessage({ ...none, repositories: 0 }, 1),
      'No workspace folder is in a git repository: there is no HEAD to compare with.',
    );
    assert.equal(emptyMessage(none, 1), 'No role or policy changes its permissions against HEAD.');
    assert.equal(
      emptyMessage({ ...none, wideningOnly: true }, 1),
      'Nothing widens against HEAD. Only widening changes are shown (setting pennsieve.guard.wideningChangesOnly).',
    );
  });
});
