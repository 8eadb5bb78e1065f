// Production's rules for secrets (put_secrets_handler.go, secrets_helpers.go): at most 50 per
// request, keys ≤ 256 bytes matching [A-Za-z_][A-Za-z0-9_]*, values ≤ 10000 bytes, and no name the
// system itself passes to processors. Error messages name keys, never values.

import { ApiError, Msg } from './http';

export const MAX_SECRETS = 50;
export const MAX_SECRET_KEY_BYTES = 256;
export const MAX_SECRET_VALUE_BYTES = 10_000;

const KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Names processors receive from the platform (ECS environment and Lambda payload keys). */
export const RESERVED_SECRET_KEYS: ReadonlySet<string> = new Set([
  'EXECUTION_RUN_ID',
  'WORKFLOW_INSTANCE_ID',
  'INTEGRATION_ID',
  'INPUT_DIR',
  'OUTPUT_DIR',
  'SESSION_TOKEN',
  'REFRESH_TOKEN',
  'PENNSIEVE_API_HOST',
  'PENNSIEVE_API_HOST2',
  'DEPLOYMENT_MODE',
  'LLM_GOVERNOR_FUNCTION',
  'DATASET_ID',
  'ORGANIZATION_ID',
  'TARGET_TYPE',
  'CALLBACK_TOKEN',
  'executionRunId',
  'integrationId',
  'computeNodeId',
  'inputDir',
  'outputDir',
  'sessionToken',
  'refreshToken',
  'datasetId',
  'organizationId',
  'targetType',
  'callbackToken',
  'llmGovernorFunction',
  'params',
]);

/** Go's %q of a key (keys that pass the length check are short; JSON quoting matches for printable text). */
const quoted = (key: string) => JSON.stringify(key);

/**
 * The `secrets` object of a PATCH body, decoded as Go does (`{"secrets": map[string]string}`, key
 * matched case-insensitively): a non-object or a non-string value is an unmarshaling error.
 */
export function decodeSecrets(raw: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ApiError(400, Msg.unmarshaling);
  }
  if (parsed === null) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new ApiError(400, Msg.unmarshaling);
  const field = Object.keys(parsed).find((k) => k.toLowerCase() === 'secrets');
  const secrets: unknown = field === undefined ? null : (parsed as Record<string, unknown>)[field];
  if (secrets === null) return {};
  if (typeof secrets !== 'object' || Array.isArray(secrets)) throw new ApiError(400, Msg.unmarshaling);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(secrets as Record<string, unknown>)) {
    if (typeof v !== 'string') throw new ApiError(400, Msg.unmarshaling);
    out[k] = v;
  }
  return out;
}

/** Production's checks in its order: empty, count, key and value lengths, then key names. */
export function validateSecrets(secrets: Readonly<Record<string, string>>): void {
  const entries = Object.entries(secrets);
  if (entries.length === 0) throw new ApiError(400, Msg.badRequest);
  if (entries.length > MAX_SECRETS) throw new ApiError(400, Msg.tooManySecrets);
  for (const [k, v] of entries) {
    if (Buffer.byteLength(k) > MAX_SECRET_KEY_BYTES) throw new ApiError(400, Msg.secretKeyTooLong);
    if (Buffer.byteLength(v) > MAX_SECRET_VALUE_BYTES) throw new ApiError(400, Msg.secretValueTooLong);
  }
  for (const [k] of entries) {
    if (!KEY_PATTERN.test(k))
      throw new ApiError(400, `invalid secret key ${quoted(k)}: must match [A-Za-z_][A-Za-z0-9_]*`);
    if (RESERVED_SECRET_KEYS.has(k))
      throw new ApiError(400, `reserved secret key ${quoted(k)}: this name is used by the system`);
  }
}
