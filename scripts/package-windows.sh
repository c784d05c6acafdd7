#!/usr/bin/env bash
# Builds artifacts/crewchief-win-x64.zip, the bundle a racer unzips: crewchief.exe, crewchief.toml, the win-x64
# natives this machine can fetch (ONNX Runtime; llama.cpp CPU and CUDA builds, from the pinned npm packages),
# the voices/ and models/ READMEs and README-WINDOWS.txt (what to add that is not ours to ship).
#   bash scripts/package-windows.sh            self-contained .NET build (what Linux can publish; runs under Wine)
#   bash scripts/package-windows.sh --no-cuda  without the 145 MB CUDA build
#   CREWCHIEF_WIN_EXE=path/crewchief.exe bash scripts/package-windows.sh   package a Native AOT exe built on Windows
set -euo pipefail
cd "$(dirname "$0")/.."

cuda=1
for arg in "$@"; do
  case "$arg" in
    --no-cuda) cuda=0 ;;
    *) echo "package-windows: unknown option $arg (use --no-cuda)" >&2; exit 2 ;;
  esac
done

bash scripts/natives.sh >/dev/null
platforms=(win-x64); [ $cuda -eq 1 ] && platforms+=(win-x64-cuda)
bash scripts/natives-llama.sh "${platforms[@]}"

stage=artifacts/package/crewchief-win-x64
rm -rf "$stage"
mkdir -p "$stage"
if [ -n "${CREWCHIEF_WIN_EXE:-}" ]; then
  cp "$CREWCHIEF_WIN_EXE" "$stage/crewchief.exe"
  cp crewchief.toml "$stage/"
else
  # Not PublishSingleFile: Wine 8 cannot start a single-file bundle (CoreLib fails to load from the bundle), and
  # this build is the one CI proves under Wine. The Windows runner's Native AOT exe is the single file.
  dotnet publish src/CrewChief/CrewChief.csproj -c Release -r win-x64 --self-contained -o "$stage" >/dev/null
  rm -f "$stage"/*.pdb
fi

mkdir -p "$stage/natives/win-x64" "$stage/voices" "$stage/models"
cp -r natives/win-x64/onnxruntime natives/win-x64/llama "$stage/natives/win-x64/"
[ $cuda -eq 1 ] && cp -r natives/win-x64/llama-cuda "$stage/natives/win-x64/"
rm -f "$stage"/natives/win-x64/*/VERSION*
cp voices/README.md "$stage/voices/README.md"
cp models/README.md "$stage/models/README.md"
# Notepad needs CRLF line ends.
sed 's/$/\r/' docs/windows/README-WINDOWS.txt > "$stage/README-WINDOWS.txt"

zip=artifacts/crewchief-win-x64.zip
rm -f "$zip"
python3 - "$stage" "$zip" <<'EOF'
import os, sys, zipfile
stage, out = sys.argv[1], sys.argv[2]
root = os.path.basename(stage)
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
    for folder, _, files in os.walk(stage):
        for name in sorted(files):
            path = os.path.join(folder, name)
            z.write(path, os.path.join(root, os.path.relpath(path, stage)))
EOF
echo "package-windows: $zip ($(( $(stat -c %s "$zip") / 1024 / 1024 )) MiB, $(find "$stage" -type f | wc -l) files)"
