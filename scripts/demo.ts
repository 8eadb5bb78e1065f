// `npm start` (through scripts/demo.sh): moto, the sandbox backend and VS Code (code-server) with
// the Pennsieve Compute extension installed and signed in, on a sample workspace; prints the URL
// and keeps everything running until Ctrl-C (or SIGTERM), then stops all of it. See docs/demo.md.

import { relative, resolve } from 'node:path';
import { DEMO_PROFILE } from './demo/aws';
import { Demo, dataLayout, type RunningDemo } from './demo/orchestrator';
import { parseDemoArgs, USAGE, UsageError, type DemoOptions } from './demo/options';
import { consoleReporter, DemoError, type Reporter } from './demo/report';
import { VIOLATION_FILE, VIOLATION_RULE } from './demo/workspace';

const REPO_ROOT = resolve(__dirname, '..');

function banner(d: RunningDemo, report: Reporter): string {
  const rel = (p: string) => {
    const r = relative(process.cwd(), p);
    return r && !r.startsWith('..') ? r : p;
  };
  const layout = dataLayout(d.dataDir);
  return [
    '',
    report.bold(`Pennsieve Compute demo is ready (${(d.startMs / 1000).toFixed(1)} s)`),
    '',
    `  Open  ${report.bold(d.editorUrl)}   in your browser (VS Code, signed in to the sandbox)`,
    '',
    '  Then try:',
    `    1. ${VIOLATION_FILE} breaks one guarantee on purpose: see ${VIOLATION_RULE} in the Problems panel`,
    '       (Ctrl+Shift+M) and fix it with the quick fix (Ctrl+.).',
    `    2. The Pennsieve Compute view (activity bar): signed in as ${d.user.name}, AWS account`,
    `       ${d.account.accountId} ("${d.account.name}") registered${d.organization ? ` for workspace ${d.organization}` : ''}.`,
    '    3. Create a compute node (+ in the view title), watch it go Pending → Enabled (up to 2 min of',
    '       Terraform into moto), then delete it.',
    '  The README.md of the workspace says the same.',
    '',
    `  Sandbox API   ${d.apiUrl}   (alice's token: ${rel(layout.tokenFile)}; all users: ${rel(`${layout.sandbox}/identities.yaml`)})`,
    `  moto (AWS)    ${d.awsEndpoint}   (profile ${DEMO_PROFILE}: AWS_CONFIG_FILE=${rel(`${layout.aws}/config`)})`,
    `  Data, logs    ${rel(d.dataDir)}/, ${rel(layout.logs)}/`,
    '',
    '  Stop everything with Ctrl-C.',
    '',
    '',
  ].join('\n');
}

/** The options, or the exit code when there is nothing to run (--help, a usage error). */
function parseOptions(): DemoOptions | number {
  try {
    const options = parseDemoArgs(process.argv.slice(2), REPO_ROOT);
    if (options) return options;
    process.stdout.write(`${USAGE}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\n\n${USAGE}\n`);
    return 2;
  }
}

/** How the demo stops: on a signal, or when one of its processes dies. */
interface Stopper {
  /** Resolves with the exit code once the demo has stopped. */
  readonly finished: Promise<number>;
  /** True once a stop was asked for (a signal, or a failure). */
  isRequested(): boolean;
  /** A process died while the demo ran: says so, stops the rest, exits with 1. */
  fail(what: string, logs: string): Promise<void>;
}

/** Stops the demo on SIGINT, SIGTERM or SIGHUP; a second signal, 2 s after the first, forces. */
function stopOnSignals(demo: Demo, report: Reporter): Stopper {
  let requested: { signal: string; at: number } | undefined;
  let finish!: (code: number) => void;
  const finished = new Promise<number>((r) => (finish = r));
  const onSignal = (signal: NodeJS.Signals) => {
    if (!requested) {
      requested = { signal, at: Date.now() };
      report.print(`\ndemo: ${signal}: stopping code-server, the sandbox and moto…\n`);
      void demo.stop().then(() => {
        report.print('demo: stopped.\n');
        finish(0);
      });
      return;
    }
    // A terminal and npm may both deliver one Ctrl-C: only a later one forces.
    if (Date.now() - requested.at > 2_000) {
      report.print('demo: forced: killing everything now.\n');
      demo.killNow();
      finish(1);
    }
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, onSignal);
  return {
    finished,
    isRequested: () => requested !== undefined,
    async fail(what, logs) {
      if (requested) return;
      requested = { signal: 'failure', at: Date.now() };
      process.stderr.write(`\ndemo: ${what} unexpectedly (logs in ${logs}); stopping the rest…\n`);
      await demo.stop();
      finish(1);
    },
  };
}

/** A start that failed: stops what started and says why (a DemoError without its stack). */
async function failedStart(err: unknown, demo: Demo, stopper: Stopper): Promise<number> {
  if (stopper.isRequested()) return stopper.finished;
  await demo.stop();
  const message = err instanceof DemoError ? err.message : ((err as Error).stack ?? String(err));
  process.stderr.write(`\ndemo: could not start: ${message}\n`);
  return 1;
}

async function main(): Promise<number> {
  // The AWS SDK (the demo's IAM user in moto) would warn about Node 20 on every start.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const options = parseOptions();
  if (typeof options === 'number') return options;
  const report = consoleReporter();
  const demo = new Demo(options, REPO_ROOT, report);
  // Whatever happens, nothing we started outlives us.
  process.on('exit', () => demo.killNow());
  const stopper = stopOnSignals(demo, report);
  // A stop requested while starting ends the wait at once (start() then fails on its own).
  const started = await Promise.race([
    demo.start().then(
      (running) => ({ running }),
      (error: unknown) => ({ error }),
    ),
    stopper.finished.then((code) => ({ code })),
  ]);
  if ('code' in started) return started.code;
  if ('error' in started) return failedStart(started.error, demo, stopper);
  const running = started.running;
  report.print(banner(running, report));
  void running.failed.then((what) => stopper.fail(what, dataLayout(running.dataDir).logs));
  return stopper.finished;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`demo: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
