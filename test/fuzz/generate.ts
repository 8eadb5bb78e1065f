// Fuzzed inputs for the checker, deterministic from a seed and an index: a rule fixture folder
// (JSON policies, Terraform, CloudFormation YAML/JSON) with one of two kinds of mutation:
//  - `damage`: the fixture's own text mutated (spans deleted, duplicated, truncated, tokens and
//    deep nesting inserted, huge strings) — any answer is allowed but a crash, a hang, a rule
//    failure or more than a second of CPU;
//  - `addition`: a new adversarial file beside the untouched fixture (deep nesting, huge
//    strings, star runs, reference cycles, chained locals, huge lists, unknown actions, reads of
//    /proc and /dev, catastrophic regexes) — the fixture's errors must still fail the check
//    (exit 1): an addition never makes a failing folder pass (no fail-open).

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { prng } from '../support/prng';

export const LINT_FIXTURES = resolve(__dirname, '../fixtures/lint');

/** One fuzzed input: files relative to the checked folder. */
export interface FuzzInput {
  readonly index: number;
  readonly base: string;
  readonly kind: 'damage' | 'addition';
  readonly mutation: string;
  readonly files: Readonly<Record<string, string>>;
  /** The base fixture expects an error finding (so an `addition` must still exit 1). */
  readonly baseFails: boolean;
  /** The profile the base fixture is checked with. */
  readonly profile: string;
}

interface Base {
  readonly name: string;
  readonly files: Readonly<Record<string, string>>;
  readonly fails: boolean;
  readonly profile: string;
}

let bases: readonly Base[] | undefined;

/** The rule fixture folders, read once. */
function loadBases(): readonly Base[] {
  bases ??= readdirSync(LINT_FIXTURES)
    .filter((n) => statSync(join(LINT_FIXTURES, n)).isDirectory())
    .sort()
    .map((name) => {
      const dir = join(LINT_FIXTURES, name);
      const files: Record<string, string> = {};
      const walk = (d: string) => {
        for (const f of readdirSync(d).sort()) {
          const p = join(d, f);
          if (statSync(p).isDirectory()) walk(p);
          else if (f !== 'expect.json' && f !== 'profile.yaml') files[relative(dir, p)] = readFileSync(p, 'utf8');
        }
      };
      walk(dir);
      const expect = JSON.parse(readFileSync(join(dir, 'expect.json'), 'utf8')) as { severity: string }[];
      const own = join(dir, 'profile.yaml');
      return {
        name,
        files,
        fails: expect.some((e) => e.severity === 'error'),
        profile: existsSync(own) ? own : join(LINT_FIXTURES, 'default-profile.yaml'),
      };
    });
  return bases;
}

type Rand = () => number;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** Sizes skewed toward the small, now and then past a limit. */
function size(r: Rand, max: number): number {
  return Math.min(max, Math.floor(Math.exp(r() * Math.log(max))));
}

const TOKENS = [
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  '"',
  "'",
  ',',
  ':',
  '=',
  '\n',
  '${',
  '%{',
  '}',
  '*',
  '?',
  '\\',
  '!Ref ',
  '!Sub ',
  '- ',
  '<<EOF\n',
  'EOF\n',
  '#',
  '//',
  '/*',
  '\u0000',
  '\uffff',
  '𝒜',
  'null',
  'true',
  '-1e309',
];

