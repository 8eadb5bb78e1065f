// Hover on an Action/NotAction entry or a wildcard: what it expands to (count, access levels,
// the actions themselves, truncated), or the action's own description.

import type { Catalog } from '../catalog/catalog';
import { renderPStr, type PStr } from '../model/pstr';
import { cell, code, levelSummary, plural, someOf } from './markdown';

/** Actions listed one per line before the rest is summarised. */
const MAX_LISTED = 20;

/** Markdown for an action pattern written in Action (or NotAction when `negated`). */
export function actionHover(catalog: Catalog, pattern: PStr, negated = false): string | undefined {
  const text = renderPStr(pattern);
  const r = catalog.expandAction(pattern);
  const head = `**${negated ? 'NotAction ' : ''}${code(text)}**`;
  if (r.actions.length === 0) {
    return r.unknown !== undefined
      ? `${head}\n\nNot known here: ${r.unknown}`
      : `${head}\n\nMatches no AWS action (IAM ignores it).`;
  }
  if (r.actions.length === 1 && r.unknown === undefined) {
    const a = catalog.getAction(r.actions[0]);
    if (a)
      return single(
        head,
        a.name,
        a.accessLevel,
        a.description,
        a.resourceTypes.map((t) => t.name),
      );
  }
  const lines = [head, ''];
  const verb =
    r.unknown !== undefined
      ? `Could match up to ${plural(r.actions.length, 'action')} (${r.unknown})`
      : `Matches ${plural(r.actions.length, 'action')}`;
  lines.push(negated ? `${verb}; this statement applies to every other action.` : `${verb}.`);
  lines.push('', `Access levels: ${levelSummary(levelCounts(catalog, r.actions))}.`);
  const services = byService(r.actions);
  if (services.size > 1) {
    lines.push('', '| Service | Actions |', '| --- | ---: |');
    for (const [svc, list] of [...services].sort((a, b) => b[1].length - a[1].length).slice(0, 12))
      lines.push(`| ${code(svc)} | ${list.length} |`);
    if (services.size > 12) lines.push(`| …${plural(services.size - 12, 'more service')} | |`);
  } else {
    lines.push('');
    for (const name of r.actions.slice(0, MAX_LISTED))
      lines.push(`- ${code(name)} — ${cell(catalog.getAction(name)?.accessLevel ?? '')}`);
    if (r.actions.length > MAX_LISTED)
      lines.push(`- …and ${(r.actions.length - MAX_LISTED).toLocaleString('en-US')} more`);
  }
  return lines.join('\n');
}

function single(head: string, name: string, level: string, description: string, resources: readonly string[]): string {
  const lines = [head, '', `${level}${description ? ` — ${description}` : ''}`];
  if (resources.length) lines.push('', `Resource types: ${someOf(resources.map(code), 6)}`);
  if (head.includes(name)) return lines.join('\n');
  return [...lines, '', `Canonical name: ${code(name)}`].join('\n');
}

function levelCounts(catalog: Catalog, actions: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const a of actions) {
    for (const level of catalog.getAction(a)?.accessLevels ?? []) counts.set(level, (counts.get(level) ?? 0) + 1);
  }
  return counts;
}

function byService(actions: readonly string[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const a of actions) {
    const svc = a.slice(0, a.indexOf(':'));
    const list = m.get(svc) ?? [];
    list.push(a);
    m.set(svc, list);
  }
  return m;
}
