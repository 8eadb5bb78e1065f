// Whitespace rules of templates, applied to literal text at syntax level: strip markers (`${~`,
// `~}`) and the indentation removal of flush heredocs (`<<-EOT`).

import type { Expr, Ident } from './ast';

/** One element of a template before directives are nested. Literal values are mutable here. */
export type FlatItem =
  | { kind: 'lit'; value: string; readonly start: number; readonly end: number; readonly heredoc: boolean }
  | {
      readonly kind: 'interp';
      readonly expr: Expr;
      readonly start: number;
      readonly end: number;
      readonly stripLeft: boolean;
      readonly stripRight: boolean;
    }
  | {
      readonly kind: 'ctl';
      readonly word: string;
      readonly cond?: Expr;
      readonly keyVar?: Ident;
      readonly valVar?: Ident;
      readonly coll?: Expr;
      readonly start: number;
      readonly end: number;
      readonly stripLeft?: boolean;
      readonly stripRight?: boolean;
    };

/** Trims whitespace from literals next to a `~` strip marker. */
export function applyStrip(flat: FlatItem[]): void {
  for (let i = 0; i < flat.length; i++) {
    const it = flat[i];
    if (it.kind === 'lit') continue;
    const before = flat[i - 1];
    const after = flat[i + 1];
    if (it.stripLeft && before?.kind === 'lit') before.value = before.value.trimEnd();
    if (it.stripRight && after?.kind === 'lit') after.value = after.value.trimStart();
  }
}

/**
 * Flush heredocs: finds the smallest indentation of the line-leading literals (blank lines do not
 * count; a line that starts with an interpolation counts as 0) and removes it from every line.
 */
export function applyFlush(flat: FlatItem[], text: string, bodyStart: number): void {
  let min = Number.MAX_SAFE_INTEGER;
  const leading: (FlatItem & { kind: 'lit' })[] = [];
  for (let i = 0; i < flat.length; i++) {
    const it = flat[i];
    if (!isLineStart(flat, i, text, bodyStart)) continue;
    if (it.kind !== 'lit') {
      min = 0;
      continue;
    }
    const spaces = leadingSpaces(it.value);
    const blank = it.value.endsWith('\n') && it.value.trim() === '';
    leading.push(it);
    if (!blank) min = Math.min(min, spaces);
  }
  if (min === Number.MAX_SAFE_INTEGER || min === 0) return;
  for (const it of leading) it.value = it.value.slice(Math.min(min, leadingSpaces(it.value)));
}

function isLineStart(flat: readonly FlatItem[], i: number, text: string, bodyStart: number): boolean {
  const start = flat[i].start;
  if (start === bodyStart) return true;
  if (i === 0) return text.charCodeAt(start - 1) === 10;
  const prev = flat[i - 1];
  return prev.kind === 'lit' && prev.value.endsWith('\n');
}

function leadingSpaces(s: string): number {
  let n = 0;
  while (n < s.length && (s.charCodeAt(n) === 32 || s.charCodeAt(n) === 9)) n++;
  return n;
}
