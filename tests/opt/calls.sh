#!/usr/bin/env bash
# calls.sh: calls between functions in the optimising tier (docs/abi.md, "Direct calls"): a
# function compiled on its first call compiles its callees first and calls their code directly;
# answers, traps and stack exhaustion are the interpreter's, with guard pages, explicit bounds,
# fuel, three registers a class, and with the callees left to the tier below (WLAB_OPT_REFUSE).
#
#   tests/opt/calls.sh WASMLAB WAT2WASM tests/opt/calls/between.wat
set -u
unset WLAB_CPU_FEATURES WLAB_OPT_REGS WLAB_OPT_REFUSE
wasmlab=$1
# shellcheck source=tests/lib/answers.sh
. "$(dirname "$0")/../lib/answers.sh"
answers_module "$2" "$3" --enable-tail-call

calls=("loop 1000" "even 10001" "even 5000" "ping 3000000 0" "divide 7 2" "divide 1 0" "divide -2147483648 -1"
  "grow_store 99" "cold 5" "cold 123456")
want_answers "$wasmlab"

# each configuration: environment | options (functions 0 and 1 are leaf and mid, 4 odd, 6 pong)
configs=("|" "|--bounds-checks=explicit" "|--fuel 100000000" "WLAB_OPT_REGS=7,7|" "WLAB_OPT_REFUSE=0,4,6|"
  "WLAB_OPT_REFUSE=1|--bounds-checks=explicit")
for config in "${configs[@]}"; do
  opt_answers_in "$wasmlab" "$config"
  envs=${config%%|*} opts=${config#*|}
  # a recursion through two functions without end: the trap, never a signal (which function
  # it stops in depends on the frames' sizes, so only the kind is compared)
  # shellcheck disable=SC2086
  env $envs "$wasmlab" run --tier opt $opts --invoke down "$wasm" 0 >"$tmp/got" 2>&1
  status=$?
  if [ $status -eq 5 ] && grep -q '^trap: call stack exhausted in ' "$tmp/got"; then
    ok "opt ${envs:-(defaults)} $opts: down traps: call stack exhausted"
  else
    bad "opt ${envs:-(defaults)} $opts: down: exit $status, '$(head -1 "$tmp/got")'"
  fi
done

# the first call compiles what "cold" calls directly, though it never runs: both functions
"$wasmlab" run --tier opt --stats --invoke cold "$wasm" 5 >"$tmp/out" 2>"$tmp/err"
if grep -q '^opt: 2 functions compiled' "$tmp/err"; then
  ok "a first call compiles its callees first (2 functions for cold)"
else
  bad "a first call compiles its callees first: $(grep '^opt:' "$tmp/err" | head -1)"
fi
# and "loop" its callee's callee too, leaves first
"$wasmlab" run --tier opt --stats --invoke loop "$wasm" 3 >"$tmp/out" 2>"$tmp/err"
if grep -q '^opt: 3 functions compiled' "$tmp/err"; then
  ok "callees of callees too (3 functions for loop)"
else
  bad "callees of callees too: $(grep '^opt:' "$tmp/err" | head -1)"
fi
[ $failed -eq 0 ] || { echo "$failed failed"; exit 1; }
