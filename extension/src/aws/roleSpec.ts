// Names and limits of the cross-account role, shared by the AWS calls and the templates
// (kept apart from the AWS SDK so importing them costs nothing).

/** The session limit the Pennsieve agent gives the role: the agent passes 7200 to CreateRole (docs/extension.md). */
export const MAX_SESSION_SECONDS = 7200;

/** The inline policy's name, as the Pennsieve agent writes it. */
export function inlinePolicyName(roleName: string): string {
  return `POLICY-${roleName}`;
}

/** The tag the guarantee profile requires on every role it checks; this role belongs to no node. */
export const ROLE_TAG = { key: 'pennsieve:compute-node', value: 'cross-account-role' } as const;
