#!/usr/bin/env bash
# Where a process's resident memory sits, from /proc/PID/smaps, to tell the managed heap from native memory:
#   bench/soak/rss-breakdown.sh PID [TOP]
# Anonymous mappings are grouped into runs of adjacent mappings (whatever their protection): the .NET GC reserves
# one run of many GB and commits its regions inside it; glibc's malloc arenas (native libraries: espeak-ng,
# OpenAL, ONNX Runtime, llama.cpp) are runs of exactly 64 MB at 64 MB boundaries. The GC figure follows
# GC.GetGCMemoryInfo's committed bytes (CREWCHIEF_TRIM_LOG=1) in the soaks.
set -euo pipefail
pid=$1; top=${2:-8}
declare -A rss
starts=(); ends=(); kbs=(); perms=()
total=0; key=""; anon=-1
while read -r first second _ _ _ path; do
  if [[ $first =~ ^[0-9a-f]+-[0-9a-f]+$ ]]; then
    anon=-1
    if [[ $path == /* ]]; then key=${path##*/}
    elif [[ $path == "[heap]" ]]; then key="malloc [heap]"
    elif [[ $path == "[stack"* ]]; then key="stacks"
    elif [[ -n $path ]]; then key=$path
    else
      key=""; anon=${#starts[@]}
      starts+=($((16#${first%-*}))); ends+=($((16#${first#*-}))); kbs+=(0); perms+=("$second")
    fi
  elif [[ $first == Rss: ]]; then
    total=$((total + second))
    if (( anon >= 0 )); then kbs[anon]=$second; else rss[$key]=$(( ${rss[$key]:-0} + second )); fi
  fi
done < "/proc/$pid/smaps"
# Runs of adjacent anonymous mappings.
n=${#starts[@]}; i=0
while (( i < n )); do
  j=$i; run_kb=${kbs[i]}
  while (( j + 1 < n && starts[j + 1] == ends[j] )); do j=$((j + 1)); run_kb=$((run_kb + kbs[j])); done
  span=$((ends[j] - starts[i]))
  if (( span >= 1 << 30 )); then k="anon: GC heap (regions in its reservation)"
  elif (( span == 64 << 20 && starts[i] % (64 << 20) == 0 )); then k="anon: malloc arenas (native libraries)"
  else
    exec_kb=0; other_kb=0
    for ((m = i; m <= j; m++)); do if [[ ${perms[m]} == *x* ]]; then exec_kb=$((exec_kb + kbs[m])); else other_kb=$((other_kb + kbs[m])); fi; done
    rss["anon: executable (JIT code)"]=$(( ${rss["anon: executable (JIT code)"]:-0} + exec_kb ))
    rss["anon: other (thread stacks, runtime tables)"]=$(( ${rss["anon: other (thread stacks, runtime tables)"]:-0} + other_kb ))
    i=$((j + 1)); continue
  fi
  rss[$k]=$(( ${rss[$k]:-0} + run_kb ))
  i=$((j + 1))
done
printf 'total %.1f MB\n' "$(echo "$total / 1024" | bc -l)"
for k in "${!rss[@]}"; do (( rss[$k] > 0 )) && printf '%s\t%s\n' "${rss[$k]}" "$k"; done | sort -rn | head -n "$top" |
  while IFS=$'\t' read -r kb name; do printf '  %7.1f MB  %s\n' "$(echo "$kb / 1024" | bc -l)" "$name"; done
