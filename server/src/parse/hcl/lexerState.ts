// Shared state of the HCL lexer: the output tokens, the problems, and the stack of lexical modes
// (which decides whether `}` closes an object or an interpolation, and where templates end).

import type { HclProblem } from './ast';
import { TokenList, type TokenKind } from './tokens';

/** A lexical mode: bracket kinds in expression mode, or one of the template modes. */
export type Mode = 'brace' | 'paren' | 'bracket' | 'interp' | 'quoted' | 'heredoc' | 'bare';

/** Where an open heredoc ends: the line of its closing marker (or the recovery point when there is none). */
export interface HeredocEnd {
  readonly delim: string;
  /** Offset of the start of the closing line (or of the recovery line, or the text end). */
  readonly closeLine: number;
  /** Offset of the closing marker itself, or -1 when it is missing. */
  readonly closeStart: number;
}

/**
 * Sticky patterns that skip runs of ordinary characters natively (much faster than a JavaScript
 * loop before the JIT has warmed up). One set per lexer run, since a regex carries `lastIndex`.
 */
function scanPatterns() {
  return {
    blank: /[ \t\r]*/y,
    identRest: /[A-Za-z0-9_-]*/y,
    quoted: /[^"\\\n\r$%]*/y,
    heredoc: /[^\n$%]*/y,
    bareJson: /[^\\$%]*/y,
    bare: /[^$%]*/y,
  };
}

/** Mutable lexer state for one run over `text[start, end)`. */
export class LexerState {
  readonly re = scanPatterns();
  pos: number;
  readonly tokens: TokenList;
  readonly problems: HclProblem[] = [];
  readonly modes: Mode[] = [];
  /** Start offset of the construct that opened each mode (for error ranges). */
  readonly modeStarts: number[] = [];
  readonly heredocs: HeredocEnd[] = [];
  /** Offset at which an interpolation inside a heredoc must have ended; -1 when none is open. */
  guard = -1;

  constructor(
    readonly text: string,
    start: number,
    readonly end: number,
  ) {
    this.pos = start;
    this.tokens = new TokenList(Math.max(64, (end - start) >> 2));
  }

  /** The end of the run that `re` matches at `i` (never beyond `limit`). */
  skip(re: RegExp, i: number, limit = this.end): number {
    re.lastIndex = i;
    re.test(this.text);
    return Math.min(re.lastIndex, limit);
  }

  emit(kind: TokenKind, start: number, end: number, flags = 0): void {
    this.tokens.push(kind, start, end, flags);
  }

  /** Emits a token of `len` characters at the cursor and moves past it. */
  advance(kind: TokenKind, len: number): void {
    this.tokens.push(kind, this.pos, this.pos + len, 0);
    this.pos += len;
  }

  problem(message: string, start: number, end: number): void {
    if (this.problems.length < 200) this.problems.push({ message, start, end: Math.max(end, start) });
  }

  get top(): Mode | undefined {
    return this.modes[this.modes.length - 1];
  }

  push(mode: Mode, start: number, heredoc?: HeredocEnd): void {
    this.modes.push(mode);
    this.modeStarts.push(start);
    if (heredoc) this.heredocs.push(heredoc);
    this.updateGuard();
  }

  pop(): Mode | undefined {
    const m = this.modes.pop();
    this.modeStarts.pop();
    if (m === 'heredoc') this.heredocs.pop();
    this.updateGuard();
    return m;
  }

  /** Pops modes until `depth` remain, emitting zero-width closers for open templates. */
  unwindTo(depth: number): void {
    while (this.modes.length > depth) {
      const m = this.pop();
      if (m === 'interp') this.emit('tend', this.pos, this.pos);
      else if (m === 'quoted') this.emit('cquote', this.pos, this.pos);
      else if (m === 'heredoc') this.emit('cheredoc', this.pos, this.pos);
    }
  }

  /** Index of the innermost mode of kind `m`, or -1. */
  lastIndexOf(m: Mode): number {
    return this.modes.lastIndexOf(m);
  }

  private updateGuard(): void {
    if (this.heredocs.length === 0) {
      this.guard = -1;
      return;
    }
    const h = this.modes.lastIndexOf('heredoc');
    this.guard = h >= 0 && h < this.modes.length - 1 ? this.heredocs[this.heredocs.length - 1].closeLine : -1;
  }
}
