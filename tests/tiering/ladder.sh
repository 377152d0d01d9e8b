#!/bin/bash
# ladder.sh: --ladder picks the rungs `tiered` climbs.  With interp,opt the interpreter's hot
# loops move straight into optimised code through the optimising tier's OSR entries (every loop
# of osr.wat gives the interpreter's answers and really moves), an OSR entry is compiled when a
# running loop asks for one, interp,baseline is the one-rung climb, dump shows the OSR versions,
# and bad lists are refused naming the word at fault.
#   ladder.sh WASMLAB WAT2WASM TESTS_DIR
set -u
wasmlab=$1 wat2wasm=$2 dir=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

"$wat2wasm" --enable-tail-call "$dir/osr.wat" -o "$tmp/osr.wasm" || exit 1
"$wat2wasm" "$dir/ladder.wat" -o "$tmp/ladder.wasm" || exit 1
n=20000
for e in mixed many params nested simd calls trap_after tail_out; do
  want=$("$wasmlab" run --tier interp --invoke $e "$tmp/osr.wasm" $n 2>&1; echo "exit $?")
  for opts in "--tier-up-after 2 --no-background" "--tier-up-after 2 --no-background --bounds-checks=explicit" \
              "--tier-up-after 0" "--tier-up-after 50"; do
    # shellcheck disable=SC2086
    "$wasmlab" run --ladder interp,opt $opts --trace-tiering --invoke $e "$tmp/osr.wasm" $n >"$tmp/out" 2>"$tmp/trace"
    st=$?
    got="$(cat "$tmp/out"; grep -v '^tiering:' "$tmp/trace"; echo "exit $st")"
    [ "$e" = trap_after ] && got="$(grep -v '^tiering:' "$tmp/trace"; echo "exit $st")"
    [ "$got" = "$want" ] || fail "$e (interp,opt $opts): got '$got', want '$want'"
    case "$opts" in
      *"--tier-up-after 2 --no-background"*)
        grep -q -- "-> opt (hot: loop at" "$tmp/trace" && grep -q "OSR into opt code at the loop" "$tmp/trace" ||
          fail "$e (interp,opt $opts): no OSR into opt: $(cat "$tmp/trace")" ;;
    esac
  done
done

# an OSR version keeps what the normal code knows of the loop's state: in many, $d starts at 0 and
# rotating 0 gives 0, so no rotation is left, in the function or in its OSR version
got=$("$wasmlab" dump --asm --tier opt --osr-entries --func many "$tmp/osr.wasm" | grep -c "^ *[0-9a-f]*  rol ")
[ "$got" = 0 ] || fail "the OSR version of many rotates $got times: its constant slots were loaded from the frame"

# the second loop of two_loops asks for its own OSR entry once the function has opt code.  The
# function gets hot in the short first loop and compiles in the background while the
# interpreter goes on into the long one; but a thread descheduled for the compile's duration
# (a loaded 2-CPU machine) is still in the short loop when the code lands and moves there, and
# then never needs the second entry.  So the run is tried up to three times: the scheduler can
# take that path, the feature must be seen in at least one.
want=$("$wasmlab" run --tier interp --invoke two_loops "$tmp/ladder.wasm" 3000000 2>&1)
seen=
for try in 1 2 3; do
  got=$("$wasmlab" run --ladder interp,opt --tier-up-after 5 --trace-tiering --invoke two_loops "$tmp/ladder.wasm" \
    3000000 2>"$tmp/trace")
  [ "$got" = "$want" ] || fail "two_loops: got '$got', want '$want'"
  second=$(grep -o "OSR into opt code at the loop at 0x[0-9a-f]*" "$tmp/trace" | tail -1 | sed 's/.* //')
  first=$(grep -o "hot: loop at 0x[0-9a-f]*" "$tmp/trace" | sed 's/.* //')
  if [ -n "$second" ] && [ "$second" != "$first" ] &&
    grep -q "opt OSR entry for the loop at $second compiled" "$tmp/trace"; then
    seen=1
    break
  fi
done
[ -n "$seen" ] || fail "two_loops: no OSR entry compiled on demand for the second loop in 3 runs: $(cat "$tmp/trace")"

# interp,baseline: today's one rung
"$wasmlab" run --ladder interp,baseline --tier-up-after 2 --no-background --trace-tiering --invoke nested \
  "$tmp/osr.wasm" $n >/dev/null 2>"$tmp/trace"
