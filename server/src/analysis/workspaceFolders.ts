// The workspace folders the client reported, for resolving relative profile paths.

import { sep } from 'node:path';
import { uriToPath } from '../util/uris';

/** The client's workspace folders as file-system paths. */
export class WorkspaceFolders {
  private paths: string[] = [];

  set(uris: readonly string[]): void {
    this.paths = uris.map(uriToPath).filter((p): p is string => !!p);
  }

  update(added: readonly string[], removed: readonly string[]): void {
    const gone = new Set(removed.map(uriToPath));
    this.paths = [...this.paths.filter((p) => !gone.has(p)), ...added.map(uriToPath).filter((p): p is string => !!p)];
  }

  /** Every folder, as paths. */
  all(): readonly string[] {
    return this.paths;
  }

  /** The innermost folder containing `path`. */
  folderOf(path: string): string | undefined {
    return this.paths
      .filter((f) => path === f || path.startsWith(f.endsWith(sep) ? f : f + sep))
      .sort((a, b) => b.length - a.length)[0];
  }
}
