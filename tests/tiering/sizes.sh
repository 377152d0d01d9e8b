#!/bin/bash
# sizes.sh: what the tier manager does by a function's size: a big function hot at a loop gets its
# code before the loop's OSR entry (which follows, as its activation still runs the loop), a small
# one the entry first; the walk before an opt compile takes warm callees up to 2 KiB and leaves a
# bigger one to the table; a generated function of some 70 KB compiles in opt, as the function and
# as OSR versions.  Every answer is the interpreter's.  The functions are generated here (wat).
#   sizes.sh WASMLAB WAT2WASM
set -u
wasmlab=$1 wat2wasm=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# body N: N steps of arithmetic on $x and $y (about 17 bytes of wasm each)
body() {
  for ((i = 0; i < $1; i++)); do
    echo "    (local.set \$x (i32.add (i32.mul (local.get \$x) (i32.const $((i % 97 + 3)))) (local.get \$y)))"
    echo "    (local.set \$y (i32.xor (local.get \$y) (i32.shr_u (local.get \$x) (i32.const $((i % 13 + 1))))))"
  done
}
# a function NAME hot at a loop of N iterations (its argument) whose body has STEPS steps
looping() {
  echo "  (func \$$1 (export \"$1\") (param \$n i32) (result i32) (local \$x i32) (local \$y i32) (local \$i i32)"
  echo "    (local.set \$y (i32.const 7))"
  echo "    (loop \$l"
  body "$2"
  echo "      (local.set \$i (i32.add (local.get \$i) (i32.const 1)))"
  echo "      (br_if \$l (i32.lt_u (local.get \$i) (local.get \$n))))"
  echo "    (i32.xor (local.get \$x) (local.get \$y)))"
}
# a leaf NAME of STEPS steps on its two arguments
leaf() {
  echo "  (func \$$1 (param \$x i32) (param \$y i32) (result i32)"
  body "$2"
  echo "    (local.get \$x))"
}
{
  echo "(module"
  looping small 20
  looping big 400
  leaf tiny 2
  leaf large 150
  # calls both leaves from its loop: they get warm (baseline code) before it gets hot
  echo "  (func \$caller (export \"caller\") (param \$n i32) (result i32) (local \$i i32) (local \$s i32)"
  echo "    (loop \$l"
  echo "      (local.set \$s (call \$tiny (local.get \$s) (local.get \$i)))"
  echo "      (local.set \$s (call \$large (local.get \$s) (local.get \$i)))"
  echo "      (local.set \$i (i32.add (local.get \$i) (i32.const 1)))"
  echo "      (br_if \$l (i32.lt_u (local.get \$i) (local.get \$n))))"
  echo "    (local.get \$s))"
  looping huge 3500
  echo ")"
} >"$tmp/sizes.wat"
"$wat2wasm" "$tmp/sizes.wat" -o "$tmp/sizes.wasm" || exit 1

opts="--tier-up-after 2 --opt-after 100 --no-background --trace-tiering"
# the sizes this test is about (the limits are 6 KiB and 2 KiB): read back from the module
size() { "$wasmlab" dump --ir "$tmp/sizes.wasm" | grep "^func $1 " | sed 's/.*; \([0-9]*\) wasm bytes.*/\1/'; }
if ! { [ "$(size 0)" -lt 2048 ] && [ "$(size 1)" -gt 6144 ] && [ "$(size 3)" -gt 2048 ] && [ "$(size 2)" -lt 2048 ] &&
  [ "$(size 5)" -gt 50000 ]; }; then fail "generated sizes: $(size 0) $(size 1) $(size 2) $(size 3) $(size 5)"; fi

# each function in its own run: the trace's lines in the order they happened
order() { # FUNC ARG: "entry" or "code", whichever opt made first for FUNC
  # shellcheck disable=SC2086
  got=$("$wasmlab" run $opts --invoke "$1" "$tmp/sizes.wasm" "$2" 2>"$tmp/trace.$1")
  want=$("$wasmlab" run --tier interp --invoke "$1" "$tmp/sizes.wasm" "$2")
  [ "$got" = "$want" ] || fail "$1: got '$got', want '$want'"
  grep -q "OSR into opt code at the loop" "$tmp/trace.$1" || fail "$1: its activation never reached opt: $(cat "$tmp/trace.$1")"
  grep -m1 -o "opt OSR entry for the loop\|-> opt (hot: loop" "$tmp/trace.$1" | sed 's/opt OSR.*/entry/; s/-> opt.*/code/'
}
[ "$(order small 5000)" = entry ] || fail "small: its code came before its loop's OSR entry: $(cat "$tmp/trace.small")"
[ "$(order big 5000)" = code ] || fail "big: its loop's OSR entry came before its code: $(cat "$tmp/trace.big")"

# the walk: the 2-step leaf is compiled ahead of its hot caller, the 150-step one is not (and is
# called through the table until it gets hot itself)
# shellcheck disable=SC2086
got=$("$wasmlab" run $opts --invoke caller "$tmp/sizes.wasm" 5000 2>"$tmp/trace")
want=$("$wasmlab" run --tier interp --invoke caller "$tmp/sizes.wasm" 5000)
[ "$got" = "$want" ] || fail "caller: got '$got', want '$want'"
grep -q "function 2 <>: opt code compiled ahead of its caller 4" "$tmp/trace" ||
  fail "the small warm callee was not compiled ahead: $(cat "$tmp/trace")"
grep -q "function 3 <>: opt code compiled ahead" "$tmp/trace" && fail "the 3 KB warm callee was compiled ahead: $(cat "$tmp/trace")"

# a big function: opt compiles it (its code and its loop's OSR version) with the right answers,
# with --tier opt, through the manager, and with explicit bounds checks
want=$("$wasmlab" run --tier interp --invoke huge "$tmp/sizes.wasm" 300)
for o in "--tier opt" "$opts" "$opts --bounds-checks=explicit"; do
  # shellcheck disable=SC2086
  got=$("$wasmlab" run $o --stats --invoke huge "$tmp/sizes.wasm" 300 2>"$tmp/stats")
  [ "$got" = "$want" ] || fail "huge ($o): got '$got', want '$want'"
  grep -q "^opt: [1-9][0-9]* functions\? compiled (0 given up)" "$tmp/stats" || fail "huge ($o): $(cat "$tmp/stats")"
done
"$wasmlab" dump --asm --tier opt --osr-entries "$tmp/sizes.wasm" --func huge >"$tmp/dump" 2>&1 ||
  fail "dump --asm --tier opt --osr-entries of huge: $(tail -3 "$tmp/dump")"
grep -q "^func 5 <huge>: OSR entry for the loop at IR" "$tmp/dump" || fail "huge: no OSR version in the dump"

[ $fails -eq 0 ] && echo "sizes.sh: all passed" || { echo "sizes.sh: $fails failed"; exit 1; }
