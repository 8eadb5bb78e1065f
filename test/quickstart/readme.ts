// The commands of the README's quick start, read from README.md itself, so that the test runs
// what a newcomer copies (and a command added to the README without a test fails the test).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/harness/paths';

/** One shell line of a ```sh block of the quick start, exactly as written. */
export interface ReadmeCommand {
  /** The whole line, comment included: what runs. */
  readonly line: string;
  /** The line without its trailing `# comment`: what identifies it. */
  readonly command: string;
}

/** The text of README.md from `## Quick start` to the next `## ` heading. */
export function quickStartSection(readme = readFileSync(join(repoRoot, 'README.md'), 'utf8')): string {
  const start = readme.indexOf('\n## Quick start\n');
  if (start < 0) throw new Error('README.md has no "## Quick start" section');
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** Every non-empty line of every ```sh block of the quick start. */
export function quickStartCommands(section = quickStartSection()): ReadmeCommand[] {
  const commands: ReadmeCommand[] = [];
  for (const block of section.matchAll(/^```sh\n([\s\S]*?)^```$/gm)) {
    for (const line of block[1]!.split('\n')) {
      if (!line.trim()) continue;
      commands.push({ line, command: line.replace(/\s+#.*$/, '').trim() });
    }
  }
  return commands;
}
