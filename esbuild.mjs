// Builds the extension bundle (dist/extension.js, dist/server.js, dist/cli.js with the catalog
// and profiles beside them) and, with --server-package, the pennsieve-guard npm package (server/dist).
// Flags: --production (minify, no source maps), --watch, --server-package.

import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const serverPackage = process.argv.includes('--server-package');
const serverVersion = JSON.parse(readFileSync(join(root, 'server', 'package.json'), 'utf8')).version;

/** Prints errors in the form VS Code's `$esbuild-watch` problem matcher reads. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // jsonc-parser's UMD build cannot be bundled; its ESM build can.
  mainFields: ['module', 'main'],
  sourcemap: !production,
  minify: production,
  logLevel: 'silent',
  define: { PENNSIEVE_GUARD_VERSION: JSON.stringify(serverVersion) },
  plugins: watch ? [problemMatcher] : [],
};

/**
 * @babel/parser (311 KB of the server and CLI bundles) is needed only once a Pulumi program is
 * opened: it is built into its own file beside them and required from there on first use, so a
 * process that never meets a Pulumi program does not load or compile it.
 */
const lazyBabel = {
  name: 'lazy-babel-parser',
  setup(build) {
    build.onResolve({ filter: /^@babel\/parser$/ }, (args) =>
      args.kind === 'entry-point' ? undefined : { path: './babel-parser.js', external: true },
    );
  },
};
const babelEntry = (dir) => ({
  entryPoints: [fileURLToPath(import.meta.resolve('@babel/parser'))],
  outfile: `${dir}/babel-parser.js`,
});
const lazy = { plugins: [...common.plugins, lazyBabel] };

const extensionEntries = [
  { entryPoints: ['extension/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', ...lazy },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', ...lazy },
  babelEntry('dist'),
];

// The npm package keeps the MIT catalog as a dependency instead of a copy.
const packageEntries = [
  { entryPoints: ['server/src/server.ts'], outfile: 'server/dist/server.js', ...lazy },
  { entryPoints: ['server/src/cli.ts'], outfile: 'server/dist/cli.js', ...lazy },
  babelEntry('server/dist'),
];

/**
 * Copies what the bundles read at run time into `out`: the IAM action catalog (with its compact
 * index), the AWS-managed policy documents and, for the extension, the built-in profiles. Each is written beside its final place
 * and renamed in, so a packaging run never sees half a copy.
 */
async function copyAssets(out) {
  mkdirSync(out, { recursive: true });
  const stamp = `${process.pid}-${Date.now()}`;
  const { buildCatalog } = await import('./scripts/build-catalog.mjs');
  await buildCatalog(join(out, `.iam-data-${stamp}`));
  // The npm package has server/profiles beside dist/; the extension needs its own copy.
  const names = out === join(root, 'dist') ? ['iam-data', 'profiles'] : ['iam-data'];
  if (names.includes('profiles'))
    cpSync(join(root, 'server', 'profiles'), join(out, `.profiles-${stamp}`), { recursive: true });
  for (const name of names) {
    rmSync(join(out, name), { recursive: true, force: true });
    renameSync(join(out, `.${name}-${stamp}`), join(out, name));
  }
  // AWS-managed policy documents, latest version only (~0.5 MB gzipped), read on first need.
  const { buildManagedPolicies } = await import('./scripts/build-managed-policies.mjs');
  buildManagedPolicies(join(out, `.aws-managed-policies-${stamp}.json.gz`));
  renameSync(join(out, `.aws-managed-policies-${stamp}.json.gz`), join(out, 'aws-managed-policies.json.gz'));
  renameSync(
    join(out, `.aws-managed-policies-${stamp}.json.gz.LICENSE.txt`),
    join(out, 'aws-managed-policies.LICENSE.txt'),
  );
}

/** A production build ships no source maps (the .vsix allowlist takes all of dist/). */
function removeSourceMaps() {
  for (const name of readdirSync(join(root, 'dist'))) if (name.endsWith('.map')) rmSync(join(root, 'dist', name));
}

async function main() {
  const entries = serverPackage ? packageEntries : extensionEntries;
  const contexts = await Promise.all(entries.map((e) => esbuild.context({ ...common, ...e, absWorkingDir: root })));
  await copyAssets(join(root, serverPackage ? 'server/dist' : 'dist'));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  try {
    const results = await Promise.all(contexts.map((c) => c.rebuild()));
    if (results.some((r) => r.errors.length)) process.exitCode = 1;
    if (production && !serverPackage) removeSourceMaps();
  } catch {
    process.exitCode = 1;
  } finally {
    await Promise.all(contexts.map((c) => c.dispose()));
  }
}

await main();
