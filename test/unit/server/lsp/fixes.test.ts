// Every quick fix in every syntax: its output parses cleanly and the finding it targets is gone
// when the engine checks the fixed text again.

import { strict as assert } from 'node:assert';
import { dirname } from 'node:path';
import { parseTree, type ParseError } from 'jsonc-parser';
import { parseDocument } from 'yaml';
import type { Finding } from '../../../../server/src/core/finding';
import { fixAllDenies, fixFor, type FixContext } from '../../../../server/src/engine/fixes/index';
import { loadProfile } from '../../../../server/src/engine/loadProfile';
import { locateFindings } from '../../../../server/src/engine/locate';
import type { SourceFile } from '../../../../server/src/model/source';
import { parseHcl } from '../../../../server/src/parse/hcl/parser';
import * as fx from './helpers/fixtures';
import { engine } from './helpers/harness';
import { applyEdits } from './helpers/workspace';

const profile = loadProfile('pennsieve', __dirname);

function check(files: readonly SourceFile[]) {
  const r = engine.check(files, profile);
  assert.deepEqual(r.failures, [], 'no rule crashed');
  return r;
}

function contextFor(files: readonly SourceFile[], findings: ReturnType<typeof check>): FixContext {
  const texts = new Map(files.map((f) => [f.id, f.text]));
  return {
    model: findings.model,
    profile,
    catalog: engine.catalog,
    text: (id) => texts.get(id),
    moduleFiles: () => files.map((f) => f.id),
  };
}

