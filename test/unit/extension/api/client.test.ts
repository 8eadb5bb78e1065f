import assert from 'node:assert/strict';
import { ApiClient, ApiError, parseErrorBody, type TokenSource } from '../../../../extension/src/api/client';
import { AccountsApi } from '../../../../extension/src/api/accounts';
import { ComputeNodesApi } from '../../../../extension/src/api/computeNodes';
import { array, object, str } from '../../../../extension/src/api/schema';
import { captureLog, fakeFetch, on, type Handler } from '../support/fakeFetch';

const BASE = 'https://api2.pennsieve.io/compute/resources';
const TOKEN = 'eyJ.secret-token.sig';

function client(handlers: Handler[], tokens: TokenSource = { getToken: async () => TOKEN }, timeoutMs?: number) {
  const f = fakeFetch(...handlers);
  const log = captureLog();
  const failures: ApiError[] = [];
  const c = new ApiClient({
    baseUrl: () => `${BASE}/`,
    tokens,
    log,
    fetch: f.fetch,
    timeoutMs,
    observer: { onSuccess: () => undefined, onFailure: (e) => failures.push(e) },
  });
  return { c, requests: f.requests, log, failures };
}

/** A fetch that only ever ends by its signal, as the real one does. */
const neverAnswers: typeof fetch = (_i, init) =>
  new Promise((_, reject) => {
    const signal = init?.signal;
    const fail = () => reject(new DOMException('aborted', 'AbortError'));
    if (signal?.aborted) fail();
    else signal?.addEventListener('abort', fail);
  });

