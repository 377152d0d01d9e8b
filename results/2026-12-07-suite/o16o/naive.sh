#!/bin/bash
# naive.sh BUILD N: recursion as a compiler without tail-recursion elimination leaves it
# (tests/opt/tailrec/rec.wat: naive fib, tak, a sum, a chain of calls), in `run --tier opt
# --invoke` with tailrec on and off: callgrind instructions of the whole process, then user
# seconds, the two alternating, minimum of N rounds.  Outputs of the two checked equal.
# Run from the repository: results/2026-12-07-suite/o16o/naive.sh build 11 > naive.txt
set -eu
build=${1:?usage: naive.sh BUILD N} n=${2:?usage: naive.sh BUILD N}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
wat2wasm tests/opt/tailrec/rec.wat -o "$tmp/rec.wasm"
calls=("fib 32" "tak 24 16 8" "sum32 3000" "downcount 3000")
cg_calls=("fib 24" "tak 18 12 6" "sum32 3000" "downcount 3000")
echo "callgrind (instructions, whole process): call on off on/off"
for call in "${cg_calls[@]}"; do
  read -r name args <<<"$call"
  line=$call
  for c in on off; do
    opts=(--tier opt)
    [ $c = on ] || opts+=(--opt-disable=tailrec)
    # shellcheck disable=SC2086
    valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$build/wasmlab" run "${opts[@]}" --invoke "$name" "$tmp/rec.wasm" $args >"$tmp/out.$c" 2>/dev/null
    line="$line $(callgrind_annotate --threshold=100 "$tmp/cg.out" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }')"
  done
  cmp -s "$tmp/out.on" "$tmp/out.off" || { echo "outputs differ: $call"; exit 1; }
  echo "$line" | awk '{ printf "%s %.3f\n", $0, $(NF - 1) / $NF }'
done
echo "time (user s, min of $n, alternating): call on off on/off"
for call in "${calls[@]}"; do
  read -r name args <<<"$call"
  echo 999 >"$tmp/on"; echo 999 >"$tmp/off"
  for _ in $(seq "$n"); do
    for c in on off; do
      opts=(--tier opt)
      [ $c = on ] || opts+=(--opt-disable=tailrec)
      # shellcheck disable=SC2086
      /usr/bin/time -f %U -o "$tmp/t" "$build/wasmlab" run "${opts[@]}" --invoke "$name" "$tmp/rec.wasm" $args >/dev/null
      awk -v t="$(cat "$tmp/t")" '{ print (t < $1 ? t : $1) }' "$tmp/$c" >"$tmp/m" && mv "$tmp/m" "$tmp/$c"
    done
  done
  awk -v c="$call" -v a="$(cat "$tmp/on")" -v b="$(cat "$tmp/off")" 'BEGIN { printf "%s %.2f %.2f %.2f\n", c, a, b, a / b }'
done
