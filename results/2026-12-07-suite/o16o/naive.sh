#!/bin/bash
# naive.sh BUILD: recursion as a compiler without tail-recursion elimination leaves it
# (tests/opt/tailrec/rec.wat), in `run --tier opt --invoke` with tailrec on and off: callgrind's
# instructions in JIT code (callgrind_annotate's functions of no object) and of the whole process.
# The outputs of the two are checked equal.  Tree recursions (fib, tak) are left alone by the pass
# (their rows show on/off 1.000); the linear ones are its sites.
# Run from the repository: results/2026-12-07-suite/o16o/naive.sh build-dev > naive.txt
set -eu
build=${1:?usage: naive.sh BUILD}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
wat2wasm tests/opt/tailrec/rec.wat -o "$tmp/rec.wasm"
calls=("fib 25" "tak 22 14 7" "sum32 100000" "fact64 100000" "mul32 100000" "xor64 100000 7"
  "downcount 100000" "mixed 832040 514229")
echo "call on-jit off-jit on/off on-total off-total"
for call in "${calls[@]}"; do
  read -r name args <<<"$call"
  line=$call
  for c in on off; do
    opts=(--tier opt)
    [ $c = on ] || opts+=(--opt-disable=tailrec)
    # shellcheck disable=SC2086
    valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$build/wasmlab" run "${opts[@]}" --invoke "$name" "$tmp/rec.wasm" $args >"$tmp/out.$c" 2>/dev/null
    callgrind_annotate --threshold=100 "$tmp/cg.out" 2>/dev/null >"$tmp/ann.$c"
  done
  cmp -s "$tmp/out.on" "$tmp/out.off" || { echo "outputs differ: $call"; exit 1; }
  jon=$(awk '/\[\?\?\?\]$/ { gsub(",", "", $1); s += $1 } END { print s + 0 }' "$tmp/ann.on")
  joff=$(awk '/\[\?\?\?\]$/ { gsub(",", "", $1); s += $1 } END { print s + 0 }' "$tmp/ann.off")
  ton=$(awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }' "$tmp/ann.on")
  toff=$(awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }' "$tmp/ann.off")
  awk -v c="$call" -v a="$jon" -v b="$joff" -v x="$ton" -v y="$toff" 'BEGIN { printf "%s %d %d %.3f %d %d\n", c, a, b, a / b, x, y }'
done
