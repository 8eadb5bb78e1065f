// Decoding of template literal text: quoted-string escapes, JSON-string escapes (`.tf.json`) and
// the `$${` / `%%{` escapes that every template form has.

import { FLAG_HEREDOC_LIT, FLAG_JSON_LIT } from './tokens';

/** Receives invalid escape sequences. */
export interface EscapeSink {
  note(message: string, start: number, end: number): void;
}

const SIMPLE: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
const JSON_EXTRA: Record<string, string> = { '/': '/', b: '\b', f: '\f' };

/** Decodes `text[start, end)` of a `lit` token with the escape rules its `flags` select. */
export function decodeLit(text: string, start: number, end: number, flags: number, sink?: EscapeSink): string {
  const backslashes = (flags & FLAG_HEREDOC_LIT) === 0;
  if (!needsDecoding(text, start, end, backslashes)) return text.slice(start, end);
  let out = '';
  let i = start;
  while (i < end) {
    const c = text[i];
    if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') {
      out += c + '{';
      i += 3;
    } else if (c === '\\' && backslashes) {
      const r = decodeEscape(text, i, end, (flags & FLAG_JSON_LIT) !== 0);
      if (r.bad) sink?.note('invalid escape sequence', i, Math.min(end, i + 2));
      out += r.value;
      i = r.next;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function needsDecoding(text: string, start: number, end: number, backslashes: boolean): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 && backslashes) return true;
    if ((c === 36 || c === 37) && text.charCodeAt(i + 1) === c) return true;
  }
  return false;
}

interface Escape {
  readonly value: string;
  readonly next: number;
  readonly bad?: boolean;
}

function decodeEscape(text: string, i: number, end: number, json: boolean): Escape {
  const sel = text[i + 1];
  if (sel === undefined || i + 1 >= end) return { value: '\\', next: i + 1, bad: true };
  const simple = SIMPLE[sel] ?? (json ? JSON_EXTRA[sel] : undefined);
  if (simple !== undefined) return { value: simple, next: i + 2 };
  if (sel === 'u' || (sel === 'U' && !json)) {
    const len = sel === 'u' ? 4 : 8;
    const hex = text.slice(i + 2, i + 2 + len);
    if (hex.length === len && /^[0-9a-fA-F]+$/.test(hex) && i + 2 + len <= end) {
      const cp = parseInt(hex, 16);
      if (cp <= 0x10ffff)
        return { value: len === 4 ? String.fromCharCode(cp) : String.fromCodePoint(cp), next: i + 2 + len };
    }
  }
  return { value: sel, next: i + 2, bad: true };
}

/**
 * Decodes a JSON string's content `text[start, end)` and returns the decoded text with, for each
 * decoded UTF-16 unit, its source offset (plus one final entry for the end).
 */
export function decodeJsonWithMap(text: string, start: number, end: number): { text: string; offsets: number[] } {
  let out = '';
  const offsets: number[] = [];
  let i = start;
  while (i < end) {
    if (text[i] === '\\') {
      const r = decodeEscape(text, i, end, true);
      for (let k = 0; k < r.value.length; k++) offsets.push(i);
      out += r.value;
      i = r.next;
    } else {
      offsets.push(i);
      out += text[i];
      i++;
    }
  }
  offsets.push(end);
  return { text: out, offsets };
}

/** How literal text of a template form is escaped. */
export type LitMode = 'quoted' | 'heredoc' | 'json';

/** Decodes the character or escape unit at `text[i]`: its decoded text and its raw length. */
export function decodeUnit(
  text: string,
  i: number,
  end: number,
  mode: LitMode,
): { readonly text: string; readonly len: number } {
  const c = text[i];
  if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{' && i + 2 < end)
    return { text: c + '{', len: 3 };
  if (c === '\\' && mode !== 'heredoc') {
    const r = decodeEscape(text, i, end, mode === 'json');
    return { text: r.value, len: r.next - i };
  }
  return { text: c, len: 1 };
}
