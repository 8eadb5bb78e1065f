// What this session learned about each account's cross-account role: whether the connection was
// verified (AssumeRole with the external ID worked) and whether the live role differs from the
// latest template. Set by the commands that read the role (Register Existing Role, Verify
// Connection, Audit Deployed Role, Update Role to Latest Template), kept in memory only, cleared on
// sign-in and sign-out. No editor types here.

/** Unknown until a command found out; `differs` decides whether Update Role is offered. */
export interface RoleStatus {
  readonly verified?: boolean;
  readonly differs?: boolean;
}

type Listener = (accountUuid: string) => void;

/** The role status per account uuid, with a change event for the tree and the context key. */
export class RoleStatuses {
  private readonly byAccount = new Map<string, RoleStatus>();
  private readonly listeners = new Set<Listener>();

  /** The status of an account ({} when nothing is known). */
  get(accountUuid: string): RoleStatus {
    return this.byAccount.get(accountUuid) ?? {};
  }

  /** Merges what a command just learned; listeners hear of it only when something changed. */
  set(accountUuid: string, learned: RoleStatus): void {
    const before = this.get(accountUuid);
    const after = { ...before, ...learned };
    if (before.verified === after.verified && before.differs === after.differs) return;
    this.byAccount.set(accountUuid, after);
    for (const l of this.listeners) l(accountUuid);
  }

  /** True when some account's role is known to differ from the latest template. */
  anyDiffers(): boolean {
    return [...this.byAccount.values()].some((s) => s.differs === true);
  }

  /** Forgets everything (another session, another backend). */
  clear(): void {
    const uuids = [...this.byAccount.keys()];
    this.byAccount.clear();
    for (const uuid of uuids) for (const l of this.listeners) l(uuid);
  }

  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
}

/** The words the account row shows for its role status (none while nothing is known). */
export function roleStatusWords(status: RoleStatus): string[] {
  return [
    status.verified === true ? 'verified' : status.verified === false ? 'verification failed' : undefined,
    status.differs === true ? 'role differs from template' : undefined,
  ].filter((w): w is string => !!w);
}