async function rejects(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof ApiError, `expected ApiError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a rejection');
}

describe('extension api/client', () => {
  describe('the four error-body shapes', () => {
    it('reads account handlers’ plain text "Handler: message" without the handler name', async () => {
      const { c } = client([
        on('POST', '/compute/resources/accounts', { status: 422, text: 'PostAccountsHandler: error records exists' }),
      ]);
      const err = await rejects(new AccountsApi(c).createAccount({ accountId: '1', roleName: 'r', externalId: 'x' }));
      assert.equal(err.kind, 'badRequest');
      assert.equal(err.status, 422);
      assert.equal(err.serverMessage, 'error records exists');
      assert.match(err.message, /^Pennsieve rejected the request \(422\): error records exists$/);
    });

    it('reads compute handlers’ JSON {message}', async () => {
      const { c } = client([
        on('GET', '/compute/resources/compute-nodes/n1', { status: 404, body: { message: 'error no records found' } }),
      ]);
      const err = await rejects(c.request({ method: 'GET', path: '/compute-nodes/n1' }, object({ uuid: str })));
      assert.equal(err.kind, 'notFound');
      assert.equal(err.serverMessage, 'error no records found');
    });

    it('reads JSON {error, ...} and keeps the other fields (409 on DELETE /accounts)', async () => {
      const body = {
        error: 'account has 2 active compute nodes and 0 active storage nodes',
        nodeCount: 2,
        storageNodeCount: 0,
      };
      const { c } = client([on('DELETE', '/compute/resources/accounts/a1', { status: 409, body })]);
      const err = await rejects(new AccountsApi(c).deleteAccount('a1'));
      assert.equal(err.kind, 'conflict');
      assert.equal(err.serverMessage, body.error);
      assert.deepEqual(err.extra, { nodeCount: 2, storageNodeCount: 0 });
    });

    it('reads the router’s plain "unsupported route" and "unsupported path"', async () => {
      const { c } = client([
        on('GET', '/compute/resources/nowhere', { status: 404, text: 'unsupported route' }),
        on('GET', '/compute/resources/odd', { status: 422, text: 'unsupported path' }),
      ]);
      assert.equal(
        (await rejects(c.request({ method: 'GET', path: '/nowhere' }, str))).serverMessage,
        'unsupported route',
      );
      assert.equal((await rejects(c.request({ method: 'GET', path: '/odd' }, str))).serverMessage, 'unsupported path');
    });

    it('parseErrorBody falls back to the raw text for malformed JSON and truncates long bodies', () => {
      assert.deepEqual(parseErrorBody('{"message": '), { message: '{"message":' });
      assert.equal(parseErrorBody('x'.repeat(1000)).message.length, 301);
      assert.deepEqual(parseErrorBody('{"other":1}'), { message: '{"other":1}' });
    });
  });

  describe('authentication failures', () => {
    it('maps the gateway’s 401 {"message":"Unauthorized"} and retries once with a fresh token', async () => {
      let invalidated = 0;
      const tokens = { getToken: async () => `t${invalidated}`, invalidate: () => void invalidated++ };
      const { c, requests, failures } = client(
        [on('GET', '/compute/resources/accounts', { status: 401, body: { message: 'Unauthorized' } })],
        tokens,
      );
      const err = await rejects(new AccountsApi(c).fetchAccounts());
      assert.equal(err.kind, 'unauthorized');
      assert.match(err.message, /sign in again/);
      assert.equal(requests.length, 2, 'one retry after invalidating the token');
      assert.equal(requests[1]!.headers.authorization, 'Bearer t1');
      assert.equal(failures.length, 1);
    });

    it('succeeds when the retry with a refreshed token is accepted (an expired access token)', async () => {
      let fresh = false;
      const tokens = { getToken: async () => (fresh ? 'new' : 'expired'), invalidate: () => void (fresh = true) };
      const { c } = client(
        [
          (req) =>
            req.headers.authorization === 'Bearer expired'
              ? { status: 401, body: { message: 'Unauthorized' } }
              : { status: 200, body: [] },
        ],
        tokens,
      );
      assert.deepEqual(await new AccountsApi(c).fetchAccounts(), []);
    });

    it('does not retry a static (sandbox) token: a bad token is one 401', async () => {
      const { c, requests } = client([
        on('GET', '/compute/resources/accounts', { status: 401, body: { message: 'Unauthorized' } }),
      ]);
      assert.equal((await rejects(new AccountsApi(c).fetchAccounts())).kind, 'unauthorized');
      assert.equal(requests.length, 1);
    });

    it('maps the gateway’s 403 {"message":"Forbidden"}', async () => {
      const { c } = client([
        on('GET', '/compute/resources/gpu-tiers', { status: 403, body: { message: 'Forbidden' } }),
      ]);
      const err = await rejects(c.request({ method: 'GET', path: '/gpu-tiers' }, array(object({ tier: str }))));
      assert.equal(err.kind, 'forbidden');
      assert.equal(err.message, 'Pennsieve refused the request (403)', 'no doubled text: "Forbidden" repeats the lead');
      assert.equal(err.serverMessage, 'Forbidden');
    });

    it('reports signed-out before any request when there is no token', async () => {
      const tokens = { getToken: () => Promise.reject(new ApiError('signedOut', 'run "Pennsieve: Sign In"')) };
      const { c, requests } = client([], tokens);
      assert.equal((await rejects(new AccountsApi(c).fetchAccounts())).kind, 'signedOut');
      assert.equal(requests.length, 0);
    });
  });

  describe('success bodies', () => {
    it('treats GET /accounts?includeWorkspaces=true answering null as no accounts', async () => {
      const { c, requests } = client([on('GET', '/compute/resources/accounts', { status: 200, text: 'null' })]);
      assert.deepEqual(await new AccountsApi(c).fetchAccounts(), []);
      assert.equal(requests[0]!.url.searchParams.get('includeWorkspaces'), 'true');
    });

    it('keeps [] as [] and fills absent omitempty arrays with []', async () => {
      const { c } = client([
        on('GET', '/compute/resources/accounts', { status: 200, body: [{ uuid: 'a', accountId: '1' }] }),
      ]);
      const [a] = await new AccountsApi(c).fetchAccounts();
      assert.equal(a!.enabledWorkspaces, undefined);
    });

    it('accepts 202 and 204 as success', async () => {
      const { c } = client([
        on('DELETE', '/compute/resources/compute-nodes/n1', {
          status: 202,
          body: { message: 'Compute node deletion initiated' },
        }),
        on('DELETE', '/compute/resources/accounts/a1/workspaces/N%3Aorganization%3Ax', { status: 204 }),
      ]);
      await new ComputeNodesApi(c).deleteComputeNode('n1');
      await new AccountsApi(c).disableWorkspace('a1', 'N:organization:x');
    });

    it('reports a body of the wrong shape as invalidResponse naming the field', async () => {
      const { c } = client([on('GET', '/compute/resources/accounts', { status: 200, body: [{ uuid: 5 }] })]);
      const err = await rejects(new AccountsApi(c).fetchAccounts());
      assert.equal(err.kind, 'invalidResponse');
      assert.match(err.message, /\[0\]\.uuid: expected a string/);
    });

    it('reports a non-JSON 200 as invalidResponse', async () => {
      const { c } = client([on('GET', '/compute/resources/accounts', { status: 200, text: '<html>' })]);
      assert.equal((await rejects(new AccountsApi(c).fetchAccounts())).kind, 'invalidResponse');
    });
  });

  describe('transport', () => {
    it('sends the bearer token and JSON, encodes path segments, never logs tokens, bodies or queries', async () => {
      const { c, requests, log } = client([
        on('POST', '/compute/resources/accounts/a%201/workspaces', (req) => ({
          status: 201,
          body: { accountUuid: 'a 1', organizationId: req.url.searchParams.get('organization_id') },
        })),
      ]);
      await new AccountsApi(c).enableWorkspace('a 1', 'N:organization:o', {
        isPublic: false,
        enableCompute: true,
        enableStorage: false,
      });
      assert.equal(requests[0]!.headers.authorization, `Bearer ${TOKEN}`);
      assert.equal(requests[0]!.headers['content-type'], 'application/json');
      assert.deepEqual(requests[0]!.body, { isPublic: false, enableCompute: true, enableStorage: false });
      assert.equal(log.lines.length, 1);
      assert.match(log.lines[0]!, /^POST \/accounts\/a%201\/workspaces 201 \(\d+ ms\)$/);
      for (const line of log.lines) {
        assert.ok(!line.includes(TOKEN) && !line.includes('organization_id') && !line.includes('enableCompute'));
      }
    });

    it('turns a refused connection into one network error naming the host', async () => {
      const failing = (async () => {
        throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
      }) as unknown as typeof fetch;
      const c = new ApiClient({
        baseUrl: () => 'http://127.0.0.1:9',
        tokens: { getToken: async () => 't' },
        log: captureLog(),
        fetch: failing,
      });
      const err = await rejects(c.request({ method: 'GET', path: '/accounts' }, str));
      assert.equal(err.kind, 'network');
      assert.equal(err.message, 'Cannot reach the Pennsieve API: 127.0.0.1:9 (ECONNREFUSED)');
    });

    it('times out a request that never answers', async () => {
      const never = neverAnswers;
      const c = new ApiClient({
        baseUrl: () => BASE,
        tokens: { getToken: async () => 't' },
        log: captureLog(),
        fetch: never,
        timeoutMs: 20,
      });
      assert.equal((await rejects(c.request({ method: 'GET', path: '/accounts' }, str))).kind, 'timeout');
    });

    it('reports a cancelled request as cancelled, not as a failure', async () => {
      const never = neverAnswers;
      const failures: ApiError[] = [];
      const c = new ApiClient({
        baseUrl: () => BASE,
        tokens: { getToken: async () => 't' },
        log: captureLog(),
        fetch: never,
        observer: { onSuccess: () => undefined, onFailure: (e) => failures.push(e) },
      });
      const abort = new AbortController();
      const p = c.request({ method: 'GET', path: '/accounts' }, str, { signal: abort.signal });
      abort.abort();
      assert.equal((await rejects(p)).kind, 'cancelled');
      assert.equal(failures.length, 0);
    });
  });
});
