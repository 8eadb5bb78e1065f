// The one HTTP client for the Pennsieve Account Service: bearer token, timeouts, logging of
// method/path/status/duration only, and the four error-body shapes turned into one ApiError.

import { fillPath, type PathParams, type Route } from './routes';
import { SchemaError, type Schema } from './schema';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type ApiErrorKind =
  | 'signedOut'
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'conflict'
  | 'badRequest'
  | 'server'
  | 'network'
  | 'timeout'
  | 'cancelled'
  | 'invalidResponse';

/** Where bearer tokens come from; `invalidate` asks for a fresh one after a 401. */
export interface TokenSource {
  /** Resolves to a usable token, or rejects with ApiError('signedOut'). */
  getToken(): Promise<string>;
  invalidate?(): void;
}

/** The subset of a log the client writes to. */
export interface ApiLog {
  debug(message: string): void;
  info(message: string): void;
}

/** Told about every request's outcome: the status bar shows connection errors from it. */
export interface ApiObserver {
  onSuccess(): void;
  onFailure(error: ApiError): void;
}

export interface ApiClientOptions {
  /** Read on every request so a settings change needs no rebuild. */
  readonly baseUrl: () => string;
  readonly tokens: TokenSource;
  readonly log: ApiLog;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
  readonly observer?: ApiObserver;
}

export interface RequestOptions {
  /** Values for the route's `{name}` placeholders. */
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string | undefined>>;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

export interface ApiResponse<T> {
  readonly status: number;
  readonly data: T;
}

const KIND_BY_STATUS: Readonly<Record<number, ApiErrorKind>> = {
  400: 'badRequest',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'notFound',
  409: 'conflict',
  422: 'badRequest',
};

const LEAD: Readonly<Record<ApiErrorKind, string>> = {
  signedOut: 'Not signed in to Pennsieve',
  unauthorized: 'Pennsieve did not accept your sign-in; sign in again',
  forbidden: 'Pennsieve refused the request',
  notFound: 'Pennsieve could not find it',
  conflict: 'Pennsieve refused the request because of a conflict',
  badRequest: 'Pennsieve rejected the request',
  server: 'The Pennsieve service failed',
  network: 'Cannot reach the Pennsieve API',
  timeout: 'The Pennsieve API did not answer in time',
  cancelled: 'Cancelled',
  invalidResponse: 'Unexpected response from the Pennsieve API',
};

/**
 * A failed API call. `message` is the one sentence a user sees (the variable part last, after a
 * colon; a server detail that only repeats it, such as "Forbidden", is left out); `serverMessage`
 * is what the service said; `extra` holds other fields of a JSON error body (e.g. `nodeCount` on a 409).
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly kind: ApiErrorKind,
    readonly serverMessage: string,
    readonly request?: { readonly method: Method; readonly path: string; readonly status?: number },
    readonly extra?: Readonly<Record<string, unknown>>,
    options?: { cause?: unknown },
  ) {
    super(formatMessage(kind, serverMessage, request?.status), options);
  }

  get status(): number | undefined {
    return this.request?.status;
  }
}

/** Server details that only repeat what the lead already says ("refused the request: Forbidden"). */
const REPEATS_LEAD = new Set(['forbidden', 'unauthorized', 'not found', 'bad request', 'internal server error']);

function formatMessage(kind: ApiErrorKind, detail: string, status?: number): string {
  const lead = status ? `${LEAD[kind]} (${status})` : LEAD[kind];
  return detail && !REPEATS_LEAD.has(detail.trim().toLowerCase()) ? `${lead}: ${detail}` : lead;
}

/** The kind for an HTTP status that is not 2xx. */
export function kindOfStatus(status: number): ApiErrorKind {
  return KIND_BY_STATUS[status] ?? (status >= 500 ? 'server' : 'badRequest');
}

/**
 * Reads any of the API's error bodies: JSON `{message}` (compute handlers, the gateway's
 * 401/403), JSON `{error, ...}` (409 on delete, grants, role-policy), plain text
 * `Handler: message` (account handlers) and the router's plain `unsupported route`.
 */
export function parseErrorBody(text: string): { message: string; extra?: Record<string, unknown> } {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      const body = JSON.parse(trimmed) as Record<string, unknown>;
      if (typeof body.message === 'string') return { message: body.message };
      if (typeof body.error === 'string') {
        const { error, ...extra } = body;
        return { message: error as string, extra };
      }
    } catch {
      // Not JSON after all: fall through to plain text.
    }
  }
  const plain = trimmed.replace(/^[A-Za-z]+Handler:\s*/, '');
  return { message: plain.length > 300 ? `${plain.slice(0, 300)}…` : plain };
}

