// A loopback credentials endpoint in the shape of ECS's container credentials: the long-lived
// provider servers (./providerPool.ts) get each run's AWS credentials from here, so that they
// never sit in a file, a configuration or a provider's environment. Each provider server has its
// own path and random token; a path answers only while a run of that server has credentials.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AwsCredentials } from './terraform';

/** What a provider server's environment needs to reach its credentials. */
export interface CredentialSource {
  /** `AWS_CONTAINER_CREDENTIALS_FULL_URI` */
  readonly uri: string;
  /** `AWS_CONTAINER_AUTHORIZATION_TOKEN` */
  readonly token: string;
  /** Serve `credentials` from now on (undefined: serve nothing). */
  set(credentials: AwsCredentials | undefined): void;
}

export interface CredentialServer {
  /** A new path with its own token. */
  source(): CredentialSource;
  close(): Promise<void>;
}

const ONE_HOUR_MS = 3_600_000;

/** Starts the endpoint on a free loopback port. */
export async function startCredentialServer(): Promise<CredentialServer> {
  const entries = new Map<string, { token: Buffer; credentials?: AwsCredentials }>();
  const server: Server = createServer((req, res) => {
    const entry = entries.get(req.url ?? '');
    const given = Buffer.from(String(req.headers.authorization ?? ''));
    const authorized = entry && given.length === entry.token.length && timingSafeEqual(given, entry.token);
    if (!entry || !authorized || !entry.credentials) {
      res.writeHead(authorized ? 404 : 403).end();
      return;
    }
    const c = entry.credentials;
    const expiration = (c.expiration ?? new Date(Date.now() + ONE_HOUR_MS)).toISOString();
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({
        AccessKeyId: c.accessKeyId,
        SecretAccessKey: c.secretAccessKey,
        Token: c.sessionToken,
        Expiration: expiration,
      }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    source() {
      const path = `/credentials/${randomBytes(8).toString('hex')}`;
      const token = randomBytes(24).toString('hex');
      const entry: { token: Buffer; credentials?: AwsCredentials } = { token: Buffer.from(token) };
      entries.set(path, entry);
      return {
        uri: `http://127.0.0.1:${port}${path}`,
        token,
        set: (credentials) => void (entry.credentials = credentials),
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
