#!/usr/bin/env bash
# Soak: runs one crewchief command and samples its resident memory (VmRSS) every second.
#   bench/soak/soak.sh OUT.csv [--warmup S] [--breakdown] -- crewchief ARGS...
# Writes "second,rss_kb" rows to OUT.csv and prints: RSS at the end of the warm-up (the first lap), the maximum
# after it, the last sample, and the growth after the warm-up. Not a CI test: the real soaks take 15 minutes+.
# --breakdown appends, every 60 s, where the RSS sits (GC regions, malloc arenas, code: rss-breakdown.sh) to
# OUT.breakdown, so managed growth can be told from native growth.
set -euo pipefail
out=$1; shift
warmup=120
breakdown=0
if [[ ${1:-} == --warmup ]]; then warmup=$2; shift 2; fi
if [[ ${1:-} == --breakdown ]]; then breakdown=1; shift; fi
here=$(dirname "$0")
[[ ${1:-} == -- ]] && shift
"$@" > /dev/null 2> "${out%.csv}.stderr" &
pid=$!
echo "second,rss_kb" > "$out"
s=0
while kill -0 "$pid" 2> /dev/null; do
  rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2> /dev/null || true)
  [[ -n $rss ]] && echo "$s,$rss" >> "$out"
  if (( breakdown && s % 60 == 0 )); then
    # In the background: reading smaps takes seconds on a loaded machine and must not delay the 1 s samples.
    ( b=$("$here/rss-breakdown.sh" "$pid" 6 2> /dev/null || true); printf -- '--- %s s\n%s\n' "$s" "$b" >> "${out%.csv}.breakdown" ) &
  fi
  sleep 1
  s=$((s + 1))
done
wait "$pid" && rc=0 || rc=$?
awk -F, -v w="$warmup" -v rc="$rc" 'NR > 1 { if ($1 <= w) base = $2; if ($1 >= w && $2 > max) max = $2; if ($1 >= w && (min == "" || $2 < min)) min = $2; last = $2; n = $1 }
  END { printf "soak: %d s, exit %d; RSS after %d s warm-up %.1f MB, after it min %.1f / max %.1f MB, last %.1f MB; growth after warm-up %.1f MB\n",
        n, rc, w, base / 1024, min / 1024, max / 1024, last / 1024, (max - base) / 1024 }' "$out"
