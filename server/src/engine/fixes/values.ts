// Values the fix builders insert, and how each syntax writes them: YAML (block style) and HCL
// (object and block syntax). JSON goes through jsonc-parser's `modify` instead.

/** Text written as is: `!Ref ExternalId` in YAML, `var.external_id` in HCL. */
export interface RawExpr {
  readonly raw: string;
}

/** A value to write: JSON-like, with raw expressions. */
export type FixValue = string | number | boolean | RawExpr | readonly FixValue[] | FixObject;
export interface FixObject {
  readonly [key: string]: FixValue;
}

/** True for a raw expression. */
export function isRaw(v: FixValue): v is RawExpr {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    typeof (v as RawExpr).raw === 'string' &&
    Object.keys(v).length === 1
  );
}

function isObject(v: FixValue): v is FixObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isRaw(v);
}

/** A YAML scalar: plain when that is unambiguous, else single-quoted. */
export function yamlScalar(v: string | number | boolean | RawExpr): string {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isRaw(v)) return v.raw;
  const plainSafe = /^[A-Za-z][A-Za-z0-9_.:/-]*$/.test(v) && !/^(true|false|yes|no|on|off|null|y|n)$/i.test(v);
  return plainSafe ? v : `'${v.replace(/'/g, "''")}'`;
}

/** YAML lines for `key: value` at `indent` (no trailing newline). */
export function yamlEntry(key: string, value: FixValue, indent: string, unit: string): string {
  const k = yamlScalar(key);
  if (Array.isArray(value)) {
    if (value.length === 0) return `${indent}${k}: []`;
    return `${indent}${k}:\n` + value.map((item) => yamlItem(item, indent + unit, unit)).join('\n');
  }
  if (isObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) return `${indent}${k}: {}`;
    return `${indent}${k}:\n` + keys.map((kk) => yamlEntry(kk, value[kk], indent + unit, unit)).join('\n');
  }
  return `${indent}${k}: ${yamlScalar(value as string | number | boolean | RawExpr)}`;
}

/** A block sequence item `- ...` with its dash at `indent`. Objects continue two columns in. */
export function yamlItem(value: FixValue, indent: string, unit: string): string {
  if (isObject(value)) {
    const inner = indent + '  ';
    const lines = Object.keys(value).map((k) => yamlEntry(k, value[k], inner, unit));
    return `${indent}- ${lines.join('\n').slice(inner.length)}`;
  }
  if (Array.isArray(value)) return `${indent}- [${value.map((v) => yamlScalar(v as string)).join(', ')}]`;
  return `${indent}- ${yamlScalar(value as string | number | boolean | RawExpr)}`;
}

/** An HCL string literal, with `${` and `%{` escaped so nothing is interpolated. */
export function hclString(s: string): string {
  return (
    '"' +
    s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\$\{/g, '$${').replace(/%\{/g, '%%{') +
    '"'
  );
}

/** An HCL object key: bare when it is an identifier, else quoted. */
export function hclKey(k: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? k : hclString(k);
}

/** An HCL expression for `value`; objects span lines at `indent`. */
export function hclValue(value: FixValue, indent: string, unit: string): string {
  if (typeof value === 'string') return hclString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isRaw(value)) return value.raw;
  if (Array.isArray(value)) return `[${value.map((v) => hclValue(v, indent, unit)).join(', ')}]`;
  const obj = value as FixObject;
  const keys = Object.keys(obj);
  if (keys.length === 0) return '{}';
  return `{\n${hclAttributes(obj, indent + unit, unit)}\n${indent}}`;
}

/** `key = value` lines at `indent`, equals signs aligned as `terraform fmt` does. */
export function hclAttributes(obj: FixObject, indent: string, unit: string): string {
  const keys = Object.keys(obj).map((k) => [k, hclKey(k)] as const);
  const width = Math.max(...keys.map(([, hk]) => hk.length));
  return keys.map(([k, hk]) => `${indent}${hk.padEnd(width)} = ${hclValue(obj[k], indent, unit)}`).join('\n');
}
