// Read clients for the scale-out benchmark: `clients` clients, each sticking to one backend
// (client i reads from backend i mod n) and reading the given routes in turn for a fixed time,
// either back to back (closed loop: what the backend and its store can serve at most) or paced
// (one read per client every `intervalMs`, as polling clients do); latency percentiles per route.

import { percentile } from './stats';

/** Latency of one route over a read phase. */
export interface RouteLatency {
  readonly requests: number;
  /** Answers other than 200, and requests that failed outright. */
  readonly failures: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
}

export interface ReadLoadOptions {
  /** Base URLs of the backends the clients spread over. */
  readonly urls: readonly string[];
  readonly token: string;
  /** Route label → path. */
  readonly routes: Readonly<Record<string, string>>;
  readonly clients: number;
  readonly durationMs: number;
  /** Paced: each client starts a read every `intervalMs` (at once if the last one took longer); undefined: back to back. */
  readonly intervalMs?: number;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** One GET; its latency in ms and whether it answered 200. */
async function timedGet(url: string, token: string): Promise<{ ms: number; ok: boolean }> {
  const t0 = performance.now();
  try {
    const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    return { ms: performance.now() - t0, ok: res.status === 200 };
  } catch {
    return { ms: performance.now() - t0, ok: false };
  }
}

/** Runs the clients for `durationMs`; latency per route label, and the requests per second. */
export async function readUnderLoad(
  opts: ReadLoadOptions,
): Promise<{ routes: Record<string, RouteLatency>; requestsPerSecond: number }> {
  const labels = Object.keys(opts.routes);
  const samples = new Map(labels.map((l) => [l, [] as number[]]));
  const failures = new Map(labels.map((l) => [l, 0]));
  const started = performance.now();
  const end = started + opts.durationMs;
  const client = async (i: number) => {
    const base = opts.urls[i % opts.urls.length]!;
    const interval = opts.intervalMs ?? 0;
    // Paced clients start spread over the first interval.
    let next = started + (interval * i) / opts.clients;
    for (let k = i; ; k++) {
      if (interval) {
        await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
        next = Math.max(next + interval, performance.now());
      }
      if (performance.now() >= end) return;
      const label = labels[k % labels.length]!;
      const { ms, ok } = await timedGet(`${base}${opts.routes[label]}`, opts.token);
      samples.get(label)!.push(ms);
      if (!ok) failures.set(label, failures.get(label)! + 1);
    }
  };
  await Promise.all(Array.from({ length: opts.clients }, (_, i) => client(i)));
  const routes: Record<string, RouteLatency> = {};
  let total = 0;
  for (const label of labels) {
    const xs = samples.get(label)!;
    total += xs.length;
    routes[label] = {
      requests: xs.length,
      failures: failures.get(label)!,
      p50Ms: round(percentile(xs, 50)),
      p95Ms: round(percentile(xs, 95)),
      maxMs: round(Math.max(...xs)),
    };
  }
  return { routes, requestsPerSecond: Math.round(total / ((performance.now() - started) / 1000)) };
}
