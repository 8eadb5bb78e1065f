#!/usr/bin/env bash
# Installs what the in-editor (e2e) tests need, offline-safe and idempotent:
#   - Debian packages: chromium (the browser that drives VS Code), libkrb5-dev (code-server's
#     native build), ripgrep (stands in for the ripgrep download code-server's install wants);
#   - code-server (VS Code in the browser) in a cache folder outside the project's dependencies.
# Environment:
#   PENNSIEVE_E2E_CACHE  cache root (default: $HOME/.cache/pennsieve-e2e); code-server goes in
#                        $PENNSIEVE_E2E_CACHE/code-server. scripts/harness/paths.ts reads the same variable.
# Work already done (right version present) is skipped. Any failure stops the script with a
# message naming the step.
set -Eeuo pipefail

readonly CODE_SERVER_VERSION=4.100.3
# code-server 4.100.3 pins @vscode/ripgrep 1.15.11, which downloads ripgrep v13.0.0-10.
readonly RIPGREP_PKG_VERSION=1.15.11
readonly RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
readonly APT_PACKAGES=(chromium libkrb5-dev ripgrep)

CACHE_ROOT="${PENNSIEVE_E2E_CACHE:-$HOME/.cache/pennsieve-e2e}"
CODE_SERVER_DIR="$CACHE_ROOT/code-server"
CODE_SERVER_BIN="$CODE_SERVER_DIR/node_modules/.bin/code-server"
CODE_SERVER_MARKER="$CODE_SERVER_DIR/.installed-version"

step="starting"
on_error() {
  local status=$?
  echo "setup-e2e: FAILED during: $step (exit $status)" >&2
  exit "$status"
}
trap on_error ERR

log() { echo "setup-e2e: $*"; }
die() { echo "setup-e2e: ERROR: $*" >&2; exit 1; }

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root (or sudo) to run: $*"
  fi
}

is_installed() {
  [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true) == "install ok installed" ]]
}

install_apt_packages() {
  step="checking Debian packages"
  command -v node >/dev/null || die "node is not on PATH (Node 20 is required)"
  local node_major
  node_major=$(node -p 'process.versions.node.split(".")[0]')
  [[ $node_major == 20 ]] || die "code-server $CODE_SERVER_VERSION needs Node 20; found $(node -v)"

  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do is_installed "$pkg" || missing+=("$pkg"); done
  if [[ ${#missing[@]} -eq 0 ]]; then
    log "Debian packages already installed: ${APT_PACKAGES[*]}"
    return
  fi
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Update the package lists only when there are none, or when an install from the lists we
  # have fails (stale lists point at files the mirror no longer has).
  step="apt-get update"
  if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
    as_root apt-get update -q
  fi
  step="apt-get install ${missing[*]}"
  if ! as_root apt-get install -y -q --no-install-recommends "${missing[@]}"; then
    log "install failed; refreshing package lists and retrying"
    step="apt-get update (retry)"
    as_root apt-get update -q
    step="apt-get install ${missing[*]} (retry)"
    as_root apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

# @vscode/ripgrep's postinstall looks for its asset in <os.tmpdir()>/vscode-ripgrep-cache-<ver>
# before going to GitHub (unreachable here). Seed it with a tarball holding Debian's rg.
seed_ripgrep_cache() {
  step="seeding the ripgrep download cache"
  local tmp cache_dir asset work
  tmp=$(node -p 'require("os").tmpdir()')
  cache_dir="$tmp/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
  asset="$cache_dir/$RIPGREP_ASSET"
  if [[ -s $asset ]] && tar -tzf "$asset" 2>/dev/null | grep -qx 'rg'; then
    log "ripgrep cache already seeded: $asset"
    return
  fi
  local rg_bin
  rg_bin=$(command -v rg) || die "rg not found after installing Debian's ripgrep"
  mkdir -p "$cache_dir"
  work=$(mktemp -d)
  cp "$rg_bin" "$work/rg"
  chmod 755 "$work/rg"
  tar -czf "$asset.partial" -C "$work" rg
  mv "$asset.partial" "$asset"
  rm -rf "$work"
  log "seeded ripgrep cache: $asset"
}

installed_code_server_version() {
  [[ -f $CODE_SERVER_MARKER && -x $CODE_SERVER_BIN ]] || return 0
  local pkg="$CODE_SERVER_DIR/node_modules/code-server/package.json"
  [[ -f $pkg ]] || return 0
  node -p "require(process.argv[1]).version" "$pkg" 2>/dev/null || true
}

install_code_server() {
  step="checking code-server"
  local have
  have=$(installed_code_server_version)
  if [[ $have == "$CODE_SERVER_VERSION" && $(cat "$CODE_SERVER_MARKER") == "$CODE_SERVER_VERSION" ]]; then
    log "code-server $CODE_SERVER_VERSION already installed"
    return
  fi
  log "installing code-server $CODE_SERVER_VERSION into $CODE_SERVER_DIR (takes a minute or two)"
  seed_ripgrep_cache
  step="npm install code-server@$CODE_SERVER_VERSION"
  # Start clean: a half-finished or other-version install is not worth repairing.
  rm -rf "$CODE_SERVER_DIR"
  mkdir -p "$CODE_SERVER_DIR"
  # Its own package.json keeps npm from walking up into an enclosing project.
  # allowScripts: code-server's postinstall fetches its VS Code dependencies and argon2 builds a
  # native module; npm 11 warns (and later npm versions refuse) without an explicit allow.
  cat >"$CODE_SERVER_DIR/package.json" <<'JSON'
{
  "name": "pennsieve-e2e-code-server",
  "private": true,
  "allowScripts": { "code-server": true, "argon2": true }
}
JSON
  local npm_log="$CACHE_ROOT/code-server-install.log"
  if ! (cd "$CODE_SERVER_DIR" &&
        npm_config_unsafe_perm=true npm_config_yes=true npm_config_update_notifier=false \
        npm install --no-audit --no-fund "code-server@$CODE_SERVER_VERSION" >"$npm_log" 2>&1); then
    tail -n 40 "$npm_log" >&2
    die "npm install code-server@$CODE_SERVER_VERSION failed; full log: $npm_log"
  fi
  step="verifying the code-server install"
  [[ -x $CODE_SERVER_BIN ]] || die "code-server binary missing after install: $CODE_SERVER_BIN"
  local rg_count
  rg_count=$(find "$CODE_SERVER_DIR/node_modules" -path '*@vscode/ripgrep/bin/rg' | wc -l)
  [[ $rg_count -gt 0 ]] || die "code-server installed without ripgrep (see $npm_log)"
  echo "$CODE_SERVER_VERSION" >"$CODE_SERVER_MARKER"
}

main() {
  local start=$SECONDS
  mkdir -p "$CACHE_ROOT"
  install_apt_packages
  install_code_server
  step="reporting versions"
  log "chromium:    $(command -v chromium) ($(chromium --version 2>/dev/null | head -n1))"
  # (Not `code-server --version`: it writes a default config file into ~/.config.)
  log "code-server: $CODE_SERVER_BIN ($(installed_code_server_version))"
  log "cache:       $CACHE_ROOT"
  log "done in $((SECONDS - start)) s"
}

main "$@"
