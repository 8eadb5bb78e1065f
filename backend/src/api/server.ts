// The HTTP server: routing, the gateway's auth, body reading, error shapes, and one log line per request.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { authorizeRequest } from '../auth/gateway';
import type { Log } from '../log';
import { ApiError, Msg, type ApiDeps, type ApiResponse, type Route } from './http';
import { createRouter } from './router';

export interface ApiServerOptions {
  readonly deps: ApiDeps;
  readonly routes: readonly Route[];
  readonly log: Log;
  /** Larger bodies get 413 (API Gateway's own limit is 10 MB; no route needs more than a few KB). */
  readonly maxBodyBytes?: number;
  /** A request (headers and body) not received in full by then gets 408 (default 15 s). */
  readonly requestTimeoutMs?: number;
}

class BodyTooLarge extends Error {}
/** The client stopped sending (or the request timed out and Node answered 408): nothing to answer. */
class BodyAborted extends Error {}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  // The common case (GET, DELETE): no body announced, nothing to read.
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) return '';
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > limit) throw new BodyTooLarge();
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    throw err instanceof BodyTooLarge ? err : new BodyAborted();
  }
  return Buffer.concat(chunks).toString('utf8');
}

const GO_ESCAPES: Readonly<Record<string, string>> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** Go's encoding/json escapes these; doing the same keeps bodies byte-compatible with production. */
function goJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => GO_ESCAPES[c] as string);
}

function send(res: ServerResponse, response: ApiResponse): void {
  // A connection Node already answered (408) and closed.
  if (!res.socket || res.socket.destroyed) return;
  const headers: Record<string, string> = { 'Access-Control-Allow-Origin': '*', ...response.headers };
  let payload = '';
  if (typeof response.body === 'string') {
    payload = response.body;
    headers['Content-Type'] = 'text/plain; charset=utf-8';
  } else if (response.body !== undefined) {
    payload = goJson(response.body);
    headers['Content-Type'] = 'application/json';
  }
  headers['Content-Length'] = String(Buffer.byteLength(payload));
  res.writeHead(response.status, headers);
  res.end(payload);
}

/** An error in the failing route's production shape. */
function errorResponse(route: Route, err: ApiError): ApiResponse {
  if (err.shape === 'error') return { status: err.status, body: { error: err.message, ...err.extra } };
  if (route.style === 'account') return { status: err.status, body: `${route.handler}: ${err.message}` };
  return { status: err.status, body: { message: err.message } };
}

const CORS_PREFLIGHT: ApiResponse = {
  status: 204,
  headers: {
    'Access-Control-Allow-Methods': 'OPTIONS, GET, POST, PUT, PATCH, DELETE',
    'Access-Control-Allow-Headers': '*',
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Max-Age': '300',
  },
};

/** Creates (but does not start) the API server. */
export function createApiServer(opts: ApiServerOptions): Server {
  const resolve = createRouter(opts.routes);
  const limit = opts.maxBodyBytes ?? 1024 * 1024;

  const handle = async (req: IncomingMessage, url: URL): Promise<ApiResponse> => {
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') return CORS_PREFLIGHT;
    const found = resolve(method, url.pathname);
    if (found.kind === 'unsupportedPath') return { status: 422, body: 'unsupported path' };
    if (found.kind === 'unsupportedRoute') return { status: 404, body: 'unsupported route' };
    const { route, params } = found;
    let rawBody: string;
    try {
      rawBody = await readBody(req, limit);
    } catch (err) {
      if (err instanceof BodyTooLarge) return { status: 413, body: { message: 'Request Entity Too Large' } };
      // Node has answered 408 and closed the connection (or the client went away).
      if (err instanceof BodyAborted) return { status: 408 };
      throw err;
    }
    const now = opts.deps.now();
    const auth = await authorizeRequest(
      opts.deps,
      route.auth,
      req.headers.authorization,
      url.searchParams.get('organization_id'),
      now,
    );
    if (!auth.ok) return { status: auth.status, body: auth.body };
    try {
      return await route.handle({ params, query: url.searchParams, rawBody, claims: auth.claims, deps: opts.deps });
    } catch (err) {
      if (err instanceof ApiError) return errorResponse(route, err);
      opts.log.error(`${route.handler} failed`, err);
      return errorResponse(route, new ApiError(500, Msg.dynamo));
    }
  };

  const requestTimeout = opts.requestTimeoutMs ?? 15_000;
  // Node answers 408 itself when a request is not in full by `requestTimeout` (checked every second).
  const options = { requestTimeout, headersTimeout: requestTimeout, connectionsCheckingInterval: 1000 };
  return createServer(options, (req, res) => {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const path = url.pathname;
    handle(req, url)
      .catch((err: unknown) => {
        opts.log.error(`request failed: ${req.method} ${path}`, err);
        return { status: 500, body: { message: 'Internal Server Error' } } as ApiResponse;
      })
      .then((response) => {
        send(res, response);
        // Method, path, status and duration only: never headers, query strings or bodies.
        opts.log.info(`${req.method} ${path} ${response.status} ${(performance.now() - started).toFixed(1)}ms`);
      });
  });
}
