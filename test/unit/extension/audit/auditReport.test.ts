import assert from 'node:assert/strict';
import {
  describeCounts,
  describeDrift,
  MAX_ACTION_ROWS,
  reportRows,
  type AuditRun,
  type ReportRow,
} from '../../../../extension/src/audit/auditReport';
import { describeVerdicts, subjectRow } from '../../../../extension/src/views/verdictRows';
import type { AuditRoleResult, AuditSide, GuaranteeEntry, GuaranteeSubject } from '../../../../shared/protocol';

const range = { start: { line: 3, character: 2 }, end: { line: 3, character: 9 } };
const side = (...ids: string[]): AuditSide => ({
  findings: ids.map((ruleId) => ({ ruleId, severity: 'error' as const, message: `${ruleId} message`, range })),
  counts: { error: ids.length, warning: 0, info: 0 },
  guarantees: [],
});

const role = (...verdicts: GuaranteeEntry['verdict'][]): GuaranteeSubject => ({
  subject: 'Pennsieve-Compute-sandbox-1234abcd',
  kind: 'crossAccount',
  range,
  guarantees: verdicts.map((verdict, i) => ({
    ruleId: `PG30${i + 1}`,
    title: `Guarantee ${i + 1}`,
    verdict,
    ...(verdict === 'proved' ? {} : { reason: `why ${i + 1}`, location: { uri: 'pennsieve-live:/x.json', range } }),
    ...(verdict === 'counterexample'
      ? {
          counterexample: {
            principal: 'arn:aws:iam::123456789012:role/Pennsieve-Compute-x',
            action: 'iam:PassRole',
            resource: 'arn:aws:iam::123456789012:role/admin',
            context: { 'iam:PassedToService': 'ec2.amazonaws.com', 'aws:SourceIp': null },
            allowedBy: null,
            denies: [],
          },
        }
      : {}),
  })),
});

function run(result: Partial<AuditRoleResult>): AuditRun {
  return {
    roleName: 'Pennsieve-Compute-sandbox-1234abcd',
    accountLabel: 'lab',
    awsAccountId: '123456789012',
    uri: 'pennsieve-live:/123456789012/role.json',
    at: new Date('2026-05-01T12:00:00Z'),
    result: { profile: 'builtin:pennsieve', live: side(), failedRules: [], checkMs: 12, ...result },
    timings: { iamMs: 100, serverMs: 30, totalMs: 140 },
  };
}

const byKey = (rows: ReportRow[], key: string) => rows.find((r) => r.key === key)!;

