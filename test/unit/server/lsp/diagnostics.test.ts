// Findings -> LSP diagnostics: rule id, doc link, source, severities, exact UTF-16 ranges, data.

import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { DIAGNOSTIC_SOURCE, NEW_FINDING_SUFFIX } from '../../../../shared/protocol';
import type { Finding } from '../../../../server/src/core/finding';
import { loadProfile } from '../../../../server/src/engine/loadProfile';
import { ruleDocUrl } from '../../../../server/src/core/ruleInfo';
import { toDiagnostic, toDiagnostics } from '../../../../server/src/handlers/diagnostics';
import { engine } from './helpers/harness';

const URI = 'file:///ws/t.yaml';

function finding(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'PG104',
    severity: 'error',
    message: 'Maximum session duration is above the 7200 s limit: 43200',
    loc: { file: URI, start: 0, end: 5 },
    ...over,
  };
}

describe('diagnostics conversion (handlers/diagnostics)', () => {
  it('uses the rule id as code, links the rule page and names the tool as source', () => {
    const doc = TextDocument.create(URI, 'yaml', 3, '43200\n');
    const d = toDiagnostic(
      {
        finding: finding({ fix: { kind: 'capSessionDuration', valueLoc: { file: URI, start: 0, end: 5 }, max: 7200 } }),
        isNew: false,
      },
      doc,
    );
    assert.equal(d.code, 'PG104');
    assert.equal(d.codeDescription?.href, ruleDocUrl('PG104'));
    assert.equal(d.source, DIAGNOSTIC_SOURCE);
    assert.equal(d.message, 'Maximum session duration is above the 7200 s limit: 43200');
    assert.deepEqual(d.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } });
    assert.deepEqual(d.data, {
      isNew: false,
      fix: { kind: 'capSessionDuration', valueLoc: { file: URI, start: 0, end: 5 }, max: 7200 },
      version: 3,
    });
  });

  it('maps error, warning and info to the LSP severities', () => {
    const doc = TextDocument.create(URI, 'yaml', 1, 'x');
    assert.equal(
      toDiagnostic({ finding: finding({ severity: 'error' }), isNew: false }, doc).severity,
      DiagnosticSeverity.Error,
    );
    assert.equal(
      toDiagnostic({ finding: finding({ severity: 'warning' }), isNew: false }, doc).severity,
      DiagnosticSeverity.Warning,
    );
    assert.equal(
      toDiagnostic({ finding: finding({ severity: 'info' }), isNew: false }, doc).severity,
      DiagnosticSeverity.Information,
    );
  });

  it('marks new findings in the message and in data', () => {
    const doc = TextDocument.create(URI, 'yaml', 1, '43200');
    const d = toDiagnostic({ finding: finding(), isNew: true }, doc);
    assert.ok(String(d.message).endsWith(NEW_FINDING_SUFFIX));
    assert.equal((d.data as { isNew: boolean }).isNew, true);
  });

  it('converts UTF-16 offsets to positions past astral characters and CRLF lines', () => {
    const text = 'a: "😀😀"\r\nMaxSessionDuration: 43200\r\n';
    const start = text.indexOf('43200');
    const doc = TextDocument.create(URI, 'yaml', 1, text);
    const d = toDiagnostic({ finding: finding({ loc: { file: URI, start, end: start + 5 } }), isNew: false }, doc);
    assert.deepEqual(d.range, { start: { line: 1, character: 20 }, end: { line: 1, character: 25 } });
    const emoji = text.indexOf('😀');
    const e = toDiagnostic(
      { finding: finding({ loc: { file: URI, start: emoji + 2, end: emoji + 4 } }), isNew: false },
      doc,
    );
    assert.deepEqual(e.range, { start: { line: 0, character: 6 }, end: { line: 0, character: 8 } });
  });

  it('shows findings about unknown values as information', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  BoundaryArn:
    Type: String
Resources:
  Worker:
    Type: AWS::IAM::Role
    Properties:
      RoleName: node1-worker
      PermissionsBoundary: !Ref BoundaryArn
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: ecs-tasks.amazonaws.com }
            Action: sts:AssumeRole
`;
    const r = engine.check([{ id: URI, path: '/ws/t.yaml', text }], loadProfile('pennsieve', __dirname));
    const info = r.findings.filter((f) => f.severity === 'info');
    assert.ok(info.length > 0, `an undecided finding: ${r.findings.map((f) => f.ruleId).join(' ')}`);
    const diags = toDiagnostics({
      uri: URI,
      version: 1,
      text,
      findings: info.map((f) => ({ finding: f, isNew: false })),
    });
    assert.ok(diags.every((d) => d.severity === DiagnosticSeverity.Information));
    const pg201 = diags.find((d) => d.code === 'PG201')!;
    assert.equal(text.split('\n')[pg201.range.start.line].trim(), 'PermissionsBoundary: !Ref BoundaryArn');
  });
});
