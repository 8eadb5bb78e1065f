// Templates: quoted strings, heredocs and bare `.tf.json` strings. Tokens become a flat list of
// literals, interpolations and directives; strip markers and `<<-` indentation are applied to the
// literals; then `%{if}`/`%{for}` are nested into a tree.

import { LIMITS } from '../limits';
import type { Expr, HclProblem, Ident, TemplateExpr, TemplatePart } from './ast';
import { parseExpression } from './expressionParser';
import { lexTemplateRange } from './lexer';
import { ParserState } from './parserState';
import { skipToCloser } from './recovery';
import { decodeLit } from './stringEscapes';
import { FLAG_FLUSH, FLAG_HEREDOC_LIT, FLAG_STRIP } from './tokens';
import { applyFlush, applyStrip, type FlatItem } from './templateWhitespace';

/** Parses a quoted or heredoc template; the cursor is at `oquote` / `oheredoc`. */
export function parseTemplate(p: ParserState): TemplateExpr {
  const open = p.pos++;
  const heredoc = p.kinds[open] === 'oheredoc';
  const flat: FlatItem[] = [];
  let close = -1;
  for (;;) {
    const k = p.kinds[p.pos];
    if (k === 'cquote' || k === 'cheredoc') {
      close = p.pos++;
      break;
    }
    if (!readFlatItem(p, flat)) {
      p.errorAt(p.pos, 'unterminated template');
      break;
    }
  }
  applyStrip(flat);
  const flush = heredoc && (p.flags[open] & FLAG_FLUSH) !== 0;
  const bodyStart = heredoc ? lineAfter(p.text, p.ends[open]) : p.ends[open];
  if (flush) applyFlush(flat, p.text, bodyStart);
  const parts = buildParts(p, flat, 0, []).parts;
  const end = close >= 0 ? p.ends[close] : p.ends[open];
  if (!heredoc) return { kind: 'template', form: 'quoted', parts, start: p.starts[open], end };
  const bodyEnd = close >= 0 ? lineStartBefore(p.text, p.starts[close], bodyStart) : end;
  return {
    kind: 'template',
    form: 'heredoc',
    parts,
    flush,
    body: { start: bodyStart, end: bodyEnd },
    start: p.starts[open],
    end,
  };
}

/**
 * Parses `text[start, end)` as a bare template (a `.tf.json` string's content); `litFlag` selects
 * JSON escapes or none. Offsets stay absolute in `text`.
 */
export function parseBareTemplate(
  text: string,
  start: number,
  end: number,
  litFlag: number,
): { expr: TemplateExpr; problems: readonly HclProblem[] } {
  const lex = lexTemplateRange(text, start, end, litFlag);
  const p = new ParserState(text, lex.tokens, lex.problems);
  const flat: FlatItem[] = [];
  while (p.kinds[p.pos] !== 'eof') {
    if (!readFlatItem(p, flat)) {
      p.errorAt(p.pos, `unexpected ${p.describe(p.pos)} in the template`);
      p.pos++;
    }
  }
  applyStrip(flat);
  const parts = buildParts(p, flat, 0, []).parts;
  return { expr: { kind: 'template', form: 'bare', parts, start, end }, problems: p.problems };
}

/** Reads one literal, interpolation or directive; false when the token is none of these. */
function readFlatItem(p: ParserState, flat: FlatItem[]): boolean {
  const i = p.pos;
  const k = p.kinds[i];
  if (k === 'lit') {
    const value = decodeLit(p.text, p.starts[i], p.ends[i], p.flags[i], p);
    flat.push({
      kind: 'lit',
      value,
      start: p.starts[i],
      end: p.ends[i],
      heredoc: (p.flags[i] & FLAG_HEREDOC_LIT) !== 0,
    });
    p.pos++;
    return true;
  }
  if (k !== 'interp' && k !== 'control') return false;
  p.pos++;
  p.pushNewlines(false);
  const expr = k === 'interp' ? parseExpression(p) : undefined;
  const ctl = k === 'control' ? readDirective(p) : undefined;
  const close = expectTend(p);
  p.popNewlines();
  const start = p.starts[i];
  const end = close >= 0 ? p.ends[close] : p.starts[p.pos];
  const stripLeft = (p.flags[i] & FLAG_STRIP) !== 0;
  const stripRight = close >= 0 && (p.flags[close] & FLAG_STRIP) !== 0;
  if (expr) flat.push({ kind: 'interp', expr, start, end, stripLeft, stripRight });
  else if (ctl) flat.push({ ...ctl, start, end, stripLeft, stripRight });
  return true;
}

