// The profile names in the user's AWS config and credentials files (for a quick pick).

import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Section names that are profiles: `[default]`, `[name]` (credentials), `[profile name]` (config). */
export function profileNamesOf(ini: string, kind: 'config' | 'credentials'): string[] {
  const names: string[] = [];
  for (const line of ini.split(/\r?\n/)) {
    const m = /^\s*\[\s*([^\]]+?)\s*\]\s*(?:[#;].*)?$/.exec(line);
    if (!m) continue;
    const section = m[1]!;
    if (kind === 'credentials') names.push(section);
    else if (section === 'default') names.push(section);
    else if (section.startsWith('profile ')) names.push(section.slice('profile '.length).trim());
    // Other config sections (sso-session, services) are not profiles.
  }
  return names;
}

/** Paths the AWS SDK reads, honouring AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE. */
export function awsConfigPaths(env: NodeJS.ProcessEnv = process.env): { config: string; credentials: string } {
  const home = env.HOME || env.USERPROFILE || homedir();
  return {
    config: env.AWS_CONFIG_FILE || join(home, '.aws', 'config'),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'),
  };
}

/** Every profile name found in either file, sorted with `default` first; missing files are fine. */
export async function listAwsProfiles(env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const paths = awsConfigPaths(env);
  const read = (p: string) =>
    readFile(p, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return '';
      throw err;
    });
  const [config, credentials] = await Promise.all([read(paths.config), read(paths.credentials)]);
  const names = new Set([...profileNamesOf(config, 'config'), ...profileNamesOf(credentials, 'credentials')]);
  return [...names].sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
}
