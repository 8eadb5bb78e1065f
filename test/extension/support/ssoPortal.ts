// A stand-in for the IAM Identity Center (SSO) portal API, which cannot run here (moto 5.2 has no
// `sso` service, only `sso-admin`). It answers the one call the AWS SDK makes for an SSO profile,
// GetRoleCredentials (GET /federation/credentials?account_id=…&role_name=…, bearer token in the
// x-amz-sso_bearer_token header), in the documented shape: {"roleCredentials": {accessKeyId,
// secretAccessKey, sessionToken, expiration (epoch milliseconds)}}. As the real service does, it
// hands out the temporary credentials of the permission set's role in the target account: moto's
// STS AssumeRole on AWSReservedSSO_<role name>_<suffix>, so IAM and STS on moto accept them and
// act in that account. A wrong token gets 401 UnauthorizedException, an unassigned account or
// role 403 ForbiddenException. Tokens and credentials are never logged or kept.

import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';

/** One account assignment: who may get credentials for which role name in which account. */
export interface SsoAssignment {
  readonly accountId: string;
  readonly roleName: string;
}

export interface SsoPortal {
  /** For AWS_ENDPOINT_URL_SSO. */
  readonly endpoint: string;
  /** What was asked, in order (account and role only). */
  readonly calls: readonly SsoAssignment[];
  stop(): Promise<void>;
}

export interface SsoPortalOptions {
  /** The access token `aws sso login` would have cached. */
  readonly accessToken: string;
  readonly assignments: readonly SsoAssignment[];
  /** moto's endpoint: the portal's own STS calls go there. */
  readonly motoEndpoint: string;
}

/** The role IAM Identity Center provisions for a permission set (its suffix is fixed here). */
export function ssoRoleArn(a: SsoAssignment): string {
  return `arn:aws:iam::${a.accountId}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_${a.roleName}_0123456789abcdef`;
}

function fail(res: ServerResponse, status: number, type: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': type });
  res.end(JSON.stringify({ message }));
}

async function issue(sts: STSClient, a: SsoAssignment): Promise<object> {
  const out = await sts.send(
    new AssumeRoleCommand({ RoleArn: ssoRoleArn(a), RoleSessionName: 'sso-user', DurationSeconds: 3600 }),
  );
  const c = out.Credentials!;
  return {
    roleCredentials: {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration!.getTime(),
    },
  };
}

/** Starts the portal on a free loopback port. */
export async function startSsoPortal(options: SsoPortalOptions): Promise<SsoPortal> {
  // The service's own identity in moto (the management account), never the user's.
  const sts = new STSClient({
    region: 'us-east-1',
    endpoint: options.motoEndpoint,
    credentials: { accessKeyId: 'AKIASSOPORTALSERVICE', secretAccessKey: 'sso-portal' },
  });
  const calls: SsoAssignment[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://portal');
    if (req.method !== 'GET' || url.pathname !== '/federation/credentials')
      return fail(res, 404, 'ResourceNotFoundException', `No route ${req.method} ${url.pathname}`);
    const asked = {
      accountId: url.searchParams.get('account_id') ?? '',
      roleName: url.searchParams.get('role_name') ?? '',
    };
    calls.push(asked);
    if (req.headers['x-amz-sso_bearer_token'] !== options.accessToken)
      return fail(res, 401, 'UnauthorizedException', 'Session token not found or invalid');
    if (!options.assignments.some((a) => a.accountId === asked.accountId && a.roleName === asked.roleName))
      return fail(res, 403, 'ForbiddenException', 'No access');
    const body = JSON.stringify(await issue(sts, asked));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => fail(res, 500, 'InternalServerException', (err as Error).name));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    async stop() {
      sts.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Writes what `aws sso login` leaves in `<home>/.aws/sso/cache/`: the token file named by the
 * SHA-1 of the sso-session name (or, for a legacy profile, of the start URL).
 */
export function writeSsoToken(
  home: string,
  cacheKey: string,
  token: { accessToken: string; expiresAt: Date; startUrl: string; region: string },
): void {
  const dir = join(home, '.aws', 'sso', 'cache');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const name = createHash('sha1').update(cacheKey).digest('hex');
  const body = { ...token, expiresAt: token.expiresAt.toISOString() };
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(body), { mode: 0o600 });
}
