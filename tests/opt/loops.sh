#!/usr/bin/env bash
# loops.sh: the forms mainloop's hot loop is emitted in (one add to memory for a load, add and
# store; a guarded truncation; wraps without a move; a branch on an add's flags; a loop constant
# in a register taken from a value reloaded at the loop's exit; a shift and an add as one lea) give
# the interpreter's answers and traps, with guard pages, explicit bounds and three registers a class.
#
#   tests/opt/loops.sh WASMLAB WAT2WASM tests/opt/loops/mainloop.wat
set -u
unset WLAB_CPU_FEATURES WLAB_OPT_REGS WLAB_OPT_REFUSE
wasmlab=$1
# shellcheck source=tests/lib/answers.sh
. "$(dirname "$0")/../lib/answers.sh"
answers_module "$2" "$3"

calls=("inc 100 1000" "inc 65464 3" "inc 65465 1" "inc 65528 2"
  "guard_u 0" "guard_u 0.75" "guard_u 4294967295.5" "guard_u 4294967296" "guard_u -0.5" "guard_u -1" "guard_u 1e300"
  "guard_s 0" "guard_s -2147483648" "guard_s 2147483520" "guard_s 2147483648" "guard_s -2147483904" "guard_s -7.9"
  "lcg 5 100 200" "lcg 12345 1 200" "lcg 1 7 65535" "taken 9 50 200" "taken 9 1 201" "taken 9 3 65530"
  "scaled 1073741825 536870913" "scaled -1 -1" "scaled 15335 2" "scaled 15337 2" "scaled64 -4611686018427387905 7" "scaled64 5 -3")
want_answers "$wasmlab"
configs=("|" "|--bounds-checks=explicit" "WLAB_OPT_REGS=7,7|" "WLAB_OPT_REGS=7,7|--bounds-checks=explicit")
opt_answers_in "$wasmlab" "${configs[@]}"
[ $failed -eq 0 ] || { echo "$failed failed"; exit 1; }