/** Calls the API with a bearer token and validates responses against a schema. */
export class ApiClient {
  private readonly fetchFn: typeof fetch;

  constructor(private readonly opts: ApiClientOptions) {
    this.fetchFn = opts.fetch ?? ((input, init) => fetch(input, init));
  }

  /** The base URL requests go to (for labels such as the status bar's host). */
  get baseUrl(): string {
    return this.opts.baseUrl().replace(/\/+$/, '');
  }

  /**
   * Calls `route` (an entry of the route tables in routes.ts) and validates the answer. A route
   * with placeholders needs `options.params`.
   */
  async request<T, R extends Route>(route: R, schema: Schema<T>, ...rest: RequestArgs<R>): Promise<ApiResponse<T>> {
    const options: RequestOptions = rest[0] ?? {};
    const method = route.method;
    const path = fillPath(route.path, options.params);
    try {
      const res = await this.send(method, path, options, true);
      this.opts.observer?.onSuccess();
      return res.status === 204
        ? { status: 204, data: schema.parse(undefined) }
        : await this.decode(method, path, res, schema);
    } catch (err) {
      const error =
        err instanceof ApiError
          ? err
          : new ApiError('network', String(err), { method, path }, undefined, { cause: err });
      if (error.kind !== 'cancelled') this.opts.observer?.onFailure(error);
      throw error;
    }
  }

  private async send(method: Method, path: string, options: RequestOptions, mayRetry: boolean): Promise<Response> {
    const token = await this.opts.tokens.getToken();
    const url = this.url(path, options.query);
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const timeout = AbortSignal.timeout(this.opts.timeoutMs ?? 30_000);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const started = performance.now();
    let res: Response;
    try {
      res = await this.fetchFn(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal,
      });
    } catch (err) {
      this.opts.log.info(`${method} ${path} failed after ${Math.round(performance.now() - started)} ms`);
      if (options.signal?.aborted) throw new ApiError('cancelled', '', { method, path }, undefined, { cause: err });
      if (timeout.aborted) throw new ApiError('timeout', path, { method, path }, undefined, { cause: err });
      throw new ApiError('network', `${new URL(url).host} (${networkReason(err)})`, { method, path }, undefined, {
        cause: err,
      });
    }
    // Method, path, status and duration only: never headers, bodies or query strings.
    const line = `${method} ${path} ${res.status} (${Math.round(performance.now() - started)} ms)`;
    if (method === 'GET') this.opts.log.debug(line);
    else this.opts.log.info(line);
    if (res.status === 401 && mayRetry && this.opts.tokens.invalidate) {
      await res.body?.cancel();
      this.opts.tokens.invalidate();
      return this.send(method, path, options, false);
    }
    if (res.status < 200 || res.status > 299) {
      const { message, extra } = parseErrorBody(await res.text().catch(() => ''));
      throw new ApiError(
        kindOfStatus(res.status),
        message || res.statusText,
        { method, path, status: res.status },
        extra,
      );
    }
    return res;
  }

  private async decode<T>(method: Method, path: string, res: Response, schema: Schema<T>): Promise<ApiResponse<T>> {
    const request = { method, path, status: res.status };
    const text = await res.text();
    let json: unknown;
    try {
      json = text.trim() === '' ? undefined : JSON.parse(text);
    } catch (err) {
      throw new ApiError('invalidResponse', 'the body is not JSON', request, undefined, { cause: err });
    }
    try {
      return { status: res.status, data: schema.parse(json) };
    } catch (err) {
      const where = err instanceof SchemaError ? err.message : String(err);
      throw new ApiError('invalidResponse', where, request, undefined, { cause: err });
    }
  }

  private url(path: string, query?: RequestOptions['query']): string {
    const url = new URL(this.baseUrl + path);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    return url.toString();
  }
}

/** The options argument: optional for a route without placeholders, required with its params otherwise. */
export type RequestArgs<R extends Route> = [PathParams<R['path']>] extends [never]
  ? [options?: RequestOptions & { readonly params?: undefined }]
  : [options: RequestOptions & { readonly params: Readonly<Record<PathParams<R['path']>, string>> }];

function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown } })?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  return err instanceof Error ? err.message : String(err);
}
