// The parser's cursor over the token stream, newline significance, problems and recovery state.

import { LIMITS } from '../limits';
import type { HclProblem } from './ast';
import { type TokenKind, type TokenList, TOP_LEVEL_KEYWORDS } from './tokens';

/** Mutable parser state shared by the body, expression and template parsers. */
export class ParserState {
  pos = 0;
  /** Set after a syntax error until the parser resynchronizes; suppresses follow-on problems. */
  recovering = false;
  /** Token index of the error that started the current recovery, or -1. */
  errorIndex = -1;
  /** Set when recovery could not find a matching closer (an unclosed bracket swallowed later lines). */
  lostCloser = false;
  readonly problems: HclProblem[];
  /** Expressions being parsed inside each other (bounded by LIMITS.nesting). */
  private depth = 0;
  private readonly nlStack: boolean[] = [true];
  private nlSignificant = true;
  readonly kinds: readonly TokenKind[];
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly flags: Uint8Array;

  constructor(
    readonly text: string,
    readonly tokens: TokenList,
    lexProblems: readonly HclProblem[],
  ) {
    this.kinds = tokens.kinds;
    this.starts = tokens.starts;
    this.ends = tokens.ends;
    this.flags = tokens.flags;
    this.problems = lexProblems.slice();
  }

  /** Index of the next token, skipping newlines where they are insignificant. */
  peek(): number {
    let i = this.pos;
    if (!this.nlSignificant) while (this.kinds[i] === 'nl') i++;
    return i;
  }

  peekKind(): TokenKind {
    return this.kinds[this.peek()];
  }

  /** Consumes and returns the next (significant) token's index. */
  next(): number {
    const i = this.peek();
    this.pos = i < this.kinds.length - 1 ? i + 1 : i;
    return i;
  }

  /** Consumes the next token when it is `kind`; returns its index or -1. */
  accept(kind: TokenKind): number {
    const i = this.peek();
    if (this.kinds[i] !== kind) return -1;
    this.pos = i + 1;
    return i;
  }

  /** The source text of token `i`. */
  tokenText(i: number): string {
    return this.text.slice(this.starts[i], this.ends[i]);
  }

  /** Whether token `i` is the identifier `word`. */
  isWord(i: number, word: string): boolean {
    return (
      this.kinds[i] === 'ident' &&
      this.ends[i] - this.starts[i] === word.length &&
      this.text.startsWith(word, this.starts[i])
    );
  }

  pushNewlines(significant: boolean): void {
    this.nlStack.push(significant);
    this.nlSignificant = significant;
  }

  popNewlines(): void {
    this.nlStack.pop();
    this.nlSignificant = this.nlStack[this.nlStack.length - 1] ?? true;
  }

  /** Records a problem (unless already recovering) and enters recovery. */
  error(message: string, start: number, end: number): void {
    if (!this.recovering) {
      if (this.problems.length < 200) this.problems.push({ message, start, end: Math.max(start, end) });
      this.errorIndex = this.pos;
    }
    this.recovering = true;
  }

  /**
   * Enters one more level of nested expression. Past LIMITS.nesting it records a limit problem
   * at the next token, enters recovery (the enclosing brackets skip to their closers) and returns
   * false; the caller then returns an invalid expression without calling leave().
   */
  enter(): boolean {
    if (this.depth < LIMITS.nesting) {
      this.depth++;
      return true;
    }
    this.limitAt(this.peek(), `expressions nested deeper than ${LIMITS.nesting} levels`);
    return false;
  }

  leave(): void {
    this.depth--;
  }

  /** Records that token `i` is beyond a limit (`detail` says which) and enters recovery. */
  limitAt(i: number, detail: string): void {
    if (!this.recovering && this.problems.length < 200) {
      this.problems.push({
        message: detail,
        start: this.starts[i],
        end: Math.max(this.starts[i], this.ends[i]),
        limit: true,
      });
      this.errorIndex = i;
    }
    this.recovering = true;
  }

  /** Records a problem at token `i` and enters recovery. */
  errorAt(i: number, message: string): void {
    const wasRecovering = this.recovering;
    this.error(message, this.starts[i], this.ends[i]);
    if (!wasRecovering) this.errorIndex = i;
  }

  /** Clears recovery state at the start of a body item. */
  resync(): void {
    this.recovering = false;
    this.errorIndex = -1;
    this.lostCloser = false;
  }

  /** Records a problem without entering recovery (the parser can continue in place). */
  note(message: string, start: number, end: number): void {
    if (!this.recovering && this.problems.length < 200)
      this.problems.push({ message, start, end: Math.max(start, end) });
  }

  /** Whether token `i` is the first token on its line (only spaces or tabs before it). */
  atLineStart(i: number): boolean {
    if (i === 0 || this.kinds[i - 1] === 'nl') return true;
    let j = this.starts[i] - 1;
    while (j >= 0 && (this.text.charCodeAt(j) === 32 || this.text.charCodeAt(j) === 9)) j--;
    return j < 0 || this.text.charCodeAt(j) === 10;
  }

  /** Whether token `i` starts a top-level block at column 0 (`resource`, `data`, ...). */
  isTopLevelStart(i: number): boolean {
    if (this.kinds[i] !== 'ident') return false;
    const s = this.starts[i];
    if (s !== 0 && this.text.charCodeAt(s - 1) !== 10) return false;
    if (!TOP_LEVEL_KEYWORDS.has(this.text.slice(s, this.ends[i]))) return false;
    const n = this.kinds[i + 1];
    return n === 'oquote' || n === 'ident' || n === '{';
  }

  describe(i: number): string {
    const k = this.kinds[i];
    if (k === 'eof') return 'end of file';
    if (k === 'nl') return 'end of line';
    if (k === 'lit' || k === 'oquote') return 'a string';
    return JSON.stringify(this.tokenText(i));
  }
}
