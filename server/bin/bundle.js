// Finds a bundle of the pennsieve-guard package (server/dist/, built by `npm run build -w server`,
// which a clone's `npm ci` runs through the root package's `prepare` script). The bins are these
// committed launchers rather than the bundles themselves, so that npm links them even before
// anything is built: npm skips a bin whose file does not exist when it links.
'use strict';

const { existsSync } = require('node:fs');
const { join } = require('node:path');

/** `require`s `dist/<name>`, or exits 2 (the CLI's "internal error") with how to build it. */
function requireBundle(name) {
  const file = join(__dirname, '..', 'dist', name);
  if (!existsSync(file)) {
    process.stderr.write(`pennsieve-guard: ${file} is not built: run \`npm run build -w server\` in the repository\n`);
    process.exit(2);
  }
  return require(file);
}

module.exports = { requireBundle };
