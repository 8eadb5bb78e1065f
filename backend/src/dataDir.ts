// The data folder holds the store, Terraform state, run records and tokens: owner-only, from every entry point.

import { chmodSync, mkdirSync } from 'node:fs';

/** Creates the data folder with mode 0700, or tightens an existing one to 0700. */
export function ensureDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/**
 * For entry points: files and folders this process and its children (Terraform) create are
 * owner-only (0600 and 0700) unless created with an explicit mode.
 */
export function restrictNewFiles(): void {
  process.umask(0o077);
}
