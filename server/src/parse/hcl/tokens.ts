// The token stream the lexer produces: parallel arrays (no per-token objects) for speed.

/** Token kinds. Punctuation and operators are their own text. */
export type TokenKind =
  | 'ident'
  | 'number'
  | 'oquote'
  | 'cquote'
  | 'lit'
  | 'interp'
  | 'control'
  | 'tend'
  | 'oheredoc'
  | 'cheredoc'
  | 'nl'
  | 'eof'
  | 'invalid'
  | '{'
  | '}'
  | '['
  | ']'
  | '('
  | ')'
  | ','
  | '='
  | ':'
  | '?'
  | '.'
  | '...'
  | '=>'
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '!'
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '&&'
  | '||';

/** Flag: a strip marker `~` on an `${~`/`%{~` opener or a `~}` closer. */
export const FLAG_STRIP = 1;
/** Flag on `oheredoc`: the `<<-` (flush) form. */
export const FLAG_FLUSH = 2;
/** Flag on a `lit` token of a heredoc (no backslash escapes). */
export const FLAG_HEREDOC_LIT = 4;
/** Flag on a `lit` token of a `.tf.json` string (JSON escapes). */
export const FLAG_JSON_LIT = 8;

/** Tokens as parallel arrays; index `i` is one token. The last token is always `eof`. */
export class TokenList {
  readonly kinds: TokenKind[] = [];
  starts: Int32Array;
  ends: Int32Array;
  flags: Uint8Array;

  constructor(capacity = 256) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.flags = new Uint8Array(capacity);
  }

  get length(): number {
    return this.kinds.length;
  }

  push(kind: TokenKind, start: number, end: number, flags = 0): void {
    const n = this.kinds.length;
    if (n === this.starts.length) this.grow();
    this.kinds.push(kind);
    this.starts[n] = start;
    this.ends[n] = end;
    this.flags[n] = flags;
  }

  private grow(): void {
    const cap = this.starts.length * 2;
    const starts = new Int32Array(cap);
    starts.set(this.starts);
    const ends = new Int32Array(cap);
    ends.set(this.ends);
    const flags = new Uint8Array(cap);
    flags.set(this.flags);
    this.starts = starts;
    this.ends = ends;
    this.flags = flags;
  }
}

/** Token kinds that open a nested region (matched by a closer). */
export function isOpener(k: TokenKind): boolean {
  return k === '(' || k === '[' || k === '{' || k === 'interp' || k === 'control' || k === 'oquote' || k === 'oheredoc';
}

/** Token kinds that close a nested region. */
export function isCloser(k: TokenKind): boolean {
  return k === ')' || k === ']' || k === '}' || k === 'tend' || k === 'cquote' || k === 'cheredoc';
}

/** Block types that only appear at the top level of a Terraform file: used to resynchronize after errors. */
export const TOP_LEVEL_KEYWORDS: ReadonlySet<string> = new Set([
  'resource',
  'data',
  'variable',
  'locals',
  'output',
  'module',
  'provider',
  'terraform',
  'moved',
  'import',
  'check',
  'removed',
]);
