// Reading a checked file for the CLI: an unreadable file is a GuardError, never a silent skip.

import { GuardError } from '../engine/guardError';
import { LIMITS } from '../parse/limits';
import { readInside } from '../util/readInside';

/**
 * A checked file's text: a regular file inside the checked folders (a link out of them is not
 * followed), at most a few MB (a larger file's start is enough for the engine to report its size).
 */
export function readText(path: string, roots: readonly string[]): string {
  const r = readInside(path, { roots, maxBytes: 4 * LIMITS.jsonChars, truncate: true });
  if (r.kind === 'text') return r.text;
  throw new GuardError(`Not reading ${path}: ${r.reason}`, 'io');
}
