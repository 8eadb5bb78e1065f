// Writes JSON-shaped data as an HCL expression (the argument of `jsonencode(...)`), laid out as
// `terraform fmt` lays it out, so an export needs no formatting before review.

/** Raw HCL inserted as is, e.g. `var.external_id`. */
export class HclExpression {
  constructor(readonly text: string) {}
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** A quoted HCL string: escapes, and `${` / `%{` doubled so nothing is interpolated. */
export function hclString(s: string): string {
  const escaped = s
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, '%%{');
  return `"${escaped}"`;
}

/** `value` as an HCL expression; nested lines are indented from `indent`. */
export function toHcl(value: unknown, indent = 0): string {
  if (value instanceof HclExpression) return value.text;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return hclString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = ' '.repeat(indent + 2);
  const close = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => `${inner}${toHcl(v, indent + 2)},`).join('\n')}\n${close}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => ({
    key: IDENT.test(k) ? k : hclString(k),
    value: toHcl(v, indent + 2),
  }));
  if (entries.length === 0) return '{}';
  return `{\n${alignedAttributes(entries)
    .map((line) => inner + line)
    .join('\n')}\n${close}}`;
}

/**
 * `key = value` lines with the `=` aligned as `terraform fmt` does: over each run of consecutive
 * single-line attributes; an attribute whose value spans lines is not padded and ends the run.
 */
export function alignedAttributes(entries: readonly { readonly key: string; readonly value: string }[]): string[] {
  const lines: string[] = [];
  let run: { key: string; value: string }[] = [];
  const flush = () => {
    const width = Math.max(0, ...run.map((e) => e.key.length));
    for (const e of run) lines.push(`${e.key.padEnd(width)} = ${e.value}`);
    run = [];
  };
  for (const e of entries) {
    if (e.value.includes('\n')) {
      flush();
      lines.push(`${e.key} = ${e.value}`);
    } else run.push(e);
  }
  flush();
  return lines;
}
