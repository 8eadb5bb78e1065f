// Values as JSON text and back: `jsonencode` results used as strings, and JSON string unescaping.

import { textOf } from '../../model/pstr';
import type { Val } from '../../model/value';
import { formatNumber } from '../../parse/values';

/** The JSON text of a fully known value (object keys sorted, like Terraform); undefined otherwise. */
export function encodeJsonText(v: Val): string | undefined {
  switch (v.k) {
    case 'str': {
      const t = textOf(v.s);
      return t === undefined ? undefined : JSON.stringify(t);
    }
    case 'num':
      return formatNumber(v.n);
    case 'bool':
      return v.b ? 'true' : 'false';
    case 'null':
      return 'null';
    case 'list': {
      if (v.more !== undefined) return undefined;
      const items = v.items.map(encodeJsonText);
      return items.includes(undefined) ? undefined : `[${items.join(',')}]`;
    }
    case 'obj': {
      if (v.more !== undefined) return undefined;
      const sorted = [...v.entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      const parts: string[] = [];
      for (const e of sorted) {
        const t = encodeJsonText(e.value);
        if (t === undefined) return undefined;
        parts.push(`${JSON.stringify(e.key)}:${t}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      return undefined;
  }
}

const SIMPLE: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Resolves JSON string escapes in `s` (the text between the quotes); invalid escapes stay as written. */
export function unescapeJsonString(s: string): string {
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const sel = s[i + 1];
    if (SIMPLE[sel] !== undefined) {
      out += SIMPLE[sel];
      i++;
    } else if (sel === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
      out += String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16));
      i += 5;
    } else out += c;
  }
  return out;
}
