// A loopback proxy in front of moto for Step Functions. It answers the two calls the Terraform
// AWS provider makes that moto does not implement (ValidateStateMachineDefinition, with a
// structural check of the Amazon States Language, and ListStateMachineVersions, from moto's own
// data), rejects invalid definitions on CreateStateMachine/UpdateStateMachine as AWS does, and
// forwards every other request unchanged. See docs/compute-node-module.md.

import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running shim. */
export interface SandboxAws {
  /** Endpoint to give the AWS provider or SDK for Step Functions (`sfn`), e.g. `http://127.0.0.1:41235`. */
  readonly sfnEndpoint: string;
  /** Stops listening and closes open connections. */
  stop(): Promise<void>;
}

const JSON_CONTENT_TYPE = 'application/x-amz-json-1.0';
const TARGET_PREFIX = 'AWSStepFunctions.';
const MAX_VERSIONS = 1000;

/**
 * Starts the Step Functions shim on a free loopback port, in front of `motoEndpoint`
 * (e.g. `http://127.0.0.1:5000`). Requests whose `X-Amz-Target` is
 * `AWSStepFunctions.ValidateStateMachineDefinition` or `AWSStepFunctions.ListStateMachineVersions`
 * are answered here; `CreateStateMachine` and `UpdateStateMachine` with an invalid definition get
 * AWS's `InvalidDefinition` error; everything else is streamed to moto and back untouched
 * (method, path, headers and body).
 */
export async function startSandboxAws(motoEndpoint: string): Promise<SandboxAws> {
  const upstream = new URL(motoEndpoint);
  if (upstream.protocol !== 'http:')
    throw new Error(`The Step Functions shim forwards to http endpoints only: ${motoEndpoint}`);
  const server = createServer((req, res) => {
    handle(req, res, upstream).catch((err: unknown) => {
      if (!res.headersSent)
        sendJson(res, 502, { __type: 'ShimError', message: `Step Functions shim: ${(err as Error).message}` });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    sfnEndpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, upstream: URL): Promise<void> {
  const target = String(req.headers['x-amz-target'] ?? '');
  const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
  if (operation === 'ValidateStateMachineDefinition') {
    const input = parseBody(await readBody(req));
    const maxResults = typeof input['maxResults'] === 'number' ? input['maxResults'] : 100;
    sendJson(res, 200, validateAslDefinition(input['definition'], maxResults));
    return;
  }
  if (operation === 'ListStateMachineVersions') {
    const input = parseBody(await readBody(req));
    const answer = await listVersions(req, upstream, String(input['stateMachineArn'] ?? ''));
    sendJson(res, answer.status, answer.body);
    return;
  }
  if (operation === 'CreateStateMachine' || operation === 'UpdateStateMachine') {
    const body = await readBody(req);
    const input = parseBody(body);
    // UpdateStateMachine may leave the definition out (role or logging changes only).
    if (operation === 'CreateStateMachine' || input['definition'] !== undefined) {
      const check = validateAslDefinition(input['definition']);
      if (check.result === 'FAIL') {
        const summary = check.diagnostics.map((d) => `${d.code}: ${d.message} at ${d.location ?? 'null'}`).join(', ');
        sendJson(res, 400, { __type: 'InvalidDefinition', message: `Invalid State Machine Definition: '${summary}'` });
        return;
      }
    }
    await forward(req, res, upstream, body);
    return;
  }
  await forward(req, res, upstream);
}

/**
 * moto keeps published versions (`<arn>:<n>`, answered by DescribeStateMachine) but has no
 * ListStateMachineVersions: list them by describing versions 1, 2, … until one is missing.
 */
async function listVersions(
  req: IncomingMessage,
  upstream: URL,
  arn: string,
): Promise<{ status: number; body: unknown }> {
  const machine = await callUpstream(req, upstream, 'DescribeStateMachine', { stateMachineArn: arn });
  if (machine.status !== 200) return machine;
  const versions: { stateMachineVersionArn: string; creationDate: unknown }[] = [];
  for (let n = 1; n <= MAX_VERSIONS; n++) {
    const version = await callUpstream(req, upstream, 'DescribeStateMachine', { stateMachineArn: `${arn}:${n}` });
    if (version.status !== 200) break;
    versions.unshift({
      stateMachineVersionArn: `${arn}:${n}`,
      creationDate: (version.body as Record<string, unknown>)['creationDate'],
    });
  }
  return { status: 200, body: { stateMachineVersions: versions } };
}

/** One JSON call to moto, carrying the caller's headers (moto reads account and region from them). */
function callUpstream(
  req: IncomingMessage,
  upstream: URL,
  operation: string,
  input: object,
): Promise<{ status: number; body: unknown }> {
  const text = JSON.stringify(input);
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[key] = value;
  headers['x-amz-target'] = `${TARGET_PREFIX}${operation}`;
  headers['content-type'] = JSON_CONTENT_TYPE;
  headers['content-length'] = String(Buffer.byteLength(text));
  delete headers['transfer-encoding'];
  return new Promise((resolve, reject) => {
    const out = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: 'POST', path: '/', headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.once('error', reject);
        answer.once('end', () => resolve({ status: answer.statusCode ?? 502, body: parseBody(Buffer.concat(chunks)) }));
      },
    );
    out.once('error', reject);
    out.end(text);
  });
}

/** Sends the request to moto (replaying `body` when it was already read) and streams the answer back. */
function forward(req: IncomingMessage, res: ServerResponse, upstream: URL, body?: Buffer): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const headers: Record<string, string | string[]> = {};
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const key = req.rawHeaders[i]!;
      const value = req.rawHeaders[i + 1]!;
      const prior = headers[key];
      headers[key] = prior === undefined ? value : ([] as string[]).concat(prior, value);
    }
    const out = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(res);
        answer.once('end', resolve);
        answer.once('error', reject);
      },
    );
    out.once('error', reject);
    if (body) out.end(body);
    else req.pipe(out);
  });
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseBody(body: Buffer): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body.toString('utf8') || '{}');
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': JSON_CONTENT_TYPE, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