/** Text damage: what a half-typed, truncated or hostile file looks like. */
const DAMAGE: Readonly<Record<string, (r: Rand, t: string) => string>> = {
  deleteSpan: (r, t) => {
    const a = int(r, 0, t.length);
    return t.slice(0, a) + t.slice(Math.min(t.length, a + size(r, 400)));
  },
  duplicateSpan: (r, t) => {
    const a = int(r, 0, t.length);
    const span = t.slice(a, a + size(r, 400));
    return t.slice(0, a) + span.repeat(size(r, 300)) + t.slice(a);
  },
  truncate: (r, t) => t.slice(0, int(r, 0, t.length)),
  insertTokens: (r, t) => {
    let out = t;
    for (let n = size(r, 30); n > 0; n--) {
      const at = int(r, 0, out.length);
      out = out.slice(0, at) + pick(r, TOKENS) + out.slice(at);
    }
    return out;
  },
  deepNesting: (r, t) => {
    const at = int(r, 0, t.length);
    const [open, close] = pick(r, [
      ['[', ']'],
      ['{', '}'],
      ['(', ')'],
      ['{"a":', '}'],
      ['${', '}'],
      ['- ', ''],
      ['%{ if true }', '%{ endif }'],
    ] as const);
    const n = size(r, 5000);
    return t.slice(0, at) + open.repeat(n) + (r() < 0.5 ? close.repeat(n) : '') + t.slice(at);
  },
  hugeString: (r, t) => {
    const at = int(r, 0, t.length);
    return t.slice(0, at) + pick(r, ['a', '*', '\\n', '$', ' ', '"']).repeat(size(r, 200000)) + t.slice(at);
  },
  swapLines: (r, t) => {
    const lines = t.split('\n');
    for (let n = size(r, 20); n > 0 && lines.length > 1; n--) {
      const a = int(r, 0, lines.length - 1);
      const b = int(r, 0, lines.length - 1);
      [lines[a], lines[b]] = [lines[b], lines[a]];
    }
    return lines.join('\n');
  },
};

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const policy = (actions: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*', ...extra }] });

/** Adversarial files added beside the fixture: [file name, text]. Terraform ones join the fixture's module. */
const ADDITIONS: Readonly<Record<string, (r: Rand) => [string, string]>> = {
  deepHcl: (r) => {
    const n = size(r, 3000);
    const [o, c] = pick(r, [
      ['[', ']'],
      ['(', ')'],
      ['{a=', '}'],
    ] as const);
    return ['zz_fuzz.tf', `locals {\n  fuzz_deep = ${o.repeat(n)}${o === '[' ? '' : '1'}${c.repeat(n)}\n}\n`];
  },
  nestedBlocks: (r) => ['zz_fuzz.tf', `${'fuzz {\n'.repeat(size(r, 4000))}\n`],
  chainedLocals: (r) => {
    const n = size(r, 1500);
    return [
      'zz_fuzz.tf',
      `locals {\n  fuzz_l0 = "x"\n${range(n)
        .map((i) => `  fuzz_l${i + 1} = ${r() < 0.5 ? `local.fuzz_l${i}` : `[local.fuzz_l${i}, local.fuzz_l${i}]`}\n`)
        .join('')}}\n`,
    ];
  },
  localCycle: (r) => {
    const n = size(r, 1500);
    return [
      'zz_fuzz.tf',
      `locals {\n${range(n)
        .map((i) => `  fuzz_c${i} = local.fuzz_c${(i + 1) % n}\n`)
        .join('')}}\n`,
    ];
  },
  hugeConcat: (r) => [
    'zz_fuzz.tf',
    `locals {\n  fuzz_big = concat(${Array(size(r, 100000)).fill('[1]').join(',')})\n}\n`,
  ],
  loops: (r) => [
    'zz_fuzz.tf',
    `locals {\n  fuzz_loop = [for a in range(${size(r, 1000)}): [for b in range(${size(r, 1000)}): "\${a}-\${b}"]]\n}\n`,
  ],
  fileReads: (r) => [
    'zz_fuzz.tf',
    `locals {\n  fuzz_read = ${pick(r, ['file("/proc/self/environ")', 'file("/dev/zero")', 'file("/dev/stdin")', 'templatefile("/etc/passwd", {})', 'file("../../../../../../etc/hostname")', 'fileexists("/dev/null")'])}\n}\n`,
  ],
  regexes: (r) => [
    'zz_fuzz.tf',
    `locals {\n  fuzz_re = ${pick(r, [`replace("${'a'.repeat(size(r, 20000))}!", "/(a+)+$/", "b")`, `regexall("(.*a){20}", "${'a'.repeat(size(r, 20000))}")`, 'regex("(?=x)", "x")', `replace("x", "/${'('.repeat(size(r, 2000))}/", "")`])}\n}\n`,
  ],
  deepJson: (r) => {
    const n = size(r, 5000);
    return [
      'zz_fuzz.json',
      `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"X":${'['.repeat(n)}${']'.repeat(n)}}}]}`,
    ];
  },
  starRuns: (r) => ['zz_fuzz.json', policy(range(size(r, 50)).map(() => `s3:${'*?'.repeat(size(r, 400))}x`))],
  longAction: (r) => ['zz_fuzz.json', policy([`s3:${'a'.repeat(size(r, 60000))}`])],
  unknownActions: (r) => [
    'zz_fuzz.json',
    policy(range(size(r, 10000)).map((i) => `${r() < 0.5 ? 's3' : `s${i % 9}x`}:Fuzz${i}`)),
  ],
  longConditionKey: (r) => [
    'zz_fuzz.json',
    policy('s3:GetObject', {
      Condition: { 'ForAllValues:StringEquals': { [`${'x'.repeat(size(r, 5000))}:Key`]: 'v' } },
    }),
  ],
  cfnCycle: (r) => {
    const n = size(r, 600);
    const res = Object.fromEntries(
      range(n).map((i) => [
        `R${i}`,
        {
          Type: 'AWS::IAM::Role',
          Properties: {
            RoleName: { 'Fn::Sub': `\${R${(i + 1) % n}}\${R${(i + 1) % n}}` },
            AssumeRolePolicyDocument: {},
          },
        },
      ]),
    );
    return ['zz_fuzz.template.json', JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: res })];
  },
  deepYaml: (r) => {
    const n = size(r, 3000);
    const body =
      r() < 0.5
        ? `X: ${'['.repeat(n)}`
        : range(n)
            .map((i) => `${' '.repeat(i + 1)}k${i}:`)
            .join('\n');
    return ['zz_fuzz.yaml', `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${body}\n`];
  },
};

/** The input number `index` of the run seeded `seed`. */
export function generate(seed: number, index: number): FuzzInput {
  const r = prng(seed * 1_000_003 + index);
  const base = pick(r, loadBases());
  if (r() < 0.5) {
    const name = pick(r, Object.keys(ADDITIONS));
    const [file, text] = ADDITIONS[name](r);
    return {
      index,
      base: base.name,
      kind: 'addition',
      mutation: name,
      files: { ...base.files, [file]: text },
      baseFails: base.fails,
      profile: base.profile,
    };
  }
  const target = pick(r, Object.keys(base.files));
  const names: string[] = [];
  let text = base.files[target];
  for (let n = int(r, 1, 3); n > 0; n--) {
    const name = pick(r, Object.keys(DAMAGE));
    names.push(name);
    text = DAMAGE[name](r, text);
  }
  return {
    index,
    base: base.name,
    kind: 'damage',
    mutation: `${target}: ${names.join(' + ')}`,
    files: { ...base.files, [target]: text },
    baseFails: base.fails,
    profile: base.profile,
  };
}
