#!/usr/bin/env bash
# Runs every test. On a fresh machine it first installs what the tests need (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Chromium + playwright-core for the real-browser checks (the one test that needs them skips without).
bash scripts/browser-deps.sh
log=$(mktemp)
set +e
dotnet test crewchief.slnx -c Release 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
# One plain closing line: "N passed, N failed, N skipped".
awk '/(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1));
      if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$rc"
