// JSON values of a `.tf.json` file as HCL expressions: strings are templates (parsed with the HCL
// template parser, locations mapped into the JSON string literal), arrays tuples, objects objects.

import type { Node } from 'jsonc-parser';
import type { ParseProblem } from '../../model/source';
import type { Expr, HclProblem, ObjectItem, TemplateExpr } from '../hcl/ast';
import { decodeJsonWithMap, decodeLit } from '../hcl/stringEscapes';
import { parseBareTemplate } from '../hcl/templateParser';
import { FLAG_HEREDOC_LIT, FLAG_JSON_LIT } from '../hcl/tokens';
import { hclProblems } from './hclProblems';

/** The file being converted and where its problems go. */
export interface JsonCtx {
  readonly text: string;
  readonly id: string;
  readonly problems: ParseProblem[];
}

/** Converts a JSON value; `literal` values (variable defaults, tfvars) are not templates. */
export function jsonExpr(ctx: JsonCtx, node: Node, literal = false): Expr {
  const start = node.offset;
  const end = node.offset + node.length;
  switch (node.type) {
    case 'string':
      return { ...stringTemplate(ctx, node, literal), start, end };
    case 'number':
    case 'boolean':
      return { kind: 'literal', value: node.value as number | boolean, start, end };
    case 'null':
      return { kind: 'literal', value: null, start, end };
    case 'array':
      return { kind: 'tuple', items: (node.children ?? []).map((c) => jsonExpr(ctx, c, literal)), start, end };
    case 'object':
      return { kind: 'object', items: objectItems(ctx, node, literal), start, end };
    default:
      return { kind: 'invalid', start, end };
  }
}

function objectItems(ctx: JsonCtx, node: Node, literal: boolean): ObjectItem[] {
  const items: ObjectItem[] = [];
  for (const prop of node.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (!k || !v) continue;
    const key: TemplateExpr = { ...literalTemplate(k), start: k.offset, end: k.offset + k.length };
    items.push({ key, bareKey: false, value: jsonExpr(ctx, v, literal), start: k.offset, end: v.offset + v.length });
  }
  return items;
}

/** A template holding the string's decoded value as one literal. */
export function literalTemplate(node: Node): TemplateExpr {
  const cs = node.offset + 1;
  const ce = node.offset + node.length - 1;
  const value = String(node.value);
  return {
    kind: 'template',
    form: 'bare',
    parts: value ? [{ kind: 'lit', value, start: cs, end: ce }] : [],
    start: cs,
    end: ce,
  };
}

/** A JSON string as a template; interpolations are parsed, locations stay in the JSON text. */
function stringTemplate(ctx: JsonCtx, node: Node, literal: boolean): TemplateExpr {
  const cs = node.offset + 1;
  const ce = Math.max(cs, node.offset + node.length - 1);
  const raw = ctx.text.slice(cs, ce);
  if (literal || (!raw.includes('${') && !raw.includes('%{'))) {
    if (literal) return literalTemplate(node);
    const value = decodeLit(ctx.text, cs, ce, FLAG_JSON_LIT);
    return {
      kind: 'template',
      form: 'bare',
      parts: value ? [{ kind: 'lit', value, start: cs, end: ce }] : [],
      start: cs,
      end: ce,
    };
  }
  if (!raw.includes('\\')) {
    const r = parseBareTemplate(ctx.text, cs, ce, FLAG_JSON_LIT);
    addProblems(ctx, r.problems, (x) => x);
    return r.expr;
  }
  // Escapes inside interpolations (`\"`) must be decoded first; map offsets back afterwards.
  const d = decodeJsonWithMap(ctx.text, cs, ce);
  const r = parseBareTemplate(d.text, 0, d.text.length, FLAG_HEREDOC_LIT);
  const map = (x: number) => d.offsets[Math.max(0, Math.min(x, d.offsets.length - 1))];
  remapSpans(r.expr, map);
  addProblems(ctx, r.problems, map);
  return r.expr;
}

function addProblems(ctx: JsonCtx, problems: readonly HclProblem[], map: (x: number) => number): void {
  ctx.problems.push(...hclProblems(problems, ctx.id, map));
}

/** Rewrites every `start`/`end` in a freshly built tree (no sharing, no cycles). */
function remapSpans(node: unknown, map: (x: number) => number): void {
  if (Array.isArray(node)) {
    for (const x of node) remapSpans(x, map);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const o = node as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    const v = o[key];
    if ((key === 'start' || key === 'end') && typeof v === 'number') o[key] = map(v);
    else if (typeof v === 'object') remapSpans(v, map);
  }
}
