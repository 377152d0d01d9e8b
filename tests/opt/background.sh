#!/usr/bin/env bash
# background.sh: --tier opt's first call leaves callees over 2 KB of wasm to a background thread
# (docs/opt.md, "Compiling on first call"): answers are the interpreter's; each big function is
# compiled exactly once, by that thread or by its first call (--stats), whichever comes first;
# --no-background compiles all on the calling thread; the code made does not depend on which
# thread compiled what (the same code bytes run after run); a refusal on the thread is logged
# once and the function runs in the tier below.
#
#   tests/opt/background.sh WASMLAB WAT2WASM
set -u
unset WLAB_CPU_FEATURES WLAB_OPT_REGS WLAB_OPT_REFUSE WLAB_OPT_LOG
wasmlab=$1
# shellcheck source=tests/lib/answers.sh
. "$(dirname "$0")/../lib/answers.sh"

# two big functions (0, 1: 320 steps of x = (x * k) ^ k2, about 3 KB each), a small one (2),
# and run (3), which calls the small one, and the big ones only when x > 1000
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
{
  echo '(module'
  for which in 0 1; do
    echo "  (func \$big$which (export \"big$which\") (param \$x i32) (result i32)"
    for ((i = 0; i < 320; i++)); do
      echo "    (local.set \$x (i32.xor (i32.mul (local.get \$x) (i32.const $((3 + (i * 7 + which * 11) % 50)))) (i32.const $(((i * 13 + which * 5) % 60)))))"
    done
    echo '    (local.get $x))'
  done
  echo '  (func $small (param $x i32) (result i32) (i32.add (local.get $x) (i32.const 1)))'
  echo '  (func $run (export "run") (param $x i32) (result i32)'
  echo '    (local.set $x (call $small (local.get $x)))'
  echo '    (if (i32.gt_u (local.get $x) (i32.const 1000)) (then (local.set $x (call $big1 (call $big0 (local.get $x))))))'
  echo '    (local.get $x)))'
} >"$tmp/background.wat"
"$2" "$tmp/background.wat" -o "$tmp/background.wasm" || { echo "FAIL  wat2wasm"; exit 1; }
wasm=$tmp/background.wasm

calls=("run 1" "run 2000" "big0 7" "big1 -5")
want_answers "$wasmlab"
opt_answers_in "$wasmlab" "|" "|--no-background" "|--bounds-checks=explicit" "|--fuel 100000000"

# run 2000 calls both big functions: 4 functions compiled, each once
"$wasmlab" run --tier opt --stats --invoke run "$wasm" 2000 >"$tmp/out" 2>"$tmp/stats"
compiled=$(sed -n 's/^opt: \([0-9]*\) functions compiled.*/\1/p' "$tmp/stats")
line=$(grep '^opt: background: ' "$tmp/stats")
thread=$(sed -n 's/^opt: background: \([0-9]*\) functions\? compiled.*/\1/p' <<<"$line")
claimed=$(sed -n 's/.*, \([0-9]*\) compiled on the calling thread first;.*/\1/p' <<<"$line")
if [ "$compiled" = 4 ] && [ -n "$thread" ] && [ -n "$claimed" ] && [ $((thread + claimed)) -eq 2 ]; then
  ok "run 2000: 4 functions compiled; the 2 big ones by the background thread ($thread) or their first call ($claimed)"
else
  bad "run 2000: '$(grep '^opt: ' "$tmp/stats" | head -2 | tr '\n' ' ')'"
fi
"$wasmlab" run --tier opt --no-background --stats --invoke run "$wasm" 2000 >"$tmp/out" 2>"$tmp/stats"
if grep -q '^opt: 4 functions compiled' "$tmp/stats" && ! grep -q '^opt: background' "$tmp/stats"; then
  ok "--no-background: 4 functions compiled on the calling thread"
else
  bad "--no-background: '$(grep '^opt: ' "$tmp/stats" | head -2 | tr '\n' ' ')'"
fi

# the same code whoever compiled what: run's calls to the big ones go through the table whether
# their code was there or not, so its code bytes, and theirs, are the same run after run
runs=()
for i in 1 2 3 4 5 6; do
  "$wasmlab" run --tier opt --stats --invoke run "$wasm" 2000 >/dev/null 2>"$tmp/stats"
  runs+=("$(sed -n 's/^opt: .* -> \([0-9]*\) bytes of machine code.*/\1/p' "$tmp/stats")")
done
same=1
for s in "${runs[@]}"; do [ "$s" = "${runs[0]}" ] || same=0; done
if [ $same -eq 1 ] && [ -n "${runs[0]}" ]; then
  ok "run 2000, six runs: ${runs[0]} bytes of machine code each time"
else
  bad "run 2000, six runs: code bytes ${runs[*]}"
fi

# a refusal on the background thread: logged once, and the function runs in the tier below
WLAB_OPT_LOG=1 WLAB_OPT_REFUSE=1-1 "$wasmlab" run --tier opt --invoke run "$wasm" 2000 >"$tmp/out" 2>"$tmp/log"
if [ "$(grep -c '^wasmlab: opt: function 1 <big1> stays in the tier below' "$tmp/log")" = 1 ] &&
  cmp -s "$tmp/out" "$tmp/want.1"; then
  ok "big1 refused: logged once, run 2000 gives the interpreter's answer"
else
  bad "big1 refused: '$(head -3 "$tmp/log" | tr '\n' ' ')', answer '$(cat "$tmp/out")'"
fi
[ $failed -eq 0 ] || { echo "$failed failed"; exit 1; }
