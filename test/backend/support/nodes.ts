// Waiting for nodes to settle, through the API.

import { call, waitFor } from '../../../scripts/harness/backend/client';

export type Settled = { readonly status: string; readonly statusReason?: string } | 'gone';

/** Polls GET /compute-nodes/{id} until the node leaves Pending/Destroying (or is gone); `onPoll` sees each answer. */
export async function settle(
  url: string,
  token: string,
  uuid: string,
  timeoutMs: number,
  onPoll?: (node: Record<string, unknown>) => void,
): Promise<Settled> {
  return waitFor(
    `node ${uuid} to settle`,
    async () => {
      const res = await call(url, 'GET', `/compute-nodes/${uuid}`, { token });
      if (res.status === 404) return 'gone' as const;
      onPoll?.(res.json);
      return res.json.status === 'Pending' || res.json.status === 'Destroying' ? undefined : (res.json as Settled);
    },
    timeoutMs,
    1000,
  );
}
