// The HCL native-syntax tree. Every node carries `start`/`end`: absolute UTF-16 offsets in its file.

/** A source range: `start` inclusive, `end` exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** An identifier (attribute name, block type, for-variable, traversal step) with its own range. */
export interface Ident extends Span {
  readonly name: string;
}

/** The content of a file or block: attributes and blocks in source order. */
export interface Body extends Span {
  readonly items: readonly BodyItem[];
}

/** An item of a body. */
export type BodyItem = Attribute | Block;

/** `name = expr`; the range runs from the name to the end of the value. */
export interface Attribute extends Span {
  readonly kind: 'attribute';
  readonly name: Ident;
  readonly expr: Expr;
}

/** A block label: a quoted string (range includes the quotes) or a bare identifier. */
export interface Label extends Span {
  readonly value: string;
  readonly quoted: boolean;
}

/** `type label… { body }`; the range runs from the type to the closing brace. */
export interface Block extends Span {
  readonly kind: 'block';
  readonly type: Ident;
  readonly labels: readonly Label[];
  readonly body: Body;
}

/** Any expression node. */
export type Expr =
  | LiteralExpr
  | TemplateExpr
  | TupleExpr
  | ObjectExpr
  | VariableExpr
  | GetAttrExpr
  | IndexExpr
  | SplatExpr
  | SplatItemExpr
  | CallExpr
  | ForExpr
  | ConditionalExpr
  | BinaryExpr
  | UnaryExpr
  | ParenExpr
  | InvalidExpr;

/** A number, `true`, `false` or `null`. */
export interface LiteralExpr extends Span {
  readonly kind: 'literal';
  readonly value: number | boolean | null;
}

/** How a template was written: `"…"`, a heredoc, or a bare template (a `.tf.json` string). */
export type TemplateForm = 'quoted' | 'heredoc' | 'bare';

/** A string template; `parts` are literals, interpolations and directives. */
export interface TemplateExpr extends Span {
  readonly kind: 'template';
  readonly form: TemplateForm;
  readonly parts: readonly TemplatePart[];
  /** Heredocs only: the body range (first content line through the line before the marker). */
  readonly body?: Span;
  /** Heredocs only: `<<-` (flush) rather than `<<`. */
  readonly flush?: boolean;
}

/** One element of a template. */
export type TemplatePart = TemplateLit | TemplateInterp | TemplateIf | TemplateFor;

/** Literal text: `value` is decoded (escapes, strip markers, flush indentation); the range is the raw text. */
export interface TemplateLit extends Span {
  readonly kind: 'lit';
  readonly value: string;
}

/** `${expr}`; the range includes the delimiters. */
export interface TemplateInterp extends Span {
  readonly kind: 'interp';
  readonly expr: Expr;
}

/** `%{if c}…%{else}…%{endif}`. */
export interface TemplateIf extends Span {
  readonly kind: 'if';
  readonly cond: Expr;
  readonly then: readonly TemplatePart[];
  readonly else?: readonly TemplatePart[];
}

/** `%{for k, v in coll}…%{endfor}`. */
export interface TemplateFor extends Span {
  readonly kind: 'for';
  readonly keyVar?: Ident;
  readonly valVar: Ident;
  readonly coll: Expr;
  readonly body: readonly TemplatePart[];
}

/** `[a, b]`; every element keeps its own range. */
export interface TupleExpr extends Span {
  readonly kind: 'tuple';
  readonly items: readonly Expr[];
}

/** One `key = value` (or `key: value`) of an object constructor. */
export interface ObjectItem extends Span {
  readonly key: Expr;
  /** True when the key is a bare identifier, which names the key literally. */
  readonly bareKey: boolean;
  readonly value: Expr;
}

/** `{ k = v, … }`. */
export interface ObjectExpr extends Span {
  readonly kind: 'object';
  readonly items: readonly ObjectItem[];
}

/** A bare name: the root of a traversal (`var`, `local`, a resource type, a for-variable). */
export interface VariableExpr extends Span {
  readonly kind: 'variable';
  readonly name: string;
}

/** `target.name`. */
export interface GetAttrExpr extends Span {
  readonly kind: 'getattr';
  readonly target: Expr;
  readonly name: Ident;
}

/** `target[key]` (or the legacy `target.0`). */
export interface IndexExpr extends Span {
  readonly kind: 'index';
  readonly target: Expr;
  readonly key: Expr;
  /** The HIL-era `.0` form. */
  readonly legacy: boolean;
}

/** `target[*].a.b` or `target.*.a`: `each` is the traversal applied to every element, rooted at a SplatItemExpr. */
export interface SplatExpr extends Span {
  readonly kind: 'splat';
  readonly target: Expr;
  readonly each: Expr;
  readonly full: boolean;
}

/** The element placeholder inside a SplatExpr's `each`. */
export interface SplatItemExpr extends Span {
  readonly kind: 'splatitem';
}

/** `name(args…)`. */
export interface CallExpr extends Span {
  readonly kind: 'call';
  /** Function name; provider functions keep their `provider::ns::fn` form. */
  readonly name: Ident;
  readonly args: readonly Expr[];
  /** The final argument is followed by `...`. */
  readonly expandFinal: boolean;
}

/** `[for …]` or `{for …}`. */
export interface ForExpr extends Span {
  readonly kind: 'for';
  readonly object: boolean;
  readonly keyVar?: Ident;
  readonly valVar: Ident;
  readonly coll: Expr;
  /** Object form only: the key expression before `=>`. */
  readonly keyExpr?: Expr;
  readonly valExpr: Expr;
  readonly cond?: Expr;
  /** Object form with `...`: values are grouped into tuples per key. */
  readonly group: boolean;
}

/** `cond ? then : else`. */
export interface ConditionalExpr extends Span {
  readonly kind: 'conditional';
  readonly cond: Expr;
  readonly then: Expr;
  readonly else: Expr;
}

/** Binary operators, by HCL precedence from loosest to tightest. */
export type BinaryOp = '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%';

/** `left op right`. */
export interface BinaryExpr extends Span {
  readonly kind: 'binary';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
}

/** `!x` or `-x`. */
export interface UnaryExpr extends Span {
  readonly kind: 'unary';
  readonly op: '!' | '-';
  readonly operand: Expr;
}

/** `( expr )`. */
export interface ParenExpr extends Span {
  readonly kind: 'paren';
  readonly expr: Expr;
}

/** Placeholder where the source had a syntax error; evaluates to unknown. */
export interface InvalidExpr extends Span {
  readonly kind: 'invalid';
}

/** A syntax problem: message and the exact range it concerns. */
export interface HclProblem extends Span {
  readonly message: string;
  /** Set when the text is not wrong but beyond the checker's limits (the message says which). */
  readonly limit?: boolean;
}
