// How the server reaches its client. Node IPC, sockets and pipes go through vscode-languageserver's
// own argument handling; stdio gets a reader we can watch, because vscode-jsonrpc drops framing
// errors silently and a desynchronised stream would leave the server deaf but running, and
// framing checked before it reads (framing.ts), because it would wait forever on a huge length.

import { EditInbox } from './editInbox';
import { FramingGuard } from './framing';
import {
  createConnection,
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type Connection,
} from 'vscode-languageserver/node';

/** The connection plus what the transport must learn from the server. */
export interface ServerTransport {
  readonly connection: Connection;
  /** Call when the client sent `shutdown`: closing stdin afterwards is a clean exit (code 0). */
  readonly shutdownRequested: () => void;
  /** Edits received ahead of their dispatch (stdio and node-ipc; sockets and pipes have none). */
  readonly inbox?: EditInbox;
}

/** A connection for `--stdio`, `--node-ipc`, `--socket=N` or `--pipe=NAME`. */
export function createServerTransport(argv: readonly string[] = process.argv): ServerTransport {
  const inbox = new EditInbox();
  if (argv.includes('--node-ipc')) {
    const ipc = createConnection(
      ProposedFeatures.all,
      inbox.wrap(new IPCMessageReader(process)),
      new IPCMessageWriter(process),
    );
    return { connection: ipc, shutdownRequested: () => undefined, inbox };
  }
  if (!argv.includes('--stdio'))
    return { connection: createConnection(ProposedFeatures.all), shutdownRequested: () => undefined };
  let shutdown = false;
  // The framing is checked first: a huge or malformed Content-Length ends the connection.
  const reader = new StreamMessageReader(process.stdin.pipe(new FramingGuard()));
  const writer = new StreamMessageWriter(process.stdout);
  const connection = createConnection(ProposedFeatures.all, inbox.wrap(reader), writer);
  reader.onError((err) => {
    if (err instanceof SyntaxError) {
      // The frame was intact, only its JSON was not: the next message still parses.
      connection.console.error(`Dropped a message that is not JSON: ${err.message}`);
      return;
    }
    process.stderr.write(`pennsieve-guard: the LSP stream on stdin is unreadable, exiting: ${err.message}\n`);
    process.exit(1);
  });
  reader.onClose(() => process.exit(shutdown ? 0 : 1));
  routeConsole(connection);
  return { connection, shutdownRequested: () => (shutdown = true), inbox };
}

/** console.* would write into the protocol stream on stdout: send it to the client's log instead. */
function routeConsole(connection: Connection): void {
  const text = (args: unknown[]) =>
    args
      .map((a) => (typeof a === 'string' ? a : a instanceof Error ? (a.stack ?? a.message) : JSON.stringify(a)))
      .join(' ');
  console.log = (...args: unknown[]) => connection.console.log(text(args));
  console.info = (...args: unknown[]) => connection.console.info(text(args));
  console.warn = (...args: unknown[]) => connection.console.warn(text(args));
  console.error = (...args: unknown[]) => connection.console.error(text(args));
  console.debug = (...args: unknown[]) => connection.console.log(text(args));
}
