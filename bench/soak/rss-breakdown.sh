#!/usr/bin/env bash
# Where a process's resident memory sits, from /proc/PID/smaps, to tell the managed heap from native memory:
#   bench/soak/rss-breakdown.sh PID [TOP]
# Anonymous mappings are told apart by alignment: the .NET GC commits its regions at 4 MB boundaries, glibc's
# malloc arenas (native libraries: espeak-ng, OpenAL, ONNX Runtime, llama.cpp) sit at 64 MB boundaries. A
# heuristic, but it follows GC.GetGCMemoryInfo's committed bytes (CREWCHIEF_TRIM_LOG=1) in the soaks.
set -euo pipefail
pid=$1; top=${2:-8}
declare -A rss
total=0; key=""
while read -r first second _ _ _ path; do
  if [[ $first == *-* && $first =~ ^[0-9a-f]+-[0-9a-f]+$ ]]; then
    start=$((16#${first%-*}))
    if [[ $path == /* ]]; then key=${path##*/}
    elif [[ $path == "[heap]" ]]; then key="malloc [heap]"
    elif [[ $path == "[stack"* ]]; then key="stacks"
    elif [[ -n $path ]]; then key=$path
    elif [[ $second == *x* ]]; then key="anon executable (JIT code)"
    elif (( start % 67108864 == 0 )); then key="anon, 64 MB aligned (malloc arenas: native libraries)"
    elif (( start % 4194304 == 0 )); then key="anon, 4 MB aligned (GC regions: managed heap)"
    else key="anon, other (thread stacks, runtime tables)"; fi
  elif [[ $first == Rss: ]]; then
    rss[$key]=$(( ${rss[$key]:-0} + second )); total=$((total + second))
  fi
done < "/proc/$pid/smaps"
printf 'total %.1f MB\n' "$(echo "$total / 1024" | bc -l)"
for k in "${!rss[@]}"; do printf '%s\t%s\n' "${rss[$k]}" "$k"; done | sort -rn | head -n "$top" |
  while IFS=$'\t' read -r kb name; do printf '  %7.1f MB  %s\n' "$(echo "$kb / 1024" | bc -l)" "$name"; done
