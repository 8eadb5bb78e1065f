// Reading a checked file for the CLI: an unreadable file is a GuardError, never a silent skip.

import { readFileSync } from 'node:fs';
import { GuardError } from '../engine/guardError';

/** The file's text as UTF-8. */
export function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new GuardError(`Cannot read ${path}: ${(e as Error).message}`, 'io');
  }
}
