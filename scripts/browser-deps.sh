#!/usr/bin/env bash
# What the real-browser checks need (tests/browser/check.mjs): Debian's Chromium and the pinned playwright-core
# (which drives the system Chromium; it never downloads a browser). CI runs this from .ci/run; on a machine
# without them the browser tests skip with a reason. Idempotent: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  echo "browser-deps: installing chromium"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi
if [ ! -f tests/browser/node_modules/playwright-core/package.json ]; then
  echo "browser-deps: installing playwright-core (tests/browser/package-lock.json)"
  (cd tests/browser && npm ci --ignore-scripts --no-audit --no-fund --silent)
fi
