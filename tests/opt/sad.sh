#!/usr/bin/env bash
# sad.sh: opt/sad.c's psadbw form of a sum of absolute byte differences gives the interpreter's
# answers at the row counts it allows (32 widens: the largest differences fill a psadbw lane to
# 65280) and where it must not apply (33: the lane would wrap), under register budgets, CPU
# feature masks and both bounds-check modes; and it is applied to exactly the loops it may be.
#
#   tests/opt/sad.sh WASMLAB WAT2WASM tests/opt/sad/rows.wat
set -u
unset WLAB_CPU_FEATURES WLAB_OPT_REGS WLAB_OPT_REFUSE
wasmlab=$1
# shellcheck source=tests/lib/answers.sh
. "$(dirname "$0")/../lib/answers.sh"
answers_module "$2" "$3"

# all SEED MODE P: mode 0 and 1 are every byte difference 255 (each way round), 2 hashed bytes
calls=("all 7 0 0" "all 7 1 0" "all 7 2 0" "all 7 0 3584" "all 7 1 3584" "all 99 2 3584" "all 5 2 1" "all 0 0 100")
want_answers "$wasmlab"
opt_answers_in "$wasmlab" "|" "WLAB_OPT_REGS=7,7|" "|--bounds-checks=explicit" "WLAB_OPT_REGS=7,7|--bounds-checks=explicit" \
  "WLAB_CPU_FEATURES=none|" "WLAB_CPU_FEATURES=-avx,-avx2|" "|--opt-disable=sad"

# which functions have the mark: sum32 one widen, pairs two, sum33 and lanes none
for want in "sum32 1" "sum33 0" "pairs 2" "lanes 0"; do
  read -r fn n <<<"$want"
  got=$("$wasmlab" dump --ssa --after sad --func "$fn" "$wasm" | grep -c ' sad ')
  if [ "$got" -eq "$n" ]; then ok "$fn: $n widens as psadbw"; else bad "$fn: $got widens as psadbw, want $n"; fi
done

echo "$failed failed"
[ $failed -eq 0 ]
