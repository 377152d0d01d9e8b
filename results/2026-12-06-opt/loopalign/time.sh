#!/bin/bash
# time.sh BEFORE AFTER N [PROGRAM...]: user CPU seconds of the compute suite's programs at the
# lab's timing size (suites/manifest.txt, 5th column), native and `run --tier opt` of the two
# builds' wasmlab, the three alternating in each round; prints the minimum of N rounds.
# Run from the repository: results/2026-12-06-opt/loopalign/time.sh build-main build 11 sieve simd
set -eu
before=$1 after=$2 n=$3
shift 3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
progs=("$@")
[ ${#progs[@]} -gt 0 ] || mapfile -t progs < <(awk -F'\t' '$1 == "compute" { print $2 }' suites/manifest.txt)
echo "program native before after before/native after/native"
for p in "${progs[@]}"; do
  size=$(awk -F'\t' -v p="$p" '$1 == "compute" && $2 == p { print $5 }' suites/manifest.txt)
  w=$after/suites/compute/$p.wasm
  for k in native before after; do echo 999 >"$tmp/$k"; done
  for _ in $(seq "$n"); do
    for k in native before after; do
      case $k in
        native) cmd=("$after/suites/compute/$p.native" "$size") ;;
        before) cmd=("$before/wasmlab" run --tier opt "$w" "$size") ;;
        after) cmd=("$after/wasmlab" run --tier opt "$w" "$size") ;;
      esac
      /usr/bin/time -f %U -o "$tmp/t" "${cmd[@]}" >/dev/null
      awk -v t="$(cat "$tmp/t")" '{ print (t < $1 ? t : $1) }' "$tmp/$k" >"$tmp/m" && mv "$tmp/m" "$tmp/$k"
    done
  done
  awk -v p="$p" -v a="$(cat "$tmp/native")" -v b="$(cat "$tmp/before")" -v c="$(cat "$tmp/after")" \
    'BEGIN { printf "%s %.2f %.2f %.2f %.2f %.2f\n", p, a, b, c, b / a, c / a }'
done
