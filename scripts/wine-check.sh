#!/usr/bin/env bash
# The racer's Windows path, run end to end under Wine: publishes the self-contained win-x64 build (Native AOT for
# Windows needs a Windows runner, see .github/workflows/windows.yml; the self-contained build runs the same code),
# puts the win-x64 natives from the pinned npm packages beside it, and checks what a racer does with it.
# One line per check; exits 1 if any check fails. Called by .ci/run; about 3 minutes on a 2-core machine.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

wine=/usr/lib/wine/wine64   # Debian's wine64 puts its launcher here, not on PATH
if [ ! -x "$wine" ]; then
  echo "wine-check: installing wine64"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq wine64 >/dev/null || { echo "wine-check: FAIL cannot install wine64"; exit 1; }
fi
export WINEDEBUG=-all
export WINEPREFIX="${CREWCHIEF_WINEPREFIX:-$repo/artifacts/wine/prefix}"
mkdir -p "$WINEPREFIX"

bash scripts/natives.sh >/dev/null || { echo "wine-check: FAIL scripts/natives.sh"; exit 1; }
bash scripts/natives-llama.sh win-x64 >/dev/null || { echo "wine-check: FAIL fetching llama.cpp win-x64"; exit 1; }

out=artifacts/win-x64
rm -rf "$out"
if ! dotnet publish src/CrewChief/CrewChief.csproj -c Release -r win-x64 --self-contained -o "$out" >artifacts/wine-publish.log 2>&1; then
  tail -20 artifacts/wine-publish.log
  echo "wine-check: FAIL dotnet publish -r win-x64 (artifacts/wine-publish.log)"; exit 1
fi
# The release bundle's layout: the natives beside the exe, where NativeLocator looks first.
mkdir -p "$out/natives/win-x64"
cp -r natives/win-x64/onnxruntime natives/win-x64/llama "$out/natives/win-x64/"
exe="$repo/$out/crewchief.exe"
work="$repo/artifacts/wine-check"
rm -rf "$work"; mkdir -p "$work"
cd "$work"

failed=0
# check NAME COMMAND...: runs the command (output in $work/NAME.out) and reports ok/FAIL with the time it took.
check() {
  local name=$1; shift
  local start=$SECONDS
  if "$@" >"$work/$name.out" 2>&1; then
    echo "wine-check: ok    $name ($((SECONDS - start)) s)"
  else
    echo "wine-check: FAIL  $name ($((SECONDS - start)) s): $(tail -n 3 "$work/$name.out" | tr '\n' ' ' | cut -c1-300)"
    failed=1
  fi
}
w() { timeout "${WINE_TIMEOUT:-120}" "$wine" "$exe" "$@"; }
has() { grep -aq -- "$1" "$2" || { echo "missing '$1' in $2"; return 1; }; }

# Wine builds its prefix on first use (~30 s); do it outside the timed checks.
timeout 300 "$wine" "$exe" --version >/dev/null 2>&1

version() { w --version | tee /dev/stderr | grep -aqE '^crewchief [0-9]+\.[0-9]+'; }
check version version

doctor() {
  # Exit 0 when all is well, non-zero (not a crash) when something is missing, as here: no OpenAL or espeak DLLs.
  w doctor > doctor.txt; local rc=$?
  cat doctor.txt
  [ $rc -le 2 ] || { echo "doctor exited $rc"; return 1; }
  has "ok    onnxruntime" doctor.txt && has "ok    llama.cpp" doctor.txt &&
  has "soft_oal.dll" doctor.txt && has "espeak-ng.dll" doctor.txt
}
check doctor doctor

natives() {
  w dev tiny-voice tiny-voice.onnx && w dev voice-smoke tiny-voice.onnx | tee voice.txt && has "voice ok" voice.txt &&
  w dev tiny-llm tiny.gguf && w dev llm-smoke tiny.gguf --deadline-ms 20000 | tee llm.txt && has "answer (" llm.txt
}
check natives natives

shared="${CREWCHIEF_SHARED:-$repo/../shared}"
ibt="$shared/telemetry/ibt/amg-gt4_sebring.ibt"
replay_json() {
  local linux="$repo/src/CrewChief/bin/Release/net10.0/crewchief"
  [ -x "$linux" ] || dotnet build "$repo/src/CrewChief/CrewChief.csproj" -c Release >/dev/null || return 1
  "$linux" replay "$ibt" --fast --summary --json > linux.json || return 1
  w replay "$ibt" --fast --summary --json > windows.json || return 1
  # Timing fields and the path's spelling differ by nature; every other field must be equal.
  python3 - linux.json windows.json <<'EOF'
import json, sys
drop = {"file", "wall_s", "ticks_per_second", "alloc_bytes_per_tick"}
a, b = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
for d in (a, b):
    for k in drop: d.pop(k, None)
if a != b:
    keys = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
    sys.exit(f"replay JSON differs in: {keys}")
print(f"equal: {len(a)} fields, {len(a.get('events', []))} events")
EOF
}
if [ -f "$ibt" ]; then check replay-json replay_json; else echo "wine-check: skip  replay-json ($ibt absent: ../shared is not beside the checkout)"; fi

