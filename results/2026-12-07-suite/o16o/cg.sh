#!/bin/bash
# cg.sh BEFORE AFTER: callgrind of `run --tier opt` of every compute program at the manifest's
# small size (3rd column): BEFORE's wasmlab, AFTER's, and AFTER's with --opt-disable=tailrec (the
# ablation row): instructions of the whole process and in JIT code (callgrind_annotate's functions
# of no object), and whether the output matched the manifest's.
# Run from the repository: results/2026-12-07-suite/o16o/cg.sh /work/main/build build > cg.txt
set -u
before=${1:?usage: cg.sh BEFORE AFTER} after=${2:?usage: cg.sh BEFORE AFTER}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "program before-total before-jit ok after-total after-jit ok no-tailrec-total no-tailrec-jit ok"
awk -F'\t' '$1 == "compute" { print $2 "\t" $3 "\t" $4 }' suites/manifest.txt | while IFS=$'\t' read -r name arg expect; do
  line=$name
  for c in before after no-tailrec; do
    case $c in
      before) cmd=("$before/wasmlab" run --tier opt) ;;
      after) cmd=("$after/wasmlab" run --tier opt) ;;
      no-tailrec) cmd=("$after/wasmlab" run --tier opt --opt-disable=tailrec) ;;
    esac
    r=$(valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "${cmd[@]}" "$after/suites/compute/$name.wasm" "$arg" 2>/dev/null | head -c 300)
    ok=ok; case "$r" in "$expect"*) ;; *) ok=WRONG ;; esac
    tot=$(callgrind_annotate --threshold=100 "$tmp/cg.out" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }')
    jit=$(callgrind_annotate --threshold=100 "$tmp/cg.out" 2>/dev/null | awk '/\[\?\?\?\]$/ { gsub(",", "", $1); s += $1 } END { print s + 0 }')
    line="$line $tot $jit $ok"
  done
  echo "$line"
done
