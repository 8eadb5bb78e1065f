// Identifier characters: ASCII fast paths, Unicode ID_Start / ID_Continue otherwise (plus `-`).

/** Whether `c` (at `text[i]`) can start an identifier. */
export function isIdentStart(c: number, text: string, i: number): boolean {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) return true;
  return c >= 128 && /\p{ID_Start}/u.test(String.fromCodePoint(text.codePointAt(i) ?? c));
}

/** Whether `c` (at `text[i]`) can continue an identifier. */
export function isIdentPart(c: number, text: string, i: number): boolean {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45) return true;
  return c >= 128 && /[\p{ID_Continue}\uDC00-\uDFFF]/u.test(String.fromCodePoint(text.codePointAt(i) ?? c));
}
