// A small YAML emitter for JSON-shaped data. Every string is double-quoted (JSON escaping is
// valid YAML), so no value can be misread as a number, boolean or tag.

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z0-9_]+)*$/;

function scalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new Error(`cannot write ${typeof v} as YAML`);
}

function key(k: string): string {
  return PLAIN_KEY.test(k) ? k : JSON.stringify(k);
}

function isContainer(v: unknown): v is object {
  return typeof v === 'object' && v !== null;
}

function isEmpty(v: object): boolean {
  return Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0;
}

/** `value` as YAML lines, each indented by `indent` spaces. */
export function toYaml(value: unknown, indent = 0): string {
  return lines(value, indent).join('\n') + '\n';
}

function lines(value: unknown, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (!isContainer(value) || isEmpty(value)) {
    return [pad + (isContainer(value) ? (Array.isArray(value) ? '[]' : '{}') : scalar(value))];
  }
  const out: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      if (isContainer(item) && !isEmpty(item)) {
        const inner = lines(item, indent + 2);
        out.push(`${pad}- ${inner[0]!.slice(indent + 2)}`, ...inner.slice(1));
      } else {
        out.push(`${pad}- ${lines(item, 0)[0]}`);
      }
    }
    return out;
  }
  for (const [k, v] of Object.entries(value)) {
    if (isContainer(v) && !isEmpty(v)) out.push(`${pad}${key(k)}:`, ...lines(v, indent + 2));
    else out.push(`${pad}${key(k)}: ${lines(v, 0)[0]}`);
  }
  return out;
}
