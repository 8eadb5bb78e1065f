// The types every route shares: the request context, responses, and the typed API error.

import type { Authenticator } from '../auth/authenticator';
import type { Claims, Directory } from '../auth/directory';
import type { ComputeGateway } from '../gateway/computeGateway';
import type { SigningKeys } from '../gateway/signingKeys';
import type { Store } from '../store/types';

/** How a route's handler formats its errors in production (docs/sandbox.md, "Errors"). */
export type ErrorStyle =
  /** Account handlers: plain text `<HandlerName>: <message>`. */
  | 'account'
  /** Compute handlers: JSON `{"message":"<message>"}`. */
  | 'compute';

/** Production's `token_auth` and `token_workspace_auth`; `none`: a public route. */
export type AuthScheme = 'token' | 'workspace' | 'none';
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What the API needs from the provisioner: run the node's outstanding job, or stop it. */
export interface JobScheduler {
  /** Starts (or wakes) the worker for the node's job row; returns at once. */
  submit(nodeUuid: string): void;
  /** Aborts any Terraform run of the node (its job row has been removed or replaced). */
  cancel(nodeUuid: string): void;
}

export interface ApiSettings {
  /** Lower-case environment name: role names, table names, the node's `environment`. */
  readonly environment: string;
  /** The AWS account that assumes customer roles: trusted by the `/role-policy` template. */
  readonly provisionerAccountId: string;
}

/** Where clients sign in (`--auth cognito`): production's cognito-config, plus the emulator's endpoint. */
export interface CognitoSettings {
  readonly region: string;
  readonly poolId: string;
  readonly clientId: string;
  /** Sandbox-only: where Cognito answers (moto); absent for a real pool. */
  readonly endpoint?: string;
}

export interface ApiDeps {
  readonly store: Store;
  readonly directory: Directory;
  /** Bearer token → user (static tokens, or Cognito access tokens). */
  readonly authenticator: Authenticator;
  /** Set with `--auth cognito`. */
  readonly cognito?: CognitoSettings;
  readonly jobs: JobScheduler;
  /** What production reaches through the node's compute gateway (secrets, processors, LLM config). */
  readonly gateway: ComputeGateway;
  /** The interactive-session signing keys (`GET /interactive/jwks`). */
  readonly signingKeys: SigningKeys;
  readonly settings: ApiSettings;
  readonly now: () => Date;
}

export interface RequestContext {
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly rawBody: string;
  readonly claims: Claims;
  readonly deps: ApiDeps;
}

export interface ApiResponse {
  readonly status: number;
  /** A string is sent as plain text; anything else (except undefined) as JSON. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Route {
  readonly method: Method;
  /** Production's path template, e.g. `/accounts/{uuid}/workspaces`. */
  readonly path: string;
  /** Production's handler name; account handlers prefix their error text with it. */
  readonly handler: string;
  readonly style: ErrorStyle;
  readonly auth: AuthScheme;
  handle(ctx: RequestContext): Promise<ApiResponse>;
}

/**
 * A failed request. `shape: 'handler'` renders in the route's style; `'error'` renders
 * `{"error": message, ...extra}` (the few production paths that use that shape).
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
    readonly shape: 'handler' | 'error' = 'handler',
    readonly extra?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

export function json(status: number, body: unknown, headers?: Record<string, string>): ApiResponse {
  return { status, body, headers };
}

export function empty(status: number): ApiResponse {
  return { status };
}

/** The error messages production uses (internal/errors/errors.go). */
export const Msg = {
  unmarshaling: 'error unmarshaling body',
  dynamo: 'error performing action on DynamoDB table',
  noRecords: 'error no records found',
  recordExists: 'error records exists',
  notFound: 'not found',
  forbidden: 'forbidden',
  badRequest: 'bad request',
  accountNotFound: 'account not found',
  notAccountOwner: 'account does not belong to user',
  invalidStatus: 'invalid status value',
  missingAccountUuid: 'missing account uuid',
  missingWorkspaceId: 'missing workspace id',
  alreadyEnabled: 'account already enabled for workspace',
  enablementNotFound: 'workspace enablement not found',
  workspaceHasNodes:
    'cannot remove workspace access: active compute or storage nodes exist in this workspace. Remove them first before disabling workspace access',
  nodePending: 'cannot modify status of pending node',
  enableWhilePaused: 'cannot enable compute node while account is paused',
  onlyOwnerPermissions: 'only owner can change permissions',
  cannotRevokeOwner: 'cannot revoke access from owner',
  invalidScope: 'invalid access scope',
  missingUserId: 'missing user id',
  missingTeamId: 'missing team id',
  independentNotShared: 'organization-independent nodes cannot be shared',
  alreadyAttached: 'cannot attach node that already belongs to an organization',
  notEnabledForWorkspace: 'account is not enabled for this workspace',
  computeNotEnabled: 'compute is not enabled for this workspace on this account',
  ownerOnlyPrivate: 'only the account owner can create nodes on private accounts',
  adminsOnlyPublic: 'only workspace administrators can create nodes on public accounts',
  ownerOnlyDetach: 'only the account owner can detach nodes',
  organizationNotFound: 'organization not found',
  invalidOrganizationId: 'invalid organization ID format - expected format: N:organization:uuid',
  accountNotRegistered: 'account is not registered',
  tooManySecrets: 'too many secrets (max 50)',
  secretKeyTooLong: 'secret key exceeds max length (256)',
  secretValueTooLong: 'secret value exceeds max length (10000)',
  provisionerRequest: 'failed to communicate with provisioner',
  awsConfig: 'error loading AWS config',
  budgetNegative: 'budgetUsd must be non-negative',
  budgetPeriod: "budgetPeriod must be 'daily' or 'monthly'",
  llmBaa: 'LLM access in secure/compliant mode requires llmBaaAcknowledged: true (confirming an AWS BAA is in place)',
  // Sandbox additions (docs/sandbox-deviations.md).
  ownerOnlyIndependent: 'only the account owner can create organization-independent nodes',
  nodeDestroying: 'cannot modify a node that is being destroyed',
  accountFieldsRequired: 'accountId (12 digits) and roleName are required',
} as const;
