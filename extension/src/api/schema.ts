// Minimal response schemas: validate JSON from the API and infer TypeScript types from the schema.

/** A response did not have the documented shape; `path` names the offending field. */
export class SchemaError extends Error {
  override readonly name = 'SchemaError';
  constructor(
    readonly path: string,
    expected: string,
  ) {
    super(`${path || 'response'}: expected ${expected}`);
  }
}

export interface Schema<T> {
  parse(value: unknown, path?: string): T;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

function typed<T>(expected: string, test: (v: unknown) => boolean): Schema<T> {
  return {
    parse(v, path = '') {
      if (!test(v)) throw new SchemaError(path, expected);
      return v as T;
    },
  };
}

export const str: Schema<string> = typed('a string', (v) => typeof v === 'string');
export const num: Schema<number> = typed('a number', (v) => typeof v === 'number' && Number.isFinite(v));
export const bool: Schema<boolean> = typed('a boolean', (v) => typeof v === 'boolean');
/** Any JSON object, kept as is (policy documents). */
export const record: Schema<Record<string, unknown>> = typed(
  'an object',
  (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
);

/** Absent and `null` both become `undefined` (Go's omitempty and nil pointers). */
export function optional<T>(s: Schema<T>): Schema<T | undefined> {
  return { parse: (v, path) => (v === undefined || v === null ? undefined : s.parse(v, path)) };
}

/** An array; `null` (a Go nil slice) becomes `[]`. */
export function array<T>(item: Schema<T>): Schema<T[]> {
  return {
    parse(v, path = '') {
      if (v === null || v === undefined) return [];
      if (!Array.isArray(v)) throw new SchemaError(path, 'an array');
      return v.map((x, i) => item.parse(x, `${path}[${i}]`));
    },
  };
}

type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: undefined extends Infer<S[K]> ? K : never }[keyof S];
type ObjectOf<S extends Shape> = { [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & {
  [K in OptionalKeys<S>]?: Infer<S[K]>;
};

/** An object with at least these fields; unknown fields are dropped. */
export function object<S extends Shape>(shape: S): Schema<ObjectOf<S>> {
  return {
    parse(v, path = '') {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new SchemaError(path, 'an object');
      const src = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [key, s] of Object.entries(shape)) {
        const parsed = s.parse(src[key], path ? `${path}.${key}` : key);
        if (parsed !== undefined) out[key] = parsed;
      }
      return out as ObjectOf<S>;
    },
  };
}

/** A body the caller does not read (202 acknowledgements, 204). */
export const ignored: Schema<void> = { parse: () => undefined };
