// Data-driven rule fixtures: every folder under test/fixtures/lint/ is one case. Its expect.json
// lists the COMPLETE set of findings the engine must report for the folder, as
// {ruleId, file, line, severity}; nothing more, nothing less. A case's optional profile.yaml
// selects the profile, else test/fixtures/lint/default-profile.yaml is used.
//
// Case names are `<lang>-<rule>-<fire|clean|info>[-detail]`, lang in json, tf, cfn (YAML),
// cfnjson, pulumi (TypeScript/JavaScript programs), pulumiyaml. The coverage test below fails
// when a rule lacks a firing or a clean case in one of the languages it applies to.

import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { lintFolder } from '../../../support/lint';

const FIXTURES = resolve(__dirname, '../../../fixtures/lint');
const DEFAULT_PROFILE = join(FIXTURES, 'default-profile.yaml');

type Lang = 'json' | 'tf' | 'cfn' | 'cfnjson' | 'pulumi' | 'pulumiyaml';
type Severity = 'error' | 'warning' | 'info';

interface Expected {
  readonly ruleId: string;
  readonly file: string;
  readonly line: number;
  readonly severity: Severity;
}

interface Case {
  readonly name: string;
  readonly dir: string;
  readonly profile: string;
  readonly files: readonly string[];
  readonly langs: ReadonlySet<Lang>;
  readonly expected: readonly Expected[];
  /** Set when expect.json is missing or unreadable. */
  readonly loadError?: string;
  /** Parsed from the name; undefined when the name does not follow the convention. */
  readonly nameParts?: { readonly lang: string; readonly rule: string; readonly kind: 'fire' | 'clean' | 'info' };
}

/** Where each rule applies (the languages that need a firing and a clean case). */
const APPLIES: Readonly<Record<string, readonly Lang[]>> = {
  PG101: ['json', 'tf', 'cfn', 'pulumi', 'pulumiyaml'],
  PG102: ['json', 'tf', 'cfn', 'pulumi'],
  PG103: ['json', 'tf', 'cfn', 'pulumi'],
  PG104: ['json', 'tf', 'cfn', 'pulumi'],
  PG105: ['json', 'tf', 'cfn', 'pulumi', 'pulumiyaml'],
  PG106: ['json', 'tf', 'cfn'],
  PG107: ['tf'],
  PG201: ['tf', 'cfn', 'pulumi', 'pulumiyaml'],
  PG202: ['json', 'tf', 'cfn'],
  PG203: ['json', 'tf', 'cfn'],
  PG204: ['tf', 'cfn'],
  PG301: ['json', 'tf', 'cfn', 'pulumi'],
  PG302: ['json', 'tf', 'cfn', 'pulumi'],
  PG303: ['json', 'tf', 'cfn', 'pulumi'],
  PG304: ['json', 'tf', 'cfn'],
  PG305: ['json', 'tf', 'cfn'],
  PG401: ['json', 'tf', 'cfn', 'pulumi'],
  PG402: ['json', 'tf', 'cfn'],
  PG403: ['tf'],
  PG501: ['tf', 'cfn', 'pulumi'],
  PG502: ['json', 'tf', 'cfn'],
  PG503: ['json', 'tf', 'cfn'],
  PG601: ['tf', 'cfn'],
  PG602: ['tf', 'cfn'],
  PG603: ['tf', 'cfn'],
  PG701: ['tf', 'cfn'],
  PG702: ['tf'],
  PG801: ['json', 'tf', 'cfn', 'pulumi'],
  PG802: ['json', 'tf', 'cfn', 'pulumi'],
};

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const NOT_INPUT = new Set(['expect.json', 'profile.yaml']);

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (!(d === dir && NOT_INPUT.has(name))) out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

/** The input language of one file, from its name and (for JSON) its shape. */
function langOf(dir: string, file: string): Lang | undefined {
  if (/\.(tf|tfvars)$/.test(file) || file.endsWith('.tf.json')) return 'tf';
  if (/\.[cm]?[jt]s$/.test(file)) return 'pulumi';
  if (/\.ya?ml$/.test(file))
    return /^runtime:\s*yaml\s*$/m.test(readFileSync(join(dir, file), 'utf8')) ? 'pulumiyaml' : 'cfn';
  if (!file.endsWith('.json')) return undefined;
  const text = readFileSync(join(dir, file), 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // A deliberately broken file: judge by its text.
    return /"AWSTemplateFormatVersion"|"Resources"\s*:/.test(text) ? 'cfnjson' : 'json';
  }
  const isTemplate =
    !!parsed && typeof parsed === 'object' && ('AWSTemplateFormatVersion' in parsed || 'Resources' in parsed);
  return isTemplate ? 'cfnjson' : 'json';
}

function readExpected(file: string): Expected[] {
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(raw)) throw new Error(`${file}: expect.json must be an array`);
  return raw as Expected[];
}

