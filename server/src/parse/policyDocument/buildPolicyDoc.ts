// Val in IAM JSON shape -> PolicyDoc. Shared by every front end: JSON files, CloudFormation,
// jsonencode, heredocs and aws_iam_policy_document all arrive here as a Val.

import type { Loc } from '../../model/loc';
import type {
  ConditionEntry,
  PatternItem,
  PatternList,
  PolicyDoc,
  PolicyProblem,
  PolicySyntax,
  PrincipalSpec,
  Statement,
} from '../../model/policy';
import { hole, known, type PStr } from '../../model/pstr';
import { getEntry, type ObjVal, type Val } from '../../model/value';

const VALID_VERSIONS = new Set(['2012-10-17', '2008-10-17']);
const TOP_LEVEL_KEYS = new Set(['Version', 'Id', 'Statement']);
const LIST_KEYS = ['Action', 'NotAction', 'Resource', 'NotResource'];
const STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'NotPrincipal',
  'Condition',
]);

/** Builds a PolicyDoc from a value shaped like an IAM policy; problems are PG801 material. */
export function buildPolicyDoc(v: Val, syntax: PolicySyntax): PolicyDoc {
  const problems: PolicyProblem[] = [];
  if (v.k === 'unknown') {
    return { loc: v.loc, statementLoc: v.loc, statements: [], unknownStatements: v.reason, problems, syntax };
  }
  if (v.k !== 'obj') {
    problems.push({ message: 'A policy document must be a JSON object', loc: v.loc });
    return { loc: v.loc, statementLoc: v.loc, statements: [], problems, syntax };
  }
  for (const e of v.entries) {
    if (!TOP_LEVEL_KEYS.has(e.key))
      problems.push({ message: `Unknown policy element (AWS rejects the policy): ${e.key}`, loc: e.keyLoc });
  }
  const version = readVersion(v, problems);
  const stEntry = getEntry(v, 'Statement');
  if (!stEntry) {
    problems.push({ message: 'The policy has no Statement', loc: v.loc });
    return { loc: v.loc, statementLoc: v.loc, version, statements: [], problems, syntax };
  }
  const raw = stEntry.value;
  const items = raw.k === 'list' ? raw.items : [raw];
  const statements: Statement[] = [];
  let unknownStatements = raw.k === 'list' ? raw.more : undefined;
  for (const item of items) {
    if (item.k === 'unknown') {
      unknownStatements ??= item.reason;
      continue;
    }
    if (item.k !== 'obj') {
      problems.push({ message: 'Each Statement must be an object', loc: item.loc });
      continue;
    }
    statements.push(readStatement(item, statements.length, problems));
  }
  if (raw.k === 'unknown') unknownStatements = raw.reason;
  return { loc: v.loc, statementLoc: stEntry.keyLoc, version, statements, unknownStatements, problems, syntax };
}

function readVersion(v: ObjVal, problems: PolicyProblem[]): PolicyDoc['version'] {
  const e = getEntry(v, 'Version');
  if (!e) return undefined;
  const text = scalarText(e.value);
  if (text === undefined) {
    if (e.value.k !== 'unknown' && !(e.value.k === 'str')) {
      problems.push({ message: 'Version must be "2012-10-17"', loc: e.value.loc });
    }
    return undefined;
  }
  if (!VALID_VERSIONS.has(text)) {
    problems.push({ message: `Version must be "2012-10-17": ${text}`, loc: e.value.loc });
  }
  return { value: text, loc: e.value.loc };
}

function readStatement(o: ObjVal, index: number, problems: PolicyProblem[]): Statement {
  for (const e of o.entries) {
    if (!STATEMENT_KEYS.has(e.key)) problems.push({ message: `Unknown statement element: ${e.key}`, loc: e.keyLoc });
  }
  const sidVal = getEntry(o, 'Sid')?.value;
  const effectEntry = getEntry(o, 'Effect');
  let effect: Statement['effect'];
  let effectUnknown: string | undefined;
  const effectLoc = effectEntry?.value.loc ?? o.loc;
  if (!effectEntry) {
    problems.push({ message: 'The statement has no Effect; use "Allow" or "Deny"', loc: o.loc });
  } else if (effectEntry.value.k === 'unknown') {
    effectUnknown = effectEntry.value.reason;
  } else {
    const text = scalarText(effectEntry.value);
    if (text === 'Allow' || text === 'Deny') effect = text;
    else if (text === undefined && effectEntry.value.k === 'str') effectUnknown = 'the Effect is not fully known';
    else problems.push({ message: `Effect must be "Allow" or "Deny": ${text ?? 'not a string'}`, loc: effectLoc });
  }
  const action = readList(o, 'Action');
  const notAction = readList(o, 'NotAction');
  if (!action && !notAction) {
    problems.push({ message: 'The statement has neither Action nor NotAction', loc: o.loc });
  } else if (action && notAction) {
    problems.push({ message: 'A statement cannot have both Action and NotAction', loc: notAction.loc });
  }
  checkListShapes(o, problems);
  const cond = readConditions(o, problems);
  return {
    loc: o.loc,
    index,
    sid: sidVal ? scalarText(sidVal) : undefined,
    effect,
    effectLoc,
    effectUnknown,
    action,
    notAction,
    resource: readList(o, 'Resource'),
    notResource: readList(o, 'NotResource'),
    principal: readPrincipal(o, 'Principal', problems),
    notPrincipal: readPrincipal(o, 'NotPrincipal', problems),
    conditions: cond.entries,
    conditionsUnknown: cond.unknown,
  };
}

