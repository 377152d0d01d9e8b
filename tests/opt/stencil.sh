#!/usr/bin/env bash
# stencil.sh: heat's loop forms (f32/f64 loads as the memory operand of the add, sub, mul or div
# after them, a back edge's moves before the loop's jcc) give the interpreter's answers, NaN
# payloads and traps included, with guard pages, explicit bounds, three registers a class and no
# CPU features.
#
#   tests/opt/stencil.sh WASMLAB WAT2WASM tests/opt/stencil.wat
set -u
unset WLAB_CPU_FEATURES WLAB_OPT_REGS WLAB_OPT_REFUSE
wasmlab=$1
# shellcheck source=tests/lib/answers.sh
. "$(dirname "$0")/../lib/answers.sh"
answers_module "$2" "$3"

calls=("stencil 0" "stencil 8" "stencil 24" "stencil 32" "stencil 16" "stencil 65504" "stencil 65505" "stencil 65512"
  "ops32 64 7" "ops32 68 1" "ops32 60 2" "ops32 72 -1" "ops32 76 -1" "ops32 65524 1" "ops32 65525 1"
  "first 0 2" "first 8 1" "first 24 1" "first 65528 1" "first 65529 1"
  "twice 0 1" "twice 8 3" "twice 32 -1" "twice 65530 1"
  "carry 0 1" "carry 0 5" "carry 8 3" "carry 100 200" "carry 64000 300"
  "carry_old 0 1" "carry_old 16 7" "carry_old 64000 300")
want_answers "$wasmlab"
configs=("|" "|--bounds-checks=explicit" "WLAB_OPT_REGS=7,7|" "WLAB_OPT_REGS=7,7|--bounds-checks=explicit"
  "WLAB_CPU_FEATURES=none|")
opt_answers_in "$wasmlab" "${configs[@]}"
[ $failed -eq 0 ] || { echo "$failed failed"; exit 1; }
