#!/usr/bin/env bash
# ONNX Runtime for Piper TTS, from the pinned npm package onnxruntime-node (which ships the CPU runtime for
# linux-x64 and win32-x64 inside the tarball). Fetched with --ignore-scripts (its install script would download
# CUDA binaries), checked against the integrity hash pinned here (as natives-llama.sh pins llama.cpp's: a changed
# package on the registry fails the setup), then only the runtime library is kept:
#   natives/linux-x64/onnxruntime/libonnxruntime.so.1
#   natives/win-x64/onnxruntime/onnxruntime.dll      (for the Windows publish)
# Idempotent: a no-op once both files are present.
set -euo pipefail
cd "$(dirname "$0")/.."

pkg=onnxruntime-node
ver=1.30.0
# `npm view onnxruntime-node@1.30.0 dist.integrity`, the string npm's lockfile would hold.
integrity='sha512-twhs1C2C/BFkz1yc5OY0KIU2GUq6DURO7hD4bx5Q2Qy3nAMJwRXW8xU3NVczE29VA9lolLOYepoD8fjTGOfIqw=='
linux_out=natives/linux-x64/onnxruntime
win_out=natives/win-x64/onnxruntime
if [ -f "$linux_out/libonnxruntime.so.1" ] && [ -f "$win_out/onnxruntime.dll" ]; then
  exit 0
fi
command -v npm >/dev/null || { echo "natives-onnx: npm is needed to fetch $pkg@$ver" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "natives-onnx: fetching $pkg@$ver"
( cd "$work" && npm pack "$pkg@$ver" --ignore-scripts --silent >/dev/null 2>&1 )
tgz="$work/$pkg-$ver.tgz"
[ -f "$tgz" ] || { echo "natives-onnx: npm pack $pkg@$ver produced no tarball" >&2; exit 1; }

# npm already brought node; its crypto computes the same SRI string the registry publishes.
have=$(node -e 'const c=require("crypto"),f=require("fs");process.stdout.write("sha512-"+c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' "$tgz")
if [ "$integrity" != "$have" ]; then
  echo "natives-onnx: integrity mismatch for $pkg@$ver (pinned $integrity, tarball $have)" >&2
  exit 1
fi

tar -xzf "$tgz" -C "$work" package/bin/napi-v6/linux/x64/libonnxruntime.so.1 package/bin/napi-v6/win32/x64/onnxruntime.dll
mkdir -p "$linux_out" "$win_out"
cp "$work/package/bin/napi-v6/linux/x64/libonnxruntime.so.1" "$linux_out/"
cp "$work/package/bin/napi-v6/win32/x64/onnxruntime.dll" "$win_out/"
echo "natives-onnx: ONNX Runtime $ver in $linux_out and $win_out"
