// Writes JSON-shaped data as an HCL expression (the argument of `jsonencode(...)`).

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
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  const body = entries.map(([k, v]) => `${inner}${IDENT.test(k) ? k : hclString(k)} = ${toHcl(v, indent + 2)}`);
  return `{\n${body.join('\n')}\n${close}}`;
}
