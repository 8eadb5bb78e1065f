// The edge where commands fail: one clear message for the user, details in the log.

import * as vscode from 'vscode';
import { ApiError } from '../api/client';
import type { Log } from '../log';

/** The user dismissed a prompt: not an error, nothing to show. */
export class UserCancelled extends Error {
  override readonly name = 'UserCancelled';
  constructor() {
    super('cancelled');
  }
}

/** An error whose message is already the sentence to show (AWS failures, refusals). */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
}

/** Throws UserCancelled when a prompt returned undefined. */
export function required<T>(value: T | undefined): T {
  if (value === undefined) throw new UserCancelled();
  return value;
}

function isCancellation(err: unknown): boolean {
  return (
    err instanceof UserCancelled ||
    (err instanceof ApiError && err.kind === 'cancelled') ||
    (err as Error)?.name === 'AbortError'
  );
}

/** The one sentence shown for `err`. */
export function userMessage(title: string, err: unknown): string {
  if (err instanceof ApiError || err instanceof UserFacingError) return err.message;
  const text = err instanceof Error ? err.message : String(err);
  return `${title} failed: ${text}`;
}

/** Logs the failure and shows one error message with a "Show Log" button. */
export function reportError(log: Log, title: string, err: unknown): void {
  if (isCancellation(err)) {
    log.debug(`${title}: cancelled`);
    return;
  }
  log.error(`${title} failed`, err, { reveal: false });
  void vscode.window.showErrorMessage(userMessage(title, err), 'Show Log').then((choice) => {
    if (choice) log.show();
  });
}

/** Registers `id` so that any failure ends in reportError (the command itself never throws). */
export function registerCommand(
  log: Log,
  id: string,
  title: string,
  run: (...args: unknown[]) => unknown,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await run(...args);
    } catch (err) {
      reportError(log, title, err);
      return undefined;
    }
  });
}
