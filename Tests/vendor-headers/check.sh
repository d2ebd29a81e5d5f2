#!/usr/bin/env bash
# check.sh — syntax-check emitted BANG C / Ascend C files with clang and kport's declaration-only
# vendor headers (no vendor SDK needed). See README.md in this folder.
#
#   check.sh bang FILE...       check .mlu (or any) files as BANG C (CNToolkit 3.x, MLU370)
#   check.sh ascendc FILE...    check files as Ascend C + AscendCL (CANN 8.0, 910B)
#   check.sh selftest           check every example: valid ones must pass, each file under
#                               examples/invalid/ must fail with the message on its first line
#                               (`// expect-error: <substring of clang's output>`)
#
# Each file is checked in two clang CUDA-mode passes: the host pass (host code, launches, and the
# kernels' bodies), then, if it passed, the device pass (device-only macros such as __BANG_ARCH__).
# Exit status: 0 when every file passes, 1 when any fails, 2 on usage errors.
#
# Environment:
#   KPORT_CLANG        clang++ to use (default: /opt/swift/usr/bin/clang++, else clang++ on PATH)
#   KPORT_CHECK_FLAGS  extra flags for both passes (e.g. "-Wall -Werror")
#   KPORT_CHECK_VERBOSE=1  print each clang command line before running it
set -u

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [ -n "${KPORT_CLANG:-}" ]; then
  CLANG="$KPORT_CLANG"
elif [ -x /opt/swift/usr/bin/clang++ ]; then
  CLANG=/opt/swift/usr/bin/clang++
else
  CLANG="$(command -v clang++ || true)"
fi
if [ -z "$CLANG" ]; then
  echo "check.sh: no clang++ found (set KPORT_CLANG)" >&2
  exit 2
fi

# Flags common to every pass. -x cuda: the only clang mode that parses <<<...>>> (and it makes the
# .mlu extension irrelevant); -nocudainc/-nocudalib: no CUDA headers or libdevice, so nothing of
# CUDA (dim3, threadIdx, __global__ ...) is declared except what the vendor headers map;
# --cuda-path=<nonexistent>: never pick up a CUDA SDK, so clang's launch lookup is the same on
# every machine (the headers declare both names anyway).
COMMON_FLAGS=(-fsyntax-only -x cuda -nocudainc -nocudalib --cuda-path=/nonexistent/kport-no-cuda-sdk)
HOST_PASS=(--cuda-host-only)
DEVICE_PASS=(--cuda-device-only --cuda-gpu-arch=sm_80)

target_flags() {
  case "$1" in
    bang) echo "-std=c++11 -I$HERE/bang" ;;        # cncc samples use -std=c++11 (A1)
    ascendc) echo "-std=c++17 -I$HERE/ascendc" ;;  # bisheng samples use -std=c++17 (B1)
    *) return 1 ;;
  esac
}

# CUDA spellings that must not leak into emitted vendor code; clang's CUDA mode would accept them.
LEAK_PATTERN='__CUDA_ARCH__|__CUDACC__|__CUDA__|__NVCC__|cudaConfigureCall|__cudaPushCallConfiguration'

# check_file TARGET FILE: prints diagnostics; returns 0 when the file passes.
check_file() {
  local target="$1" file="$2" tflags
  tflags="$(target_flags "$target")" || { echo "check.sh: unknown target '$target'" >&2; return 2; }
  if [ ! -f "$file" ]; then
    echo "$file: error: no such file" >&2
    return 1
  fi
  local leak
  leak="$(grep -nE "$LEAK_PATTERN" "$file" | head -n 1)"
  if [ -n "$leak" ]; then
    echo "$file:${leak%%:*}: error: CUDA-only spelling in emitted $target code: ${leak#*:}" >&2
    return 1
  fi
  local pass
  for pass in host device; do
    local -a cmd
    # shellcheck disable=SC2206
    cmd=("$CLANG" "${COMMON_FLAGS[@]}" $tflags ${KPORT_CHECK_FLAGS:-})
    if [ "$pass" = host ]; then cmd+=("${HOST_PASS[@]}"); else cmd+=("${DEVICE_PASS[@]}"); fi
    cmd+=("$file")
    if [ "${KPORT_CHECK_VERBOSE:-0}" = 1 ]; then echo "+ ${cmd[*]}" >&2; fi
    if ! "${cmd[@]}"; then
      return 1
    fi
  done
  return 0
}

selftest() {
  local failures=0 file target expected output
  for target in bang ascendc; do
    for file in "$HERE/examples/$target"/*; do
      [ -f "$file" ] || continue
      if output="$(check_file "$target" "$file" 2>&1)"; then
        echo "PASS  $target  ${file#"$HERE"/}"
      else
        echo "FAIL  $target  ${file#"$HERE"/}: expected no errors"
        echo "$output" | sed 's/^/      /'
        failures=$((failures + 1))
      fi
    done
    for file in "$HERE/examples/invalid/$target"/*; do
      [ -f "$file" ] || continue
      expected="$(head -n 1 "$file" | sed -n 's|^// expect-error: ||p')"
      if [ -z "$expected" ]; then
        echo "FAIL  $target  ${file#"$HERE"/}: first line is not '// expect-error: <message>'"
        failures=$((failures + 1))
        continue
      fi
      if output="$(check_file "$target" "$file" 2>&1)"; then
        echo "FAIL  $target  ${file#"$HERE"/}: passed, expected error: $expected"
        failures=$((failures + 1))
      elif printf '%s\n' "$output" | grep -qF -- "$expected"; then
        echo "PASS  $target  ${file#"$HERE"/} (fails with: $expected)"
      else
        echo "FAIL  $target  ${file#"$HERE"/}: error text lacks: $expected"
        echo "$output" | sed 's/^/      /'
        failures=$((failures + 1))
      fi
    done
  done
  echo "clang: $("$CLANG" --version | head -n 1)"
  if [ "$failures" -ne 0 ]; then
    echo "selftest: $failures failure(s)"
    return 1
  fi
  echo "selftest: all examples behave as expected"
  return 0
}

if [ $# -lt 1 ]; then
  sed -n '4,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi

case "$1" in
  selftest)
    selftest
    exit $?
    ;;
  bang | ascendc)
    target="$1"
    shift
    if [ $# -eq 0 ]; then
      echo "check.sh: no files given" >&2
      exit 2
    fi
    status=0
    for file in "$@"; do
      check_file "$target" "$file" || status=1
    done
    exit $status
    ;;
  *)
    echo "check.sh: unknown target '$1' (expected bang, ascendc or selftest)" >&2
    exit 2
    ;;
esac
