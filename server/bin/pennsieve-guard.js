#!/usr/bin/env node
// `pennsieve-guard`: the command-line checker (server/src/cli.ts, bundled as dist/cli.js).
'use strict';

const { runCli } = require('./bundle').requireBundle('cli.js');

process.exitCode = runCli(
  process.argv.slice(2),
  process.cwd(),
  (s) => process.stdout.write(s),
  (s) => process.stderr.write(s),
);