/** Parse errors of a file in its own syntax (empty when it is valid). */
function syntaxErrors(f: SourceFile): string[] {
  if (/\.tf$/.test(f.path)) return parseHcl(f.text).problems.map((p) => p.message);
  if (/^\s*\{/.test(f.text)) {
    const errors: ParseError[] = [];
    parseTree(f.text, errors, { disallowComments: true, allowTrailingComma: false });
    return errors.map((e) => `JSON error ${e.error} at ${e.offset}`);
  }
  return parseDocument(f.text).errors.map((e) => e.message);
}

/** True when fewer findings like `target` (rule, message, source text) remain after the fix. */
function isGone(
  target: Finding,
  before: ReturnType<typeof check>,
  beforeFiles: readonly SourceFile[],
  after: readonly Finding[],
  afterFiles: readonly SourceFile[],
): boolean {
  const key = (f: { ruleId: string; message: string; snippet: string }) => `${f.ruleId}|${f.message}|${f.snippet}`;
  const located = (fs: readonly Finding[], files: readonly SourceFile[]) =>
    locateFindings(fs, new Map(files.map((f) => [f.id, f.text])), '/').map(key);
  const [k] = located([target], beforeFiles);
  const count = (keys: string[]) => keys.filter((x) => x === k).length;
  return count(located(after, afterFiles)) < count(located(before.findings, beforeFiles));
}

interface Case {
  readonly name: string;
  readonly files: readonly SourceFile[];
  /** Rules that must offer a working fix in this syntax. */
  readonly rules: readonly string[];
}

function file(path: string, text: string): SourceFile {
  return { id: `file://${path}`, path, text };
}

const CASES: readonly Case[] = [
  {
    name: 'CloudFormation YAML',
    files: [file('/ws/cfn/template.yaml', fx.CFN_YAML)],
    rules: ['PG102', 'PG104', 'PG105', 'PG201', 'PG301', 'PG302', 'PG303', 'PG802'],
  },
  {
    name: 'CloudFormation JSON',
    files: [file('/ws/cfn/template.json', fx.CFN_JSON)],
    rules: ['PG102', 'PG104', 'PG105', 'PG201', 'PG301', 'PG302', 'PG303', 'PG802'],
  },
  {
    name: 'IAM JSON trust policy',
    files: [file(`/ws/iam/${fx.IAM_TRUST_NAME}`, fx.IAM_TRUST_JSON)],
    rules: ['PG102', 'PG105'],
  },
  {
    name: 'IAM JSON permission policy',
    files: [file(`/ws/iam/${fx.IAM_PERMISSION_NAME}`, fx.IAM_PERMISSION_JSON)],
    rules: ['PG301', 'PG302', 'PG303', 'PG802'],
  },
  {
    name: 'Terraform (jsonencode, heredoc, aws_iam_policy_document)',
    files: [file('/ws/tf/boundary.tf', fx.TF_BOUNDARY), file('/ws/tf/main.tf', fx.TF_MAIN)],
    rules: ['PG102', 'PG104', 'PG105', 'PG201', 'PG301', 'PG302', 'PG303', 'PG802'],
  },
];

describe('quick fixes (engine/fixes)', () => {
  for (const c of CASES) {
    describe(c.name, () => {
      const before = check(c.files);
      const ctx = contextFor(c.files, before);
      const fixable = before.findings.filter((f) => fixFor(f, ctx));

      it('offers a fix for every rule that has one', () => {
        const rules = new Set(fixable.map((f) => f.ruleId));
        for (const r of c.rules)
          assert.ok(
            rules.has(r as Finding['ruleId']),
            `no fix for ${r}; findings: ${before.findings.map((f) => f.ruleId).join(' ')}`,
          );
      });

      for (const [i, f] of before.findings.entries()) {
        const fix = fixFor(f, ctx);
        if (!fix) continue;
        it(`${f.ruleId} #${i}: "${fix.title}" gives valid code without the finding`, () => {
          const after = c.files.map((sf) => ({
            ...sf,
            text: applyEdits(
              sf.text,
              fix.edits.filter((e) => e.file === sf.id),
            ),
          }));
          for (const sf of after)
            assert.deepEqual(syntaxErrors(sf), [], `${sf.path} parses after the fix:\n${sf.text}`);
          const r = check(after);
          assert.deepEqual(
            r.findings.filter((x) => x.ruleId === 'PG801').map((x) => x.message),
            [],
            'no malformed policy after the fix',
          );
          assert.ok(isGone(f, before, c.files, r.findings, after), `the finding is gone: ${f.message}`);
        });
      }

      if (c.rules.includes('PG303')) {
        it('adds all missing deny statements at once', () => {
          const all = fixAllDenies(before.findings, ctx);
          assert.ok(all, 'a fix-all is offered');
          const after = c.files.map((sf) => ({
            ...sf,
            text: applyEdits(
              sf.text,
              all.edits.filter((e) => e.file === sf.id),
            ),
          }));
          for (const sf of after) assert.deepEqual(syntaxErrors(sf), [], `${sf.path} parses`);
          const left = check(after).findings.filter((x) => ['PG301', 'PG302', 'PG303', 'PG801'].includes(x.ruleId));
          assert.deepEqual(
            left.map((x) => `${x.ruleId}: ${x.message}`),
            [],
          );
        });
      }
    });
  }

  it('merges into an existing operator instead of writing a duplicate key (YAML and JSON)', () => {
    const yaml = fx.CFN_YAML.replace(
      '              ForAllValues:StringEquals:\n                sts:ExternalId: abc',
      "              StringEquals:\n                aws:SourceAccount: '123456789012'\n              ForAllValues:StringEquals:\n                sts:ExternalId: abc",
    );
    const json = fx.CFN_JSON.replace(
      '"Condition": { "ForAllValues:StringEquals": { "sts:ExternalId": "abc" } }',
      '"Condition": { "StringEquals": { "aws:SourceAccount": "1" }, "ForAllValues:StringEquals": { "sts:ExternalId": "abc" } }',
    );
    for (const [path, text] of [
      ['/ws/m/t.yaml', yaml],
      ['/ws/m/t.json', json],
    ] as const) {
      const files = [file(path, text)];
      const before = check(files);
      const target = before.findings.find((f) => f.ruleId === 'PG105')!;
      const fix = fixFor(target, contextFor(files, before))!;
      const fixed = applyEdits(text, fix.edits);
      assert.deepEqual(syntaxErrors({ ...files[0], text: fixed }), []);
      assert.equal(
        fixed.match(/StringEquals/g)!.length,
        text.match(/StringEquals/g)!.length - 1,
        `one StringEquals block:\n${fixed}`,
      );
      assert.ok(!check([{ ...files[0], text: fixed }]).findings.some((f) => f.ruleId === 'PG105'));
    }
  });

  it('without a boundary policy in the unit, points the boundary at a new parameter or variable', () => {
    const noBoundaryYaml = fx.CFN_YAML.replace(/  Boundary:\n(    .*\n|      .*\n)*?(?=  Worker:)/, '');
    const noBoundaryJson = fx.CFN_JSON.replace(/    "Boundary": \{[\s\S]*?\n    \},\n/, '');
    const cases: [SourceFile[], RegExp][] = [
      [[file('/ws/nb/t.yaml', noBoundaryYaml)], /PermissionsBoundary: !Ref PermissionsBoundaryArn/],
      [[file('/ws/nb/t.json', noBoundaryJson)], /"PermissionsBoundary": \{\s*"Ref": "PermissionsBoundaryArn"\s*\}/],
      [[file('/ws/nbtf/main.tf', fx.TF_MAIN)], /permissions_boundary = var\.permissions_boundary_arn/],
    ];
    for (const [files, expected] of cases) {
      assert.ok(!/pennsieve-boundary/.test(files[0].text), 'the fixture has no boundary policy');
      const before = check(files);
      const target = before.findings.find((f) => f.ruleId === 'PG201' && f.severity === 'error')!;
      const fix = fixFor(target, contextFor(files, before))!;
      const after = files.map((sf) => ({
        ...sf,
        text: applyEdits(
          sf.text,
          fix.edits.filter((e) => e.file === sf.id),
        ),
      }));
      assert.match(after[0].text, expected);
      assert.match(
        after[0].text,
        /PermissionsBoundaryArn"?:|variable "permissions_boundary_arn"/,
        'the input is declared',
      );
      assert.deepEqual(syntaxErrors(after[0]), []);
      const r = check(after);
      assert.ok(isGone(target, before, files, r.findings, after), `PG201 error gone in ${files[0].path}`);
      assert.ok(
        r.findings.some((f) => f.ruleId === 'PG201' && f.severity === 'info'),
        'the unknown boundary shows as information',
      );
    }
  });

  it('keeps CRLF line endings', () => {
    const files = [file('/ws/crlf/t.yaml', fx.CFN_YAML.replace(/\n/g, '\r\n'))];
    const before = check(files);
    const fix = fixFor(
      before.findings.find((f) => f.ruleId === 'PG303')!,
      contextFor(files, before),
    )!;
    for (const e of fix.edits) assert.ok(!/[^\r]\n/.test(e.newText), `CRLF only: ${JSON.stringify(e.newText)}`);
  });

  it('declares a Terraform variable only once per module', () => {
    const files = [
      file('/ws/tf2/variables.tf', 'variable "external_id" {\n  type = string\n}\n'),
      file('/ws/tf2/main.tf', fx.TF_MAIN),
    ];
    const before = check(files);
    const f = before.findings.find((x) => x.ruleId === 'PG102')!;
    const fix = fixFor(f, contextFor(files, before))!;
    assert.ok(
      fix.edits.every((e) => !/variable "external_id"/.test(e.newText)),
      'no second declaration',
    );
    assert.ok(fix.edits.some((e) => /var\.external_id/.test(e.newText)));
    assert.equal(dirname(files[0].path), dirname(files[1].path));
  });
});
