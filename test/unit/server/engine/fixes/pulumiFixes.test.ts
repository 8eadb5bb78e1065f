// Quick fixes in Pulumi programs (TypeScript, JavaScript, Pulumi YAML): each one gives a program
// that parses strictly (no error recovery) and no longer has the finding it targets.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@babel/parser';
import { parseDocument } from 'yaml';
import type { Finding } from '../../../../../server/src/core/finding';
import { fixAllDenies, fixFor, type FixContext } from '../../../../../server/src/engine/fixes/index';
import { loadProfile } from '../../../../../server/src/engine/loadProfile';
import { locateFindings } from '../../../../../server/src/engine/locate';
import type { SourceFile } from '../../../../../server/src/model/source';
import { engine } from '../../lsp/helpers/harness';
import { applyEdits } from '../../lsp/helpers/workspace';

const profile = loadProfile('pennsieve', __dirname);
const FIXTURES = join(__dirname, '../../../../fixtures/lint');

function fixture(name: string, file: string, as = `/ws/${name}/${file}`): SourceFile {
  return { id: as, path: as, text: readFileSync(join(FIXTURES, name, file), 'utf8') };
}

function check(files: readonly SourceFile[]) {
  const r = engine.check(files, profile);
  assert.deepEqual(r.failures, [], 'no rule crashed');
  return r;
}

function contextFor(files: readonly SourceFile[], r: ReturnType<typeof check>): FixContext {
  const texts = new Map(files.map((f) => [f.id, f.text]));
  return { model: r.model, profile, catalog: engine.catalog, text: (id) => texts.get(id) };
}

/** Strict syntax errors: babel without error recovery for scripts, `yaml` for YAML. */
function syntaxErrors(f: SourceFile): string[] {
  if (/\.ya?ml$/.test(f.path)) return parseDocument(f.text).errors.map((e) => e.message);
  try {
    parse(f.text, { sourceType: 'module', plugins: /\.ts$/.test(f.path) ? ['typescript'] : [] });
    return [];
  } catch (err) {
    return [(err as Error).message];
  }
}

function key(f: Finding, files: readonly SourceFile[]): string {
  const [l] = locateFindings([f], new Map(files.map((x) => [x.id, x.text])), '/');
  return `${l.ruleId}|${l.message}|${l.snippet}`;
}

function applyFix(
  files: readonly SourceFile[],
  edits: readonly { file: string; start: number; end: number; newText: string }[],
): SourceFile[] {
  return files.map((sf) => ({
    ...sf,
    text: applyEdits(
      sf.text,
      edits.filter((e) => e.file === sf.id),
    ),
  }));
}

interface Case {
  readonly name: string;
  readonly files: readonly SourceFile[];
  readonly rules: readonly string[];
}

const CASES: readonly Case[] = [
  {
    name: 'the article role (TypeScript, JSON.stringify)',
    files: [fixture('pulumi-pg105-fire-article-ci-role', 'index.ts')],
    rules: ['PG102', 'PG105', 'PG302', 'PG303'],
  },
  {
    name: 'object-literal trust, RolePolicy without denies',
    files: [fixture('pulumi-pg102-fire-cross-account-no-condition', 'index.ts')],
    rules: ['PG102'],
  },
  {
    name: 'RolePolicy missing the create-role deny',
    files: [fixture('pulumi-pg301-fire-no-deny', 'index.ts')],
    rules: ['PG301'],
  },
  {
    name: 'RolePolicy missing the self-modification deny',
    files: [fixture('pulumi-pg303-fire-missing-self-deny', 'index.ts')],
    rules: ['PG303'],
  },
  {
    name: 'getPolicyDocument statements',
    files: [fixture('pulumi-pg105-fire-get-policy-document', 'index.ts')],
    rules: ['PG105'],
  },
  {
    name: 'role without a boundary',
    files: [fixture('pulumi-pg201-fire-missing-boundary', 'index.ts')],
    rules: ['PG201'],
  },
  {
    name: 'session duration (named import)',
    files: [fixture('pulumi-pg104-fire-named-import', 'index.ts')],
    rules: ['PG104'],
  },
  { name: 'misspelt actions', files: [fixture('pulumi-pg802-fire-typo-in-role-policy', 'index.ts')], rules: ['PG802'] },
  {
    name: 'JavaScript with require and getPolicyDocumentOutput',
    files: [fixture('pulumi-pg101-fire-commonjs-require', 'index.js')],
    rules: [] /* PG102 is not repeated where PG101 fires */,
  },
  {
    name: 'Pulumi YAML getPolicyDocument invoke',
    files: [fixture('pulumiyaml-pg105-fire-invoke-policy-document', 'Pulumi.yaml')],
    rules: ['PG102', 'PG105'],
  },
  {
    name: 'Pulumi YAML role without a boundary',
    files: [fixture('pulumiyaml-pg201-fire-missing-boundary', 'Pulumi.yaml')],
    rules: ['PG201'],
  },
];

