// PG301/PG302/PG303: add the cross-account role's missing deny statements (boundary removal,
// self-modification, roles created or re-bounded without the boundary) to its policy, in the
// policy's own syntax.

import { applyEdits, getNodeValue, modify } from 'jsonc-parser';
import { isSeq } from 'yaml';
import type { Block, ObjectItem } from '../../parse/hcl/ast';
import type { FixHint } from '../../core/finding';
import type { Loc } from '../../model/loc';
import { renderPStr } from '../../model/pstr';
import { appendBlocks, appendTupleItems, isBlock, isTuple } from './hclEdits';
import { jsonSet, nodeStartingAt, pathOf, valueOf } from './jsonEdits';
import { docWithStatementList } from './modelLookup';
import { locateSite, type PolicySite } from './policySite';
import { eolOf, indentUnit } from './text';
import type { Fix, FixContext, TextEdit } from './types';
import { hclAttributes, type FixObject } from './values';
import { appendToSeq, pairWithKeyAt } from './yamlEdits';

type Hint = Extract<FixHint, { kind: 'addDenyStatements' }>;
/** The three deny guarantees. */
export type DenyKind = Hint['denyKind'];

/** One deny statement to add, independent of syntax. */
export interface DenySpec {
  readonly sid: string;
  readonly actions: readonly string[];
  readonly resource: string;
  readonly condition?: { readonly operator: string; readonly key: string; readonly value: string };
}

/** The menu title of each deny fix. */
export const DENY_TITLES: Readonly<Record<DenyKind, string>> = {
  boundaryStrip: 'Add a Deny of permissions-boundary removal',
  selfModify: 'Add a Deny of changes to this role itself',
  createWithoutBoundary: 'Add a Deny of roles created or re-bounded without the boundary',
};

/** The statement that restores one guarantee. */
export function denySpec(kind: DenyKind, actions: readonly string[], statementListLoc: Loc, ctx: FixContext): DenySpec {
  switch (kind) {
    case 'boundaryStrip':
      return { sid: 'DenyBoundaryRemoval', actions, resource: '*' };
    case 'selfModify':
      return { sid: 'DenySelfModification', actions, resource: ownRoleArn(statementListLoc, ctx) };
    case 'createWithoutBoundary':
      return {
        sid: 'DenyRolesWithoutBoundary',
        actions: actions.length ? actions : ['iam:CreateRole', 'iam:PutRolePermissionsBoundary'],
        resource: '*',
        condition: {
          operator: 'StringNotLike',
          key: 'iam:PermissionsBoundary',
          value: `arn:aws:iam::*:policy/${ctx.profile.boundary.namePattern}`,
        },
      };
  }
}

/** Edits adding the one deny statement the hint asks for. */
export function addDenyStatementsFix(hint: Hint, ctx: FixContext): Fix | undefined {
  const edits = insertStatements(
    hint.statementListLoc,
    [denySpec(hint.denyKind, hint.actions, hint.statementListLoc, ctx)],
    ctx,
  );
  return edits ? { title: DENY_TITLES[hint.denyKind], edits, isPreferred: true } : undefined;
}

/** The role's own ARN (unknown parts as `*`), else the profile's cross-account role pattern. */
function ownRoleArn(loc: Loc, ctx: FixContext): string {
  const role = docWithStatementList(ctx.model, loc)?.role;
  const name = role?.name
    ? renderPStr(role.name.value).replace(/\$\{…\}/g, '*')
    : (ctx.profile.crossAccountRole.namePatterns[0] ?? '*');
  const path = role?.path && role.path !== '/' ? role.path.replace(/^\/?/, '/').replace(/\/?$/, '/') : '/';
  return `arn:aws:iam::*:role${path}${name}`;
}

/** Edits adding `specs` after the last statement of the policy whose Statement list is at `loc`. */
export function insertStatements(loc: Loc, specs: readonly DenySpec[], ctx: FixContext): TextEdit[] | undefined {
  const text = ctx.text(loc.file);
  const site = text === undefined ? undefined : locateSite(text, loc);
  if (!site || text === undefined || specs.length === 0) return undefined;
  return siteEdits(site, loc, specs, text);
}

