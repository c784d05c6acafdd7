#!/usr/bin/env bash
# Fetches the pinned native libraries from npm into natives/<rid>/ (git-ignored), where the exe's
# NativeLibrary resolver looks for them. Re-running is a no-op once the stamp file matches.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p natives/linux-x64
