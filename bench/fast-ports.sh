#!/usr/bin/env bash
# Benchmark: how fast the ports are, by the cost model (issue 6). For every sample and target,
# per launch: the port's estimated time, its roofline floor, estimate / floor, the same ratio for
# the time on the chip (the estimate less the host's launch overhead, which no port changes:
# the floor has none), the scalar form's
# estimate (the `bang-scalar` / `ascendc-scalar` pipelines: no tiling, no vectorisation) and the
# speed-up over it. Goals: memory-bound samples within 1.25x of the floor and 10x faster than the
# scalar form. The figures are the cost model's estimates from the interpreter's counts
# (docs/cost-model.md), deterministic: one run is enough.
# Usage: bench/fast-ports.sh [--kport PATH] [SAMPLE.cu ...]
#   --kport PATH   use this kport binary instead of building .build/release/kport
set -euo pipefail
cd "$(dirname "$0")/.."
kport=""
samples=()
while [ $# -gt 0 ]; do
  case "$1" in
    --kport) kport="$2"; shift 2 ;;
    -*) echo "usage: bench/fast-ports.sh [--kport PATH] [SAMPLE.cu ...]" >&2; exit 2 ;;
    *) samples+=("$1"); shift ;;
  esac
done
command -v python3 >/dev/null || { echo "bench/fast-ports.sh needs python3 to read the JSON reports" >&2; exit 2; }
if [ -z "$kport" ]; then
  scripts/setup release
  kport=.build/release/kport
fi
[ ${#samples[@]} -gt 0 ] || samples=(samples/*.cu)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-22s %-8s %-14s %11s %11s %8s %8s %11s %9s\n' sample target launch estimate floor "/floor" "chip/fl" scalar speedup
for sample in "${samples[@]}"; do
  for target in bang ascendc; do
    name=$(basename "$sample" .cu)
    if ! "$kport" report "$sample" --target "$target" --format json > "$work/fast.json" 2> "$work/fast.err" ||
      ! "$kport" report "$sample" --target "$target" --format json --pipeline "$target-scalar" > "$work/scalar.json" 2> "$work/scalar.err"; then
      printf '%-22s %-8s %s\n' "$name" "$target" "no report: $(grep -m1 error "$work/fast.err" "$work/scalar.err" || true)"
      continue
    fi
    python3 - "$name" "$target" "$work/fast.json" "$work/scalar.json" <<'PY'
import json, sys
name, target, fast_path, scalar_path = sys.argv[1:5]
fast = json.load(open(fast_path))["kernels"]
scalar = {k["launch"]: k for k in json.load(open(scalar_path))["kernels"]}
def seconds(x):
    for unit, scale in (("s", 1), ("ms", 1e-3), ("us", 1e-6)):
        if x >= scale: return f"{x / scale:.3g} {unit}"
    return f"{x / 1e-9:.3g} ns"
for k in fast:
    base = scalar.get(k["launch"])
    floor = k["roofline_floor_seconds"]
    ratio = k["estimated_seconds"] / floor if floor > 0 else float("inf")
    chip = (k["estimated_seconds"] - k["breakdown"]["launch"]) / floor if floor > 0 else float("inf")
    speedup = base["estimated_seconds"] / k["estimated_seconds"] if base and k["estimated_seconds"] > 0 else float("nan")
    print(f"{name:22s} {target:8s} {k['launch'][:14]:14s} {seconds(k['estimated_seconds']):>11s} "
          f"{seconds(k['roofline_floor_seconds']):>11s} {ratio:7.1f}x {chip:7.2f}x {seconds(base['estimated_seconds']) if base else '-':>11s} {speedup:8.1f}x")
PY
  done
done
