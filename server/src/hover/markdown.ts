// Markdown helpers for hovers: code spans, counts, truncated lists.

/** `text` as an inline code span. */
export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text}${fence}`;
}

/** "1 action", "3 actions". */
export function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** A comma list of at most `max` items, then "and N more". */
export function someOf(items: readonly string[], max: number): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${(items.length - max).toLocaleString('en-US')} more`;
}

/** "Read 3, Write 2" from counts by access level. */
export function levelSummary(counts: ReadonlyMap<string, number>): string {
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([level, n]) => `${level} ${n}`)
    .join(', ');
}

/** Escapes markdown table cells. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
