#!/usr/bin/env bash
# Benchmark: `kport batch` over a generated tree of FILES CUDA files (default 200: copies of the
# bundled samples, each copy made distinct by a comment so the cache cannot share entries).
# Reports files per second at -j 1 and -j 2, the scaling, and the no-change re-run's time as a
# share of the full run. Goals (issue 7): scaling >= 1.8x at -j 2, re-run under 5 %.
# Ports only (no --verify: that adds the interpreter's time per launch, see the run section).
# "cores busy" is CPU time over wall time: on a machine shared with other work, -j 2 cannot
# scale past the cores it actually gets.
# Usage: bench/batch.sh [--kport PATH] [FILES]
#   --kport PATH   use this kport binary instead of building .build/release/kport
set -euo pipefail
cd "$(dirname "$0")/.."
kport=""
files=200
while [ $# -gt 0 ]; do
  case "$1" in
    --kport) kport="$2"; shift 2 ;;
    -*) echo "usage: bench/batch.sh [--kport PATH] [FILES]" >&2; exit 2 ;;
    *) files="$1"; shift ;;
  esac
done
if [ -z "$kport" ]; then
  scripts/setup release
  kport=.build/release/kport
fi
kport=$(cd "$(dirname "$kport")" && pwd)/$(basename "$kport")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
samples=(samples/*.cu)
for ((i = 0; i < files; i++)); do
  sample=${samples[$((i % ${#samples[@]}))]}
  directory="$work/tree/group$((i / 25))"
  mkdir -p "$directory"
  { cat "$sample"; echo "// batch benchmark copy $i"; } > "$directory/$(basename "$sample" .cu)_$i.cu"
done
measure() { # name command... -> sets <name>_wall and <name>_cpu (user + system seconds, children included)
  local name=$1
  shift
  /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" > /dev/null 2>&1 || true
  read -r wall user system < "$work/time"
  printf -v "${name}_wall" '%s' "$wall"
  printf -v "${name}_cpu" '%s' "$(echo "$user + $system" | bc -l)"
}
cd "$work"
load=$(cut -d' ' -f1-3 /proc/loadavg)
measure j1 "$kport" batch tree --out out1 -j 1 --quiet
measure j2 "$kport" batch tree --out out2 -j 2 --quiet
measure rerun "$kport" batch tree --out out2 -j 2 --quiet
identical=$(diff -r out1 out2 > /dev/null && echo yes || echo no)
printf 'files            %d (%d cores, load average before: %s)\n' "$files" "$(nproc)" "$load"
printf -- '-j 1             %.1f s  %.2f files/s  %.2f cores busy\n' "$j1_wall" "$(echo "$files / $j1_wall" | bc -l)" "$(echo "$j1_cpu / $j1_wall" | bc -l)"
printf -- '-j 2             %.1f s  %.2f files/s  %.2f cores busy\n' "$j2_wall" "$(echo "$files / $j2_wall" | bc -l)" "$(echo "$j2_cpu / $j2_wall" | bc -l)"
printf 'scaling          %.2fx  (CPU time -j 2 / -j 1: %.2f)\n' "$(echo "$j1_wall / $j2_wall" | bc -l)" "$(echo "$j2_cpu / $j1_cpu" | bc -l)"
printf 're-run           %.2f s  %.1f %% of the -j 2 run\n' "$rerun_wall" "$(echo "100 * $rerun_wall / $j2_wall" | bc -l)"
printf 'j1 == j2 outputs %s\n' "$identical"
