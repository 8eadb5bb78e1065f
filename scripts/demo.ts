// `npm start` (through scripts/demo.sh): moto, the sandbox backend and VS Code (code-server) with
// the Pennsieve Compute extension installed and signed in, on a sample workspace; prints the URL
// and keeps everything running until Ctrl-C (or SIGTERM), then stops all of it. See docs/demo.md.

import { relative, resolve } from 'node:path';
import { DEMO_PROFILE } from './demo/aws';
import { Demo, dataLayout, type RunningDemo } from './demo/orchestrator';
import { parseDemoArgs, USAGE, UsageError } from './demo/options';
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

async function main(): Promise<number> {
  // The AWS SDK (the demo's IAM user in moto) would warn about Node 20 on every start.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  let options;
  try {
    options = parseDemoArgs(process.argv.slice(2), REPO_ROOT);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (!options) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const report = consoleReporter();
  const demo = new Demo(options, REPO_ROOT, report);

  // Whatever happens, nothing we started outlives us.
  process.on('exit', () => demo.killNow());
  let stopRequested: { signal: string; at: number } | undefined;
  let finish!: (code: number) => void;
  const finished = new Promise<number>((r) => (finish = r));
  const onSignal = (signal: NodeJS.Signals) => {
    if (!stopRequested) {
      stopRequested = { signal, at: Date.now() };
      report.print(`\ndemo: ${signal}: stopping code-server, the sandbox and moto…\n`);
      void demo.stop().then(() => {
        report.print('demo: stopped.\n');
        finish(0);
      });
      return;
    }
    // A terminal and npm may both deliver one Ctrl-C: only a later one forces.
    if (Date.now() - stopRequested.at > 2_000) {
      report.print('demo: forced: killing everything now.\n');
      demo.killNow();
      finish(1);
    }
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, onSignal);

  // A stop requested while starting ends the wait at once (start() then fails on its own).
  const started = await Promise.race([
    demo.start().then(
      (running) => ({ running }),
      (error: unknown) => ({ error }),
    ),
    finished.then((code) => ({ code })),
  ]);
  if ('code' in started) return started.code;
  if ('error' in started) {
    if (stopRequested) return finished;
    await demo.stop();
    const err = started.error;
    const message = err instanceof DemoError ? err.message : ((err as Error).stack ?? String(err));
    process.stderr.write(`\ndemo: could not start: ${message}\n`);
    return 1;
  }
  const running = started.running;
  report.print(banner(running, report));
  void running.failed.then(async (what) => {
    if (stopRequested) return;
    stopRequested = { signal: 'failure', at: Date.now() };
    const logs = dataLayout(running.dataDir).logs;
    process.stderr.write(`\ndemo: ${what} unexpectedly (logs in ${logs}); stopping the rest…\n`);
    await demo.stop();
    finish(1);
  });
  return finished;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`demo: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
