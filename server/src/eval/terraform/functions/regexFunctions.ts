// regex(), regexall() and replace() with a /pattern/: RE2 syntax and semantics, as Terraform
// itself (Go's regexp), on a linear-time engine (re2js, MIT, pure JavaScript). Patterns come from
// the checked files, so no backtracking RegExp is ever built from them, and the work of one match
// (text length times program size) is bounded.

import { RE2JS, type Matcher } from 're2js';
import type { Val } from '../../../model/value';
import { checkSize } from '../../../parse/evalBudget';
import { LimitError } from '../../../parse/limits';
import { errorVal, listVal, objVal, strVal } from '../../../parse/values';
import { type CallCtx, isStop, textArg, type TfFunction } from './callContext';

/** Text length times program size of one search; past it the result is beyond the checker's limits. */
const MAX_WORK = 20_000_000;
/** Units of that work per evaluation step charged to the module's budget. */
const WORK_PER_STEP = 40;

/** A compiled pattern, or the error message Terraform would give. */
function compile(pattern: string): RE2JS | string {
  try {
    return RE2JS.compile(pattern);
  } catch (err) {
    return `invalid regexp pattern: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** A matcher over `text`, after charging its worst-case work (LimitError past MAX_WORK). */
function matcherFor(re: RE2JS, text: string, c: CallCtx): Matcher {
  const work = (text.length + 1) * re.programSize();
  if (work > MAX_WORK)
    throw new LimitError(`a regular expression of ${re.programSize()} instructions over ${text.length} characters`);
  c.ev.charge(Math.ceil(work / WORK_PER_STEP));
  return re.matcher(text);
}

/** The pattern and text arguments, compiled; or the value to return instead. */
function regexArgs(args: readonly Val[], c: CallCtx): { re: RE2JS; text: string } | Val {
  const pattern = textArg(args, 0, c);
  if (isStop(pattern)) return pattern.stop;
  const text = textArg(args, 1, c);
  if (isStop(text)) return text.stop;
  const re = compile(pattern);
  if (typeof re === 'string') return errorVal(`${c.name}(): ${re}`, c.loc);
  const names = Object.keys(re.namedGroups());
  if (names.length > 0 && names.length < re.groupCount())
    return errorVal(`${c.name}(): invalid regexp pattern: cannot mix both named and unnamed capture groups`, c.loc);
  return { re, text };
}

/** One match as Terraform gives it: the matched text, a list of groups, or an object of named groups (null where a group did not take part). */
function matchValue(re: RE2JS, m: Matcher, c: CallCtx): Val {
  if (re.groupCount() === 0) return strVal(m.group(0) ?? '', c.loc);
  const group = (g: number | string): Val => {
    const s = m.group(g);
    return s === null ? { k: 'null', loc: c.loc } : strVal(s, c.loc);
  };
  const named = re.namedGroups();
  const names = Object.keys(named);
  if (names.length > 0)
    return objVal(
      names.sort((a, b) => named[a] - named[b]).map((n) => ({ key: n, keyLoc: c.loc, value: group(n) })),
      c.loc,
    );
  return listVal(
    Array.from({ length: re.groupCount() }, (_, i) => group(i + 1)),
    c.loc,
  );
}

const regex: TfFunction = (args, c) => {
  const a = regexArgs(args, c);
  if ('k' in a) return a;
  const m = matcherFor(a.re, a.text, c);
  return m.find()
    ? matchValue(a.re, m, c)
    : errorVal('regex(): pattern did not match any part of the given string', c.loc);
};

const regexall: TfFunction = (args, c) => {
  const a = regexArgs(args, c);
  if ('k' in a) return a;
  const m = matcherFor(a.re, a.text, c);
  const items: Val[] = [];
  while (m.find()) {
    checkSize(items.length, 'the matches of regexall()');
    items.push(matchValue(a.re, m, c));
  }
  return listVal(items, c.loc);
};

/**
 * `text` with every match of `pattern` replaced; `$1`, `${1}`, `$name`, `${name}` and `$$` in
 * the replacement expand as Go's Regexp.Expand does. An error message for a bad pattern.
 */
export function replaceRegex(
  text: string,
  pattern: string,
  replacement: string,
  c: CallCtx,
): string | { readonly error: string } {
  const re = compile(pattern);
  if (typeof re === 'string') return { error: re };
  const m = matcherFor(re, text, c);
  let out = '';
  let last = 0;
  while (m.find()) {
    out += text.slice(last, m.start(0)) + expand(replacement, re, m);
    checkSize(out.length, 'the result of replace()');
    last = m.end(0);
  }
  return out + text.slice(last);
}

/** Go's Regexp.Expand: `$name` takes the longest run of letters, digits and `_`; unknown groups are empty. */
function expand(template: string, re: RE2JS, m: Matcher): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const ch = template[i];
    if (ch !== '$') {
      out += ch;
      continue;
    }
    if (template[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    const braced = template[i + 1] === '{';
    const from = braced ? i + 2 : i + 1;
    let j = from;
    while (j < template.length && /[A-Za-z0-9_]/.test(template[j])) j++;
    if (j === from || (braced && template[j] !== '}')) {
      out += '$';
      continue;
    }
    out += groupText(template.slice(from, j), re, m);
    i = braced ? j : j - 1;
  }
  return out;
}

function groupText(name: string, re: RE2JS, m: Matcher): string {
  if (/^[0-9]+$/.test(name)) {
    const n = Number(name);
    return n <= re.groupCount() ? (m.group(n) ?? '') : '';
  }
  return name in re.namedGroups() ? (m.group(name) ?? '') : '';
}

/** regex and regexall. */
export const REGEX_FUNCTIONS: Readonly<Record<string, TfFunction>> = { regex, regexall };
