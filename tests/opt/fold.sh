#!/usr/bin/env bash
# fold.sh: the forms of issue 16's bit loops and SAD reduction (a scaled table load, a load as the
# next op's memory operand, selects on one compare's flags, a lane sum by halving, sha256's rounds'
# rotates and nots, byte masks) give the interpreter's answers and traps, with guard pages,
# explicit bounds, three registers a class, and no CPU extensions (rol and not-and for rorx, andn).
#
#   tests/opt/fold.sh WASMLAB WAT2WASM tests/opt/fold/fold.wat
set -u
unset WLAB_CPU_FEATURES WLAB_OPT_REGS WLAB_OPT_REFUSE
wasmlab=$1
# shellcheck source=tests/lib/answers.sh
. "$(dirname "$0")/../lib/answers.sh"
answers_module "$2" "$3"

calls=("crcs 7 100 50 0" "crcs 9 0 16383 8" "crcs 9 65530 5 0" "crcs 9 0 3 65530" "crcs 3 10 4 65532"
  "crcs 11 200 1000 60000" "crcs 12 200 1000 60000" "crcs 38 200 1000 60000"
  "opss 5 0 77" "opss 6 4000 -9" "opss 5 65528 1" "opss 5 65520 3" "opss 5 65512 3" "opss 5 65532 3"
  "best 1000 5" "best 1 5" "best 77 123456"
  "laness 3 0" "laness 4 1000" "laness 3 65520" "laness 3 65521"
  "roundss 1 0 64 0" "roundss 2 100 64 -1" "roundss 3 4000 7 81985529216486895" "roundss 4 65532 64 5"
  "maskss 5 0 100" "maskss 6 1000 300" "maskss 7 65520 4")
want_answers "$wasmlab"
configs=("|" "|--bounds-checks=explicit" "WLAB_OPT_REGS=7,7|" "WLAB_OPT_REGS=7,7|--bounds-checks=explicit"
  "WLAB_CPU_FEATURES=none|")
opt_answers_in "$wasmlab" "${configs[@]}"
[ $failed -eq 0 ] || { echo "$failed failed"; exit 1; }
