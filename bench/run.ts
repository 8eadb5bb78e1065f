// `npm run bench`: builds the production bundles, runs every benchmark in one process run and
// prints Markdown sections (with machine and date) to paste into BENCHMARKS.md.
// `npm run bench -- engine lsp` runs only the named sections; `--nodes N` and `--clients N` size
// the `throughput` and `scaleout` sections (e.g. a small run: `npm run bench -- scaleout --nodes 3`).

import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchProvisioning, benchSandbox, benchScaleOut, benchThroughput } from './backend';
import { benchDiff } from './diff';
import { benchEngine } from './engine';
import { benchExistingRole } from './existingRole';
import { benchExtension } from './extension';
import { benchLsp } from './lsp';
import { benchModules } from './modules';
import { benchProofs } from './proofs';
import { benchPulumi } from './pulumi';
import { benchSidebar } from './sidebar';
import { benchUntrusted } from './untrustedInput';
import { toMarkdown, type BenchOptions, type BenchSection } from './stats';

const root = join(__dirname, '..');
const SECTIONS: Record<string, (opts: BenchOptions) => Promise<BenchSection>> = {
  engine: benchEngine,
  proofs: benchProofs,
  diff: benchDiff,
  lsp: benchLsp,
  modules: benchModules,
  pulumi: benchPulumi,
  untrusted: benchUntrusted,
  extension: benchExtension,
  sidebar: benchSidebar,
  existingRole: benchExistingRole,
  sandbox: benchSandbox,
  provisioning: benchProvisioning,
  throughput: benchThroughput,
  scaleout: benchScaleOut,
};

async function main(): Promise<void> {
  const { values, positionals: wanted } = parseArgs({
    options: { nodes: { type: 'string' }, clients: { type: 'string' } },
    allowPositionals: true,
  });
  const sizes: BenchOptions = {
    nodes: values.nodes === undefined ? undefined : Number(values.nodes),
    clients: values.clients === undefined ? undefined : Number(values.clients),
  };
  const unknown = wanted.filter((name) => !(name in SECTIONS));
  if (unknown.length)
    throw new Error(`no bench section ${unknown.join(', ')}; sections: ${Object.keys(SECTIONS).join(', ')}`);
  execFileSync(process.execPath, [join(root, 'esbuild.mjs'), '--production'], { cwd: root, stdio: 'inherit' });
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
  process.stdout.write(`## Run of ${new Date().toISOString()}\n\nCommand: \`npm run bench\`. Machine: ${machine}.\n\n`);
  for (const [name, run] of Object.entries(SECTIONS)) {
    if (wanted.length && !wanted.includes(name)) continue;
    process.stdout.write(toMarkdown(await run(sizes)) + '\n');
  }
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