describe('quick fixes in Pulumi programs', () => {
  for (const c of CASES) {
    describe(c.name, () => {
      const before = check(c.files);
      const ctx = contextFor(c.files, before);

      it('offers a fix for every rule that has one', () => {
        const fixed = new Set(before.findings.filter((f) => fixFor(f, ctx)).map((f) => f.ruleId));
        for (const r of c.rules)
          assert.ok(
            fixed.has(r as Finding['ruleId']),
            `no fix for ${r}; findings: ${before.findings.map((f) => f.ruleId).join(' ')}`,
          );
      });

      for (const [i, f] of before.findings.entries()) {
        const fix = fixFor(f, ctx);
        if (!fix) continue;
        it(`${f.ruleId} #${i}: "${fix.title}" parses and removes the finding`, () => {
          const after = applyFix(c.files, fix.edits);
          for (const sf of after)
            assert.deepEqual(syntaxErrors(sf), [], `${sf.path} parses after the fix:\n${sf.text}`);
          const r = check(after);
          assert.deepEqual(
            r.findings.filter((x) => x.ruleId === 'PG801').map((x) => x.message),
            [],
            'nothing malformed after the fix',
          );
          const k = key(f, c.files);
          const count = (fs: readonly Finding[], files: readonly SourceFile[]) =>
            fs.filter((x) => key(x, files) === k).length;
          assert.ok(
            count(r.findings, after) < count(before.findings, c.files),
            `the finding is gone: ${f.message}\n${after[0].text}`,
          );
        });
      }
    });
  }

  it('puts PG105 on the ForAllValues key of the article role and fixes it in place', () => {
    const files = [fixture('pulumi-pg105-fire-article-ci-role', 'index.ts')];
    const r = check(files);
    const located = locateFindings(r.findings, new Map([[files[0].id, files[0].text]]), '/').filter(
      (f) => f.ruleId === 'PG105',
    );
    assert.deepEqual(
      located.map((f) => [f.line, f.column, f.snippet]),
      [
        // Two keys under one operator: one finding on the token, naming both.
        [19, 17, '"ForAllValues:StringEquals"'],
      ],
    );
    const fix = fixFor(
      r.findings.find((f) => f.ruleId === 'PG105')!,
      contextFor(files, r),
    )!;
    const fixed = applyEdits(files[0].text, fix.edits);
    assert.equal(fixed, files[0].text.replace('"ForAllValues:StringEquals"', '"StringEquals"'));
  });

  it('merges into an existing StringEquals instead of writing a duplicate key', () => {
    const base = fixture('pulumi-pg105-fire-forallvalues-external-id', 'index.ts');
    const text = base.text.replace(
      '"ForAllValues:StringEquals": { "sts:ExternalId": [externalId] },',
      'StringEquals: { "aws:SourceAccount": "740463337177" },\n                "ForAllValues:StringEquals": { "sts:ExternalId": [externalId] },',
    );
    assert.notEqual(text, base.text);
    const files = [{ ...base, text }];
    const r = check(files);
    const fix = fixFor(
      r.findings.find((f) => f.ruleId === 'PG105')!,
      contextFor(files, r),
    )!;
    const fixed = applyEdits(text, fix.edits);
    assert.deepEqual(syntaxErrors({ ...base, text: fixed }), []);
    assert.match(
      fixed,
      /StringEquals: \{ "aws:SourceAccount": "740463337177", "sts:ExternalId": \[externalId\] \},\n\s*\},/,
    );
    assert.ok(!check([{ ...base, text: fixed }]).findings.some((f) => f.ruleId === 'PG105' || f.ruleId === 'PG102'));
  });

  it("reads the external ID from the program's own pulumi.Config, or imports @pulumi/pulumi for one", () => {
    const own = fixture('pulumi-pg102-clean-external-id-from-config', 'index.ts');
    const withoutCondition = own.text.replace(
      /            Condition: \{\n                StringEquals: \{ "sts:ExternalId": externalId \},\n            \},\n/,
      '',
    );
    assert.notEqual(withoutCondition, own.text);
    const cases: [string, RegExp, RegExp][] = [
      [
        withoutCondition,
        /"sts:ExternalId": config\.require\("externalId"\)/,
        /^import \* as pulumi from "@pulumi\/pulumi";$/m,
      ],
      [
        fixture('pulumi-pg102-fire-cross-account-no-condition', 'index.ts').text,
        /"sts:ExternalId": new pulumi\.Config\(\)\.require\("externalId"\)/,
        /^import \* as aws from "@pulumi\/aws";\nimport \* as pulumi from "@pulumi\/pulumi";$/m,
      ],
    ];
    for (const [text, value, imports] of cases) {
      const files = [{ ...own, text }];
      const r = check(files);
      const fix = fixFor(
        r.findings.find((f) => f.ruleId === 'PG102')!,
        contextFor(files, r),
      )!;
      const fixed = applyEdits(text, fix.edits);
      assert.match(fixed, value);
      assert.match(fixed, imports);
      assert.equal(fixed.match(/import \* as pulumi/g)?.length, 1, 'one import');
      assert.deepEqual(syntaxErrors({ ...own, text: fixed }), []);
    }
  });

  it('adds every missing deny at once, in one inline policy when the role has none', () => {
    const files = [fixture('pulumi-pg105-fire-article-ci-role', 'index.ts')];
    const r = check(files);
    const all = fixAllDenies(r.findings, contextFor(files, r));
    assert.ok(all, 'a fix-all is offered');
    const after = applyFix(files, all.edits);
    assert.deepEqual(syntaxErrors(after[0]), []);
    assert.match(
      after[0].text,
      /inlinePolicies: \[\n {8}\{\n {12}name: "pennsieve-guarantees",\n {12}policy: JSON\.stringify\(\{/,
    );
    assert.deepEqual(
      check(after)
        .findings.filter((f) => /^PG3/.test(f.ruleId))
        .map((f) => f.message),
      [],
    );
  });
});
