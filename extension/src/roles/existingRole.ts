// Registering a role someone else created: read the ARN, build what the language server checks
// (external IDs replaced by tokens, so no secret leaves the extension), and describe a refusal.
// No editor types here: the command (commands/existingRoleCommand.ts) and the tests share it.

import {
  EXTERNAL_ID_TOKENS,
  type CheckExistingRoleParams,
  type CheckExistingRoleResult,
} from '../../../shared/roleProtocol';
import type { RolePolicy } from '../api/accounts';
import { liveRoleDocument, registeredTemplateDocument } from '../audit/roleDocuments';
import type { LiveRole } from '../aws/crossAccountRole';

type Json = Record<string, unknown>;

/** A role ARN's parts. */
export interface RoleArn {
  readonly partition: string;
  readonly accountId: string;
  /** `/` or `/path/`. */
  readonly path: string;
  readonly roleName: string;
}

const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role(\/(?:[\x21-\x7e]+\/)?)([\w+=,.@-]{1,64})$/;

/** The ARN's parts, or why it is not a role ARN (for the input box). */
export function parseRoleArn(text: string): RoleArn | string {
  const t = text.trim();
  if (!t) return 'Enter the ARN of the role, e.g. arn:aws:iam::123456789012:role/Pennsieve-Compute-prod';
  const m = ROLE_ARN.exec(t);
  if (!m) {
    if (/^arn:[^:]*:iam::\d{12}:user\//.test(t)) return 'This is a user ARN: enter the ARN of the role';
    if (!/^arn:/.test(t)) return 'A role ARN starts with arn:aws:iam::';
    return 'Not a role ARN: arn:aws:iam::<12-digit account>:role/<name>';
  }
  return { partition: m[1]!, accountId: m[2]!, path: m[3]!, roleName: m[4]! };
}

/** Each sts:ExternalId value of the trust becomes a token: the entered one `matches`, any other `other`. */
export function tokenizeExternalIds(trust: Json, entered: string): Json {
  const copy = structuredClone(trust);
  const list = Array.isArray(copy.Statement) ? copy.Statement : [copy.Statement];
  for (const st of list) {
    const cond = (st as Json | undefined)?.Condition as Json | undefined;
    for (const block of Object.values(cond ?? {})) {
      if (typeof block !== 'object' || block === null) continue;
      const b = block as Json;
      for (const key of Object.keys(b)) {
        if (key.toLowerCase() !== 'sts:externalid') continue;
        const token = (v: unknown) => (v === entered ? EXTERNAL_ID_TOKENS.matches : EXTERNAL_ID_TOKENS.other);
        b[key] = Array.isArray(b[key]) ? (b[key] as unknown[]).map(token) : token(b[key]);
      }
    }
  }
  return copy;
}

/** The request for pennsieve/checkExistingRole: the live role and the template, tokens in place of IDs. */
export function existingRoleParams(
  uri: string,
  live: LiveRole,
  policy: RolePolicy,
  entered: string,
  folderUri?: string,
): CheckExistingRoleParams {
  return {
    uri,
    text: liveRoleDocument(live, tokenizeExternalIds(live.trustPolicy, entered)),
    template: registeredTemplateDocument(policy, { roleName: live.roleName }),
    ...(folderUri ? { folderUri } : {}),
  };
}

/** The first counterexample of the live role, in words (principal, action, resource). */
export function firstCounterexample(result: CheckExistingRoleResult): string | undefined {
  for (const subject of result.audit.live.guarantees) {
    for (const g of subject.guarantees) {
      const c = g.counterexample;
      if (g.verdict === 'counterexample' && c)
        return `${g.ruleId} ${g.title}: ${c.principal} can call ${c.action} on ${c.resource}`;
    }
  }
  return undefined;
}
