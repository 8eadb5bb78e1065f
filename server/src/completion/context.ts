// Where the caret is inside a policy, from the text alone (it is usually mid-edit and broken):
// in an Action/NotAction value (JSON, YAML, jsonencode, `actions` of aws_iam_policy_document),
// or at a condition key (an operator block's key, or `variable` of a `condition` block).

import type { FileFormat } from '../engine/fixes/text';

/** What is being completed. */
export type SiteKind = 'action' | 'conditionKey';

/** Where a completion applies and what is typed so far. */
export interface CompletionSite {
  readonly kind: SiteKind;
  /** Offset where the token being completed starts (after its opening quote). */
  readonly start: number;
  /** What is typed of the token so far. */
  readonly prefix: string;
}

const ACTION_KEYS = new Set(['Action', 'NotAction', 'actions', 'not_actions']);
const TOKEN_CHAR = /[A-Za-z0-9:*?_\-/.${}]/;
/** How far back the bracket scanner looks, in characters. */
const SCAN_LIMIT = 20000;

/** The completion site at `offset`, or undefined outside policy actions and condition keys. */
export function completionSite(text: string, offset: number, format: FileFormat): CompletionSite | undefined {
  let start = offset;
  while (start > 0 && TOKEN_CHAR.test(text[start - 1])) start--;
  const prefix = text.slice(start, offset);
  const kind = format === 'yaml' ? yamlKind(text, start) : bracketKind(text, start);
  return kind ? { kind, start, prefix } : undefined;
}

/** JSON, HCL and JSON heredocs: bracket structure. */
function bracketKind(text: string, start: number): SiteKind | undefined {
  const quoted = text[start - 1] === '"';
  const before = prevNonSpace(text, (quoted ? start - 1 : start) - 1);
  const containers = enclosing(text, quoted ? start - 2 : start - 1, 3);
  if (before >= 0 && (text[before] === ':' || text[before] === '=')) {
    const key = keyEndingAt(text, before - 1);
    if (key && ACTION_KEYS.has(key)) return 'action';
    if (key === 'variable' && containers[0]?.key === 'condition') return 'conditionKey';
    return undefined;
  }
  const inner = containers[0];
  if (inner?.open === '[') return inner.key && ACTION_KEYS.has(inner.key) ? 'action' : undefined;
  if (inner?.open === '{' && containers[1]?.key === 'Condition') return 'conditionKey';
  return undefined;
}

interface Container {
  readonly open: string;
  readonly key?: string;
}

/** The innermost `max` unclosed brackets before `pos`, each with the key it is the value of. */
function enclosing(text: string, pos: number, max: number): Container[] {
  const out: Container[] = [];
  let depth = 0;
  const stop = Math.max(0, pos - SCAN_LIMIT);
  for (let i = pos; i >= stop && out.length < max; i--) {
    const c = text[i];
    if (c === '"') {
      i = openingQuote(text, i);
      continue;
    }
    if (c === ']' || c === '}' || c === ')') depth++;
    else if (c === '[' || c === '{' || c === '(') {
      if (depth > 0) depth--;
      else out.push({ open: c, key: keyOf(text, i) });
    }
  }
  return out;
}

/** The key a bracket at `i` belongs to: `"Key": [`, `Key = {`, or a block type `condition {`. */
function keyOf(text: string, i: number): string | undefined {
  const j = prevNonSpace(text, i - 1);
  if (j < 0) return undefined;
  if (text[j] === ':' || text[j] === '=') return keyEndingAt(text, j - 1);
  if (text[i] !== '{') return undefined;
  const lineStart = text.lastIndexOf('\n', i) + 1;
  return /^\s*([A-Za-z_][\w-]*)\b[^=:]*$/.exec(text.slice(lineStart, i))?.[1];
}

/** The key written just before `end` (inclusive), quoted or bare. */
function keyEndingAt(text: string, end: number): string | undefined {
  const j = prevNonSpace(text, end);
  if (j < 0) return undefined;
  if (text[j] === '"') {
    const open = openingQuote(text, j);
    return text.slice(open + 1, j);
  }
  let k = j;
  while (k >= 0 && /[\w-]/.test(text[k])) k--;
  return k < j ? text.slice(k + 1, j + 1) : undefined;
}

/** The opening quote of the string whose closing quote is at `close`. */
function openingQuote(text: string, close: number): number {
  for (let i = close - 1; i >= 0; i--) {
    if (text[i] === '\n') return i;
    if (text[i] === '"' && text[i - 1] !== '\\') return i;
  }
  return 0;
}

function prevNonSpace(text: string, i: number): number {
  while (i >= 0 && /\s/.test(text[i])) i--;
  return i;
}

/** CloudFormation YAML in block style: indentation structure. */
function yamlKind(text: string, start: number): SiteKind | undefined {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(lineStart, start);
  const sameLine = /^\s*(?:-\s+)?["']?([^"':#\s][^"':#]*?)["']?:\s+(?:\[[^\]]*)?["']?$/.exec(before);
  if (sameLine) return ACTION_KEYS.has(sameLine[1]) ? 'action' : undefined;
  const item = /^(\s*)-\s+["']?$/.exec(before);
  if (item) return ACTION_KEYS.has(parentKeys(text, lineStart, item[1].length, true)[0] ?? '') ? 'action' : undefined;
  const key = /^(\s*)["']?$/.exec(before);
  if (key) return parentKeys(text, lineStart, key[1].length, false)[1] === 'Condition' ? 'conditionKey' : undefined;
  return undefined;
}

/** Keys of the enclosing mappings, innermost first, found on the lines above `lineStart`. */
function parentKeys(text: string, lineStart: number, indent: number, isItem: boolean): string[] {
  const keys: string[] = [];
  let limit = indent;
  let end = lineStart - 1;
  while (end > 0 && keys.length < 2) {
    const s = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(s, end);
    end = s - 1;
    const m = /^(\s*)(-\s+)?["']?([^"':#\s][^"':#]*?)["']?:(\s|$)/.exec(line);
    if (!m || line.trim().startsWith('#')) continue;
    const col = m[1].length + (m[2]?.length ?? 0);
    // A sequence may sit at its key's own indentation (`Action:` then `- x` at the same column).
    if (col < limit || (isItem && keys.length === 0 && col === limit && !m[2])) {
      keys.push(m[3]);
      limit = m[1].length;
    }
  }
  return keys;
}
