#!/usr/bin/env bash
# Prebuilt llama.cpp for CrewChief's in-process LLM, from the pinned npm packages of node-llama-cpp.
# Called by scripts/natives.sh; a no-op once natives/linux-x64/llama/ holds the pinned build.
# CREWCHIEF_LLAMA_FLAVOR=cuda installs the CUDA build instead (libllama.cuda.v0.4.0.so + libggml-cuda.so, which
# needs the CUDA 13 runtime: libcudart.so.13, libcublas.so.13 and the driver's libcuda.so.1). Without a usable
# GPU the CUDA backend simply fails to load and the CPU backend runs, so one build can serve both.
#
# Why 3.21.1 and not 3.22.1: @node-llama-cpp/win-x64 and win-x64-cuda were never published at 3.22.0/3.22.1
# (the registry stops at 3.21.1 for every win-* package), and the C# binding must match ONE llama.cpp build on
# every platform: a struct layout that differs between the Windows and Linux builds is an access violation,
# not an error message. 3.21.1 (llama.cpp release v0.4.0) is the newest version published for all four
# packages we use. Its include/llama.h differs from 3.22.1's only by additions the binding does not use.
#
# What comes from each package (bins/<platform>/ inside the tarball; the node addon and llama-common are left out):
#   linux-x64       libllama.v0.4.0.so libggml.v0.4.0.so libggml-base.so libggml-cpu-<isa>.so (14 CPU variants,
#                   ggml picks the best one for the CPU at load time)            -> natives/linux-x64/llama/
#   linux-x64-cuda  libllama.cuda.v0.4.0.so libggml.cuda.v0.4.0.so libggml-base.so libggml-cpu-<isa>.so
#                   libggml-cuda.so (links libcudart.so.13, libcublas.so.13, libcuda.so.1; not in the package)
#                                                                                -> natives/linux-x64/llama-cuda/
#   win-x64         llama.v0.4.0.dll ggml.v0.4.0.dll ggml-base.dll ggml-cpu-<isa>.dll -> natives/win-x64/llama/
#   win-x64-cuda    llama.cuda.v0.4.0.dll ggml.cuda.v0.4.0.dll ggml-cuda.dll (145 MB) + its own ggml-base and CPU
#                   files                                                        -> natives/win-x64/llama-cuda/
#                   (cudart/cublas DLLs come from the CUDA runtime install, not the package)
# LlamaLibrary looks in llama-cuda/ first, then llama/.
# The Windows equivalent of this script (docs/llama-natives.md has the details):
#   npm pack @node-llama-cpp/win-x64@3.21.1 --pack-destination %TEMP%\crewchief-npm
#   certutil -hashfile node-llama-cpp-win-x64-3.21.1.tgz SHA512   (compare with the integrity pinned below)
#   tar -xzf node-llama-cpp-win-x64-3.21.1.tgz package/bins/win-x64
#   copy package\bins\win-x64\*.dll natives\win-x64\llama\  (except llama-common.dll)
#
# Integrity: every tarball's sha512 is checked against the value pinned here (the same string npm's lockfile
# would hold, `npm view <pkg>@<ver> dist.integrity`), so a changed package on the registry fails the setup.
set -euo pipefail
cd "$(dirname "$0")/.."

NLC_VERSION=3.21.1
LLAMA_RELEASE=v0.4.0
declare -A INTEGRITY=(
  [linux-x64]='sha512-Totj6RTDMGo3FoK2yNUaz/oGmZD0olAqTrRluFUWmu0kW2i9TOzHSW0OWCAiGkzRCVX0WsU2CyUQo/W2NYtdPA=='
  [linux-x64-cuda]='sha512-idsE55VoD/FbvLhnBC9krUJaUoC0XnebseAAnCpm/brKf61HEbu+idgbb5eN6mxkjLSrHtILprJ0nDcUJjVrFg=='
  [win-x64]='sha512-JcIpCnra7bAd7JNWA8ehdn2DIRaTMuj+fBC8bw+5rKSNzszWFbuj2XA05c5QHovonDMBLN1ePXE/hcfZtzXoUQ=='
  [win-x64-cuda]='sha512-PLz70neFEMkQTlmJqG1ujUtCSgHasLPMxQ9rLkqQVmZYAXqkRj+45TIHCjdn3XqUeaoun0vrO9rRaxZ8NVq9jg=='
)

