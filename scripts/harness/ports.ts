// Loopback ports: a free one, whether one is free, and who holds a taken one (from /proc).

import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { commandOf, listPids } from './procfs';

/** A loopback TCP port that was free a moment ago. */
export function getFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

/** True when nothing listens on 127.0.0.1:`port` (we could bind it a moment ago). */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The inodes of the sockets listening on TCP `port` (any address), from /proc/net/tcp{,6}. */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || f[3] !== '0A') continue; // 0A: LISTEN
      if (parseInt(f[1]!.split(':').pop()!, 16) === port) inodes.add(f[9]!);
    }
  }
  return inodes;
}

/** True when one of `pid`'s open files is a socket in `inodes`. */
function holdsSocket(pid: number, inodes: Set<string>): boolean {
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return false;
  }
  return fds.some((fd) => {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      return m !== null && inodes.has(m[1]!);
    } catch {
      return false;
    }
  });
}

/**
 * Who listens on TCP `port` (any address), from /proc: the socket's inode, then the process
 * holding it. Undefined when nobody does; `{}` when we may not look (another user's process).
 */
export function portHolder(port: number): { pid?: number; command?: string } | undefined {
  const inodes = listeningInodes(port);
  if (!inodes.size) return undefined;
  const pid = listPids().find((p) => holdsSocket(p, inodes));
  return pid === undefined ? {} : { pid, command: commandOf(pid) };
}

/** " (held by pid 123: node …)" or "" — for messages about a taken port. */
export function describeHolder(port: number): string {
  const holder = portHolder(port);
  if (!holder) return '';
  return holder.pid ? ` (held by pid ${holder.pid}: ${holder.command})` : ' (held by a process we cannot inspect)';
}
