// The run registry: every Terraform command's process group, recorded in `<data>/runs/` while it
// runs. Terraform deliberately outlives a backend that is killed (it writes to files, not pipes),
// so the next backend on this host reads the records of dead owners and ends those runs
// gracefully (SIGINT: Terraform stops and saves its state; SIGKILL to the group after a grace
// period) before it resumes their jobs.

import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { CANCEL_GRACE_MS, killGroup, type ProcessHooks } from './terraformCli';

/** One Terraform command in flight, as written to `<data>/runs/<node uuid>.json`. */
export interface RunRecord {
  readonly host: string;
  /** The backend process that started it. */
  readonly owner: number;
  readonly worker: string;
  readonly nodeUuid: string;
  readonly workDir: string;
  /** The command's process group (= the terraform process id); absent until it has started. */
  readonly pgid?: number;
  readonly command: string;
  readonly startedAt: string;
  /** `provider`: a provider server of ./providerPool.ts (no state of its own: killed at once). */
  readonly kind?: 'terraform' | 'provider';
}

/** `host:pid:nonce`: names the worker that holds a job's lease. */
export function createWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/** True when `pid` names a running process (on this host). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True for a worker of another process on this host that is no longer running. */
export function isDeadLocalWorker(worker: string | undefined): boolean {
  const [host, pid] = (worker ?? '').split(':');
  const n = Number(pid);
  return host === hostname() && Number.isInteger(n) && n > 0 && n !== process.pid && !isAlive(n);
}

/** Processes of process group `pgid` working in `workDir` (Linux /proc; elsewhere, the leader alone). */
function groupMembers(pgid: number, workDir: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return isAlive(pgid) ? [pgid] : [];
  }
  return entries.map(Number).filter((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const group = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      return group === pgid && readlinkSync(`/proc/${pid}/cwd`).startsWith(workDir);
    } catch {
      return false;
    }
  });
}

/** Terraform processes whose working directory is `workDir` (Linux /proc; elsewhere none are seen). */
function terraformIn(workDir: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  return entries.map(Number).filter((pid) => {
    try {
      return (
        readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'terraform' &&
        readlinkSync(`/proc/${pid}/cwd`) === resolve(workDir)
      );
    } catch {
      return false;
    }
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Ends a run: SIGINT to terraform, then SIGKILL to its group once the grace period is over. */
async function endRun(record: RunRecord, graceMs: number): Promise<boolean> {
  const pgid = record.pgid;
  if (pgid === undefined || groupMembers(pgid, record.workDir).length === 0) return false;
  try {
    process.kill(pgid, record.kind === 'provider' ? 'SIGKILL' : 'SIGINT');
  } catch {
    // the leader is gone; its group is killed below
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && groupMembers(pgid, record.workDir).length > 0) await sleep(250);
  killGroup(pgid);
  return true;
}

/** Records this process's runs and ends the runs dead backends left behind. */
export class RunRegistry {
  private readonly dir: string;

  constructor(
    dataDir: string,
    private readonly worker: string,
    private readonly graceMs = CANCEL_GRACE_MS,
  ) {
    this.dir = join(dataDir, 'runs');
  }

  /**
   * Hooks that record the commands of one node's run while they run (`key`: the node uuid), or a
   * provider server's process (`kind: 'provider'`, key `provider-<n>`).
   */
  hooksFor(key: string, workDir: string, kind: RunRecord['kind'] = 'terraform'): ProcessHooks {
    const base = { host: hostname(), owner: process.pid, worker: this.worker, nodeUuid: key, workDir, kind };
    return {
      spawned: (pgid, args) =>
        this.write({ ...base, pgid, command: args[0] ?? '', startedAt: new Date().toISOString() }),
      exited: () => rmSync(this.file(key), { force: true }),
    };
  }

  /**
   * Ends every recorded run on this host whose backend is gone; how many were still running.
   * Terraform commands first (they finish their in-flight calls through their provider server
   * and save their state), then the provider servers.
   */
  async endOrphans(nodeUuid?: string): Promise<number> {
    const orphans = this.records(nodeUuid).filter((r) => this.isOrphan(r));
    const commands = await Promise.all(orphans.filter((r) => r.kind !== 'provider').map((r) => this.end(r)));
    const servers = nodeUuid
      ? []
      : await Promise.all(orphans.filter((r) => r.kind === 'provider').map((r) => this.end(r)));
    return [...commands, ...servers].filter(Boolean).length;
  }

  /**
   * Waits until no Terraform process on this host works in `workDir` (a runner that lost the
   * job's lease stops its run; a run of a dead backend is being ended), at most `timeoutMs`.
   * True when quiet. Across hosts, Terraform's state lock is what keeps runs apart.
   */
  async waitForQuiet(workDir: string, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (terraformIn(workDir).length > 0) {
      if (Date.now() >= deadline) return false;
      await sleep(250);
    }
    return true;
  }

  private async end(record: RunRecord): Promise<boolean> {
    const wasRunning = await endRun(record, this.graceMs);
    rmSync(this.file(record.nodeUuid), { force: true });
    return wasRunning;
  }

  private isOrphan(r: RunRecord): boolean {
    return r.host === hostname() && r.owner !== process.pid && !isAlive(r.owner);
  }

  private records(nodeUuid?: string): RunRecord[] {
    let names: string[];
    try {
      names = readdirSync(this.dir).filter((n) => n.endsWith('.json') && (!nodeUuid || n === `${nodeUuid}.json`));
    } catch {
      return [];
    }
    return names.flatMap((n) => {
      try {
        return [JSON.parse(readFileSync(join(this.dir, n), 'utf8')) as RunRecord];
      } catch {
        return [];
      }
    });
  }

  private write(record: RunRecord): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    writeFileSync(this.file(record.nodeUuid), JSON.stringify(record), { mode: 0o600 });
  }

  private file(nodeUuid: string): string {
    return join(this.dir, `${nodeUuid}.json`);
  }
}
