#!/usr/bin/env bash
# joinload.sh: loads forwarded across joins (opt/joinload.c) give the interpreter's answers and
# traps, with guard pages, explicit bounds, three registers a class and no CPU features.
#
#   tests/opt/joinload.sh WASMLAB WAT2WASM tests/opt/joinload.wat
set -u
unset WLAB_CPU_FEATURES WLAB_OPT_REGS WLAB_OPT_REFUSE
wasmlab=$1
# shellcheck source=tests/lib/answers.sh
. "$(dirname "$0")/../lib/answers.sh"
answers_module "$2" "$3"

calls=("count 0" "count 1" "count 17" "arms 100 1" "arms 100 0" "arms 65528 3" "arms 65529 0"
  "floats 200 1 2.5" "floats 200 0 2.5" "floats 65530 1 1" "one_arm 40 1" "one_arm 40 0"
  "narrow 40 1" "narrow 40 0" "offset 40 1" "offset 40 0" "called 40 0" "called 40 1"
  "moving 0 5" "moving 1000 40" "moving 65520 8")
want_answers "$wasmlab"
configs=("|" "|--bounds-checks=explicit" "WLAB_OPT_REGS=7,7|" "WLAB_OPT_REGS=7,7|--bounds-checks=explicit"
  "WLAB_CPU_FEATURES=none|")
opt_answers_in "$wasmlab" "${configs[@]}"
[ $failed -eq 0 ] || { echo "$failed failed"; exit 1; }
