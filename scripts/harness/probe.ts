// Small helpers for waiting on a process we started: does its HTTP endpoint answer, and how does
// its log end, what its logs say. Shared by the e2e harness (codeServer.ts) and the `npm start` demo (scripts/demo).

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';

/** The status code of a GET, or a rejection when nothing answers within 2 s. */
export function httpStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = get(url, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.setTimeout(2_000, () => request.destroy(new Error('timeout')));
  });
}

/** The last `lines` lines of a log file, each prefixed with `indent`; "(no log)" when unreadable. */
export function logTail(file: string, lines: number, indent = ''): string {
  try {
    return readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .slice(-lines)
      .map((l) => indent + l)
      .join('\n');
  } catch {
    return `${indent}(no log)`;
  }
}

/** The first match of `pattern` in any `.log` file under `dir` (VS Code's logs), or undefined. */
export function findInLogs(dir: string, pattern: RegExp): RegExpMatchArray | undefined {
  if (!existsSync(dir)) return undefined;
  for (const rel of readdirSync(dir, { recursive: true }) as string[]) {
    const file = join(dir, rel);
    if (!rel.endsWith('.log') || !statSync(file).isFile()) continue;
    const m = readFileSync(file, 'utf8').match(pattern);
    if (m) return m;
  }
  return undefined;
}