describe('extension audit/auditReport', () => {
  it('summarises a clean run: no findings, matches the template', () => {
    const rows = reportRows(run({ template: side(), drift: { services: [], trustedAdded: [], trustedRemoved: [] } }));
    assert.deepEqual(
      rows.map((r) => r.key),
      ['run', 'guarantees', 'findings', 'drift'],
    );
    assert.equal(byKey(rows, 'guarantees').description, 'no guarantees apply');
    assert.equal(byKey(rows, 'findings').description, 'no findings');
    assert.equal(byKey(rows, 'findings').children, undefined);
    assert.equal(byKey(rows, 'drift').description, 'matches the template');
    assert.match(byKey(rows, 'run').tooltip!, /IAM 100 ms, language server 30 ms \(engine 12 ms\), total 140 ms/);
  });

  it('lists each finding with its range, and a failed rule as an incomplete audit', () => {
    const rows = reportRows(run({ live: side('PG502', 'PG503'), failedRules: ['PG301: boom'] }));
    const findings = byKey(rows, 'findings');
    assert.equal(findings.description, '2 errors');
    assert.deepEqual(
      findings.children!().map((r) => [r.label, r.reveal]),
      [
        ['PG502', range],
        ['PG503', range],
      ],
    );
    const failed = byKey(rows, 'failed');
    assert.match(failed.description!, /incomplete/);
    assert.deepEqual(
      failed.children!().map((r) => [r.label, r.description]),
      [['PG301', 'boom']],
    );
  });

  it('shows the drift per service with both sides’ verdicts, capping long action lists', () => {
    const many = Array.from({ length: MAX_ACTION_ROWS + 5 }, (_, i) => `ec2:Action${i}`);
    const drift = {
      services: [
        { service: 'ec2', allowsAdded: many, allowsRemoved: [], deniesAdded: [], deniesRemoved: [] },
        {
          service: 'iam',
          allowsAdded: [],
          allowsRemoved: ['iam:GetRole'],
          deniesAdded: [],
          deniesRemoved: ['iam:DeleteRolePermissionsBoundary'],
        },
      ],
      trustedAdded: ['AWS:444455556666'],
      trustedRemoved: [],
    };
    const rows = reportRows(run({ live: side('PG302'), template: side(), drift }));
    const d = byKey(rows, 'drift');
    assert.equal(d.description, `+${MAX_ACTION_ROWS + 6} −1 actions in 2 services; 1 trust change(s)`);
    const children = d.children!();
    assert.deepEqual(
      children.map((r) => [r.label, r.description]),
      [
        ['Live role', 'no guarantees apply · 1 error: PG302'],
        ['Template', 'no guarantees apply · no findings'],
        ['Trust policy', '1 principal change(s)'],
        ['ec2', `+${MAX_ACTION_ROWS + 5} allowed`],
        ['iam', '−1 allowed, −1 denied'],
      ],
    );
    const ec2 = byKey(children, 'service:ec2').children!();
    assert.equal(ec2.length, MAX_ACTION_ROWS + 1);
    assert.equal(ec2.at(-1)!.label, '… 5 more');
  });

  it('says why there is no drift when the template could not be read', () => {
    const rows = reportRows({ ...run({}), templateError: 'Pennsieve refused the request (403): forbidden' });
    assert.equal(
      byKey(rows, 'drift').description,
      'template unavailable: Pennsieve refused the request (403): forbidden',
    );
  });

  it('shows this run’s verdicts: proved, counterexample with the request, unknown with the reason', () => {
    const live = { ...side('PG302'), guarantees: [role('proved', 'counterexample', 'unknown')] };
    const rows = reportRows(run({ live }));
    const g = byKey(rows, 'guarantees');
    assert.equal(g.description, '1 proved, 1 counterexample, 1 unknown');
    assert.equal(g.icon, 'error');
    assert.equal(g.expanded, true, 'a broken or undecided guarantee opens the row');
    assert.equal(
      byKey(reportRows(run({ live: { ...side(), guarantees: [role('proved', 'proved')] } })), 'guarantees').expanded,
      false,
      'all proved: the row stays closed',
    );
    const entries = g.children!();
    assert.deepEqual(
      entries.map((r) => [r.label, r.description, r.icon]),
      [
        ['Guarantee 1', 'PG301', 'pass'],
        ['Guarantee 2', 'PG302 · why 2', 'error'],
        ['Guarantee 3', 'PG303 · why 3', 'question'],
      ],
    );
    assert.deepEqual(entries[1]!.reveal, range);
    assert.match(
      entries[1]!.tooltip!,
      /A request that gets in: arn:aws:iam::123456789012:role\/Pennsieve-Compute-x calls iam:PassRole on arn:aws:iam::123456789012:role\/admin\niam:PassedToService = ec2.amazonaws.com\naws:SourceIp = \(absent\)/,
    );
    assert.equal(describeVerdicts([role('proved', 'proved')]), '2 proved');
  });

  it('counts findings by severity', () => {
    assert.equal(
      describeCounts({ findings: [], counts: { error: 1, warning: 2, info: 1 }, guarantees: [] }),
      '1 error, 2 warnings, 1 info',
    );
    assert.equal(describeDrift({ services: [], trustedAdded: [], trustedRemoved: ['AWS:1'] }), '1 trust change(s)');
  });
});

describe('extension views/verdictRows', () => {
  it('shows a subject of the Guarantees view with its kind, verdicts and guarantees', () => {
    const subject = { ...role('proved', 'unknown'), kind: 'processor' as const };
    const row = subjectRow(subject, 'file:///w/main.tf');
    assert.deepEqual(
      [row.label, row.description, row.icon, row.revealUri, row.expanded],
      [
        'Pennsieve-Compute-sandbox-1234abcd',
        'processor role · 1 proved, 1 unknown',
        'question',
        'file:///w/main.tf',
        true,
      ],
    );
    assert.deepEqual(
      row.children!().map((r) => r.revealUri),
      [undefined, 'pennsieve-live:/x.json'],
    );
  });
});