function readDirective(p: ParserState): FlatItem & { kind: 'ctl' } {
  const i = p.peek();
  const word = p.kinds[i] === 'ident' ? p.tokenText(i) : '';
  const base = { kind: 'ctl' as const, word, start: 0, end: 0 };
  if (word === 'else' || word === 'endif' || word === 'endfor') {
    p.next();
    return base;
  }
  if (word === 'if') {
    p.next();
    return { ...base, cond: parseExpression(p) };
  }
  if (word === 'for') {
    p.next();
    const first = readIdent(p);
    const second = p.accept(',') >= 0 ? readIdent(p) : undefined;
    if (!p.isWord(p.peek(), 'in')) p.errorAt(p.peek(), 'expected "in" in the for directive');
    else p.next();
    const coll = p.recovering ? undefined : parseExpression(p);
    return { ...base, keyVar: second ? first : undefined, valVar: second ?? first, coll };
  }
  p.errorAt(i, `expected if, else, endif, for or endfor in the template directive, found ${p.describe(i)}`);
  return base;
}

function readIdent(p: ParserState): Ident {
  const i = p.peek();
  if (p.kinds[i] !== 'ident') {
    p.errorAt(i, 'expected a variable name');
    return { name: '', start: p.starts[i], end: p.starts[i] };
  }
  p.next();
  return { name: p.tokenText(i), start: p.starts[i], end: p.ends[i] };
}

function expectTend(p: ParserState): number {
  if (!p.recovering) {
    const i = p.peek();
    if (p.kinds[i] === 'tend') {
      p.pos = i + 1;
      return i;
    }
    p.errorAt(i, `expected } to close the template sequence, found ${p.describe(i)}`);
  }
  return skipToCloser(p, 'tend');
}

interface Built {
  readonly parts: TemplatePart[];
  readonly next: number;
  readonly stop?: FlatItem & { kind: 'ctl' };
}

/**
 * Nests directives: collects parts from `idx` until one of the `stops` directive words. Past
 * LIMITS.nesting nested directives, the rest of the template is left out and reported.
 */
function buildParts(
  p: ParserState,
  flat: readonly FlatItem[],
  idx: number,
  stops: readonly string[],
  depth = 0,
): Built {
  const parts: TemplatePart[] = [];
  if (depth >= LIMITS.nesting) {
    const it = flat[idx - 1];
    p.problems.push({
      message: `template directives nested deeper than ${LIMITS.nesting} levels`,
      start: it.start,
      end: it.end,
      limit: true,
    });
    return { parts, next: flat.length };
  }
  while (idx < flat.length) {
    const it = flat[idx];
    if (it.kind === 'lit') {
      if (it.value) parts.push({ kind: 'lit', value: it.value, start: it.start, end: it.end });
    } else if (it.kind === 'interp') parts.push({ kind: 'interp', expr: it.expr, start: it.start, end: it.end });
    else if (stops.includes(it.word)) return { parts, next: idx, stop: it };
    else if (it.word === 'if' || it.word === 'for') {
      const r = buildDirective(p, flat, idx, it, depth);
      parts.push(r.part);
      idx = r.next;
      continue;
    } else if (it.word) p.note(`unexpected %{${it.word}} in the template`, it.start, it.end);
    idx++;
  }
  return { parts, next: idx };
}

function buildDirective(
  p: ParserState,
  flat: readonly FlatItem[],
  idx: number,
  it: FlatItem & { kind: 'ctl' },
  depth: number,
): { part: TemplatePart; next: number } {
  const invalid: Expr = { kind: 'invalid', start: it.end, end: it.end };
  if (it.word === 'for') {
    const body = buildParts(p, flat, idx + 1, ['endfor'], depth + 1);
    if (!body.stop) p.note('missing %{endfor} for this %{for}', it.start, it.end);
    const end = body.stop?.end ?? it.end;
    const valVar = it.valVar ?? { name: '', start: it.end, end: it.end };
    return {
      part: {
        kind: 'for',
        keyVar: it.keyVar,
        valVar,
        coll: it.coll ?? invalid,
        body: body.parts,
        start: it.start,
        end,
      },
      next: body.next + 1,
    };
  }
  const then = buildParts(p, flat, idx + 1, ['else', 'endif'], depth + 1);
  let other: Built | undefined;
  let stop = then.stop;
  let next = then.next;
  if (stop?.word === 'else') {
    other = buildParts(p, flat, next + 1, ['endif'], depth + 1);
    stop = other.stop;
    next = other.next;
  }
  if (!stop) p.note('missing %{endif} for this %{if}', it.start, it.end);
  const end = stop?.end ?? it.end;
  return {
    part: { kind: 'if', cond: it.cond ?? invalid, then: then.parts, else: other?.parts, start: it.start, end },
    next: next + 1,
  };
}

function lineAfter(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl < 0 ? text.length : nl + 1;
}

function lineStartBefore(text: string, i: number, min: number): number {
  let j = i;
  while (j > min && text.charCodeAt(j - 1) !== 10) j--;
  return j;
}
