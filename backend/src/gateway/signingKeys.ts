// The interactive-session signing keys (production's internal/signingkeys): an RSA key pair kept in
// Secrets Manager of the Pennsieve account, generated once, and the public JWKS derived from it.
// The private key lives only in Secrets Manager and in memory while the JWKS is derived.

import { CreateSecretCommand, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { AwsTarget } from '../provisioner/terraform';

export interface Jwk {
  readonly kty: string;
  readonly use: 'sig';
  readonly alg: 'RS256';
  readonly kid: string;
  readonly n: string;
  readonly e: string;
}

export interface SigningKeys {
  /** The public JWKS `{keys:[…]}`, generating the key pair on first use. */
  jwks(): Promise<{ readonly keys: readonly Jwk[] }>;
}

interface StoredKey {
  readonly kid: string;
  readonly privatePem: string;
  readonly createdAt: string;
}

interface KeySet {
  readonly current: string;
  readonly keys: readonly StoredKey[];
}

export interface SigningKeysOptions {
  readonly target: AwsTarget;
  /** The sandbox's own credentials (undefined: the default chain). */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Production's INTERACTIVE_SIGNING_SECRET. */
  readonly secretName: string;
  /** How long a derived JWKS is served before the secret is read again (production's Cache-Control: 300 s). */
  readonly cacheMs?: number;
}

function newKeySet(): KeySet {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(8).toString('base64url');
  const privatePem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  return { current: kid, keys: [{ kid, privatePem, createdAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') }] };
}

function publicJwk(key: StoredKey): Jwk {
  const jwk = createPublicKey(key.privatePem).export({ format: 'jwk' });
  return { kty: 'RSA', use: 'sig', alg: 'RS256', kid: key.kid, n: String(jwk.n), e: String(jwk.e) };
}

async function read(sm: SecretsManagerClient, name: string): Promise<KeySet | undefined> {
  try {
    const text = (await sm.send(new GetSecretValueCommand({ SecretId: name }))).SecretString;
    const set = text ? (JSON.parse(text) as KeySet) : undefined;
    return set && Array.isArray(set.keys) && set.keys.length > 0 ? set : undefined;
  } catch (err) {
    if ((err as { name?: string }).name === 'ResourceNotFoundException') return undefined;
    throw err;
  }
}

/** Production's Ensure: read the key set; create it when missing (re-reading after a concurrent create). */
async function ensure(sm: SecretsManagerClient, name: string): Promise<KeySet> {
  const existing = await read(sm, name);
  if (existing) return existing;
  const created = newKeySet();
  try {
    await sm.send(new CreateSecretCommand({ Name: name, SecretString: JSON.stringify(created) }));
    return created;
  } catch (err) {
    const raced = await read(sm, name);
    if (raced) return raced;
    throw err;
  }
}

export function createSigningKeys(opts: SigningKeysOptions): SigningKeys {
  let cached: { readonly at: number; readonly value: { keys: Jwk[] } } | undefined;
  const ttl = opts.cacheMs ?? 300_000;
  return {
    async jwks() {
      if (cached && Date.now() - cached.at < ttl) return cached.value;
      const sm = new SecretsManagerClient({
        region: opts.target.region,
        endpoint: opts.target.endpoint,
        credentials: opts.credentials,
        maxAttempts: 2,
      });
      try {
        const set = await ensure(sm, opts.secretName);
        cached = { at: Date.now(), value: { keys: set.keys.map(publicJwk) } };
        return cached.value;
      } finally {
        sm.destroy();
      }
    },
  };
}