function loadCases(): Case[] {
  if (!existsSync(FIXTURES)) throw new Error(`No fixture folder: ${FIXTURES}`);
  return readdirSync(FIXTURES)
    .filter((name) => statSync(join(FIXTURES, name)).isDirectory())
    .sort()
    .map((name) => {
      const dir = join(FIXTURES, name);
      const files = listFiles(dir);
      const langs = new Set(files.map((f) => langOf(dir, f)).filter((l): l is Lang => !!l));
      const own = join(dir, 'profile.yaml');
      const m = /^(json|tf|cfn|cfnjson|pulumi|pulumiyaml)-(pg\d{3})-(fire|clean|info)(?:-|$)/.exec(name);
      let expected: Expected[] = [];
      let loadError: string | undefined;
      try {
        expected = readExpected(join(dir, 'expect.json'));
      } catch (err) {
        loadError = `cannot read expect.json: ${(err as Error).message}`;
      }
      return {
        name,
        dir,
        profile: existsSync(own) ? own : DEFAULT_PROFILE,
        files,
        langs,
        expected,
        loadError,
        nameParts: m ? { lang: m[1], rule: m[2].toUpperCase(), kind: m[3] as 'fire' | 'clean' | 'info' } : undefined,
      };
    });
}

type Tuple = { file: string; line: number; ruleId: string; severity: string };

/** The compared part of findings, sorted by file, line, rule, severity, as `file:line RULE severity`. */
function sortedKeys(list: readonly Tuple[]): string[] {
  return [...list]
    .sort(
      (a, b) =>
        a.file.localeCompare(b.file) ||
        a.line - b.line ||
        a.ruleId.localeCompare(b.ruleId) ||
        a.severity.localeCompare(b.severity),
    )
    .map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.severity}`);
}

/** What is wrong with a case folder itself (independent of the engine). */
function wellFormedProblems(c: Case): string[] {
  const problems: string[] = [];
  if (c.loadError) return [c.loadError];
  const parts = c.nameParts;
  if (!parts) return ['the name must be <lang>-<rule>-<fire|clean|info>[-detail]'];
  if (c.files.length === 0) problems.push('no input file');
  if (!c.langs.has(parts.lang as Lang)) {
    problems.push(`the name says ${parts.lang} but the files are ${[...c.langs].join(', ') || 'of no known language'}`);
  }
  if (!APPLIES[parts.rule]) problems.push(`unknown rule in the name: ${parts.rule}`);
  for (const e of c.expected) {
    const where = JSON.stringify(e);
    if (!APPLIES[e.ruleId]) problems.push(`unknown ruleId: ${where}`);
    if (!c.files.includes(e.file)) {
      problems.push(`names a file that is not in the case: ${where}`);
      continue;
    }
    const lines = readFileSync(join(c.dir, e.file), 'utf8').split('\n').length;
    if (!Number.isInteger(e.line) || e.line < 1 || e.line > lines)
      problems.push(`line is not in ${e.file} (${lines} lines): ${where}`);
    if (!SEVERITIES.includes(e.severity)) problems.push(`bad severity: ${where}`);
  }
  const named = c.expected.filter((e) => e.ruleId === parts.rule);
  if (parts.kind === 'clean' && c.expected.length > 0) problems.push('a clean case must expect no finding at all');
  if (parts.kind === 'fire' && !named.some((e) => e.severity !== 'info'))
    problems.push(`a fire case must expect ${parts.rule}`);
  if (parts.kind === 'info' && !named.some((e) => e.severity === 'info'))
    problems.push(`an info case must expect ${parts.rule} as info`);
  return problems;
}

const CASES = loadCases();

describe('rule fixtures (test/fixtures/lint)', () => {
  it('are discovered', () => {
    assert.ok(CASES.length > 0, `no case folders under ${FIXTURES}`);
    assert.ok(existsSync(DEFAULT_PROFILE), `missing ${DEFAULT_PROFILE}`);
  });

  it('are well formed (names, files, lines, severities)', () => {
    const problems: string[] = [];
    for (const c of CASES) problems.push(...wellFormedProblems(c).map((p) => `${c.name}: ${p}`));
    assert.deepEqual(problems, []);
  });

  describe('coverage', () => {
    for (const [rule, langs] of Object.entries(APPLIES)) {
      it(`${rule} has a firing and a clean case in ${langs.join(', ')}`, () => {
        const missing: string[] = [];
        for (const lang of langs) {
          const fires = CASES.some((c) =>
            c.expected.some((e) => e.ruleId === rule && e.severity !== 'info' && langOf(c.dir, e.file) === lang),
          );
          if (!fires) missing.push(`${lang}: no case expects ${rule} to fire`);
          const clean = CASES.some(
            (c) =>
              c.nameParts?.rule === rule &&
              c.nameParts.kind === 'clean' &&
              c.nameParts.lang === lang &&
              c.expected.length === 0,
          );
          if (!clean) missing.push(`${lang}: no ${lang}-${rule.toLowerCase()}-clean-* case`);
        }
        assert.deepEqual(missing, []);
      });
    }
  });

  describe('engine findings equal expect.json', () => {
    for (const c of CASES) {
      it(c.name, () => {
        if (c.loadError) assert.fail(c.loadError);
        const found = lintFolder(c.dir, c.profile);
        const actual = sortedKeys(found);
        const expected = sortedKeys(c.expected);
        const detail = found
          .map((f) => `  ${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.severity}: ${f.message}`)
          .join('\n');
        assert.deepEqual(
          actual,
          expected,
          `findings differ for ${c.name}; the engine reported:\n${detail || '  (nothing)'}`,
        );
      });
    }
  });
});