/** Both Resource and NotResource, or an element that is neither a string nor a list of strings: AWS rejects it. */
function checkListShapes(o: ObjVal, problems: PolicyProblem[]): void {
  const resource = getEntry(o, 'Resource');
  const notResource = getEntry(o, 'NotResource');
  if (resource && notResource)
    problems.push({ message: 'A statement cannot have both Resource and NotResource', loc: notResource.keyLoc });
  for (const key of LIST_KEYS) {
    const e = getEntry(o, key);
    const values = e ? (e.value.k === 'list' ? e.value.items : [e.value]) : [];
    const bad = values.find((x) => x.k === 'obj' || x.k === 'list');
    if (e && bad) problems.push({ message: `${key} must be a string or a list of strings`, loc: bad.loc });
  }
}

/** A scalar-or-array element as a PatternList; undefined when the key is absent. */
function readList(o: ObjVal, key: string): PatternList | undefined {
  const e = getEntry(o, key);
  return e ? toPatternList(e.value, e.keyLoc) : undefined;
}

/** Converts a string-or-list value to a PatternList located at `keyLoc`. */
export function toPatternList(v: Val, keyLoc: Loc): PatternList {
  if (v.k === 'unknown') return { loc: keyLoc, items: [], unknown: v.reason };
  const values = v.k === 'list' ? v.items : [v];
  const items: PatternItem[] = [];
  let unknown = v.k === 'list' ? v.more : undefined;
  for (const item of values) {
    const s = toPStr(item);
    if (s) items.push({ value: s, loc: item.loc });
    else unknown ??= item.k === 'unknown' ? item.reason : 'a value is not a string';
  }
  return { loc: keyLoc, items, unknown };
}

/** Strings, numbers and booleans become PStr (IAM compares them as strings); unknowns become a hole. */
function toPStr(v: Val): PStr | undefined {
  switch (v.k) {
    case 'str':
      return v.s;
    case 'num':
      return known(String(v.n));
    case 'bool':
      return known(String(v.b));
    case 'unknown':
      return { parts: [hole(v.reason, v.loc)] };
    default:
      return undefined;
  }
}

function scalarText(v: Val): string | undefined {
  if (v.k === 'str')
    return v.s.parts.length === 1 && typeof v.s.parts[0] === 'string'
      ? v.s.parts[0]
      : v.s.parts.length === 0
        ? ''
        : undefined;
  if (v.k === 'num') return String(v.n);
  if (v.k === 'bool') return String(v.b);
  return undefined;
}

function readPrincipal(o: ObjVal, key: string, problems: PolicyProblem[]): PrincipalSpec | undefined {
  const e = getEntry(o, key);
  if (!e) return undefined;
  const v = e.value;
  if (v.k === 'unknown') return { loc: e.keyLoc, wildcard: false, entries: [], unknown: v.reason };
  if (v.k === 'str') {
    const text = scalarText(v);
    if (text === '*') return { loc: e.keyLoc, wildcard: true, entries: [] };
    problems.push({ message: `${key} must be "*" or an object such as {"AWS": …}`, loc: v.loc });
    return { loc: e.keyLoc, wildcard: false, entries: [], unknown: 'the principal is not readable' };
  }
  if (v.k !== 'obj') {
    problems.push({ message: `${key} must be "*" or an object such as {"AWS": …}`, loc: v.loc });
    return { loc: e.keyLoc, wildcard: false, entries: [], unknown: 'the principal is not readable' };
  }
  const entries = v.entries.map((pe) => ({
    type: pe.key,
    typeLoc: pe.keyLoc,
    items: toPatternList(pe.value, pe.keyLoc),
  }));
  return { loc: e.keyLoc, wildcard: false, entries, unknown: v.more };
}

function readConditions(o: ObjVal, problems: PolicyProblem[]): { entries: ConditionEntry[]; unknown?: string } {
  const e = getEntry(o, 'Condition');
  if (!e) return { entries: [] };
  const v = e.value;
  if (v.k === 'unknown') return { entries: [], unknown: v.reason };
  if (v.k !== 'obj') {
    problems.push({ message: 'Condition must be an object of operators', loc: v.loc });
    return { entries: [], unknown: 'the Condition block is not readable' };
  }
  const entries: ConditionEntry[] = [];
  let unknown = v.more;
  for (const op of v.entries) {
    if (op.value.k === 'unknown') {
      unknown ??= op.value.reason;
      continue;
    }
    if (op.value.k !== 'obj') {
      problems.push({ message: `Condition operator ${op.key} must map keys to values`, loc: op.value.loc });
      continue;
    }
    if (op.value.more) unknown ??= op.value.more;
    for (const kv of op.value.entries) {
      entries.push({
        operator: op.key,
        operatorLoc: op.keyLoc,
        key: kv.key,
        keyLoc: kv.keyLoc,
        values: toPatternList(kv.value, kv.keyLoc),
      });
    }
  }
  return { entries, unknown };
}
