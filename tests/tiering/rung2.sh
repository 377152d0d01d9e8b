#!/bin/bash
# rung2.sh: the tier manager's second rung end to end: baseline code counts hotness and hands hot
# functions to the optimising tier (only the hot one, not its callees), --opt-after and
# --compile-threads behave as documented, --stats and --trace-tiering cover both rungs, and the
# OSR exit out of baseline code (into opt's OSR versions, and into baseline's own OSR entries with
# WLAB_TIERING_OSR_SELF, which runs it every few ticks) gives the interpreter's answers for osr.wat's
# and rung2.wat's loops.
#   rung2.sh WASMLAB WAT2WASM TESTS_DIR
set -u
wasmlab=$1 wat2wasm=$2 dir=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

"$wat2wasm" "$dir/rung2.wat" -o "$tmp/rung2.wasm" || exit 1
"$wat2wasm" --enable-tail-call "$dir/osr.wat" -o "$tmp/osr.wasm" || exit 1
n=100000

# the second rung: hot in baseline code, compiled by opt, same answers; by calls and by loops
for e in loop calls; do
  want=$("$wasmlab" run --tier interp --invoke $e "$tmp/rung2.wasm" $n 2>&1)
  for opts in "--tier-up-after 2 --opt-after 100 --no-background" "--tier-up-after 0 --opt-after 0" \
              "--tier-up-after 0 --opt-after 0 --compile-threads 2" \
              "--tier-up-after 2 --opt-after 100 --no-background --bounds-checks=explicit"; do
    # shellcheck disable=SC2086
    got=$("$wasmlab" run $opts --trace-tiering --invoke $e "$tmp/rung2.wasm" $n 2>"$tmp/trace")
    [ "$got" = "$want" ] || fail "$e ($opts): got '$got', want '$want'"
    # on the running thread the compile is done when on_hot returns (a compiler thread may not be
    # done before the program is)
    case "$opts" in
      *--no-background*)
        grep -q -- "-> opt (hot: " "$tmp/trace" || fail "$e ($opts): nothing reached opt: $(cat "$tmp/trace")" ;;
    esac
  done
done

# the whole climb in one activation: each loop of osr.wat (every kind of state at the header)
# moves from the interpreter into baseline code and from baseline code into opt's OSR version,
# with the interpreter's answers
for e in mixed many params nested simd calls tail_out; do
  want=$("$wasmlab" run --tier interp --invoke $e "$tmp/osr.wasm" 20000 2>&1)
  for opts in "--tier-up-after 2 --opt-after 100 --no-background" \
              "--tier-up-after 2 --opt-after 100 --no-background --bounds-checks=explicit"; do
    # shellcheck disable=SC2086
    got=$("$wasmlab" run $opts --trace-tiering --invoke $e "$tmp/osr.wasm" 20000 2>"$tmp/trace")
    [ "$got" = "$want" ] || fail "osr.wat $e ($opts), baseline -> opt: got '$got', want '$want'"
    grep -q "OSR into baseline code at the loop at 0x[0-9a-f]* (from interp)" "$tmp/trace" &&
      grep -q "OSR into opt code at the loop at 0x[0-9a-f]* (from baseline)" "$tmp/trace" ||
      fail "osr.wat $e ($opts): not interp -> baseline -> opt by OSR: $(cat "$tmp/trace")"
  done
done

# opt compiles only the hot function under the tier manager (its cold callee stays in baseline
# code or the interpreter); --tier opt compiles the callee first
"$wasmlab" run --tier-up-after 2 --opt-after 100 --no-background --stats --invoke loop "$tmp/rung2.wasm" $n \
  >/dev/null 2>"$tmp/stats"
grep -q "^opt: 1 function compiled" "$tmp/stats" || fail "tiered opt compiled more than the hot function: $(cat "$tmp/stats")"
grep -q "^tiered: -> opt: 1 tier-up (0 gave up, compiling [0-9.]* ms), 1 OSR entry" "$tmp/stats" ||
  fail "stats of the opt rung: $(cat "$tmp/stats")"
grep -q "^tiered: -> baseline: 1 tier-up (0 gave up, compiling [0-9.]* ms), 1 OSR entry" "$tmp/stats" ||
  fail "stats of the baseline rung: $(cat "$tmp/stats")"
"$wasmlab" run --tier opt --stats --invoke loop "$tmp/rung2.wasm" 10 >/dev/null 2>"$tmp/stats"
grep -q "^opt: 2 functions compiled" "$tmp/stats" || fail "--tier opt did not compile the callee first: $(cat "$tmp/stats")"

# a warm callee (with baseline code, not hot itself) is compiled by opt ahead of its hot caller,
# so the caller calls its code directly; the answers are the interpreter's
want=$("$wasmlab" run --tier interp --invoke warm "$tmp/rung2.wasm" $n 2>&1)
got=$("$wasmlab" run --tier-up-after 2 --opt-after 100 --no-background --trace-tiering --invoke warm \
  "$tmp/rung2.wasm" $n 2>"$tmp/trace")
