#!/usr/bin/env bash
# selfcall.sh: a function's calls to itself in the optimising tier, arguments and result in
# registers (docs/abi.md, "Direct calls"): answers, traps and their places, and stack exhaustion
# are the interpreter's, with guard pages, explicit bounds, fuel, three registers a class and no
# CPU extensions.
#
#   tests/opt/selfcall.sh WASMLAB WAT2WASM tests/opt/calls/self.wat
set -u
unset WLAB_CPU_FEATURES WLAB_OPT_REGS WLAB_OPT_REFUSE
wasmlab=$1
# shellcheck source=tests/lib/answers.sh
. "$(dirname "$0")/../lib/answers.sh"
answers_module "$2" "$3" --enable-tail-call

calls=("fib 0" "fib 1" "fib 2" "fib 25" "fib -3" "fibcalls 20" "tak 18 12 6" "tak 3 2 1" "takcalls 12 8 4"
  "swap 5 11 10" "swap -1 4 0" "down 100 150" "down 100 100" "grow 20" "mixed 15" "mixed 1"
  "skip 0 7" "fill 50")
want_answers "$wasmlab"

configs=("|" "|--bounds-checks=explicit" "|--fuel 100000000" "WLAB_OPT_REGS=7,7|"
  "WLAB_OPT_REGS=7,7|--bounds-checks=explicit" "WLAB_CPU_FEATURES=none|" "|--opt-disable=inline")
for config in "${configs[@]}"; do
  opt_answers_in "$wasmlab" "$config"
  envs=${config%%|*} opts=${config#*|}
  # shellcheck disable=SC2086
  env $envs "$wasmlab" run --tier opt $opts --invoke forever "$wasm" 0 >"$tmp/got" 2>&1
  status=$?
  if [ $status -eq 5 ] && grep -q '^trap: call stack exhausted in ' "$tmp/got"; then
    ok "opt ${envs:-(defaults)} $opts: forever traps: call stack exhausted"
  else
    bad "opt ${envs:-(defaults)} $opts: forever: exit $status, '$(head -1 "$tmp/got")'"
  fi
done
[ $failed -eq 0 ] || { echo "$failed failed"; exit 1; }
