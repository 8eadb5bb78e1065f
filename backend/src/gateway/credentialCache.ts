// The node's assumed-role credentials for the emulated gateway, kept in memory only and reused
// until five minutes before they expire (one STS call per node and hour, not per request).

import type { AssumeRole } from '../provisioner/jobs';
import type { AwsCredentials } from '../provisioner/terraform';
import type { AccountRecord, NodeRecord } from '../store/types';

const MARGIN_MS = 5 * 60_000;
const MAX_ENTRIES = 1000;

export type CredentialSource = (account: AccountRecord, node: NodeRecord) => Promise<AwsCredentials>;

/** Wraps `assumeRole` with a per-(account role, node) cache; `now` is injectable for tests. */
export function cachedCredentials(assumeRole: AssumeRole, now: () => number = Date.now): CredentialSource {
  const cache = new Map<string, AwsCredentials>();
  return async (account, node) => {
    const key = JSON.stringify([account.accountId, account.roleName, account.externalId, node.identifier]);
    const hit = cache.get(key);
    if (hit && (hit.expiration === undefined || hit.expiration.getTime() - MARGIN_MS > now())) return hit;
    const fresh = await assumeRole(account, node);
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(key, fresh);
    return fresh;
  };
}
