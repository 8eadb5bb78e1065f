// Reading role-template documents (the JSON the extension sends for a live role or a template)
// without trusting their shape: every accessor tolerates any value.

import type { RoleDocument } from './roleDrift';

export type Json = Record<string, unknown>;

/** A role document with the session limit the update compares. */
export type RoleJson = RoleDocument & { readonly maxSessionDuration?: unknown };

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The string values of a string-or-list element. */
export function strings(v: unknown): string[] {
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
}

/** A policy's statements that are objects (one statement or a list). */
export function statementsOf(doc: unknown): Json[] {
  if (!isObject(doc)) return [];
  const s = doc.Statement;
  return (Array.isArray(s) ? s : [s]).filter(isObject);
}

/** The document, or an empty one when the text is not a JSON object (PG801 reports that). */
export function parseRoleJson(text: string): RoleJson {
  try {
    const v = JSON.parse(text) as unknown;
    return isObject(v) ? (v as RoleJson) : {};
  } catch {
    return {};
  }
}
