// The one error type the engine and CLI throw on purpose: a user-safe message and a code.

export type GuardErrorCode = 'usage' | 'internal' | 'io';

export class GuardError extends Error {
  constructor(
    message: string,
    readonly code: GuardErrorCode,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'GuardError';
  }
}