# Which package: the Linux build for this machine by default (CPU, or CUDA with CREWCHIEF_LLAMA_FLAVOR=cuda);
# Windows builds for the win-x64 publish when named (scripts/wine-check.sh, scripts/package-windows.sh):
#   bash scripts/natives-llama.sh win-x64 [win-x64-cuda]
if [ $# -eq 0 ]; then
  case "${CREWCHIEF_LLAMA_FLAVOR:-cpu}" in
    cpu) set -- linux-x64 ;;
    cuda) set -- linux-x64-cuda ;;
    *) echo "natives-llama: CREWCHIEF_LLAMA_FLAVOR must be cpu or cuda" >&2; exit 1 ;;
  esac
fi

sha512_of() { node -e 'const c=require("crypto"),f=require("fs");process.stdout.write("sha512-"+c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' "$1"; }

fetch_platform() {
  local platform=$1 rid ext
  case "$platform" in
    linux-x64|linux-x64-cuda) rid=linux-x64; ext=so ;;
    win-x64|win-x64-cuda) rid=win-x64; ext=dll ;;
    *) echo "natives-llama: unknown platform $platform (linux-x64, linux-x64-cuda, win-x64, win-x64-cuda)" >&2; exit 1 ;;
  esac
  [ -n "${INTEGRITY[$platform]:-}" ] || { echo "natives-llama: no pinned integrity for $platform" >&2; exit 1; }
  # Each flavour has its own folder: both ship ggml-base and ggml-cpu-* under the same names, built differently.
  # The loader prefers llama-cuda/ (which also runs on the CPU when CUDA cannot load), then llama/.
  local dest="natives/$rid/llama"
  case "$platform" in *-cuda) dest="natives/$rid/llama-cuda" ;; esac
  local stamp="$dest/VERSION-$platform"
  local want="node-llama-cpp $NLC_VERSION llama.cpp $LLAMA_RELEASE $platform"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  command -v npm >/dev/null || { echo "natives-llama: npm is needed (apt-get install npm)" >&2; exit 1; }

  local cache="${CREWCHIEF_NPM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/crewchief/npm}"
  mkdir -p "$cache"
  local pkg="@node-llama-cpp/$platform@$NLC_VERSION"
  local tarball="$cache/node-llama-cpp-$platform-$NLC_VERSION.tgz"
  if [ ! -f "$tarball" ] || [ "$(sha512_of "$tarball")" != "${INTEGRITY[$platform]}" ]; then
    echo "natives-llama: fetching $pkg"
    rm -f "$tarball"
    # --ignore-scripts: a package's install scripts never run here; we only want its files.
    (cd "$cache" && npm pack "$pkg" --ignore-scripts --silent >/dev/null)
  fi
  local got
  got="$(sha512_of "$tarball")"
  if [ "$got" != "${INTEGRITY[$platform]}" ]; then
    echo "natives-llama: integrity mismatch for $pkg: got $got, pinned ${INTEGRITY[$platform]}" >&2
    rm -f "$tarball"
    exit 1
  fi

  local tmp
  tmp="$(mktemp -d)"
  tar -xzf "$tarball" -C "$tmp" "package/bins/$platform"
  mkdir -p "$dest"
  local f
  for f in "$tmp/package/bins/$platform"/*."$ext"; do
    case "$(basename "$f")" in
      libllama-common.so|llama-common.dll) ;;  # the node addon's helper library; CrewChief binds llama directly
      *) cp "$f" "$dest/" ;;
    esac
  done
  rm -rf "$tmp"
  echo "$want" > "$stamp"
  echo "natives-llama: $want -> $dest ($(ls "$dest" | wc -l) files)"
}

for platform in "$@"; do
  fetch_platform "$platform"
done
