// The sandbox's Cognito user pool (`--auth cognito`): one pool and one app client that allow
// USER_PASSWORD_AUTH and refresh tokens, and one user per identity with an API key (user name =
// API key, password = API secret, as production's token pool holds API keys; the email, if any,
// goes into the id token). Created in the
// emulated AWS (moto) when missing; users are created or their passwords set again on each start.

import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { UserIdentity } from './identities';

export interface CognitoPoolOptions {
  readonly region: string;
  /** moto; undefined = real Cognito in `region`. */
  readonly endpoint?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Names the pool: `pennsieve-sandbox-<environment>`. */
  readonly environment: string;
}

/** The pool the sandbox signs users in with, and how to check that a user still exists. */
export interface CognitoPool {
  readonly region: string;
  readonly poolId: string;
  readonly clientId: string;
  /** The issuer its tokens name. */
  readonly issuer: string;
  /** Where its JWKS is served (moto: on the emulator's endpoint). */
  readonly jwksUrl: string;
  /** Whether the user (an API key) exists and is enabled: a deleted or disabled key is revoked. */
  isActive(username: string): Promise<boolean>;
  close(): void;
}

async function findOrCreatePool(client: CognitoIdentityProviderClient, name: string): Promise<string> {
  const pools = (await client.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools ?? [];
  const existing = pools.find((p) => p.Name === name)?.Id;
  if (existing) return existing;
  const policy = {
    MinimumLength: 8,
    RequireUppercase: false,
    RequireLowercase: false,
    RequireNumbers: false,
    RequireSymbols: false,
  };
  const created = await client.send(
    new CreateUserPoolCommand({ PoolName: name, Policies: { PasswordPolicy: policy } }),
  );
  return created.UserPool!.Id!;
}

async function findOrCreateClient(
  client: CognitoIdentityProviderClient,
  poolId: string,
  name: string,
): Promise<string> {
  const clients =
    (await client.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 60 }))).UserPoolClients ?? [];
  const existing = clients.find((c) => c.ClientName === name)?.ClientId;
  if (existing) return existing;
  const flows = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] as const;
  // ReadAttributes: the id token carries the email (moto adds only the attributes a client may read).
  const created = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: name,
      ExplicitAuthFlows: [...flows],
      ReadAttributes: ['email'],
    }),
  );
  return created.UserPoolClient!.ClientId!;
}

async function ensureUser(
  client: CognitoIdentityProviderClient,
  poolId: string,
  user: { apiKey: string; apiSecret: string; email?: string },
): Promise<void> {
  const attributes = user.email ? [{ Name: 'email', Value: user.email }] : undefined;
  try {
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: user.apiKey,
        MessageAction: 'SUPPRESS',
        UserAttributes: attributes,
      }),
    );
  } catch (err) {
    if ((err as { name?: string }).name !== 'UsernameExistsException') throw err;
  }
  await client.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: poolId,
      Username: user.apiKey,
      Password: user.apiSecret,
      Permanent: true,
    }),
  );
}

/** Sets up (or finds) the pool, its client and the users with API keys. */
export async function setupCognitoPool(opts: CognitoPoolOptions, users: readonly UserIdentity[]): Promise<CognitoPool> {
  const client = new CognitoIdentityProviderClient({
    region: opts.region,
    endpoint: opts.endpoint,
    credentials: opts.credentials,
  });
  const name = `pennsieve-sandbox-${opts.environment}`;
  const poolId = await findOrCreatePool(client, name);
  const clientId = await findOrCreateClient(client, poolId, name);
  for (const u of users)
    if (u.apiKey && u.apiSecret)
      await ensureUser(client, poolId, { apiKey: u.apiKey, apiSecret: u.apiSecret, email: u.email });
  const issuer = `https://cognito-idp.${opts.region}.amazonaws.com/${poolId}`;
  return {
    region: opts.region,
    poolId,
    clientId,
    issuer,
    jwksUrl: opts.endpoint
      ? `${opts.endpoint.replace(/\/+$/, '')}/${poolId}/.well-known/jwks.json`
      : `${issuer}/.well-known/jwks.json`,
    async isActive(username) {
      try {
        return (
          (await client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }))).Enabled !== false
        );
      } catch (err) {
        if ((err as { name?: string }).name === 'UserNotFoundException') return false;
        throw err;
      }
    },
    close: () => client.destroy(),
  };
}
