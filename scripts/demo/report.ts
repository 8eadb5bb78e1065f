// What `npm start` prints: one line per step, notes and warnings, and errors a user can act on.

/** A failure with a message meant for the user as it is (no stack trace). */
export class DemoError extends Error {}

export interface Reporter {
  step(message: string): void;
  note(message: string): void;
  warn(message: string): void;
  /** Free text, printed as is (the ready banner). */
  print(text: string): void;
  bold(text: string): string;
}

export function consoleReporter(stream: NodeJS.WriteStream = process.stdout): Reporter {
  const tty = stream.isTTY === true && !process.env.NO_COLOR;
  const style = (code: string, text: string) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);
  const started = Date.now();
  const stamp = () => style('2', `[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s]`);
  return {
    step: (m) => stream.write(`demo ${stamp()} ${m}\n`),
    note: (m) => stream.write(`demo ${stamp()} note: ${m}\n`),
    warn: (m) => stream.write(`demo ${stamp()} ${style('33', 'warning:')} ${m}\n`),
    print: (t) => stream.write(t),
    bold: (t) => style('1', t),
  };
}
