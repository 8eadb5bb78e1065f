// Request bodies decoded the way Go's encoding/json fills a struct: keys match case-insensitively,
// `null` means absent, unknown keys are ignored, and a wrong JSON type is an unmarshaling error.

import { ApiError, Msg } from './http';

export type FieldType = 'string' | 'boolean' | 'int' | 'number' | 'strings';

type FieldValue<T extends FieldType> = T extends 'string'
  ? string
  : T extends 'boolean'
    ? boolean
    : T extends 'int' | 'number'
      ? number
      : string[];

export type Decoded<S extends Record<string, FieldType>> = { [K in keyof S]?: FieldValue<S[K]> };

function matches(type: FieldType, v: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'int':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number';
    case 'strings':
      return Array.isArray(v) && v.every((x) => typeof x === 'string');
  }
}

function lookup(obj: Record<string, unknown>, key: string): unknown {
  if (key in obj) return obj[key];
  const lower = key.toLowerCase();
  const alt = Object.keys(obj).find((k) => k.toLowerCase() === lower);
  return alt === undefined ? undefined : obj[alt];
}

/**
 * Decodes `raw` against `schema`; any failure throws `error unmarshaling body` with `status`
 * (400 on most routes; POST /compute-nodes answers 500, as production does).
 */
export function decodeBody<S extends Record<string, FieldType>>(raw: string, schema: S, status = 400): Decoded<S> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ApiError(status, Msg.unmarshaling);
  }
  if (parsed === null) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new ApiError(status, Msg.unmarshaling);
  const out: Record<string, unknown> = {};
  for (const [key, type] of Object.entries(schema)) {
    const v = lookup(parsed as Record<string, unknown>, key);
    if (v === undefined || v === null) continue;
    if (!matches(type, v)) throw new ApiError(status, Msg.unmarshaling);
    out[key] = v;
  }
  return out as Decoded<S>;
}
