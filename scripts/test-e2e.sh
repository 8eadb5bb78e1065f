#!/usr/bin/env bash
# Runs the in-editor (e2e) suites in real VS Code (code-server driven by Chromium): installs
# what they need (scripts/setup-e2e.sh), then mocha with test/.mocharc.e2e.json.
# Usage: bash scripts/test-e2e.sh [suite ...]     e.g. bash scripts/test-e2e.sh smoke
# A suite is a folder of test/e2e/ (not support/). Screenshots and logs: test-results/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup-e2e.sh

config=test/.mocharc.e2e.json
if [[ $# -gt 0 ]]; then
  # mocha adds specs named on its command line to the config's own, so write a config that
  # lists only the chosen suites.
  for suite in "$@"; do
    if [[ $suite == support || ! -d test/e2e/$suite ]]; then
      echo "test-e2e: no e2e suite named '$suite' (folders of test/e2e/: $(ls test/e2e | grep -vx support | tr '\n' ' '))" >&2
      exit 2
    fi
  done
  tmp_config=$(mktemp --suffix=.json)
  trap 'rm -f "$tmp_config"' EXIT
  node -e '
    const [from, to, ...suites] = process.argv.slice(1);
    const config = JSON.parse(require("fs").readFileSync(from, "utf8"));
    config.spec = suites.map((s) => `test/e2e/${s}/**/*.test.ts`);
    require("fs").writeFileSync(to, JSON.stringify(config));
  ' "$config" "$tmp_config" "$@"
  config=$tmp_config
fi

npx mocha --config "$config"
