// JSON text -> Val with offsets, via jsonc-parser (tolerant: a broken file still yields a partial tree).

import { blankBom } from './bom';
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Loc } from '../model/loc';
import { known } from '../model/pstr';
import type { ParseProblem } from '../model/source';
import type { ObjEntry, Val } from '../model/value';
import { capJsonDepth, type CappedJson, cutLoc, depthProblems } from './jsonDepth';
import { LIMITS, limitProblem, limitReason } from './limits';

export interface JsonOptions {
  /** Added to every offset: for JSON embedded in another file (a heredoc, a string). */
  readonly baseOffset?: number;
  /** Return a Val to use instead of the default conversion of `node` (template placeholders). */
  readonly override?: (node: Node) => Val | undefined;
  /** Accept comments and trailing commas (Terraform `.tf.json` does not; IAM does not). Default false. */
  readonly lenient?: boolean;
}

export interface JsonResult {
  readonly value?: Val;
  readonly problems: readonly ParseProblem[];
}

/** Parses `text` and converts the tree to a Val whose locations point into `file`. */
export function jsonToVal(text: string, file: string, opts: JsonOptions = {}): JsonResult {
  const base = opts.baseOffset ?? 0;
  const errors: ParseError[] = [];
  const capped = capJsonDepth(blankBom(text));
  const root = parseTree(capped.text, errors, {
    disallowComments: !opts.lenient,
    allowTrailingComma: !!opts.lenient,
    allowEmptyContent: false,
  });
  const problems: ParseProblem[] = errors.slice(0, LIMITS.syntaxErrors).map((e) => ({
    message: `Malformed JSON: ${describeError(e)}`,
    loc: { file, start: base + e.offset, end: base + e.offset + Math.max(1, e.length) },
  }));
  problems.push(...depthProblems(capped, file, base));
  // Far past the limit what the parser recovered is noise (tens of thousands of elements): not read.
  const tooBroken = errors.length > LIMITS.syntaxErrorsRead;
  if (errors.length > LIMITS.syntaxErrors) {
    const at = base + errors[LIMITS.syntaxErrors]!.offset;
    problems.push(limitProblem({ file, start: at, end: at + 1 }, `more than ${LIMITS.syntaxErrors} syntax errors`));
  }
  const value =
    root && !tooBroken ? nodeToVal(root, file, base, cutOverride(capped, file, base, opts.override)) : undefined;
  return { value, problems };
}

/** Values cut for depth read as unknown (then `override`, if any). */
function cutOverride(
  capped: CappedJson,
  file: string,
  base: number,
  override: JsonOptions['override'],
): JsonOptions['override'] {
  if (capped.cuts.length === 0) return override;
  const cut = new Set(capped.cuts.map((c) => c.start));
  return (node) =>
    cut.has(node.offset)
      ? {
          k: 'unknown',
          reason: limitReason(`nested deeper than ${LIMITS.nesting} levels`),
          loc: cutLoc({ start: node.offset }, file, base),
        }
      : override?.(node);
}

/** Converts one jsonc-parser node (and its children). */
export function nodeToVal(node: Node, file: string, base: number, override?: JsonOptions['override']): Val {
  const replaced = override?.(node);
  if (replaced) return replaced;
  const loc: Loc = { file, start: base + node.offset, end: base + node.offset + node.length };
  switch (node.type) {
    case 'string':
      return { k: 'str', s: known(String(node.value)), loc };
    case 'number':
      return { k: 'num', n: Number(node.value), loc };
    case 'boolean':
      return { k: 'bool', b: Boolean(node.value), loc };
    case 'null':
      return { k: 'null', loc };
    case 'array':
      return { k: 'list', items: (node.children ?? []).map((c) => nodeToVal(c, file, base, override)), loc };
    case 'object': {
      const entries: ObjEntry[] = [];
      for (const prop of node.children ?? []) {
        const [keyNode, valueNode] = prop.children ?? [];
        if (!keyNode) continue;
        const keyLoc: Loc = { file, start: base + keyNode.offset, end: base + keyNode.offset + keyNode.length };
        const value: Val = valueNode
          ? nodeToVal(valueNode, file, base, override)
          : { k: 'unknown', reason: 'the value is missing', loc: keyLoc };
        entries.push({ key: String(keyNode.value), keyLoc, value });
      }
      return { k: 'obj', entries, loc };
    }
    default:
      return { k: 'unknown', reason: 'unreadable JSON value', loc };
  }
}

function describeError(e: ParseError): string {
  const code = printParseErrorCode(e.error);
  // "PropertyNameExpected" -> "property name expected"
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
