// The backend's one log: leveled lines on stderr. Callers pass facts, never tokens or credentials.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export interface Log {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

/** Formats an error for the log: its message (and stack at debug level), never its properties. */
function describe(err: unknown, withStack: boolean): string {
  if (err instanceof Error) return withStack && err.stack ? err.stack : `${err.name}: ${err.message}`;
  return String(err);
}

/** A log writing `<time> <LEVEL> <message>` lines through `write` (stderr by default). */
export function createLog(opts: { level?: LogLevel; write?: (line: string) => void } = {}): Log {
  const min = ORDER[opts.level ?? 'info'];
  const write = opts.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const emit = (level: LogLevel, message: string) => {
    if (ORDER[level] >= min) write(`${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${message}`);
  };
  return {
    debug: (m) => emit('debug', m),
    info: (m) => emit('info', m),
    warn: (m) => emit('warn', m),
    error: (m, err) => emit('error', err === undefined ? m : `${m}: ${describe(err, min === ORDER.debug)}`),
  };
}

/** A log that drops everything (tests that assert on behaviour, not on output). */
export const silentLog: Log = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
