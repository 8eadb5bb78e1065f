// TypeScript/JavaScript text -> top-level statements, with @babel/parser (MIT) loaded on first use
// so that a workspace without Pulumi programs never pays for it. A program that does not parse as
// a whole (the user is typing) is parsed again piece by piece: each top-level statement that still
// does not parse is reported where it breaks, and the rest of the program is checked.

import type { ParseError, ParserOptions } from '@babel/parser';
import type { Statement } from '@babel/types';
import type { ParseProblem } from '../../model/source';
import { isStackOverflow, limitProblem } from '../limits';

type BabelParser = typeof import('@babel/parser');

let babel: BabelParser | undefined;

/** @babel/parser, required lazily (esbuild keeps the module uninitialized until then). */
function parser(): BabelParser {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on the first Pulumi program only (cold start)
  babel ??= require('@babel/parser') as BabelParser;
  return babel;
}

export interface ParsedScript {
  readonly body: readonly Statement[];
  readonly problems: readonly ParseProblem[];
}

/** How many following statements a broken piece may be joined with before it is given up. */
const MAX_JOIN = 6;
/**
 * Error recovery costs the parser tens of microseconds per error (it builds an error object for
 * each), and hostile text has one every few characters: it is used only on texts this short.
 */
const MAX_RECOVERY_CHARS = 16 * 1024;

function options(isTypeScript: boolean, startIndex: number, length: number): ParserOptions {
  return {
    sourceType: 'unambiguous',
    plugins: isTypeScript ? ['typescript'] : [],
    errorRecovery: length <= MAX_RECOVERY_CHARS,
    attachComment: false,
    allowReturnOutsideFunction: true,
    allowAwaitOutsideFunction: true,
    startIndex,
  };
}

/** Parses a whole program; where it does not parse, its top-level statements one by one. */
export function parseScript(text: string, file: string, isTypeScript: boolean): ParsedScript {
  // Syntax errors are thrown and caught by the thousand here: their stack traces are not needed.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parseWhole(text, file, isTypeScript);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

function parseWhole(text: string, file: string, isTypeScript: boolean): ParsedScript {
  try {
    return { body: parser().parse(text, options(isTypeScript, 0, text.length)).program.body, problems: [] };
  } catch (err) {
    if (isStackOverflow(err)) return tooDeep(file);
    if (!isSyntaxError(err)) throw err;
    try {
      return parsePieces(text, file, isTypeScript);
    } catch (inner) {
      if (isStackOverflow(inner)) return tooDeep(file);
      throw inner;
    }
  }
}

/** The parser recurses per nesting level: a stack overflow means input nested beyond reason. */
function tooDeep(file: string): ParsedScript {
  return { body: [], problems: [limitProblem({ file, start: 0, end: 0 }, 'the program is nested too deeply to read')] };
}

/**
 * Splits at lines that start a statement in column 0 and parses each piece; a piece that breaks
 * at its very end is joined with the next ones (a statement may have unindented lines); one that
 * breaks inside is reported (more text after it cannot change what the parser saw before).
 */
function parsePieces(text: string, file: string, isTypeScript: boolean): ParsedScript {
  const starts = statementStarts(text);
  const body: Statement[] = [];
  const problems: ParseProblem[] = [];
  let i = 0;
  while (i < starts.length) {
    let firstError: (Error & { pos: number }) | undefined;
    let parsed = false;
    for (let j = i + 1; j <= Math.min(starts.length, i + 1 + MAX_JOIN); j++) {
      const end = j < starts.length ? starts[j] : text.length;
      try {
        body.push(
          ...parser().parse(text.slice(starts[i], end), options(isTypeScript, starts[i], end - starts[i])).program.body,
        );
        i = j;
        parsed = true;
        break;
      } catch (err) {
        if (!isSyntaxError(err)) throw err;
        firstError ??= err;
        if (!mayContinue(err, text, end)) break;
      }
    }
    if (parsed) continue;
    problems.push(problemAt(file, text, firstError!));
    i++;
  }
  return { body, problems };
}

/** Whether more text could fix a piece: it breaks at its end, or in a template or comment spanning lines. */
function mayContinue(err: Error & { pos: number }, text: string, end: number): boolean {
  const code = (err as { reasonCode?: string }).reasonCode;
  return code === 'UnterminatedTemplate' || code === 'UnterminatedComment' || text.slice(err.pos, end).trim() === '';
}

/** Offsets of lines starting (in column 0) with a word, a decorator or a string: likely statement starts. */
function statementStarts(text: string): number[] {
  const starts = [0];
  const re = /\n(?=[A-Za-z_$@"'])/g;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index + 1);
  return starts;
}

function isSyntaxError(err: unknown): err is Error & { pos: number } {
  return err instanceof SyntaxError && typeof (err as Partial<ParseError> & { pos?: unknown }).pos === 'number';
}

function problemAt(file: string, text: string, err: Error & { pos: number }): ParseProblem {
  const reason = err.message.replace(/\s*\(\d+:\d+\)$/, '');
  const start = Math.min(err.pos, text.length);
  return {
    message: `This part of the program does not parse, so it is not checked: ${reason}`,
    loc: { file, start, end: Math.min(start + 1, text.length) },
  };
}
