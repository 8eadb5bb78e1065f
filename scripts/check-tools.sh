#!/usr/bin/env bash
# Fails loudly when a tool the tests rely on is missing. These come with the machine image
# (see docs/testing.md); the in-editor test setup installs Chromium and code-server itself.
set -u
missing=0
need() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "Required tool missing: $1 — $2" >&2
    missing=1
  fi
}
need node "Node.js 20 (https://nodejs.org)"
need terraform "Terraform 1.11+ on PATH"
need moto_server "moto 5 (pip install 'moto[server]')"
need cfn-lint "cfn-lint (pip install cfn-lint), the benchmark peer"
need git "git"
if ! find /opt/tf-plugins "${PENNSIEVE_TF_PLUGIN_DIR:-/nonexistent}" -path '*registry.terraform.io/hashicorp/aws*' -name 'terraform-provider-aws*' 2>/dev/null | grep -q .; then
  echo "Offline AWS provider mirror not found (set PENNSIEVE_TF_PLUGIN_DIR to the folder holding registry.terraform.io/hashicorp/aws)" >&2
  missing=1
fi
exit $missing
