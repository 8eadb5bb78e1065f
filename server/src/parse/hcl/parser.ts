// HCL native syntax: the structural level (bodies, attributes, blocks) and the public entry.
// Recovers at line and block boundaries: a broken item yields a problem and parsing resumes at
// the next line that starts an item, so the rest of the block and later blocks still parse.

import { LIMITS } from '../limits';
import type { Attribute, Block, Body, BodyItem, HclProblem, Ident, Label } from './ast';
import { parseExpression } from './expressionParser';
import { lexHclRange } from './lexer';
import { ParserState } from './parserState';
import { recoverInBody, skipToCloser } from './recovery';
import { decodeLit } from './stringEscapes';

/** The parsed body (partial when the text is broken) and the syntax problems. */
export interface HclParseResult {
  readonly body: Body;
  /** Syntax problems, in source order of discovery. Empty for a valid file. */
  readonly problems: readonly HclProblem[];
}

/** Parses an HCL file. Never throws; a broken file yields a partial tree plus problems. */
export function parseHcl(text: string): HclParseResult {
  return parseHclRange(text, 0, text.length);
}

/**
 * Parses the top-level items in `text[start, end)` (which must start and end between items);
 * every offset stays absolute in `text`. Used to re-parse only the edited part of a file.
 */
export function parseHclRange(text: string, start: number, end: number): HclParseResult {
  const lex = lexHclRange(text, start, end);
  const p = new ParserState(text, lex.tokens, lex.problems);
  const items = parseItems(p, 0);
  return { body: { items, start, end }, problems: p.problems };
}

function parseItems(p: ParserState, depth: number): BodyItem[] {
  const items: BodyItem[] = [];
  for (;;) {
    const i = p.pos;
    const k = p.kinds[i];
    if (k === 'nl') {
      p.pos++;
      continue;
    }
    if (k === 'eof') break;
    if (depth > 0 && (k === '}' || p.isTopLevelStart(i))) break;
    p.resync();
    const item = parseItem(p, depth);
    if (item) items.push(item);
    if (p.recovering) recoverInBody(p, i);
    if (p.pos <= i) p.pos = i + 1;
  }
  return items;
}

function parseItem(p: ParserState, depth: number): BodyItem | undefined {
  const i = p.pos;
  if (p.kinds[i] !== 'ident') {
    p.errorAt(i, `expected an attribute or a block, found ${p.describe(i)}`);
    return undefined;
  }
  const name: Ident = { name: p.tokenText(i), start: p.starts[i], end: p.ends[i] };
  p.pos++;
  const k = p.kinds[p.pos];
  if (k === '=') {
    p.pos++;
    return parseAttribute(p, name, depth);
  }
  if (k === 'ident' || k === 'oquote' || k === '{') return parseBlock(p, name, depth);
  if (k === 'nl' || k === 'eof') p.error(`expected = or a block body after ${name.name}`, name.start, name.end);
  else p.errorAt(p.pos, `expected = or a block body after ${name.name}, found ${p.describe(p.pos)}`);
  return undefined;
}

function parseAttribute(p: ParserState, name: Ident, depth: number): Attribute {
  const eqEnd = p.ends[p.pos - 1];
  const k = p.kinds[p.pos];
  if (k === 'nl' || k === 'eof' || (k === '}' && depth > 0)) {
    p.note(`expected a value for ${name.name}`, name.start, eqEnd);
    return {
      kind: 'attribute',
      name,
      expr: { kind: 'invalid', start: eqEnd, end: eqEnd },
      start: name.start,
      end: eqEnd,
    };
  }
  const expr = parseExpression(p);
  if (!p.recovering) expectItemEnd(p, depth, `the value of ${name.name}`);
  return { kind: 'attribute', name, expr, start: name.start, end: Math.max(expr.end, eqEnd) };
}

/** An item ends at a newline, the end of file, or (inside a one-line block) the closing brace. */
function expectItemEnd(p: ParserState, depth: number, what: string): void {
  const k = p.kinds[p.pos];
  if (k === 'nl' || k === 'eof' || (k === '}' && depth > 0) || p.atLineStart(p.pos)) return;
  p.errorAt(p.pos, `expected a newline after ${what}, found ${p.describe(p.pos)}`);
}

function parseBlock(p: ParserState, type: Ident, depth: number): Block {
  const labels: Label[] = [];
  for (;;) {
    const k = p.kinds[p.pos];
    if (k === 'ident') {
      labels.push({ value: p.tokenText(p.pos), quoted: false, start: p.starts[p.pos], end: p.ends[p.pos] });
      p.pos++;
    } else if (k === 'oquote') labels.push(parseLabel(p));
    else break;
  }
  const headerEnd = labels.length ? labels[labels.length - 1].end : type.end;
  if (p.recovering) return emptyBlock(type, labels, headerEnd);
  const open = p.pos;
  if (p.kinds[open] !== '{') {
    p.errorAt(open, `expected { to open the ${type.name} block, found ${p.describe(open)}`);
    return emptyBlock(type, labels, headerEnd);
  }
  if (depth + 1 >= LIMITS.nesting) {
    p.limitAt(open, `blocks nested deeper than ${LIMITS.nesting} levels`);
    p.pos = open + 1;
    skipToCloser(p, '}');
    return emptyBlock(type, labels, headerEnd);
  }
  p.pos++;
  const items = parseItems(p, depth + 1);
  p.resync();
  const bodyStart = p.ends[open];
  if (p.kinds[p.pos] !== '}') {
    p.note(`unclosed ${type.name} block: missing }`, p.starts[open], p.ends[open]);
    const end = items.length ? items[items.length - 1].end : bodyStart;
    return { kind: 'block', type, labels, body: { items, start: bodyStart, end }, start: type.start, end };
  }
  const close = p.pos++;
  expectItemEnd(p, depth, `the ${type.name} block`);
  const body = { items, start: bodyStart, end: p.starts[close] };
  return { kind: 'block', type, labels, body, start: type.start, end: p.ends[close] };
}

function emptyBlock(type: Ident, labels: Label[], end: number): Block {
  return { kind: 'block', type, labels, body: { items: [], start: end, end }, start: type.start, end };
}

/** A quoted label: a string without interpolation. */
function parseLabel(p: ParserState): Label {
  const open = p.pos++;
  let value = '';
  for (;;) {
    const k = p.kinds[p.pos];
    if (k === 'lit') {
      value += decodeLit(p.text, p.starts[p.pos], p.ends[p.pos], p.flags[p.pos]);
      p.pos++;
    } else if (k === 'cquote') {
      const close = p.pos++;
      return { value, quoted: true, start: p.starts[open], end: p.ends[close] };
    } else {
      p.errorAt(p.pos, 'block labels cannot contain template sequences');
      return { value, quoted: true, start: p.starts[open], end: p.ends[p.pos] };
    }
  }
}
