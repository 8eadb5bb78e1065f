// Terraform JSON syntax (`.tf.json`, `*.tfvars.json`) converted to the HCL tree the evaluator
// reads, with locations in the JSON text.

import { type Node, parseTree, type ParseError, printParseErrorCode } from 'jsonc-parser';
import type { ParseProblem } from '../../model/source';
import { capJsonDepth, depthProblems } from '../jsonDepth';
import type { Attribute, Block, Body, BodyItem, Ident, Label } from '../hcl/ast';
import { jsonExpr, type JsonCtx } from './jsonExpressions';

/** Nested block types written as JSON objects (anything else is an attribute with an object value). */
const BLOCK_KEYS = new Set([
  'statement',
  'principals',
  'not_principals',
  'condition',
  'inline_policy',
  'default_tags',
  'content',
  'lifecycle',
  'ingress',
  'egress',
  'versioning',
  'rule',
  'filter',
  'expiration',
  'transition',
  'logging',
  'vpc_config',
  'server_side_encryption_configuration',
  'apply_server_side_encryption_by_default',
  'environment',
  'tracing_config',
  'file_system_config',
  'root_directory',
  'creation_info',
  'posix_user',
  'encryption_configuration',
  'logging_configuration',
  'lifecycle_policy',
  'dead_letter_config',
  'network_configuration',
  'volume',
  'efs_volume_configuration',
  'authorization_config',
  'point_in_time_recovery',
  'server_side_encryption',
  'noncurrent_version_expiration',
  'setting',
  'assume_role',
  'endpoints',
]);

/** A converted JSON-syntax file. */
export interface TfJsonResult {
  readonly body: Body;
  readonly problems: ParseProblem[];
}

/** Converts a `.tf.json` file. */
export function tfJsonToBody(text: string, id: string): TfJsonResult {
  const ctx: JsonCtx = { text, id, problems: [] };
  const root = parseRoot(ctx);
  const items: BodyItem[] = [];
  for (const [key, value, keyNode] of props(root)) {
    if (key === 'resource' || key === 'data') {
      for (const [type, byName, typeNode] of props(value)) {
        for (const [, bodyNode, nameNode] of props(byName)) {
          for (const b of objects(bodyNode))
            items.push(block(ctx, ident(key, typeNode), [label(typeNode), label(nameNode)], b, nameNode.offset, type));
        }
      }
    } else if (key === 'variable' || key === 'output' || key === 'module' || key === 'provider') {
      for (const [, bodyNode, nameNode] of props(value)) {
        for (const b of objects(bodyNode))
          items.push(block(ctx, ident(key, nameNode), [label(nameNode)], b, nameNode.offset, key));
      }
    } else if (key === 'locals') {
      for (const b of objects(value)) items.push(block(ctx, ident(key, keyNode), [], b, keyNode.offset, key));
    }
  }
  return { body: { items, start: 0, end: text.length }, problems: ctx.problems };
}

/** Converts a `*.tfvars.json` file: every key is a literal value. */
export function tfvarsJsonToBody(text: string, id: string): TfJsonResult {
  const ctx: JsonCtx = { text, id, problems: [] };
  const items: BodyItem[] = props(parseRoot(ctx)).map(([key, value, keyNode]) =>
    attribute(ctx, key, keyNode, value, true),
  );
  return { body: { items, start: 0, end: text.length }, problems: ctx.problems };
}

function parseRoot(ctx: JsonCtx): Node | undefined {
  const errors: ParseError[] = [];
  const capped = capJsonDepth(ctx.text);
  ctx.problems.push(...depthProblems(capped, ctx.id));
  const root = parseTree(capped.text, errors, { disallowComments: true, allowTrailingComma: false });
  for (const e of errors) {
    const message = printParseErrorCode(e.error)
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase();
    ctx.problems.push({
      message: `Malformed JSON: ${message}`,
      loc: { file: ctx.id, start: e.offset, end: e.offset + Math.max(1, e.length) },
    });
  }
  return root;
}

/** The properties of an object node: key, value node, key node ("//" comments left out). */
function props(node: Node | undefined): [string, Node, Node][] {
  if (node?.type !== 'object') return [];
  const out: [string, Node, Node][] = [];
  for (const p of node.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k && v && k.value !== '//') out.push([String(k.value), v, k]);
  }
  return out;
}

/** A block body given as one object or an array of objects. */
function objects(node: Node): Node[] {
  if (node.type === 'object') return [node];
  if (node.type === 'array') return (node.children ?? []).filter((c) => c.type === 'object');
  return [];
}

function ident(name: string, at: Node): Ident {
  return { name, start: at.offset + 1, end: at.offset + at.length - 1 };
}

function label(keyNode: Node): Label {
  return { value: String(keyNode.value), quoted: true, start: keyNode.offset, end: keyNode.offset + keyNode.length };
}

function block(ctx: JsonCtx, type: Ident, labels: Label[], bodyNode: Node, start: number, kind: string): Block {
  const end = bodyNode.offset + bodyNode.length;
  return {
    kind: 'block',
    type,
    labels,
    body: { items: bodyItems(ctx, bodyNode, kind), start: bodyNode.offset, end },
    start,
    end,
  };
}

function attribute(ctx: JsonCtx, key: string, keyNode: Node, value: Node, literal: boolean): Attribute {
  return {
    kind: 'attribute',
    name: ident(key, keyNode),
    expr: jsonExpr(ctx, value, literal),
    start: keyNode.offset,
    end: value.offset + value.length,
  };
}

function bodyItems(ctx: JsonCtx, obj: Node, kind: string): BodyItem[] {
  const items: BodyItem[] = [];
  for (const [key, value, keyNode] of props(obj)) {
    if (key === 'dynamic' && value.type === 'object') {
      for (const [, dyn, labelNode] of props(value)) {
        for (const b of objects(dyn))
          items.push(block(ctx, ident('dynamic', keyNode), [label(labelNode)], b, keyNode.offset, 'dynamic'));
      }
    } else if (
      BLOCK_KEYS.has(key) &&
      objects(value).length > 0 &&
      (value.type === 'object' || objects(value).length === value.children?.length)
    ) {
      for (const b of objects(value)) items.push(block(ctx, ident(key, keyNode), [], b, keyNode.offset, key));
    } else items.push(attribute(ctx, key, keyNode, value, kind === 'variable' && key === 'default'));
  }
  return items;
}
