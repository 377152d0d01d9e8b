#!/bin/bash
# nest.sh: opt's OSR versions of loops inside other loops (opt/build.c, "OSR versions") give the
# interpreter's answers: each function of tests/opt/osr_nest.wat (two, three and four deep, exits
# to every copy) moves into an OSR version at an inner loop, straight from the interpreter
# (--ladder interp,opt) and from baseline code, with guard pages and explicit bounds checks, and
# the version really is entered at an inner loop and keeps its enclosing loops as loops
# (--trace-tiering).  tests/opt/osr_nest.wat's own directives check the versions' loop depths.
#   nest.sh WASMLAB WAT2WASM FIXTURE.wat
set -u
wasmlab=$1 wat2wasm=$2 fixture=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

"$wat2wasm" "$fixture" -o "$tmp/nest.wasm" || exit 1
for e in nest2 nest3 exits nest4; do
  for n in 3 40 300; do
    [ $e = nest4 ] && [ $n = 300 ] && n=60
    want=$("$wasmlab" run --tier interp --invoke $e "$tmp/nest.wasm" $n 2>&1)
    for opts in "--ladder interp,opt --tier-up-after 50 --no-background" \
                "--ladder interp,opt --tier-up-after 50 --no-background --bounds-checks=explicit" \
                "--ladder interp,opt --tier-up-after 2 --no-background" \
                "--tier-up-after 2 --opt-after 100 --no-background" \
                "--tier-up-after 0 --opt-after 0 --no-background" "--tier-up-after 0 --opt-after 0"; do
      # shellcheck disable=SC2086
      got=$("$wasmlab" run $opts --trace-tiering --invoke $e "$tmp/nest.wasm" $n 2>"$tmp/trace")
      [ "$got" = "$want" ] || fail "$e $n ($opts): got '$got', want '$want'"
      # on the running thread at threshold 50 (ticks count every loop header reached), the loop
      # that gets hot is the innermost, and its version keeps the loops around it
      case "$n $opts" in
        "300 --ladder interp,opt --tier-up-after 50"*|"60 --ladder interp,opt --tier-up-after 50"*)
          grep -q "OSR into opt code at the loop" "$tmp/trace" ||
            fail "$e $n ($opts): no OSR into opt: $(cat "$tmp/trace")"
          grep -q "opt OSR version for the loop at 0x[0-9a-f]*: enclosing loops [1-9][0-9]* kept as loops" "$tmp/trace" ||
            fail "$e $n ($opts): no OSR version keeping its loop nest: $(cat "$tmp/trace")" ;;
      esac
    done
  done
done

# four deep and tight: the copies of the three enclosing loops are over the budget, so the
# outermost stays flattened, and the trace says so
"$wasmlab" run --ladder interp,opt --tier-up-after 50 --no-background --trace-tiering --invoke nest4 "$tmp/nest.wasm" 30 \
  >/dev/null 2>"$tmp/trace"
grep -q "enclosing loops 2 kept as loops, 1 flattened (over the copy budget)" "$tmp/trace" ||
  fail "nest4: the flattened outermost loop is not in the trace: $(cat "$tmp/trace")"

[ $fails -eq 0 ] && echo "nest.sh: all passed"
[ $fails -eq 0 ]
