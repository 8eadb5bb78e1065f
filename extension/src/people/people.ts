// Names for the ids the compute API returns: the caller, their workspaces, and each workspace's
// members and teams, from Pennsieve's main API. A failed or forbidden lookup only means fewer
// names: an id without a name is shown as the id, never as an error. No editor types here.

import type {
  DirectoryApi,
  DirectoryOrganization,
  DirectoryUser,
  ExpandedOrganization,
  TeamEntry,
} from '../api/directory';

/** Where lookups that fail are noted (once each). */
export interface PeopleLog {
  debug(message: string): void;
  warn(message: string): void;
}

/** "First Last", else the email, else undefined. */
export function displayNameOf(u: Pick<DirectoryUser, 'firstName' | 'lastName' | 'email'>): string | undefined {
  const full = [u.firstName, u.lastName]
    .map((s) => s?.trim())
    .filter(Boolean)
    .join(' ');
  return full || u.email?.trim() || undefined;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  return p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

/** The directory as far as the caller may see it, cached until reset (sign-in, refresh). */
export class People {
  private me: DirectoryUser | undefined;
  private readonly users = new Map<string, DirectoryUser>();
  private readonly orgs = new Map<string, ExpandedOrganization>();
  private readonly teams = new Map<string, TeamEntry>();
  private readonly membersByOrg = new Map<string, Promise<DirectoryUser[] | undefined>>();
  private readonly teamsByOrg = new Map<string, Promise<TeamEntry[] | undefined>>();
  private loading: Promise<void> | undefined;
  private generation = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly api: DirectoryApi,
    private readonly log: PeopleLog,
  ) {}

  /** Loads the caller, their workspaces and every workspace's members and teams; never rejects. */
  load(): Promise<void> {
    this.loading ??= this.fetchAll(this.generation);
    return this.loading;
  }

  /** Forgets everything (another user signed in, or the user asked for a refresh). */
  reset(): void {
    this.generation++;
    this.loading = undefined;
    this.me = undefined;
    for (const map of [this.users, this.orgs, this.teams, this.membersByOrg, this.teamsByOrg]) map.clear();
  }

  /** Called when names arrive. */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  get currentUser(): DirectoryUser | undefined {
    return this.me;
  }

  /** The caller's workspaces, by name. */
  organizations(): DirectoryOrganization[] {
    return [...this.orgs.values()]
      .map((o) => o.organization)
      .sort((a, b) => this.orgLabel(a.id).localeCompare(this.orgLabel(b.id)));
  }

  userName(id: string | undefined): string | undefined {
    const u = id ? this.users.get(id) : undefined;
    return u && displayNameOf(u);
  }

  /** A user's name, or the id itself. */
  userLabel(id: string): string {
    return this.userName(id) ?? id;
  }

  userEmail(id: string): string | undefined {
    return this.users.get(id)?.email || undefined;
  }

  teamName(id: string | undefined): string | undefined {
    return (id && this.teams.get(id)?.team.name) || undefined;
  }

  teamLabel(id: string): string {
    return this.teamName(id) ?? id;
  }

  orgName(id: string | undefined): string | undefined {
    return (id && this.orgs.get(id)?.organization.name) || undefined;
  }

  orgLabel(id: string): string {
    return this.orgName(id) ?? id;
  }

  /** A workspace's members (cached); undefined when the API would not list them. */
  members(orgId: string): Promise<DirectoryUser[] | undefined> {
    let p = this.membersByOrg.get(orgId);
    if (!p) {
      p = this.lookup(`the members of ${orgId}`, this.api.fetchMembers(orgId), (list) =>
        list.forEach((u) => this.users.set(u.id, u)),
      );
      this.membersByOrg.set(orgId, p);
    }
    return p;
  }

  /** A workspace's teams (cached); undefined when the API would not list them. */
  teamsOf(orgId: string): Promise<TeamEntry[] | undefined> {
    let p = this.teamsByOrg.get(orgId);
    if (!p) {
      p = this.lookup(`the teams of ${orgId}`, this.api.fetchTeams(orgId), (list) =>
        list.forEach((t) => this.teams.set(t.team.id, t)),
      );
      this.teamsByOrg.set(orgId, p);
    }
    return p;
  }

  private async lookup<T>(what: string, request: Promise<T>, keep: (value: T) => void): Promise<T | undefined> {
    const gen = this.generation;
    const r = await settle(request);
    if (gen !== this.generation) return undefined;
    if (!r.ok) {
      this.log.debug(`No names for ${what}: ${(r.error as Error)?.message ?? String(r.error)}`);
      return undefined;
    }
    keep(r.value);
    return r.value;
  }

  private async fetchAll(gen: number): Promise<void> {
    const [me, orgs] = await Promise.all([settle(this.api.fetchCurrentUser()), settle(this.api.fetchOrganizations())]);
    if (gen !== this.generation) return;
    if (me.ok) {
      this.me = me.value;
      this.users.set(me.value.id, me.value);
    } else this.log.warn(`Names unavailable: GET /user failed: ${(me.error as Error)?.message ?? String(me.error)}`);
    if (orgs.ok) for (const o of orgs.value) this.orgs.set(o.organization.id, o);
    else
      this.log.warn(
        `Workspace names unavailable: GET /organizations failed: ${(orgs.error as Error)?.message ?? String(orgs.error)}`,
      );
    await Promise.all([...this.orgs.keys()].flatMap((id) => [this.members(id), this.teamsOf(id)]));
    if (gen === this.generation) for (const l of this.listeners) l();
  }
}
