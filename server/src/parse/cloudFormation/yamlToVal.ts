// CloudFormation YAML -> Val with offsets. Short-form intrinsics (`!Ref`, `!Sub`, ...) are custom
// tags and come out in their long JSON form (`{"Fn::Sub": ...}`) so one evaluator handles both.

import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, YAMLMap, YAMLSeq, type Node, type Tags } from 'yaml';
import type { Loc } from '../../model/loc';
import { known } from '../../model/pstr';
import type { ParseProblem } from '../../model/source';
import type { ObjEntry, Val } from '../../model/value';
import { LIMITS, limitProblem } from '../limits';
import { capYamlDepth } from './yamlDepth';

/** Short-form tag -> long-form key. */
const INTRINSIC_TAGS: Readonly<Record<string, string>> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!Sub': 'Fn::Sub',
  '!GetAtt': 'Fn::GetAtt',
  '!Join': 'Fn::Join',
  '!If': 'Fn::If',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!FindInMap': 'Fn::FindInMap',
  '!ImportValue': 'Fn::ImportValue',
  '!GetAZs': 'Fn::GetAZs',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!Equals': 'Fn::Equals',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Not': 'Fn::Not',
  '!Transform': 'Fn::Transform',
  '!ToJsonString': 'Fn::ToJsonString',
  '!Length': 'Fn::Length',
  // Rules-section (assertion) functions: accepted, never evaluated (they only gate deployment).
  '!Contains': 'Fn::Contains',
  '!EachMemberEquals': 'Fn::EachMemberEquals',
  '!EachMemberIn': 'Fn::EachMemberIn',
  '!RefAll': 'Fn::RefAll',
  '!ValueOf': 'Fn::ValueOf',
  '!ValueOfAll': 'Fn::ValueOfAll',
};

function buildTags(): Tags {
  const tags: Tags = [];
  for (const tag of Object.keys(INTRINSIC_TAGS)) {
    tags.push({ tag, resolve: (s: string) => s });
    tags.push({ tag, collection: 'seq', nodeClass: YAMLSeq, resolve: (s: unknown) => s as YAMLSeq });
    tags.push({ tag, collection: 'map', nodeClass: YAMLMap, resolve: (m: unknown) => m as YAMLMap });
  }
  return tags;
}

const CUSTOM_TAGS = buildTags();

export interface YamlResult {
  readonly value?: Val;
  readonly problems: readonly ParseProblem[];
}

/** Parses a YAML CloudFormation template; errors become problems and parsing continues where YAML allows. */
export function yamlToVal(text: string, file: string): YamlResult {
  const capped = capYamlDepth(text, file);
  const doc = withoutStackTraces(() =>
    parseDocument(capped.text, { customTags: CUSTOM_TAGS, uniqueKeys: false, prettyErrors: false }),
  );
  const problems: ParseProblem[] = [...capped.problems];
  const errors = [...doc.errors, ...doc.warnings];
  for (const e of errors.slice(0, LIMITS.syntaxErrors)) {
    problems.push({
      message: `Malformed YAML: ${firstLine(e.message)}`,
      loc: { file, start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) },
    });
  }
  // Far past the limit what the parser recovered is noise: the template is not read.
  const tooBroken = errors.length > LIMITS.syntaxErrorsRead;
  if (errors.length > LIMITS.syntaxErrors) {
    const at = errors[LIMITS.syntaxErrors]!.pos[0];
    problems.push(limitProblem({ file, start: at, end: at + 1 }, `more than ${LIMITS.syntaxErrors} syntax errors`));
  }
  const value = doc.contents && !tooBroken ? toVal(doc.contents as Node, file) : undefined;
  return { value, problems };
}

/**
 * Runs `f` with V8's stack capture off: the library makes an Error object per syntax error, and
 * capturing each one's stack was most of the time spent on broken input (170,000 quote
 * characters make about 97,000 errors: 1.4 s of CPU, 0.35 s without the stacks). Our problems
 * use only the errors' messages and positions.
 */
function withoutStackTraces<T>(f: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return f();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function firstLine(msg: string): string {
  return msg.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function locOf(n: Node, file: string): Loc {
  const r = n.range ?? [0, 0, 0];
  return { file, start: r[0], end: r[1] };
}

function toVal(n: Node, file: string): Val {
  const plain = plainVal(n, file);
  const longForm = n.tag ? INTRINSIC_TAGS[n.tag] : undefined;
  if (!longForm) return plain;
  let inner: Val = plain;
  if (longForm === 'Fn::GetAtt' && plain.k === 'str') inner = splitGetAtt(plain);
  return { k: 'obj', entries: [{ key: longForm, keyLoc: plain.loc, value: inner }], loc: plain.loc };
}

/** `!GetAtt Role.Arn` -> ["Role", "Arn"] (the attribute may itself contain dots). */
function splitGetAtt(v: Val & { k: 'str' }): Val {
  const text = typeof v.s.parts[0] === 'string' ? v.s.parts[0] : '';
  const dot = text.indexOf('.');
  if (dot < 0) return v;
  const a: Val = { k: 'str', s: known(text.slice(0, dot)), loc: { ...v.loc, end: v.loc.start + dot } };
  const b: Val = { k: 'str', s: known(text.slice(dot + 1)), loc: { ...v.loc, start: v.loc.start + dot + 1 } };
  return { k: 'list', items: [a, b], loc: v.loc };
}

function plainVal(n: Node, file: string): Val {
  const loc = locOf(n, file);
  if (isAlias(n)) return { k: 'unknown', reason: 'YAML aliases are not followed', loc };
  if (isScalar(n)) {
    const v = n.value;
    if (typeof v === 'string') return { k: 'str', s: known(v), loc };
    if (typeof v === 'number') return { k: 'num', n: v, loc };
    if (typeof v === 'boolean') return { k: 'bool', b: v, loc };
    if (v === null || v === undefined) return { k: 'null', loc };
    return { k: 'str', s: known(String(v)), loc };
  }
  if (isSeq(n)) return { k: 'list', items: n.items.map((i) => toVal(i as Node, file)), loc };
  if (isMap(n)) {
    const entries: ObjEntry[] = [];
    for (const p of n.items) {
      if (!isPair(p)) continue;
      const keyNode = p.key as Node | null;
      const key = keyNode && isScalar(keyNode) ? String(keyNode.value) : '';
      const keyLoc = keyNode ? locOf(keyNode, file) : loc;
      const value: Val = p.value ? toVal(p.value as Node, file) : { k: 'null', loc: keyLoc };
      entries.push({ key, keyLoc, value });
    }
    return { k: 'obj', entries, loc };
  }
  return { k: 'unknown', reason: 'unreadable YAML node', loc };
}