grep -q "OSR into baseline code" "$tmp/trace" && ! grep -q -- "-> opt" "$tmp/trace" ||
  fail "interp,baseline: $(cat "$tmp/trace")"

# opt gives up: the function stays in the interpreter with the same answer
want=$("$wasmlab" run --tier interp --invoke mixed "$tmp/osr.wasm" $n 2>&1)
got=$(WLAB_OPT_REFUSE=all "$wasmlab" run --ladder interp,opt --tier-up-after 2 --no-background --trace-tiering \
  --invoke mixed "$tmp/osr.wasm" $n 2>"$tmp/trace")
[ "$got" = "$want" ] || fail "refused opt compile: got '$got', want '$want'"
grep -q "stays in interp (hot: .*): left to the tier below by WLAB_OPT_REFUSE" "$tmp/trace" ||
  fail "refused opt compile: no reason traced: $(cat "$tmp/trace")"

# --stats counts the move
"$wasmlab" run --ladder interp,opt --tier-up-after 2 --no-background --stats --invoke nested "$tmp/osr.wasm" $n \
  >/dev/null 2>"$tmp/stats"
grep -q "^tiered: 1 function tiered up (0 gave up), 1 OSR entry" "$tmp/stats" || fail "stats: $(cat "$tmp/stats")"

# the spec driver takes --ladder too
printf '(module (func (export "f") (result i32) (local $i i32)\n  (loop $l (local.set $i (i32.add (local.get $i) (i32.const 1))) (br_if $l (i32.lt_u (local.get $i) (i32.const 100))))\n  (local.get $i)))\n(assert_return (invoke "f") (i32.const 100))\n' >"$tmp/one.wast"
"$wasmlab" spec --tier tiered --ladder interp,opt --tier-up-after 2 --no-background "$tmp/one.wast" >"$tmp/spec" 2>&1 &&
  grep -q "2 passed, 0 failed" "$tmp/spec" || fail "spec --ladder: $(cat "$tmp/spec")"

# dump shows each loop's OSR version (nested has two loops), as code and as SSA
got=$("$wasmlab" dump --asm --tier opt --osr-entries --func nested "$tmp/osr.wasm" | grep -c ": OSR entry for the loop at IR")
[ "$got" = 2 ] || fail "dump --asm --tier opt --osr-entries: $got OSR versions shown, want 2"
got=$("$wasmlab" dump --asm --tier opt --func nested "$tmp/osr.wasm" | grep -c "OSR entry")
[ "$got" = 0 ] || fail "dump --asm --tier opt without --osr-entries shows $got OSR versions"
got=$("$wasmlab" dump --ssa --osr-entries --func nested "$tmp/osr.wasm" | grep -c "; func 3: OSR entry for the loop at IR")
[ "$got" = 2 ] || fail "dump --ssa --osr-entries: $got OSR versions shown, want 2"
"$wasmlab" dump --asm --osr-entries "$tmp/osr.wasm" >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "osr-entries goes with" "$tmp/err" || fail "dump --asm --osr-entries (baseline): $(cat "$tmp/err")"

# bad lists: exit status 2 and the word at fault, for run and spec
while IFS='|' read -r bad word; do
  for cmd in run spec; do
    if [ $cmd = run ]; then
      "$wasmlab" run --ladder "$bad" --invoke nested "$tmp/osr.wasm" 1 >/dev/null 2>"$tmp/err"
    else
      "$wasmlab" spec --ladder "$bad" "$tmp/one.wast" >/dev/null 2>"$tmp/err"
    fi
    st=$?
    [ $st -eq 2 ] && grep -q -- "--ladder" "$tmp/err" && grep -qF -- "$word" "$tmp/err" ||
      fail "$cmd --ladder '$bad': exit $st, '$(cat "$tmp/err")' (want it to name $word)"
  done
done <<'LIST'
interp,jit|no rung 'jit'
opt|'opt' first
interp|no machine tier
interp,opt,baseline|'baseline' after a higher rung
interp,opt,opt|'opt' twice
interp,,opt|an empty rung
|an empty rung
LIST
"$wasmlab" run --ladder >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "ladder needs a list" "$tmp/err" || fail "--ladder without a list: $(cat "$tmp/err")"

[ $fails -eq 0 ] && echo "ladder.sh: all passed" || { echo "ladder.sh: $fails failed"; exit 1; }
