import { strict as assert } from 'node:assert';
import { evalValue, show } from './tfTestUtil';

const PRELUDE = `
variable "none" {}
variable "list" { default = ["b", "a", "b", ""] }
variable "map"  { default = { x = 1, y = "two" } }
locals {
  partial = "arn:aws:iam::\${var.none}:role/x"
}
`;

/** [expression, expected show() of its value]. */
const CASES: readonly (readonly [string, unknown])[] = [
  ['format("%s-%d-%05.1f-%q-%t-%%", "a", 42, 3.14159, "q", true)', 'a-42-003.1-"q"-true-%'],
  ['format("arn:%s:%s", "aws", var.none)', 'arn:aws:${?}'],
  ['formatlist("%s=%s", ["a", "b"], "v")', ['a=v', 'b=v']],
  ['join(",", ["a", "b"], ["c"])', 'a,b,c'],
  ['join("-", ["x", var.none])', 'x-${?}'],
  ['concat(["a"], ["b", "c"])', ['a', 'b', 'c']],
  ['concat(["a"], var.none)', ['a', '…']],
  ['merge({ a = 1, b = 2 }, { b = 3 })', { a: 1, b: 3 }],
  ['merge({ a = 1 }, var.none)', { a: 1, '…': 'var.none has no default' }],
  ['jsondecode("{\\"a\\": [1, true, null]}")', { a: [1, true, null] }],
  ['jsondecode(jsonencode({ a = "b" }))', { a: 'b' }],
  ['jsonencode("x")', '"x"'],
  ['lower("ABC-${var.none}-DEF")', 'abc-${?}-def'],
  ['upper("abc")', 'ABC'],
  ['replace("a-b-c", "-", "_")', 'a_b_c'],
  ['replace("a1b22", "/[0-9]+/", "#")', 'a#b#'],
  ['replace("key=value", "/([a-z]+)=([a-z]+)/", "$2:$${1}-$$")', 'value:key-$'],
  ['replace("ab", "/(?P<first>a)/", "[$${first}]")', '[a]b'],
  ['replace("a1", "/(a)/", "$1x")', '1'],
  ['regex("[a-z]+", "53453453.345345aaabbbccc23454")', 'aaabbbccc'],
  [
    'regex("^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?", "https://terraform.io/docs/")',
    { authority: 'terraform.io', scheme: 'https' },
  ],
  ['regex("([0-9]{4})-([0-9]{2})-([0-9]{2})", "2019-02-01")', ['2019', '02', '01']],
  ['regex("(a)|(b)", "b")', [null, 'b']],
  ['regexall("[a-z]+", "1234abcd5678efgh9")', ['abcd', 'efgh']],
  ['length(regexall("[a-z]+", "1234"))', 0],
  ['split(",", "a,b,,c")', ['a', 'b', '', 'c']],
  ['tolist(["a"])', ['a']],
  ['toset(["a", "b", "a"])', ['a', 'b']],
  ['tomap({ a = 1 })', { a: 1 }],
  ['tostring(12)', '12'],
  ['tonumber("12.5")', 12.5],
  ['distinct(var.list)', ['b', 'a', '']],
  ['flatten([["a", ["b"]], "c", []])', ['a', 'b', 'c']],
  ['compact(var.list)', ['b', 'a', 'b']],
  ['coalesce("", null, "x", "y")', 'x'],
  ['coalescelist([], ["a"], ["b"])', ['a']],
  ['lookup(var.map, "y", "d")', 'two'],
  ['lookup(var.map, "z", "d")', 'd'],
  ['element(["a", "b", "c"], 4)', 'b'],
  ['length(var.list)', 4],
  ['length({ a = 1 })', 1],
  ['length("héllo")', 5],
  ['keys({ b = 1, a = 2 })', ['a', 'b']],
  ['values({ b = 1, a = 2 })', [2, 1]],
  ['contains(var.list, "a")', true],
  ['contains(var.list, "zz")', false],
  ['contains(["a", var.none], "b")', { unknown: 'contains() depends on unknown values' }],
  ['try(var.map.missing, var.map.x)', 1],
  ['can(var.map.missing)', false],
  ['can(var.map.x)', true],
  ['substr("hello world", 1, 4)', 'ello'],
  ['substr("hello", -3, -1)', 'llo'],
  ['trimprefix("arn:aws:x", "arn:")', 'aws:x'],
  ['trimprefix(local.partial, "arn:aws:")', 'iam::${?}:role/x'],
  ['trimsuffix("file.json", ".json")', 'file'],
  ['trimspace("  a b  ")', 'a b'],
  ['startswith(local.partial, "arn:aws:iam")', true],
  [
    'startswith(local.partial, "arn:aws:iam::1234")',
    { unknown: 'startswith() depends on an unknown part of the string' },
  ],
  ['endswith("abc", "bc")', true],
  ['range(3)', [0, 1, 2]],
  ['range(1, 7, 3)', [1, 4]],
  ['zipmap(["a", "b"], [1, 2])', { a: 1, b: 2 }],
  ['max(1, 5, 3)', 5],
  ['sort(["b", "a"])', ['a', 'b']],
  ['reverse([1, 2])', [2, 1]],
  ['one(["x"])', 'x'],
  ['alltrue([true, true])', true],
  ['anytrue([false, true])', true],
  ['sum([1, 2, 3])', 6],
  ['slice(["a", "b", "c"], 1, 3)', ['b', 'c']],
  ['max([4, 9]...)', 9],
  ['"${upper("a")}-${1 + 2}-${true}"', 'A-3-true'],
  ['[for s in ["a", "bb"] : length(s) if s != "a"]', [2]],
  ['{ for k, v in var.map : k => v }', { x: 1, y: 'two' }],
  ['{ for s in ["a", "ab", "b"] : substr(s, 0, 1) => s... }', { a: ['a', 'ab'], b: ['b'] }],
  ['var.map.x > 0 ? "pos" : "neg"', 'pos'],
  ['!false && (2 * 3 == 6) && 7 % 4 == 3', true],
  ['"%{ for v in ["a", "b"] }<${v}>%{ endfor }%{ if true }!%{ else }?%{ endif }"', '<a><b>!'],
];