[ "$got" = "$want" ] || fail "warm: got '$got', want '$want'"
grep -q "function [0-9]* <>: opt code compiled ahead of its caller [0-9]* (warm: it has machine code)" "$tmp/trace" ||
  fail "the warm callee was not compiled ahead of its caller: $(cat "$tmp/trace")"

# --opt-after counts: a threshold never reached leaves the function in baseline code, one reached
# moves it; the interpreter's ticks carry over (a threshold at or below --tier-up-after reports
# the function at its first tick in baseline code)
"$wasmlab" run --tier-up-after 2 --opt-after 100000000000 --no-background --trace-tiering --invoke calls \
  "$tmp/rung2.wasm" $n >/dev/null 2>"$tmp/trace"
grep -q -- "-> opt" "$tmp/trace" && fail "--opt-after never reached, still optimised: $(cat "$tmp/trace")"
grep -q -- "-> baseline" "$tmp/trace" || fail "--opt-after never reached: nothing in baseline: $(cat "$tmp/trace")"
"$wasmlab" run --tier-up-after 1000 --opt-after 1000 --no-background --trace-tiering --invoke loop \
  "$tmp/rung2.wasm" 1010 >/dev/null 2>"$tmp/trace"
grep -q "function 1 <loop> -> opt (hot: " "$tmp/trace" ||
  fail "the interpreter's ticks did not carry over: $(cat "$tmp/trace")"

# the OSR exit out of baseline code, into baseline's own entry for the loop (opt refused: the
# function stays in baseline code and keeps looking): the interpreter's answers, and it happens
for e in loop calls; do
  want=$("$wasmlab" run --tier interp --invoke $e "$tmp/rung2.wasm" $n 2>&1)
  for every in 2 3 1000; do
    got=$(WLAB_OPT_REFUSE=all WLAB_TIERING_OSR_SELF=$every "$wasmlab" run --tier-up-after 2 --opt-after 0 \
      --no-background --trace-tiering --invoke $e "$tmp/rung2.wasm" $n 2>"$tmp/trace")
    [ "$got" = "$want" ] || fail "$e, exit every $every: got '$got', want '$want'"
    grep -q "OSR into baseline code at the loop at 0x[0-9a-f]* (from baseline)" "$tmp/trace" ||
      fail "$e, exit every $every: no exit out of baseline code: $(tail -3 "$tmp/trace")"
  done
done
for e in mixed many params nested simd calls tail_out; do
  want=$("$wasmlab" run --tier interp --invoke $e "$tmp/osr.wasm" 20000 2>&1)
  for opts in "--tier-up-after 2 --no-background" "--tier-up-after 0 --bounds-checks=explicit"; do
    # shellcheck disable=SC2086
    got=$(WLAB_OPT_REFUSE=all WLAB_TIERING_OSR_SELF=3 "$wasmlab" run $opts --opt-after 0 --invoke $e "$tmp/osr.wasm" 20000 2>&1)
    [ "$got" = "$want" ] || fail "osr.wat $e ($opts), exit every 3: got '$got', want '$want'"
  done
done
# a trap after the exits names its own place
want=$("$wasmlab" run --tier interp --invoke trap_late "$tmp/rung2.wasm" $n 2>&1; echo "exit $?")
got=$(WLAB_OPT_REFUSE=all WLAB_TIERING_OSR_SELF=2 "$wasmlab" run --tier-up-after 2 --opt-after 0 --no-background \
  --invoke trap_late "$tmp/rung2.wasm" $n 2>&1; echo "exit $?")
[ "$got" = "$want" ] || fail "trap after exits: got '$got', want '$want'"
# --stats counts the exits at the rung they entered
WLAB_OPT_REFUSE=all WLAB_TIERING_OSR_SELF=1000 "$wasmlab" run --tier-up-after 2 --opt-after 0 --no-background --stats \
  --invoke calls "$tmp/rung2.wasm" $n >/dev/null 2>"$tmp/stats"
grep -q "^tiered: -> baseline: 2 tier-ups (0 gave up, compiling [0-9.]* ms), [1-9][0-9]* OSR entries" "$tmp/stats" ||
  fail "stats after exits: $(cat "$tmp/stats")"

# dump --asm of the tier manager's baseline code shows the counts: one at the entry, one per loop
got=$("$wasmlab" dump --asm "$tmp/rung2.wasm" --func loop | grep -c "; vmctx hotness count of f1")
[ "$got" = 2 ] || fail "dump --asm: $got hotness counts in loop, want 2"

# bad options: a clear message and exit status 2
for bad in "--opt-after" "--opt-after -1" "--opt-after 1x" "--compile-threads 0" "--compile-threads 17" \
           "--compile-threads two"; do
  # shellcheck disable=SC2086
  "$wasmlab" run $bad --invoke calls "$tmp/rung2.wasm" 1 >/dev/null 2>"$tmp/err"
  st=$?
  opt=${bad%% *}
  [ $st -eq 2 ] && grep -q -- "$opt" "$tmp/err" || fail "'$bad': exit $st, '$(cat "$tmp/err")'"
done
"$wasmlab" spec --opt-after >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] || fail "spec --opt-after without a value: $(cat "$tmp/err")"

[ $fails -eq 0 ] && echo "rung2.sh: all passed" || { echo "rung2.sh: $fails failed"; exit 1; }
