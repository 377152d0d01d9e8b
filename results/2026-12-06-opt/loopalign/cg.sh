#!/bin/bash
# cg.sh BEFORE AFTER: callgrind of `run --tier opt` of every compute program at the manifest's
# small size (3rd column) with the two builds' wasmlab: instructions of the whole process and
# in JIT code (callgrind_annotate's functions of no object), and whether the output matched.
# Run from the repository: results/2026-12-06-opt/loopalign/cg.sh build-main build
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "program before-total before-jit ok after-total after-jit ok"
awk -F'\t' '$1 == "compute" { print $2 "\t" $3 "\t" $4 }' suites/manifest.txt | while IFS=$'\t' read -r name arg expect; do
  line=$name
  for b in "$@"; do
    r=$(valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$b/wasmlab" run --tier opt "$2/suites/compute/$name.wasm" "$arg" 2>/dev/null | head -c 300)
    ok=ok; case "$r" in "$expect"*) ;; *) ok=WRONG ;; esac
    tot=$(callgrind_annotate --threshold=100 "$tmp/cg.out" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }')
    jit=$(callgrind_annotate --threshold=100 "$tmp/cg.out" 2>/dev/null | awk '/\[\?\?\?\]$/ { gsub(",", "", $1); s += $1 } END { print s + 0 }')
    line="$line $tot $jit $ok"
  done
  echo "$line"
done
