// PG105: replace `ForAllValues:`/`ForAnyValue:` on a single-valued key by the plain operator.
// When the Condition block already has that operator, the entries are merged into it (two
// equal keys in one JSON/YAML object would be invalid).

import { getNodeValue } from 'jsonc-parser';
import { isMap, type Node as YamlNode, type YAMLMap } from 'yaml';
import type { FixHint } from '../../core/finding';
import type { Loc } from '../../model/loc';
import { jsonSet, nodeStartingAt, pathOf } from './jsonEdits';
import { statementContaining } from './modelLookup';
import { locateSite, type PolicySite } from './policySite';
import { columnOf, lineStart, nextLineStart, unquotedRange } from './text';
import type { Fix, FixContext, TextEdit } from './types';
import { mapContaining, mapPair, pairWithKeyAt } from './yamlEdits';

type Hint = Extract<FixHint, { kind: 'replaceOperator' }>;

/** Edits replacing the set operator (merging into an existing block of the plain operator). */
export function replaceOperatorFix(hint: Hint, ctx: FixContext): Fix | undefined {
  const loc = hint.operatorLoc;
  const text = ctx.text(loc.file);
  if (text === undefined) return undefined;
  const title = `Use ${hint.replacement} (the key is single-valued)`;
  const found = statementContaining(ctx.model, loc);
  const collides = found?.statement.conditions.some(
    (c) => c.operator === hint.replacement && c.operatorLoc.start !== loc.start,
  );
  if (!collides) {
    const r = unquotedRange(text, loc.start, loc.end);
    return {
      title,
      edits: [{ file: loc.file, start: r.start, end: r.end, newText: hint.replacement }],
      isPreferred: true,
    };
  }
  const site = locateSite(text, loc);
  const edits = site ? mergeInto(site, loc, hint.replacement) : undefined;
  return edits ? { title, edits, isPreferred: true } : undefined;
}

function mergeInto(site: PolicySite, loc: Loc, replacement: string): TextEdit[] | undefined {
  if (site.kind === 'json') {
    const key = nodeStartingAt(site.root, site.region, loc.start);
    const condition = key?.parent?.parent;
    if (!key || condition?.type !== 'object') return undefined;
    const value = getNodeValue(condition) as Record<string, Record<string, unknown>>;
    const operator = String(key.value);
    const moved = value[operator];
    const target = value[replacement];
    if (!isPlainObject(moved) || !isPlainObject(target) || Object.keys(moved).some((k) => k in target))
      return undefined;
    const merged: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === operator) continue;
      merged[k] = k === replacement ? { ...target, ...moved } : v;
    }
    return jsonSet(site.region, pathOf(condition), merged, site.fileText);
  }
  if (site.kind === 'yaml') return mergeYaml(site.text, loc, replacement, site.doc);
  return undefined;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function mergeYaml(
  text: string,
  loc: Loc,
  replacement: string,
  doc: Extract<PolicySite, { kind: 'yaml' }>['doc'],
): TextEdit[] | undefined {
  const pair = pairWithKeyAt(doc, loc.start);
  const condition = mapContaining(doc, loc.start);
  const target = condition ? mapPair(condition, replacement) : undefined;
  const moved = pair?.value;
  if (!pair || !target || !isMap(moved) || !isMap(target.value) || moved.flow || target.value.flow) return undefined;
  const movedKeys = new Set(moved.items.map((p) => String((p.key as { value?: unknown }).value)));
  if (target.value.items.some((p) => movedKeys.has(String((p.key as { value?: unknown }).value)))) return undefined;
  const delStart = lineStart(text, loc.start);
  const delEnd = nextLineStart(text, moved.range![1]);
  const lines = reindent(text, moved, columnOf(text, firstKeyStart(target.value)));
  const at = nextLineStart(text, target.value.range![1]);
  if (at === delStart) return [{ file: loc.file, start: delStart, end: delEnd, newText: lines }];
  return [
    { file: loc.file, start: delStart, end: delEnd, newText: '' },
    { file: loc.file, start: at, end: at, newText: lines },
  ];
}

function firstKeyStart(map: YAMLMap): number {
  return ((map.items[0].key as YamlNode).range ?? [0])[0];
}

/** The entries of a block map as lines, moved to `column`. */
function reindent(text: string, map: YAMLMap, column: number): string {
  const from = lineStart(text, firstKeyStart(map));
  const to = nextLineStart(text, map.range![1]);
  const shift = column - columnOf(text, firstKeyStart(map));
  return text
    .slice(from, to)
    .split('\n')
    .map((l) =>
      l.trim() === '' ? l : shift >= 0 ? ' '.repeat(shift) + l : l.slice(Math.min(-shift, /^ */.exec(l)![0].length)),
    )
    .join('\n');
}
