#!/usr/bin/env bash
# Benchmark: `kport ir` against `clang -fsyntax-only` with the same flags on a generated
# ~3,000-line CUDA file (bench/gen_big_cu.py 38). Reports the median of RUNS runs of each.
# Usage: bench/frontend.sh [RUNS]   (default 15). Goal (issue 2): kport ir <= 1.5x clang.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-15}"
scripts/setup release
kport=.build/release/kport
headers=$(ls -d .build/release/kport_Frontend.resources/cuda-include)
clang=$(command -v clang-19 || command -v /usr/lib/llvm-19/bin/clang || command -v clang)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/gen_big_cu.py 38 > "$work/big.cu"
lines=$(wc -l < "$work/big.cu")
flags=(-x cuda -std=c++17 -nocudainc -nocudalib -isystem "$headers" -include cuda_runtime.h)

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
measure() {  # prints the median wall time in milliseconds of "$@"
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "$@" > /dev/null 2>&1 || { echo "command failed: $*" >&2; exit 1; }
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
  done | median
}
"$kport" ir "$work/big.cu" -o "$work/big.kir"
kernels=$(grep -c '^kernel ' "$work/big.kir")

both_clang=$(measure "$clang" -fsyntax-only "${flags[@]}" --cuda-gpu-arch=sm_80 "$work/big.cu")
both_kport=$(measure "$kport" ir "$work/big.cu" -o "$work/out.kir")
device_clang=$(measure "$clang" -fsyntax-only "${flags[@]}" --cuda-device-only --cuda-gpu-arch=sm_80 "$work/big.cu")
device_kport=$(measure "$kport" ir --no-host "$work/big.cu" -o "$work/out.kir")

echo "input: $lines lines, $kernels kernels in KIR; $runs runs each, median wall time"
echo "clang: $($clang --version | head -1)"
printf '%-58s %8s\n' "command" "ms"
printf '%-58s %8d\n' "clang -fsyntax-only (host + device sides)" "$both_clang"
printf '%-58s %8d\n' "kport ir (device-side KIR + host-side records)" "$both_kport"
printf '%-58s %8d\n' "clang -fsyntax-only --cuda-device-only" "$device_clang"
printf '%-58s %8d\n' "kport ir --no-host (device side only)" "$device_kport"
awk -v a="$both_kport" -v b="$both_clang" -v c="$device_kport" -v d="$device_clang" \
  'BEGIN { printf "ratio kport/clang: %.2fx (both sides), %.2fx (device side only); goal <= 1.5x\n", a / b, c / d }'
