// What each tree item may do, as contextValue capability words matched by package.json `when`
// clauses (`viewItem =~ /\bcanDelete\b/`), and how a status looks. No editor types here.

import type { NodePermissions } from '../api/accessGrants';
import type { Account } from '../api/accounts';
import type { ComputeNode } from '../api/computeNodes';
import { stageText } from './progressText';
import type { RoleStatus } from './roleStatus';

/** Codicon id and theme color id for a node status. */
export interface StatusLook {
  readonly icon: string;
  readonly color?: string;
  readonly label: string;
}

const LOOKS: Readonly<Record<string, StatusLook>> = {
  Pending: { icon: 'loading~spin', color: 'charts.yellow', label: 'Pending (provisioning)' },
  Enabled: { icon: 'pass-filled', color: 'testing.iconPassed', label: 'Enabled' },
  Paused: { icon: 'debug-pause', color: 'charts.orange', label: 'Paused' },
  Failed: { icon: 'error', color: 'testing.iconFailed', label: 'Failed' },
  Destroying: { icon: 'trash', color: 'charts.red', label: 'Destroying' },
};

export function statusLook(status: string): StatusLook {
  return LOOKS[status] ?? { icon: 'question', label: status || 'Unknown' };
}

export function isIndependent(node: ComputeNode): boolean {
  return !node.organizationId || node.organizationId === 'INDEPENDENT';
}

function words(...parts: (string | false | undefined)[]): string {
  return parts.filter(Boolean).join(' ');
}

/**
 * `account` plus what the account allows now. Revoking needs an account without nodes; updating
 * the role is offered only once this session saw the live role differ from the latest template.
 */
export function accountContextValue(account: Account, nodeCount: number, role: RoleStatus = {}): string {
  return words(
    'account',
    'canCreateNode',
    'canEnableWorkspace',
    'canVerify',
    'canAudit',
    'canExport',
    role.differs === true && 'canUpdateRole',
    nodeCount === 0 && 'canRevoke',
    account.status === 'Paused' && 'paused',
  );
}

/**
 * `computeNode` plus the actions the node's state allows (the API checks ownership itself).
 * Revoking a share is offered only once the node's access is loaded and shows a share.
 */
export function computeNodeContextValue(node: ComputeNode, permissions?: NodePermissions): string {
  const s = node.status;
  const busy = s === 'Pending' || s === 'Destroying';
  const independent = isIndependent(node);
  return words(
    'computeNode',
    `status${s}`,
    s !== 'Destroying' && 'canDelete',
    (s === 'Enabled' || s === 'Failed') && 'canPause',
    s === 'Paused' && 'canResume',
    !busy && !independent && 'canSetScope',
    !busy && !independent && 'canGrant',
    !busy &&
      !!permissions &&
      permissions.sharedWithUsers.length + permissions.sharedWithTeams.length > 0 &&
      'canRevokeShare',
    !busy && independent && 'canAttach',
    !busy && !independent && 'canDetach',
  );
}

/** Short description beside a node's name: status (with the sandbox's stage while it has one) and deployment mode. */
export function computeNodeDescription(node: ComputeNode): string {
  const stage = stageText(node);
  const status = stage ? `${node.status}: ${stage}` : statusLook(node.status).label;
  return [status, node.deploymentMode].filter(Boolean).join(' · ');
}

export type AccessRowKind = 'scope' | 'owner' | 'user' | 'team' | 'organization';

export interface AccessRow {
  readonly kind: AccessRowKind;
  /** The scope, or the user/team/organization node id ("" for no organization). */
  readonly value: string;
  /** Capability words for the row. */
  readonly context: string;
}

/** The rows for a node's permissions, in display order. No editor types. */
export function accessRows(node: ComputeNode, p: NodePermissions): AccessRow[] {
  const independent = isIndependent(node);
  const busy = node.status === 'Pending' || node.status === 'Destroying';
  const org = p.organizationId || node.organizationId || '';
  return [
    { kind: 'scope', value: p.accessScope, context: `accessScope${!independent && !busy ? ' canSetScope' : ''}` },
    { kind: 'owner', value: p.owner, context: 'accessOwner' },
    ...p.sharedWithUsers.map((u) => ({ kind: 'user' as const, value: u, context: 'accessUser canRevoke' })),
    ...p.sharedWithTeams.map((t) => ({ kind: 'team' as const, value: t, context: 'accessTeam canRevoke' })),
    {
      kind: 'organization',
      value: independent ? '' : org,
      context: `accessOrganization${busy ? '' : independent ? ' canAttach' : ' canDetach'}`,
    },
  ];
}
