// A temporary HOME as a user of IAM Identity Center has it after `aws sso login`: an AWS config
// with SSO profiles (an sso-session one, a legacy one, one whose sign-in expired, one never signed
// in, one whose cached token the portal does not know) and the token cache. The process
// environment points the AWS SDK at it (HOME, AWS_CONFIG_FILE) and at the stand-in portal
// (AWS_ENDPOINT_URL_SSO) until `restore()`. Also used by the in-editor suite, as the extension
// host's environment (`env`).

import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSsoToken } from './ssoPortal';

/** The names the SSO fixtures use. */
export const SSO = {
  startUrl: 'https://acme.awsapps.com/start',
  accessToken: 'sso-access-token-for-tests-only',
  targetAccount: '210987654321',
  roleName: 'PennsieveAdmin',
  profile: 'corp-sso',
  legacyProfile: 'corp-sso-legacy',
  expiredProfile: 'corp-expired',
  signedOutProfile: 'corp-signed-out',
  rogueProfile: 'corp-rogue',
  rogueSession: 'rogue',
} as const;

function profile(name: string, lines: string[], accountId: string): string {
  return [
    `[profile ${name}]`,
    ...lines,
    `sso_account_id = ${accountId}`,
    `sso_role_name = ${SSO.roleName}`,
    'region = us-east-1',
    '',
  ].join('\n');
}

function session(name: string): string {
  return [
    `[sso-session ${name}]`,
    `sso_start_url = ${SSO.startUrl}`,
    'sso_region = us-east-1',
    'sso_registration_scopes = sso:account:access',
    '',
  ].join('\n');
}

/** The config file's text: every profile signs in to `accountId`. */
function ssoConfig(accountId: string): string {
  return [
    profile(SSO.profile, ['sso_session = corp'], accountId),
    profile(SSO.legacyProfile, [`sso_start_url = ${SSO.startUrl}`, 'sso_region = us-east-1'], accountId),
    profile(SSO.expiredProfile, ['sso_session = corp-expired'], accountId),
    profile(SSO.signedOutProfile, ['sso_session = corp-signed-out'], accountId),
    profile(SSO.rogueProfile, [`sso_session = ${SSO.rogueSession}`], accountId),
    session('corp'),
    session('corp-expired'),
    session('corp-signed-out'),
    session(SSO.rogueSession),
  ].join('\n');
}

/** The token `aws sso login` caches for the sso-session `corp`, valid for an hour or `expired`. */
export function writeCorpToken(home: string, expired = false): void {
  const expiresAt = new Date(Date.now() + (expired ? -60_000 : 3_600_000));
  writeSsoToken(home, 'corp', { accessToken: SSO.accessToken, startUrl: SSO.startUrl, region: 'us-east-1', expiresAt });
}

/** Writes the temporary HOME; returns its folder and the environment that points at it. */
export function writeSsoHome(
  portalEndpoint: string,
  accountId: string = SSO.targetAccount,
): { dir: string; env: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'aws-sso-home-'));
  mkdirSync(join(dir, '.aws'), { mode: 0o700 });
  writeFileSync(join(dir, '.aws', 'config'), ssoConfig(accountId), { mode: 0o600 });
  writeFileSync(join(dir, '.aws', 'credentials'), '', { mode: 0o600 });
  const valid = { accessToken: SSO.accessToken, startUrl: SSO.startUrl, region: 'us-east-1' };
  const inAnHour = new Date(Date.now() + 3_600_000);
  writeCorpToken(dir);
  writeSsoToken(dir, SSO.startUrl, { ...valid, expiresAt: inAnHour });
  writeSsoToken(dir, 'corp-expired', { ...valid, expiresAt: new Date(Date.now() - 60_000) });
  const env = {
    HOME: dir,
    AWS_CONFIG_FILE: join(dir, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, '.aws', 'credentials'),
    AWS_ENDPOINT_URL_SSO: portalEndpoint,
  };
  return { dir, env };
}

/** Points this process at a fresh SSO HOME until `restore()`, which also removes it. */
export function withSsoHome(portalEndpoint: string): { dir: string; restore(): void } {
  const { dir, env } = writeSsoHome(portalEndpoint);
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  return {
    dir,
    restore() {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
