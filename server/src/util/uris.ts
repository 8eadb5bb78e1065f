// file: URIs <-> file-system paths. The editor's URI for a file is the one to publish under, so
// URIs we make for files the editor never sent are encoded the way VS Code encodes them.

import { fileURLToPath } from 'node:url';

/** The path of a `file:` URI, or undefined for other schemes (untitled:, git:, ...). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    // A file: URI with a host or bad escapes names nothing we can read.
    return undefined;
  }
}

const UNRESERVED = /[A-Za-z0-9\-._~/]/;

/** A `file:` URI for an absolute path, percent-encoded as VS Code's `URI.file(path).toString()` does. */
export function pathToUri(path: string): string {
  let p = path.replace(/\\/g, '/');
  const drive = /^([A-Za-z]):/.exec(p);
  if (drive) p = `/${drive[1].toLowerCase()}:${p.slice(2)}`;
  let out = '';
  for (const ch of p) {
    if (UNRESERVED.test(ch)) out += ch;
    else for (const byte of Buffer.from(ch, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return `file://${out}`;
}
