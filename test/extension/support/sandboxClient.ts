// The extension's real API client pointed at a real sandbox backend, one per persona.

import { ApiClient, ApiError, type ApiLog } from '../../../extension/src/api/client';
import { createPennsieveApi, type PennsieveApi } from '../../../extension/src/api/pennsieveApi';
import { StaticTokenSource } from '../../../extension/src/auth/tokenSource';
import { TransitionPoller } from '../../../extension/src/tree/transitionPoller';
import type { ComputeNode } from '../../../extension/src/api/computeNodes';

/** Request lines the client logged, to check nothing secret is in them. */
export interface LogLines extends ApiLog {
  readonly lines: string[];
}

export function logLines(): LogLines {
  const lines: string[] = [];
  return { lines, debug: (m) => lines.push(m), info: (m) => lines.push(m) };
}

export function apiFor(baseUrl: string, token: string, log: ApiLog = logLines()): PennsieveApi {
  return createPennsieveApi(new ApiClient({ baseUrl: () => baseUrl, tokens: new StaticTokenSource(token), log }));
}

/** Expects `p` to fail with an ApiError; returns it for further checks. */
export async function apiError(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

/**
 * Follows a node with the extension's own poller until it settles (or disappears), as the
 * explorer does; the delay is short because the test backend's provisioning is quick.
 */
export async function untilSettled(
  api: PennsieveApi,
  node: ComputeNode,
  timeoutMs = 60_000,
): Promise<ComputeNode | undefined> {
  const poller = new TransitionPoller({
    fetchNode: async (uuid) => {
      try {
        return await api.computeNodes.fetchComputeNode(uuid);
      } catch (err) {
        if (err instanceof ApiError && err.kind === 'notFound') return undefined;
        throw err;
      }
    },
    onChange: () => undefined,
    onError: () => undefined,
    intervalMs: () => 50,
  });
  try {
    poller.track(node);
    if (!poller.isTracking(node.uuid)) return node;
    return (await poller.waitUntilSettled(node.uuid, AbortSignal.timeout(timeoutMs))).node;
  } finally {
    poller.dispose();
  }
}
