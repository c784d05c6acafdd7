#!/usr/bin/env bash
# Proves the shipped exe is Native AOT and trim clean: publishes it (net9.0 here, the .NET 10 NativeAOT
# runtime pack for linux-x64 is not on this package feed) and fails on any IL2xxx/IL3xxx warning.
set -euo pipefail
cd "$(dirname "$0")/.."
out=artifacts/aot/linux-x64
log=$(mktemp)
dotnet publish src/CrewChief/CrewChief.csproj -c Release -r linux-x64 -p:CrewChiefTfm=net9.0 -o "$out" 2>&1 | tee "$log"
if grep -E "warning IL(2|3)[0-9]{3}" "$log"; then
  echo "aot-check: trim/AOT warnings found (above)"; exit 1
fi
rm -f "$log"
size=$(stat -c %s "$out/crewchief")
echo "aot-check: $out/crewchief is $((size / 1024)) KiB, 0 trim/AOT warnings"
"$out/crewchief" --version
