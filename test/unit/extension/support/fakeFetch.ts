// A fetch stand-in for client tests: answers from a list of handlers and records every request.

export interface RecordedRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

export type Reply = { status: number; body?: unknown; text?: string; headers?: Record<string, string> };
export type Handler = (req: RecordedRequest) => Reply | Promise<Reply> | undefined;

export interface FakeFetch {
  readonly fetch: typeof fetch;
  readonly requests: RecordedRequest[];
}

/** Each request goes to the first handler that returns a reply; none matching is a 599. */
export function fakeFetch(...handlers: Handler[]): FakeFetch {
  const requests: RecordedRequest[] = [];
  const fn = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    if (init?.signal?.aborted) throw init.signal.reason ?? new DOMException('aborted', 'AbortError');
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries((init?.headers as Record<string, string>) ?? {})) headers[k.toLowerCase()] = v;
    const raw = init?.body;
    const req: RecordedRequest = {
      method: init?.method ?? 'GET',
      url: new URL(String(input)),
      headers,
      body: typeof raw === 'string' ? JSON.parse(raw) : undefined,
    };
    requests.push(req);
    for (const h of handlers) {
      const reply = await h(req);
      if (!reply) continue;
      const text = reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
      const init2: ResponseInit = { status: reply.status, headers: reply.headers };
      return new Response(reply.status === 204 ? null : text, init2);
    }
    return new Response('no fake handler', { status: 599 });
  };
  return { fetch: fn as typeof fetch, requests };
}

/** A handler for one method and path (query ignored). */
export function on(method: string, path: string, reply: Reply | ((req: RecordedRequest) => Reply)): Handler {
  return (req) =>
    req.method === method && req.url.pathname === path ? (typeof reply === 'function' ? reply(req) : reply) : undefined;
}

/** Log lines captured for assertions (e.g. that no token is ever logged). */
export function captureLog(): { lines: string[]; debug(m: string): void; info(m: string): void } {
  const lines: string[] = [];
  return { lines, debug: (m) => lines.push(m), info: (m) => lines.push(m) };
}
