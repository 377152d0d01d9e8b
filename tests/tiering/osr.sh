#!/bin/bash
# osr.sh: the tier manager end to end: on-stack replacement of every loop in osr.wat gives the
# interpreter's answers (results, traps, tail calls, calls back into interpreted code) and really
# happens; thresholds, --no-osr and bad options behave as documented.
#   osr.sh WASMLAB WAT2WASM TESTS_DIR
set -u
wasmlab=$1 wat2wasm=$2 dir=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

"$wat2wasm" --enable-tail-call "$dir/osr.wat" -o "$tmp/osr.wasm" || exit 1
n=20000
for e in mixed many params nested simd calls trap_after tail_out; do
  want=$("$wasmlab" run --tier interp --invoke $e "$tmp/osr.wasm" $n 2>&1; echo "exit $?")
  # threshold 2, on the running thread: the call's tick passes, the first loop header compiles and moves
  for opts in "--tier-up-after 2 --no-background" "--tier-up-after 2 --no-background --bounds-checks=explicit" \
              "--tier-up-after 0" "--tier-up-after 50"; do
    # shellcheck disable=SC2086
    got=$("$wasmlab" run $opts --trace-tiering --invoke $e "$tmp/osr.wasm" $n 2>"$tmp/trace"; echo "exit $?")
    got="$got$(grep -v '^tiering:' "$tmp/trace")"
    want_all="$want"
    # the trap message goes to stderr: compare it without the trace lines
    if [ "$e" = trap_after ]; then
      got=$(grep -v '^tiering:' "$tmp/trace"; "$wasmlab" run $opts --invoke $e "$tmp/osr.wasm" $n >/dev/null 2>&1; echo "exit $?")
    fi
    [ "$got" = "$want_all" ] || fail "$e ($opts): got '$got', want '$want_all'"
    case "$opts" in
      *"--tier-up-after 2 --no-background"*)
        grep -q "OSR into baseline code at the loop" "$tmp/trace" || fail "$e ($opts): no OSR: $(cat "$tmp/trace")" ;;
    esac
  done
done

# the callees stay in the interpreter: calls from moved code into interpreted code and a tail call out
for e in calls tail_out; do
  want=$("$wasmlab" run --tier interp --invoke $e "$tmp/osr.wasm" $n 2>&1)
  got=$(WLAB_BASELINE_REFUSE=5,8 "$wasmlab" run --tier-up-after 2 --no-background --invoke $e "$tmp/osr.wasm" $n 2>&1)
  [ "$got" = "$want" ] || fail "$e with interpreted callees: got '$got', want '$want'"
done

# a compile that gives up: the function stays in the interpreter, the result is the same, the trace says why
want=$("$wasmlab" run --tier interp --invoke mixed "$tmp/osr.wasm" $n 2>&1)
got=$(WLAB_BASELINE_REFUSE=all "$wasmlab" run --tier-up-after 2 --no-background --trace-tiering --stats \
  --invoke mixed "$tmp/osr.wasm" $n 2>"$tmp/trace")
[ "$got" = "$want" ] || fail "refused compile: got '$got', want '$want'"
grep -q "stays in interp (hot: .*): left to the interpreter by WLAB_BASELINE_REFUSE" "$tmp/trace" ||
  fail "refused compile: no reason traced: $(cat "$tmp/trace")"
grep -q "^tiered: 0 functions tiered up (1 gave up), 0 OSR entries" "$tmp/trace" ||
  fail "refused compile: stats: $(cat "$tmp/trace")"

# --no-osr: the loop finishes in the interpreter (the function is compiled, the activation stays)
"$wasmlab" run --tier-up-after 2 --no-background --no-osr --trace-tiering --invoke nested "$tmp/osr.wasm" $n \
  >/dev/null 2>"$tmp/trace"
grep -q "OSR" "$tmp/trace" && fail "--no-osr still moved: $(cat "$tmp/trace")"
grep -q -- "-> baseline" "$tmp/trace" || fail "--no-osr: nothing compiled: $(cat "$tmp/trace")"

# a threshold never reached: nothing compiles, --stats says so
"$wasmlab" run --tier-up-after 100000000000 --stats --invoke nested "$tmp/osr.wasm" 100 >/dev/null 2>"$tmp/stats"
grep -q "^tiered: 0 functions tiered up (0 gave up), 0 OSR entries; .*; 0 compiled in place" "$tmp/stats" ||
  fail "high threshold: $(cat "$tmp/stats")"
# --stats after a move counts it
"$wasmlab" run --tier-up-after 2 --no-background --stats --invoke nested "$tmp/osr.wasm" $n >/dev/null 2>"$tmp/stats"
grep -q "^tiered: -> baseline: 1 tier-up (0 gave up, compiling [0-9.]* ms), 1 OSR entry" "$tmp/stats" ||
  fail "stats: $(cat "$tmp/stats")"

# dump --asm shows the OSR entries (one per looping header: nested has two)
got=$("$wasmlab" dump --asm "$tmp/osr.wasm" --func nested | grep -c "; OSR entry for the loop at IR")
[ "$got" = 2 ] || fail "dump --asm: $got OSR entries shown, want 2"

# bad options: a clear message and exit status 2
for bad in "--tier-up-after" "--tier-up-after -1" "--tier-up-after 12x" "--tier-up-after ''"; do
  # shellcheck disable=SC2086
  eval "\"$wasmlab\" run $bad --invoke nested \"$tmp/osr.wasm\" 1" >/dev/null 2>"$tmp/err"
  st=$?
  [ $st -eq 2 ] && grep -q "tier-up-after" "$tmp/err" || fail "'$bad': exit $st, '$(cat "$tmp/err")'"
done

[ $fails -eq 0 ] && echo "osr.sh: all passed" || { echo "osr.sh: $fails failed"; exit 1; }
