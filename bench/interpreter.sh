#!/usr/bin/env bash
# Benchmark: the reference interpreter (sanitizers on, release build) against the same loop
# nests in C compiled with -O2, on saxpy 2^24, a shared-memory reduction over 2^24, a tiled
# 512x512x512 matmul and a 2048x2048 5-point stencil. Goal (issue 3): within 20x of native.
# The interpreter time is the launch alone, as `kport run` reports it (not parsing or input
# generation), the median of --runs runs (default 3: the machine is noisy).
# Usage: bench/interpreter.sh [--threads N] [--runs N] [--kport PATH]
#   --kport PATH   time this kport binary instead of building .build/release/kport
set -euo pipefail
cd "$(dirname "$0")/.."
threads=1
runs=3
kport=""
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --kport) kport="$2"; shift 2 ;;
    *) echo "usage: bench/interpreter.sh [--threads N] [--runs N] [--kport PATH]" >&2; exit 2 ;;
  esac
done
if [ -z "$kport" ]; then
  scripts/setup release
  kport=.build/release/kport
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O2 -o "$work/native" bench/interpreter/native.c
"$work/native" > "$work/native.txt"
printf '%-10s %12s %14s %8s\n' kernel "native ms" "kport run ms" ratio
for kernel in saxpy reduce matmul stencil; do
  native=$(awk -v k="$kernel" '$1 == k { print $2 }' "$work/native.txt")
  : > "$work/times.txt"
  for _ in $(seq "$runs"); do
    line=$("$kport" run "bench/interpreter/$kernel.cu" --threads "$threads" \
      --max-steps 1000000000000 | grep '^launch ')
    errors=$(echo "$line" | sed -n 's/.*: \([0-9]*\) errors\{0,1\},.*/\1/p')
    [ "$errors" = "0" ] || { echo "$kernel: the interpreter reported findings: $line" >&2; exit 1; }
    echo "$line" | sed -n 's/.* in \([0-9.]*\) ms.*/\1/p' >> "$work/times.txt"
  done
  ms=$(sort -n "$work/times.txt" | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }')
  awk -v k="$kernel" -v n="$native" -v m="$ms" \
    'BEGIN { printf "%-10s %12.1f %14.1f %7.1fx\n", k, n, m, m / n }'
done
echo "goal: within 20x; interpreter worker threads: $threads; median of $runs runs; sanitizers on"
