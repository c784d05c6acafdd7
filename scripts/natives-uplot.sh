#!/usr/bin/env bash
# uPlot, the charting library the post-session review ('crewchief review') embeds in its self-contained HTML.
# Fetched from the pinned npm package (checked against the sha512 pinned here, like the native engines), and only
# its two minified files kept:  natives/uplot/uPlot.iife.min.js  natives/uplot/uPlot.min.css  (git-ignored).
# The engine embeds them at build time (src/CrewChief.Engine/CrewChief.Engine.csproj); without them the exe still
# builds and 'review' says to run scripts/setup.sh. Idempotent: a no-op once the pinned version is in place.
set -euo pipefail
cd "$(dirname "$0")/.."

pkg=uplot
ver=1.6.32
integrity='sha512-KIMVnG68zvu5XXUbC4LQEPnhwOxBuLyW1AHtpm6IKTXImkbLgkMy+jabjLgSLMasNuGGzQm/ep3tOkyTxpiQIw=='
dest=natives/uplot
stamp="$dest/VERSION"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$pkg $ver" ] && [ -f "$dest/uPlot.iife.min.js" ] && [ -f "$dest/uPlot.min.css" ]; then
  exit 0
fi
command -v npm >/dev/null || { echo "natives-uplot: npm is needed (apt-get install npm)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "natives-uplot: fetching $pkg@$ver"
( cd "$work" && npm pack "$pkg@$ver" --ignore-scripts --silent >/dev/null )
tgz="$work/$pkg-$ver.tgz"
have=$(node -e 'const c=require("crypto"),f=require("fs");process.stdout.write("sha512-"+c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' "$tgz")
if [ "$have" != "$integrity" ]; then
  echo "natives-uplot: integrity mismatch for $pkg@$ver: got $have, pinned $integrity" >&2
  exit 1
fi
tar -xzf "$tgz" -C "$work" package/dist/uPlot.iife.min.js package/dist/uPlot.min.css package/LICENSE
mkdir -p "$dest"
cp "$work/package/dist/uPlot.iife.min.js" "$work/package/dist/uPlot.min.css" "$work/package/LICENSE" "$dest/"
echo "$pkg $ver" > "$stamp"
echo "natives-uplot: $pkg $ver -> $dest"