// --- Amazon States Language: structural validation -------------------------------------------

/** One problem found in a definition, as AWS reports it. */
export interface AslDiagnostic {
  readonly severity: 'ERROR' | 'WARNING';
  readonly code: string;
  readonly message: string;
  readonly location?: string;
}

/** The ValidateStateMachineDefinition response body. */
export interface AslValidation {
  readonly result: 'OK' | 'FAIL';
  readonly diagnostics: AslDiagnostic[];
  readonly truncated: boolean;
}

const STATE_TYPES = new Set(['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map']);
const FLOW_TYPES = new Set(['Task', 'Pass', 'Wait', 'Parallel', 'Map']);
const MAX_STATE_NAME = 80;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function error(code: string, message: string, location?: string): AslDiagnostic {
  return location === undefined ? { severity: 'ERROR', code, message } : { severity: 'ERROR', code, message, location };
}

/**
 * Checks `definition` (the ASL JSON text) the way Step Functions would before creating a state
 * machine: parseable JSON, `StartAt` and `States` present, every state of a known type, every
 * transition (`Next`, `Default`, `Choices[].Next`, `Catch[].Next`, `StartAt`) naming a state of
 * the same scope, every state reachable, and a terminal state in every scope (top level,
 * `Parallel` branches, `Map` processors). Returns at most `maxResults` diagnostics.
 */
export function validateAslDefinition(definition: unknown, maxResults = 100): AslValidation {
  const diagnostics = collectDiagnostics(definition);
  const limit = Math.max(1, Math.min(maxResults, 100));
  return {
    result: diagnostics.some((d) => d.severity === 'ERROR') ? 'FAIL' : 'OK',
    diagnostics: diagnostics.slice(0, limit),
    truncated: diagnostics.length > limit,
  };
}

function collectDiagnostics(definition: unknown): AslDiagnostic[] {
  if (typeof definition !== 'string' || definition.trim() === '') {
    return [error('MISSING_DESCRIPTION', 'Received a null or empty workflow definition')];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(definition);
  } catch (err) {
    return [error('INVALID_JSON_DESCRIPTION', `Invalid JSON: ${(err as Error).message}`)];
  }
  const out: AslDiagnostic[] = [];
  checkScope(parsed, '', out);
  return out;
}

/** Validates one state machine scope (the top level, a Parallel branch or a Map processor). */
function checkScope(scope: unknown, at: string, out: AslDiagnostic[]): void {
  if (!isObject(scope)) {
    out.push(error('SCHEMA_VALIDATION_FAILED', 'A state machine must be a JSON object', at || '/'));
    return;
  }
  const states = scope['States'];
  const startAt = scope['StartAt'];
  if (!isObject(states) || Object.keys(states).length === 0) {
    out.push(
      error(
        'SCHEMA_VALIDATION_FAILED',
        "The field 'States' is required and must name at least one state",
        `${at}/States`,
      ),
    );
    return;
  }
  if (typeof startAt !== 'string') {
    out.push(
      error('SCHEMA_VALIDATION_FAILED', "The field 'StartAt' is required and must be a string", `${at}/StartAt`),
    );
    return;
  }
  if (!(startAt in states)) {
    out.push(error('MISSING_TRANSITION_TARGET', `Missing 'Next' target: ${startAt}`, `${at}/StartAt`));
  }
  const edges = new Map<string, string[]>();
  let hasTerminal = false;
  for (const [name, state] of Object.entries(states)) {
    const where = `${at}/States/${name}`;
    const targets: string[] = [];
    edges.set(name, targets);
    if (name.length === 0 || name.length > MAX_STATE_NAME) {
      out.push(error('INVALID_STATE_NAME', `State names must be 1 to ${MAX_STATE_NAME} characters long`, where));
    }
    if (checkState(state, where, targets, out)) hasTerminal = true;
    for (const target of targets) {
      if (!(target in states)) {
        out.push(error('MISSING_TRANSITION_TARGET', `Missing 'Next' target: ${target}`, where));
      }
    }
  }
  if (!hasTerminal) {
    out.push(error('MISSING_END_STATE', 'Workflow has no terminal state', at || undefined));
    return;
  }
  for (const name of unreachable(startAt, edges)) {
    out.push(error('MISSING_TRANSITION_TARGET', `State "${name}" is not reachable`, `${at}/States/${name}`));
  }
}

