#!/usr/bin/env bash
# tailrec.sh: self tail calls and accumulating self calls made jumps by opt's tailrec pass
# (docs/opt.md, "tailrec"): answers, traps and their places are the interpreter's, chains far past
# the 64 jumps an activation may take, and recursions without end still trap "call stack
# exhausted", quickly, with guard pages, explicit bounds, fuel, a timeout, three registers a
# class (the SSA verified after each pass; with explicit bounds too), no CPU extensions, and
# without inlining or tailrec.
#
#   tests/opt/tailrec.sh WASMLAB WAT2WASM tests/opt/tailrec/rec.wat
set -u
unset WLAB_CPU_FEATURES WLAB_OPT_REGS WLAB_OPT_REFUSE
wasmlab=$1
# shellcheck source=tests/lib/answers.sh
. "$(dirname "$0")/../lib/answers.sh"
answers_module "$2" "$3"

# depths up to 3000: within the interpreter's call stack (opt's frames are smaller, so deeper
# recursions would differ with or without the pass)
calls=("fib 0" "fib 1" "fib 2" "fib 25" "fib -3" "fibcalls 22" "tak 18 12 6" "tak 3 2 1"
  "sum32 0" "sum32 63" "sum32 64" "sum32 65" "sum32 3000" "fact64 20" "fact64 30" "mul32 2500"
  "and64 200 1234567890123" "or32 31" "or32 3000" "xor64 2000 14695981039346656037"
  "mixed 1071 462" "mixed 832040 514229" "mixed 7 0" "twoops 0" "twoops 2999" "sub32 2000" "fsum 2000"
  "downcount 0" "downcount 64" "downcount 3000" "divdown 3000 7" "divdown 200 0" "divdown 0 0")
want_answers "$wasmlab"

configs=("|" "|--bounds-checks=explicit" "|--fuel 100000000" "|--timeout 60" "WLAB_OPT_REGS=7,7 WLAB_OPT_VERIFY=1|"
  "WLAB_OPT_REGS=7,7|--bounds-checks=explicit" "WLAB_CPU_FEATURES=none|" "|--opt-disable=inline"
  "|--opt-disable=tailrec")
for config in "${configs[@]}"; do
  opt_answers_in "$wasmlab" "$config"
  envs=${config%%|*} opts=${config#*|}
  for call in "runaway" "runacc 0"; do
    read -r name args <<<"$call"
    # shellcheck disable=SC2086
    env $envs timeout 60 "$wasmlab" run --tier opt $opts --invoke $name "$wasm" $args >"$tmp/got" 2>&1
    status=$?
    if [ $status -eq 5 ] && grep -q "^trap: call stack exhausted in $name " "$tmp/got"; then
      ok "opt ${envs:-(defaults)} $opts: $name traps: call stack exhausted"
    else
      bad "opt ${envs:-(defaults)} $opts: $name: exit $status, '$(head -1 "$tmp/got")'"
    fi
  done
done

# fuel runs out inside a run of jumps as it does in calls: a small budget stops the deep chain
# (3000 levels are 46 real calls, half of them inlined: without the header's check, 1000 would do)
"$wasmlab" run --tier opt --fuel 1000 --invoke sum32 "$wasm" 3000 >"$tmp/got" 2>&1
status=$?
if [ $status -ne 0 ] && grep -qi "fuel" "$tmp/got"; then
  ok "opt --fuel 1000: sum32 3000 runs out of fuel"
else
  bad "opt --fuel 1000: sum32 3000: exit $status, '$(head -1 "$tmp/got")'"
fi
[ $failed -eq 0 ] || { echo "$failed failed"; exit 1; }
