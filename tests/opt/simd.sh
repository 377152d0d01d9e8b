#!/usr/bin/env bash
# simd.sh: the optimising tier's v128 ops and v128 memory ops (x64/simd.c's sequences,
# opt/emit_simd.c) give the interpreter's answers, traps included, under several register budgets,
# CPU feature masks and both bounds-check modes, and none of them calls the C helper when the CPU
# has SSE4.1 and SSSE3 (with WLAB_CPU_FEATURES=none all do).
#
#   tests/opt/simd.sh WASMLAB WAT2WASM tests/opt/simd/v128.wat (not among the opt/*.wat fixtures of
#   check_ssa.sh and passcheck.sh)
set -u
unset WLAB_CPU_FEATURES WLAB_OPT_REGS WLAB_OPT_REFUSE
wasmlab=$1
# shellcheck source=tests/lib/answers.sh
. "$(dirname "$0")/../lib/answers.sh"
answers_module "$2" "$3"

calls=("pressure 7 -3" "pressure -123456789 31" "pressure 0 0" "loop 12345 1000" "loop -1 77" "loop 0 1"
  "memory 0 100" "memory 3 37" "memory 65490 16" "memory 65509 1" "memory 65512 2" "memory 65521 1")
want_answers "$wasmlab"

# each configuration: environment | options
configs=("|" "WLAB_OPT_REGS=7,7|" "|--bounds-checks=explicit" "WLAB_CPU_FEATURES=none|" "WLAB_CPU_FEATURES=-avx2|"
  "WLAB_CPU_FEATURES=-sse4.2|" "WLAB_OPT_REGS=7,7 WLAB_CPU_FEATURES=-avx2|")
for config in "${configs[@]}"; do
  envs=${config%%|*} opts=${config#*|}
  # shellcheck disable=SC2086
  wrong_answers opt env $envs WLAB_OPT_LOG=1 "$wasmlab" run --tier opt $opts
  if [ $wrong -eq 0 ]; then
    ok "opt ${envs:-(all registers and features)} $opts: ${#calls[@]} calls give the interpreter's answers"
  else
    bad "opt ${envs:-(all registers and features)} $opts: $wrong of ${#calls[@]} calls differ (or a function stayed in the tier below)"
  fi
done

# calls in the bodies (prologue to the out-of-line part) of the exported functions
body_calls() {
  env "$@" "$wasmlab" dump --asm --tier opt "$wasm" 2>&1 |
    awk '/^func [0-9]+ </ { f = 1 } /^func [0-9]+ / && !/</ { f = 0 }
         /; prologue/ { body = f } /; out of line/ { body = 0 }
         body && /call / { n++ } END { print n + 0 }'
}
features=$("$wasmlab" --version)
if [[ $features == *sse4.1* && $features == *ssse3* ]]; then
  n=$(body_calls)
  if [ "$n" -eq 0 ]; then ok "every v128 op native: no call in the exported functions' code"; else bad "$n calls in the exported functions' code"; fi
else
  echo "skip  native code check: this CPU lacks SSE4.1 or SSSE3"
fi
n=$(body_calls WLAB_CPU_FEATURES=none)
if [ "$n" -gt 0 ]; then ok "WLAB_CPU_FEATURES=none: $n v128 ops call C"; else bad "WLAB_CPU_FEATURES=none: no call (the check above is vacuous)"; fi

echo "$failed failed"
[ $failed -eq 0 ]