/** Validates one state; pushes its transition targets; returns whether it can end the scope. */
function checkState(state: unknown, where: string, targets: string[], out: AslDiagnostic[]): boolean {
  if (!isObject(state)) {
    out.push(error('SCHEMA_VALIDATION_FAILED', 'A state must be a JSON object', where));
    return false;
  }
  const type = state['Type'];
  if (typeof type !== 'string' || !STATE_TYPES.has(type)) {
    out.push(error('SCHEMA_VALIDATION_FAILED', `Unknown or missing state 'Type': ${String(type)}`, `${where}/Type`));
    return false;
  }
  const next = state['Next'];
  const end = state['End'] === true;
  if (typeof next === 'string') targets.push(next);
  collectCatchTargets(state, where, targets, out);
  if (FLOW_TYPES.has(type)) {
    if ((typeof next === 'string') === end) {
      out.push(error('SCHEMA_VALIDATION_FAILED', "A state must have exactly one of 'Next' or 'End': true", where));
    }
  } else if (next !== undefined || state['End'] !== undefined) {
    out.push(error('SCHEMA_VALIDATION_FAILED', `A ${type} state cannot have 'Next' or 'End'`, where));
  }
  if (type === 'Task' && typeof state['Resource'] !== 'string') {
    out.push(error('SCHEMA_VALIDATION_FAILED', "A Task state needs a 'Resource'", `${where}/Resource`));
  }
  if (type === 'Choice') collectChoiceTargets(state, where, targets, out);
  if (type === 'Parallel') {
    const branches = state['Branches'];
    if (!Array.isArray(branches) || branches.length === 0) {
      out.push(
        error(
          'SCHEMA_VALIDATION_FAILED',
          "A Parallel state needs at least one entry in 'Branches'",
          `${where}/Branches`,
        ),
      );
    } else {
      branches.forEach((branch, i) => checkScope(branch, `${where}/Branches/${i}`, out));
    }
  }
  if (type === 'Map') {
    const processor = state['ItemProcessor'] ?? state['Iterator'];
    const key = state['ItemProcessor'] !== undefined ? 'ItemProcessor' : 'Iterator';
    if (processor === undefined) {
      out.push(error('SCHEMA_VALIDATION_FAILED', "A Map state needs an 'ItemProcessor'", where));
    } else {
      checkScope(processor, `${where}/${key}`, out);
    }
  }
  return end || type === 'Succeed' || type === 'Fail';
}

function collectChoiceTargets(state: Json, where: string, targets: string[], out: AslDiagnostic[]): void {
  const choices = state['Choices'];
  if (!Array.isArray(choices) || choices.length === 0) {
    out.push(
      error('SCHEMA_VALIDATION_FAILED', "A Choice state needs at least one rule in 'Choices'", `${where}/Choices`),
    );
    return;
  }
  choices.forEach((rule, i) => {
    if (isObject(rule) && typeof rule['Next'] === 'string') targets.push(rule['Next']);
    else out.push(error('SCHEMA_VALIDATION_FAILED', "Every choice rule needs a 'Next'", `${where}/Choices/${i}`));
  });
  if (typeof state['Default'] === 'string') targets.push(state['Default']);
}

function collectCatchTargets(state: Json, where: string, targets: string[], out: AslDiagnostic[]): void {
  const catchers = state['Catch'];
  if (catchers === undefined) return;
  if (!Array.isArray(catchers)) {
    out.push(error('SCHEMA_VALIDATION_FAILED', "'Catch' must be an array", `${where}/Catch`));
    return;
  }
  catchers.forEach((catcher, i) => {
    if (isObject(catcher) && typeof catcher['Next'] === 'string') targets.push(catcher['Next']);
    else out.push(error('SCHEMA_VALIDATION_FAILED', "Every catcher needs a 'Next'", `${where}/Catch/${i}`));
  });
}

function unreachable(startAt: string, edges: Map<string, string[]>): string[] {
  const seen = new Set<string>();
  const queue = edges.has(startAt) ? [startAt] : [];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const target of edges.get(name) ?? []) if (edges.has(target)) queue.push(target);
  }
  return [...edges.keys()].filter((name) => !seen.has(name));
}
