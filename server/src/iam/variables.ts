// IAM policy variables inside Resource and condition values: `${aws:username}`, defaults
// (`${aws:PrincipalTag/team, 'none'}`) and the escapes `${*}`, `${?}`, `${$}`.

import type { PStr } from '../model/pstr';

/**
 * A piece of a pattern before glob tokenization. `text` with `literal` set is never read as a
 * glob (it came from `${*}` or from a substituted value); `hole` is unknown text; `var` is a
 * policy variable still to be resolved; `free` is a variable whose value an attacker picks.
 */
export type Piece =
  | { readonly k: 'text'; readonly s: string; readonly literal?: boolean }
  | { readonly k: 'hole'; readonly reason: string }
  | { readonly k: 'var'; readonly key: string; readonly def?: string; readonly raw: string }
  | { readonly k: 'free'; readonly key: string };

const VAR_RE = /\$\{\s*([^,}\s]+)\s*(?:,\s*'((?:[^']|'')*)'\s*)?\}/g;
const ESCAPES: Readonly<Record<string, string>> = { '*': '*', '?': '?', $: '$' };

/** True when some literal part of `s` contains `${`. */
export function hasVariables(s: PStr): boolean {
  for (const p of s.parts) if (typeof p === 'string' && p.includes('${')) return true;
  return false;
}

/** Splits `s` into pieces, recognising policy variables (when `withVariables`) in its literal parts. */
export function toPieces(s: PStr, withVariables: boolean): Piece[] {
  const out: Piece[] = [];
  for (const p of s.parts) {
    if (typeof p !== 'string') out.push({ k: 'hole', reason: p.hole });
    else if (!withVariables || !p.includes('${')) out.push({ k: 'text', s: p });
    else splitText(p, out);
  }
  return out;
}

function splitText(text: string, out: Piece[]): void {
  let last = 0;
  for (const m of text.matchAll(VAR_RE)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ k: 'text', s: text.slice(last, at) });
    const name = m[1];
    const escaped = m[2] === undefined ? ESCAPES[name] : undefined;
    if (escaped !== undefined) out.push({ k: 'text', s: escaped, literal: true });
    else out.push({ k: 'var', key: name, def: m[2]?.replace(/''/g, "'"), raw: m[0] });
    last = at + m[0].length;
  }
  if (last < text.length) out.push({ k: 'text', s: text.slice(last) });
}

/** What the request says about one variable's key. */
export type VarValue = string | PStr | 'absent' | 'multi' | 'free';

/**
 * Substitutes variables. A key with one value gives its text (never a glob); a missing key gives
 * the default or makes the whole value unresolvable (AWS: it then matches nothing), as does a
 * multi-valued key; an attacker-chosen key gives a `free` piece.
 */
export function resolvePieces(pieces: readonly Piece[], lookup: (key: string) => VarValue): Piece[] | 'unresolvable' {
  const out: Piece[] = [];
  for (const p of pieces) {
    if (p.k !== 'var') {
      out.push(p);
      continue;
    }
    const v = lookup(p.key);
    if (v === 'free') out.push({ k: 'free', key: p.key });
    else if (v === 'absent' || v === 'multi') {
      if (p.def === undefined) return 'unresolvable';
      out.push({ k: 'text', s: p.def, literal: true });
    } else if (typeof v === 'string') out.push({ k: 'text', s: v, literal: true });
    else
      for (const part of v.parts)
        out.push(typeof part === 'string' ? { k: 'text', s: part, literal: true } : { k: 'hole', reason: part.hole });
  }
  return out;
}
