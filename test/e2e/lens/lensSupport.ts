// Helpers of the lens suite: the original texts of its workspace, and the workspace copy made a
// git repository with that content as HEAD.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commitWorkspace as commit, positionIn } from '../guard/guardSupport';

export { positionIn };

/** The suite's own workspace folder (the originals; tests edit the temporary copy). */
const WORKSPACE = join(__dirname, 'workspace');

/** The original text of a workspace file. */
export function original(relativePath: string): string {
  return readFileSync(join(WORKSPACE, relativePath), 'utf8');
}

/** Makes the workspace copy a git repository with its clean content committed as HEAD. */
export function commitWorkspace(workspacePath: string): void {
  commit(workspacePath, 'clean workspace', true);
}
