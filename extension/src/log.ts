// The extension's one log: a LogOutputChannel with levels; errors are formatted with their
// causes and reveal the channel. Never pass tokens, headers or whole responses to it.

import * as vscode from 'vscode';

/** The channel's name in the Output view; the language client writes to the same channel. */
export const LOG_CHANNEL_NAME = 'Pennsieve Compute';

export class Log implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;

  constructor(channel?: vscode.LogOutputChannel) {
    this.channel = channel ?? vscode.window.createOutputChannel(LOG_CHANNEL_NAME, { log: true });
  }

  trace(message: string): void {
    this.channel.trace(message);
  }

  debug(message: string): void {
    this.channel.debug(message);
  }

  info(message: string): void {
    this.channel.info(message);
  }

  warn(message: string): void {
    this.channel.warn(message);
  }

  /** Logs `message` with the error's chain of causes and shows the channel without taking focus. */
  error(message: string, err?: unknown, options: { reveal?: boolean } = {}): void {
    this.channel.error(err === undefined ? message : `${message}\n${describeError(err)}`);
    if (options.reveal ?? true) this.channel.show(true);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}

/** `Name: message` for the error and each of its causes, one per line (no stack for API errors). */
export function describeError(err: unknown): string {
  const parts: string[] = [];
  let cur: unknown = err;
  for (let depth = 0; cur !== undefined && cur !== null && depth < 5; depth++) {
    if (cur instanceof Error) {
      const where = (cur as { request?: { method: string; path: string; status?: number } }).request;
      const req = where ? ` [${where.method} ${where.path}${where.status ? ` → ${where.status}` : ''}]` : '';
      parts.push(`${depth ? 'caused by ' : ''}${cur.name}: ${cur.message}${req}`);
      cur = cur.cause;
    } else {
      parts.push(`${depth ? 'caused by ' : ''}${String(cur)}`);
      break;
    }
  }
  return parts.join('\n');
}
