#!/usr/bin/env bash
# Runs every test layer, in order of cost. Used by `npm test` and by CI (.ci/run).
# Each layer starts what it needs (moto, the sandbox backend, the language server, code-server)
# on loopback and stops it afterwards. A missing tool fails the run with a message.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Checking required tools"
bash scripts/check-tools.sh

step "Type check"
npx tsc -p . --noEmit

step "Lint (ESLint: part boundaries, import cycles, function length; unused exports; the known-violation lists)"
npm run --silent lint

step "Format (Prettier: npm run format rewrites, this only checks)"
npm run --silent format:check

step "Build"
node esbuild.mjs

step "Unit tests (engine, rules, parsers, IAM semantics, LSP features, extension API client)"
npx mocha --config test/.mocharc.unit.json

step "Fuzzing, seeded and bounded (1,200 inputs of seed 1; the long campaign is npm run fuzz)"
npx mocha --config test/.mocharc.fuzz.json

step "Guarantee check of the compute-node module and the sandbox role template (zero errors)"
node dist/cli.js check backend/src/provisioner/module

step "Language server protocol tests (real server process)"
npx mocha --config test/.mocharc.lsp.json

step "Sandbox backend tests (HTTP, SQLite, DynamoDB on moto, real Terraform on moto)"
npx mocha --config test/.mocharc.backend.json

step "Compute-node module on moto with real Terraform (basic, secure, compliant; crash recovery)"
npx mocha --config test/.mocharc.module.json

step "Extension API tests (real sandbox over HTTP, AWS calls on moto)"
npx mocha --config test/.mocharc.extension.json

step "README quick start on a fresh clone (git clone of HEAD, npm ci, every pennsieve-guard command as written)"
npx mocha --config test/.mocharc.quickstart.json

step "In-editor tests (code-server + Chromium)"
bash scripts/test-e2e.sh
