#!/usr/bin/env bash
# Fetches the pinned native libraries from npm into natives/<rid>/ (git-ignored), where the exe's
# NativeLocator looks for them. Each engine has its own script; each is a no-op once its files are in place.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p natives/linux-x64
for part in scripts/natives-*.sh; do
  [ -e "$part" ] || continue
  bash "$part"
done
