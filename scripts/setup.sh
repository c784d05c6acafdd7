#!/usr/bin/env bash
# One-time setup on a fresh Debian/Ubuntu machine: the native engines CrewChief binds to.
# Idempotent: each step is skipped when its result is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
# libpocketsphinx3 + pocketsphinx-en-us: the two-way radio's offline recogniser; espeak-ng + sox: its tests and
# bench synthesise and mix the spoken questions.
for pkg in libopenal1 libespeak-ng1 espeak-ng-data libpocketsphinx3 pocketsphinx-en-us espeak-ng sox; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
# npm fetches the pinned llama.cpp and ONNX Runtime packages (scripts/natives-*.sh).
command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing ${need_apt[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# Pinned npm packages that carry prebuilt llama.cpp and ONNX Runtime (see scripts/natives.sh).
bash scripts/natives.sh
