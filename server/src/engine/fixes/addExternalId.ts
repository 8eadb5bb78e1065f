// PG102: add `StringEquals sts:ExternalId` to a cross-account trust statement. The value is a
// CloudFormation parameter `ExternalId` or a Terraform variable `external_id` (declared when
// missing); a plain JSON policy gets a placeholder to replace.

import { isMap, type YAMLMap } from 'yaml';
import type { Block, ObjectExpr } from '../../parse/hcl/ast';
import type { FixHint } from '../../core/finding';
import type { Loc } from '../../model/loc';
import { ensureCfnParameter, ensureTfVariable } from './declarations';
import { appendBlocks, insertObjectEntries, isBlock, isObject, objectItem } from './hclEdits';
import { jsonSet, nodeStartingAt, pathOf } from './jsonEdits';
import { locateSite, type PolicySite } from './policySite';
import { indentUnit } from './text';
import type { Fix, FixContext, TextEdit } from './types';
import { hclAttributes, type FixObject, type FixValue } from './values';
import { collectionAt, insertIntoMap, mapPair } from './yamlEdits';

type Hint = Extract<FixHint, { kind: 'addExternalId' }>;

const KEY = 'sts:ExternalId';
/** What a plain JSON policy gets: it cannot refer to an input. */
export const EXTERNAL_ID_PLACEHOLDER = 'REPLACE-WITH-EXTERNAL-ID';
const DESCRIPTION = 'External ID the provisioner must pass when it assumes this role';

/** Edits adding `StringEquals sts:ExternalId` to the statement, declaring its input when missing. */
export function addExternalIdFix(hint: Hint, ctx: FixContext): Fix | undefined {
  const loc = hint.statementLoc;
  const text = ctx.text(loc.file);
  const site = text === undefined ? undefined : locateSite(text, loc);
  if (!site || text === undefined) return undefined;
  const edits = editsFor(site, loc, ctx, text);
  if (!edits) return undefined;
  const placeholder = site.kind === 'json' && site.refs === 'none';
  return {
    title: placeholder ? 'Add an sts:ExternalId condition (placeholder value)' : 'Add an sts:ExternalId condition',
    edits,
    isPreferred: true,
  };
}

function editsFor(site: PolicySite, loc: Loc, ctx: FixContext, text: string): TextEdit[] | undefined {
  const unit = indentUnit(text);
  switch (site.kind) {
    case 'json': {
      const node = nodeStartingAt(site.root, site.region, loc.start);
      if (node?.type !== 'object') return undefined;
      const value =
        site.refs === 'cloudformation'
          ? { Ref: 'ExternalId' }
          : site.refs === 'terraform'
            ? '${var.external_id}'
            : EXTERNAL_ID_PLACEHOLDER;
      const set = jsonSet(site.region, [...pathOf(node), 'Condition', 'StringEquals', KEY], value, text);
      const decl =
        site.refs === 'cloudformation'
          ? ensureCfnParameter(text, loc.file, 'ExternalId', DESCRIPTION)
          : site.refs === 'terraform'
            ? ensureTfVariable(ctx, loc.file, 'external_id', DESCRIPTION)
            : [];
      return [...set, ...decl];
    }
    case 'yaml': {
      const map = collectionAt(site.doc, loc.start);
      if (!isMap(map)) return undefined;
      const edit = yamlEdit(text, loc.file, map, { raw: '!Ref ExternalId' }, unit);
      return edit ? [edit, ...ensureCfnParameter(text, loc.file, 'ExternalId', DESCRIPTION)] : undefined;
    }
    case 'hcl-object': {
      const obj = site.chain.find((n): n is ObjectExpr => isObject(n) && n.start === loc.start);
      if (!obj) return undefined;
      const edit = hclObjectEdit(text, loc.file, obj, unit);
      return edit ? [edit, ...ensureTfVariable(ctx, loc.file, 'external_id', DESCRIPTION)] : undefined;
    }
    case 'hcl-blocks': {
      const block = site.chain.find((n): n is Block => isBlock(n) && n.start === loc.start);
      if (!block) return undefined;
      const condition = `condition {\n${hclAttributes({ test: 'StringEquals', variable: KEY, values: [{ raw: 'var.external_id' }] }, unit, unit)}\n}`;
      return [
        appendBlocks(text, loc.file, block, [condition], unit),
        ...ensureTfVariable(ctx, loc.file, 'external_id', DESCRIPTION),
      ];
    }
  }
}

function yamlEdit(text: string, file: string, statement: YAMLMap, value: FixValue, unit: string): TextEdit | undefined {
  const condition = mapPair(statement, 'Condition');
  if (!condition) return insertIntoMap(text, file, statement, { Condition: { StringEquals: { [KEY]: value } } }, unit);
  if (!isMap(condition.value)) return undefined;
  const equals = mapPair(condition.value, 'StringEquals');
  if (!equals) return insertIntoMap(text, file, condition.value, { StringEquals: { [KEY]: value } }, unit);
  if (!isMap(equals.value)) return undefined;
  const existing = mapPair(equals.value, KEY);
  const r = existing?.value?.range;
  if (r) return { file, start: r[0], end: r[1], newText: (value as { raw: string }).raw };
  return insertIntoMap(text, file, equals.value, { [KEY]: value }, unit);
}

function hclObjectEdit(text: string, file: string, statement: ObjectExpr, unit: string): TextEdit | undefined {
  const value: FixValue = { raw: 'var.external_id' };
  const entry: FixObject = { [KEY]: value };
  const condition = objectItem(text, statement, 'Condition');
  if (!condition) return insertObjectEntries(text, file, statement, { Condition: { StringEquals: entry } }, unit);
  if (!isObject(condition.value)) return undefined;
  const equals = objectItem(text, condition.value, 'StringEquals');
  if (!equals) return insertObjectEntries(text, file, condition.value, { StringEquals: entry }, unit);
  if (!isObject(equals.value)) return undefined;
  const existing = objectItem(text, equals.value, KEY);
  if (existing) return { file, start: existing.value.start, end: existing.value.end, newText: 'var.external_id' };
  return insertObjectEntries(text, file, equals.value, entry, unit);
}