# What a double-click starts, against a second process that plays iRacing: the engine waits with a status line,
# connects to the named map, hears the sim close and come back with a new layout, reconnects, and stops after
# the second session (--sessions 2). The session log must hold both halves.
sim_restart() {
  rm -rf logs
  WINE_TIMEOUT=150 w run --sessions 2 --text-only --no-llm --log-dir logs > run.txt 2>&1 &
  local engine=$!
  sleep 3
  WINE_TIMEOUT=120 w demo --as-sim --speed 20 --minutes 5 --restart-after 60 > sim.txt 2>&1; local sim_rc=$?
  wait $engine; local run_rc=$?
  cat sim.txt run.txt | grep -av '^\[' | head -30
  [ $sim_rc -eq 0 ] || { echo "sim exited $sim_rc"; return 1; }
  [ $run_rc -eq 0 ] || { echo "run exited $run_rc"; return 1; }
  has "waiting for iRacing" run.txt || return 1
  [ "$(grep -ac 'crewchief: connected' run.txt)" -eq 2 ] || { echo "expected 2 connections"; return 1; }
  [ "$(grep -ac 'iRacing closed' run.txt)" -eq 2 ] || { echo "expected 2 disconnections"; return 1; }
  python3 - logs <<'EOF'
import glob, gzip, json, sys
logs = glob.glob(sys.argv[1] + "/*.jsonl.gz")
if len(logs) != 1: sys.exit(f"expected one session log, found {logs}")
t = [r["t"] for r in map(json.loads, gzip.open(logs[0], "rt", encoding="utf-8")) if r.get("type") == "sample"]
cut = next((i for i in range(1, len(t)) if t[i] < t[i - 1] - 10), None)
if cut is None: sys.exit(f"the log holds one session only ({len(t)} samples)")
first, second = t[:cut], t[cut:]
if max(first) < 50 or max(second) < 200: sys.exit(f"a half is short: first to {max(first)} s, second to {max(second)} s")
print(f"session log: first half {len(first)} samples to {max(first):.0f} s, second half {len(second)} samples to {max(second):.0f} s")
EOF
}
check sim-restart sim_restart

# A real race (iRacing's lap chart of a 10-lap GT4 race) published the same way, read by a double-clicked engine.
race="$shared/races/iracing/gt4_nurburgring_lap_chart.json"
race_sim() {
  rm -rf logs
  WINE_TIMEOUT=90 w run --sessions 1 --text-only --no-llm --log-dir logs > race-run.txt 2>&1 &
  local engine=$!
  sleep 3
  WINE_TIMEOUT=60 w replay "$race" --car 21 --as-sim --speed 200 > race-sim.txt 2>&1; local sim_rc=$?
  wait $engine; local run_rc=$?
  cat race-sim.txt; grep -av '^\[' race-run.txt
  [ $sim_rc -eq 0 ] && [ $run_rc -eq 0 ] || { echo "sim exited $sim_rc, run exited $run_rc"; return 1; }
  has "crewchief: connected" race-run.txt && [ "$(grep -ac '^\[' race-run.txt)" -gt 5 ] || { echo "too few callouts"; return 1; }
}
if [ -f "$race" ]; then check race-sim race_sim; else echo "wine-check: skip  race-sim ($race absent)"; fi

# The radio's recognisers under Wine: Wine's sapi.dll has no in-process recogniser and no pocketsphinx.dll is
# bundled, so doctor says so in one line each, a spoken question fails in one line (no crash) and typed ones work.
radio_windows() {
  python3 - q.wav <<'EOF2'
import math, struct, sys, wave
w = wave.open(sys.argv[1], "wb"); w.setnchannels(1); w.setsampwidth(2); w.setframerate(16000)
w.writeframes(b"".join(struct.pack("<h", int(3000 * math.sin(i * 0.07))) for i in range(16000))); w.close()
EOF2
  w doctor > radio-doctor.txt; local rc=$?
  grep -a "radio" radio-doctor.txt
  [ $rc -le 2 ] || { echo "doctor exited $rc"; return 1; }
  [ "$(grep -ac '^warn  radio-win .*unusable' radio-doctor.txt)" -eq 1 ] || { echo "want one 'warn radio-win ... unusable' line"; return 1; }
  for choice in auto windows; do
    w ask --wav q.wav --demo-at 240 --recogniser $choice > ask-$choice.txt 2>&1; rc=$?
    cat ask-$choice.txt
    [ $rc -eq 2 ] || { echo "ask --wav --recogniser $choice exited $rc, want 2"; return 1; }
    [ "$(grep -ac . ask-$choice.txt)" -eq 1 ] || { echo "ask --wav --recogniser $choice: want one line"; return 1; }
    has "SpInprocRecognizer" ask-$choice.txt || return 1
  done
  w ask "how's my fuel" --demo-at 240 > ask-text.txt 2>&1 && cat ask-text.txt && has "intent: fuel" ask-text.txt
}
check radio-windows radio_windows

# crewchief.toml beside the exe: missing -> defaults and a working engine; corrupt -> one line naming it, exit 2.
toml() {
  local toml="$repo/$out/crewchief.toml" saved="$work/crewchief.toml.saved"
  cp "$toml" "$saved"
  rm "$toml"
  w doctor > missing.txt; local rc_missing=$?
  printf '[engine\nverbosity = "full"\n' > "$toml"
  w doctor > corrupt.txt 2>&1; local rc_corrupt=$?
  cp "$saved" "$toml"
  cat missing.txt corrupt.txt
  # Missing: the defaults, and doctor runs its checks (non-zero only because OpenAL and espeak-ng are absent here).
  [ $rc_missing -le 2 ] && has "ok    onnxruntime" missing.txt || { echo "missing toml: doctor exited $rc_missing"; return 1; }
  [ $rc_corrupt -eq 2 ] || { echo "corrupt toml: exited $rc_corrupt, want 2"; return 1; }
  [ "$(grep -ac . corrupt.txt)" -eq 1 ] || { echo "corrupt toml: want one line"; return 1; }
  has "crewchief.toml" corrupt.txt
}
check toml toml

if [ $failed -ne 0 ]; then echo "wine-check: FAILED (outputs in $work)"; exit 1; fi
echo "wine-check: all checks passed under $("$wine" --version 2>/dev/null)"