function siteEdits(site: PolicySite, loc: Loc, specs: readonly DenySpec[], text: string): TextEdit[] | undefined {
  const unit = indentUnit(text);
  switch (site.kind) {
    case 'json':
      return jsonEdits(site, loc, specs, text);
    case 'yaml': {
      const seq = pairWithKeyAt(site.doc, loc.start)?.value;
      const edit = isSeq(seq) ? appendToSeq(text, loc.file, seq, specs.map(iamStatement), unit) : undefined;
      return edit ? [edit] : undefined;
    }
    case 'hcl-object': {
      const item = site.chain.find((n): n is ObjectItem => 'key' in n && 'value' in n && n.key.start === loc.start);
      return item && isTuple(item.value)
        ? [appendTupleItems(text, loc.file, item.value, specs.map(iamStatement), unit)]
        : undefined;
    }
    case 'hcl-blocks': {
      const blocks = site.chain.filter(isBlock);
      const statement = blocks.find((b) => b.start === loc.start && b.type.name === 'statement');
      const parent: Block | undefined = statement ? blocks[blocks.indexOf(statement) - 1] : undefined;
      return parent
        ? [
            appendBlocks(
              text,
              loc.file,
              parent,
              specs.map((s) => statementBlock(s, unit)),
              unit,
            ),
          ]
        : undefined;
    }
  }
}

function jsonEdits(
  site: Extract<PolicySite, { kind: 'json' }>,
  loc: Loc,
  specs: readonly DenySpec[],
  text: string,
): TextEdit[] | undefined {
  const key = nodeStartingAt(site.root, site.region, loc.start);
  if (!key) return undefined;
  const list = valueOf(key);
  const path = pathOf(list);
  if (list.type === 'object') return jsonSet(site.region, path, [getNodeValue(list), ...specs.map(iamStatement)], text);
  if (list.type !== 'array') return undefined;
  const region = site.region;
  if (!region.text.slice(list.offset, list.offset + list.length).includes('\n')) {
    // A one-line list stays on one line.
    const close = region.base + list.offset + list.length - 1;
    const added = specs.map((s) => JSON.stringify(iamStatement(s), null, 1).replace(/\n\s*/g, ' ')).join(', ');
    return [{ file: loc.file, start: close, end: close, newText: `${list.children?.length ? ', ' : ''}${added}` }];
  }
  // Append one statement at a time on a working copy, then replace what changed in one edit.
  const unit = indentUnit(region.text);
  const formattingOptions = { insertSpaces: unit !== '\t', tabSize: unit === '\t' ? 4 : unit.length, eol: eolOf(text) };
  let work = region.text;
  for (const s of specs) work = applyEdits(work, modify(work, [...path, -1], iamStatement(s), { formattingOptions }));
  const d = diff(region.text, work);
  return [{ file: loc.file, start: region.base + d.start, end: region.base + d.end, newText: d.newText }];
}

/** The one edit turning `before` into `after` (common prefix and suffix kept). */
function diff(before: string, after: string): { start: number; end: number; newText: string } {
  let p = 0;
  while (p < before.length && p < after.length && before[p] === after[p]) p++;
  let s = 0;
  while (s < before.length - p && s < after.length - p && before[before.length - 1 - s] === after[after.length - 1 - s])
    s++;
  return { start: p, end: before.length - s, newText: after.slice(p, after.length - s) };
}

/** The statement in IAM JSON shape (also used for YAML, jsonencode and Pulumi object literals). */
export function iamStatement(s: DenySpec): FixObject {
  const out: Record<string, FixObject[string]> = {
    Sid: s.sid,
    Effect: 'Deny',
    Action: [...s.actions],
    Resource: s.resource,
  };
  if (s.condition) out.Condition = { [s.condition.operator]: { [s.condition.key]: s.condition.value } };
  return out;
}

/** A `statement { ... }` block of an aws_iam_policy_document. */
function statementBlock(s: DenySpec, unit: string): string {
  const attrs = hclAttributes(
    { sid: s.sid, effect: 'Deny', actions: [...s.actions], resources: [s.resource] },
    unit,
    unit,
  );
  const condition = s.condition
    ? `\n\n${unit}condition {\n${hclAttributes({ test: s.condition.operator, variable: s.condition.key, values: [s.condition.value] }, unit + unit, unit)}\n${unit}}`
    : '';
  return `statement {\n${attrs}${condition}\n}`;
}
