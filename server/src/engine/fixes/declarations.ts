// Inputs a fix may need to declare: a Terraform variable or a CloudFormation parameter, added
// once per module or template, never twice.

import { isMap } from 'yaml';
import type { TextEdit, FixContext } from './types';
import { childAt, jsonSet, parseRegion } from './jsonEdits';
import { fileFormat, indentUnit, lineStart } from './text';
import { hclAttributes } from './values';
import { insertIntoMap, mapPair, parseYaml } from './yamlEdits';

/** Edits declaring `variable "<name>"` (a string) in the module of `fileId`, unless one exists. */
export function ensureTfVariable(ctx: FixContext, fileId: string, name: string, description: string): TextEdit[] {
  const files = [fileId, ...(ctx.moduleFiles?.(fileId) ?? [])];
  const declared = new RegExp(`variable\\s+"?${name}"?\\s*\\{`);
  if (files.some((f) => declared.test(ctx.text(f) ?? ''))) return [];
  const target = files.find((f) => /(^|[\\/])variables\.tf$/.test(f)) ?? fileId;
  const text = ctx.text(target) ?? '';
  const unit = indentUnit(text);
  const body = hclAttributes({ description, type: { raw: 'string' } }, unit, unit);
  const lead = text.length === 0 ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  return [{ file: target, start: text.length, end: text.length, newText: `${lead}variable "${name}" {\n${body}\n}\n` }];
}

/** Edits declaring a String parameter `name` in a CloudFormation template, unless one exists. */
export function ensureCfnParameter(text: string, fileId: string, name: string, description: string): TextEdit[] {
  const spec = { Type: 'String', Description: description };
  if (fileFormat(fileId, text) === 'json') {
    const region = { file: fileId, base: 0, text };
    const root = parseRegion(region);
    if (!root || childAt(childAt(root, 'Parameters'), name)) return [];
    return jsonSet(region, ['Parameters', name], spec, text);
  }
  const doc = parseYaml(text);
  const top = doc.contents;
  if (!isMap(top)) return [];
  const unit = indentUnit(text);
  const params = mapPair(top, 'Parameters');
  if (params) {
    if (!isMap(params.value)) return [];
    if (mapPair(params.value, name)) return [];
    const edit = insertIntoMap(text, fileId, params.value, { [name]: spec }, unit);
    return edit ? [edit] : [];
  }
  const resources = mapPair(top, 'Resources');
  const keyStart = (resources?.key as { range?: number[] } | undefined)?.range?.[0];
  if (keyStart === undefined) return [];
  const at = lineStart(text, keyStart);
  const indent = text.slice(at, keyStart);
  const lines = [
    `${indent}Parameters:`,
    `${indent}${unit}${name}:`,
    `${indent}${unit}${unit}Type: String`,
    `${indent}${unit}${unit}Description: '${description.replace(/'/g, "''")}'`,
  ];
  return [{ file: fileId, start: at, end: at, newText: `${lines.join('\n')}\n` }];
}
