// Reading files named by the checked sources (file(), templatefile(), sibling module files, a
// workspace profile). A cloned repository may name /proc/self/environ, ~/.aws/credentials, a
// symbolic link out of the repository, a FIFO that blocks or /dev/zero: only regular files whose
// real path lies inside one of the given roots are read, and only up to a size cap.

import * as fs from 'node:fs';
import * as path from 'node:path';

/** What a read gave: the text, no such file, or a refusal with the reason (never the content). */
export type ReadResult =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'missing'; readonly reason: string }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'tooLarge'; readonly reason: string };

/** Where a read may go and how much it may take. */
export interface ReadPolicy {
  /** Folders (any spelling; compared by real path) the file must be inside. */
  readonly roots: readonly string[];
  /** Bytes read at most; a larger regular file is `tooLarge`. */
  readonly maxBytes: number;
  /** Give a larger file's first `maxBytes + 1` bytes as its text instead of `tooLarge` (its length then tells). */
  readonly truncate?: boolean;
}

/** Pseudo file systems that are never read, even when a root contains them (a root of `/`). */
const SYSTEM = /^\/(proc|sys|dev)(\/|$)/;

/** Reads `file` under `policy`; never throws, never blocks on a FIFO or device. */
export function readInside(file: string, policy: ReadPolicy): ReadResult {
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch (err) {
    return { kind: 'missing', reason: errorReason(err) };
  }
  if (!policy.roots.some((r) => isWithin(real, realRoot(r))) || SYSTEM.test(real)) {
    return { kind: 'refused', reason: 'it is outside the checked folder' };
  }
  let fd: number;
  try {
    fd = fs.openSync(real, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOFOLLOW ?? 0));
  } catch (err) {
    return { kind: 'missing', reason: errorReason(err) };
  }
  try {
    return readOpen(fd, policy.maxBytes, policy.truncate === true);
  } finally {
    fs.closeSync(fd);
  }
}

/** True when `child` is `root` or inside it (both real, absolute paths). */
export function isWithin(child: string, root: string): boolean {
  if (child === root) return true;
  const rel = path.relative(root, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function readOpen(fd: number, maxBytes: number, truncate: boolean): ReadResult {
  let st: fs.Stats;
  try {
    st = fs.fstatSync(fd);
  } catch (err) {
    return { kind: 'missing', reason: errorReason(err) };
  }
  if (!st.isFile()) return { kind: 'refused', reason: 'it is not a regular file' };
  if (st.size > maxBytes && !truncate)
    return { kind: 'tooLarge', reason: `it has ${st.size} bytes (limit ${maxBytes})` };
  // The size can change between fstat and read: read at most one byte past the cap to tell.
  const buf = Buffer.alloc(Math.min(maxBytes, st.size) + 1);
  let n = 0;
  try {
    for (let got = 1; got > 0 && n < buf.length; n += got) got = fs.readSync(fd, buf, n, buf.length - n, null);
  } catch (err) {
    return { kind: 'missing', reason: errorReason(err) };
  }
  if (n > maxBytes && !truncate) return { kind: 'tooLarge', reason: `it has more than ${maxBytes} bytes` };
  return { kind: 'text', text: buf.subarray(0, n).toString('utf8') };
}

function realRoot(root: string): string {
  try {
    return fs.realpathSync(root);
  } catch {
    return path.resolve(root);
  }
}

/** A file-system error as a short reason without the path (ENOENT: "it does not exist"). */
function errorReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'it does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'it cannot be read (permission denied)';
    case 'ENAMETOOLONG':
      return 'its name is too long';
    case 'ELOOP':
      return 'it is a loop of symbolic links';
    default:
      return `it cannot be read (${code ?? 'error'})`;
  }
}