describe('Terraform functions and expressions', () => {
  for (const [expr, expected] of CASES) {
    it(expr, () => {
      assert.deepEqual(show(evalValue(expr, PRELUDE)), expected);
    });
  }

  it('gives user-facing reasons for unknown functions, provider functions and run-time values', () => {
    assert.deepEqual(show(evalValue('base64gzip("x")')), { unknown: 'the function base64gzip() is not analysed' });
    assert.deepEqual(show(evalValue('provider::aws::arn_parse("x")')), {
      unknown: 'the provider function provider::aws::arn_parse() is not analysed',
    });
    assert.deepEqual(show(evalValue('timestamp()')), { unknown: 'timestamp() is known only at apply time' });
  });

  it('evaluates regular expressions with RE2 semantics in linear time, and reports bad patterns as errors', () => {
    const t0 = performance.now();
    assert.equal(show(evalValue(`replace("${'a'.repeat(30000)}!", "/(a+)+$/", "b")`)), `${'a'.repeat(30000)}!`);
    assert.ok(performance.now() - t0 < 5000);
    assert.deepEqual(show(evalValue('regex("(?=a)", "a")')), {
      unknown: 'regex(): invalid regexp pattern: error parsing regexp: invalid or unsupported Perl syntax: `(?=`',
    });
    assert.deepEqual(show(evalValue('regex("(?P<a>x)(y)", "xy")')), {
      unknown: 'regex(): invalid regexp pattern: cannot mix both named and unnamed capture groups',
    });
    assert.deepEqual(show(evalValue('regex("z", "xy")')), {
      unknown: 'regex(): pattern did not match any part of the given string',
    });
  });

  it('propagates the reason of an unknown argument', () => {
    assert.deepEqual(show(evalValue('upper(var.none)', PRELUDE)), { unknown: 'var.none has no default' });
    assert.deepEqual(show(evalValue('length(var.none)', PRELUDE)), { unknown: 'var.none has no default' });
  });

  it('keeps a conditional with an unknown condition unknown', () => {
    assert.deepEqual(show(evalValue('var.none ? "a" : "b"', PRELUDE)), { unknown: 'var.none has no default' });
  });
});
