#!/usr/bin/env bash
# unroll.sh: loops unrolled by opt/unroll.c (values rotated through the loop's parameters) give the
# interpreter's answers: trip counts from 0 to past twice the factor, so that each copy's exit is
# taken, values used after the loop, a trap at an iteration inside a copy, two loops in a row, a
# br_table in the body,
# with guard pages, explicit bounds, fuel (no unrolling), three registers a class with the
# verifier, no CPU features and the pass off.  The unrolled loops are checked to be there first.
#
#   tests/opt/unroll.sh WASMLAB WAT2WASM tests/opt/unroll/rot.wat
set -u
unset WLAB_CPU_FEATURES WLAB_OPT_REGS WLAB_OPT_REFUSE
wasmlab=$1 wat2wasm=$2 wat=$3
# shellcheck source=tests/lib/answers.sh
. "$(dirname "$0")/../lib/answers.sh"
answers_module "$wat2wasm" "$wat"
configs=("|" "|--bounds-checks=explicit" "|--fuel 100000000" "WLAB_OPT_REGS=7,7 WLAB_OPT_VERIFY=1|"
  "WLAB_OPT_REGS=7,7|--bounds-checks=explicit" "WLAB_CPU_FEATURES=none|" "|--opt-disable=unroll")

# each function's loops are unrolled (one loop header left per loop, several exit tests)
for fn in rot4:4 fibl:2 swap:2 load3:2 two:4 cases:2; do
  name=${fn%%:*} want=${fn#*:}
  tests=$("$wasmlab" dump --ssa "$wasm" --func "$name" 2>&1 | grep -c "br_if")
  if [ "$tests" = "$want" ]; then
    ok "$name: unrolled ($tests exit tests)"
  else
    bad "$name: $tests exit tests after unrolling, $want expected"
  fi
done

calls=()
for n in 0 1 2 3 4 5 6 7 8 9 13 100; do
  calls+=("rot4 $n 5" "rot4 $n -1")
done
for n in 1 2 3 4 5 10 91 92; do
  calls+=("fibl $n")
done
for n in 1 2 3 4 7 8; do
  calls+=("swap $n 3 4")
done
# load3 reads bytes p .. p + n - 1: from 65530, the 7th read (iteration 6, the first copy's) is the
# first out of bounds, from 65531 the 6th (the original's)
for p in "0 16" "0 1" "0 2" "3 7" "65530 6" "65530 7" "65530 10" "65531 6" "65531 10" "65535 1" "65536 1"; do
  calls+=("load3 $p")
done
for n in 1 2 3 4 5 9 16; do
  calls+=("two $n")
done
for n in 1 2 3 4 5 6 7 100; do
  calls+=("cases $n")
done
want_answers "$wasmlab"
opt_answers_in "$wasmlab" "${configs[@]}"
[ $failed -eq 0 ] || { echo "$failed failed"; exit 1; }
