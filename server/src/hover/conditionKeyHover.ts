// Hover on a condition key: its type, whether it is single- or multi-valued (which decides
// whether ForAllValues/ForAnyValue belong on it), what it means and which actions support it.

import type { Catalog } from '../catalog/catalog';
import { code, plural, someOf } from './markdown';

/** Markdown for a condition key: type, single- or multi-valued, meaning, supporting actions. */
export function conditionKeyHover(catalog: Catalog, key: string): string | undefined {
  const info = catalog.conditionKey(key);
  if (!info)
    return `**${code(key)}**\n\nNot a condition key AWS documents: a condition on it never matches a real request value.`;
  const valued = info.isMultiValued
    ? 'multi-valued (use ForAllValues/ForAnyValue)'
    : 'single-valued (no ForAllValues/ForAnyValue)';
  const lines = [`**${code(key)}** — ${info.type}, ${valued}`];
  if (info.key.toLowerCase() !== key.toLowerCase()) lines.push('', `Catalog entry: ${code(info.key)}`);
  if (info.description) lines.push('', info.description);
  const actions = catalog.actionsSupportingKey(key);
  if (actions.length)
    lines.push('', `Supported by ${plural(actions.length, 'action')}: ${someOf(actions.map(code), 12)}`);
  else if (info.isGlobal)
    lines.push('', 'A global key: present in the request context of any service where it applies.');
  return lines.join('\n');
}
