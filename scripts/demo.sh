#!/usr/bin/env bash
# `npm start`: the one-command demo. Starts moto, the sandbox backend and VS Code (code-server)
# with the Pennsieve Compute extension signed in, on a sample workspace, and prints the URL.
# Everything else (installing code-server, packaging the extension, the processes, Ctrl-C) is
# scripts/demo.ts; flags are passed on: bash scripts/demo.sh --help. See docs/demo.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

die() { echo "demo: $*" >&2; exit 1; }

command -v node >/dev/null || die "node is not on PATH: install Node 20 (https://nodejs.org)"
[[ -d node_modules/tsx && -d node_modules/@vscode/vsce ]] || die "the project's dependencies are missing: run \`npm ci\` first"

# exec: signals (Ctrl-C, SIGTERM from npm or a supervisor) reach the orchestrator directly.
exec node --import tsx scripts/demo.ts "$@"
