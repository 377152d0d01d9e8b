#!/usr/bin/env bash
# framereg.sh: functions whose loops take r15 (the frame register, free in a function that calls
# nothing: opt/regalloc.c frame_register_free) give the interpreter's answers: results returned
# from inside r15's region and from after it, a trap inside it, an early return that never saves
# r15, with guard pages, explicit bounds, r15 among two or four registers (WLAB_OPT_REGS=8001 and
# 8007), three registers without it, no CPU features, and fuel (no r15: the budget stub calls C).
#
#   tests/opt/framereg.sh WASMLAB WAT2WASM tests/opt/framereg.wat
set -u
unset WLAB_CPU_FEATURES WLAB_OPT_REGS WLAB_OPT_REFUSE
wasmlab=$1
# shellcheck source=tests/lib/answers.sh
. "$(dirname "$0")/../lib/answers.sh"
answers_module "$2" "$3"

calls=("rounds 0 4" "rounds 0 64" "rounds 256 1024" "rounds 65500 4"
  "calls 0 64" "calls 32 128"
  "cold 7 0" "cold 0 64" "cold 100 32"
  "inside 123 3" "inside 5 10" "inside -7 20" "inside 9 0"
  "trap 0 3" "trap 0 16" "trap 0 17" "trap 65532 1" "trap 65534 1")
want_answers "$wasmlab"
configs=("|" "|--bounds-checks=explicit" "WLAB_OPT_REGS=8001,1|" "WLAB_OPT_REGS=8001,1|--bounds-checks=explicit"
  "WLAB_OPT_REGS=8007,7|" "WLAB_OPT_REGS=7,7|" "WLAB_CPU_FEATURES=none|" "|--fuel 100000000")
opt_answers_in "$wasmlab" "${configs[@]}"
[ $failed -eq 0 ] || { echo "$failed failed"; exit 1; }
