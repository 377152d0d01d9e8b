#!/bin/bash
# cg.sh BEFORE AFTER [PROGRAM...]: callgrind of `run --tier opt` of compute programs (default:
# sha256) at the manifest's small size, with BEFORE's wasmlab, AFTER's, and AFTER's with
# --opt-disable=unroll (the ablation row): instructions of the whole process and of JIT code
# (callgrind_annotate's functions of no object), and whether the output matched the manifest's.
# Run from the repository: results/2026-12-07-suite/o16q/cg.sh /work/main/build build-lto > cg.txt
set -u
before=${1:?usage: cg.sh BEFORE AFTER [PROGRAM...]} after=${2:?usage: cg.sh BEFORE AFTER [PROGRAM...]}
shift 2
[ $# -gt 0 ] || set -- sha256
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "program before-total before-jit ok after-total after-jit ok no-unroll-total no-unroll-jit ok"
for want in "$@"; do
  awk -F'\t' -v p="$want" '$1 == "compute" && $2 == p { print $2 "\t" $3 "\t" $4 }' suites/manifest.txt |
  while IFS=$'\t' read -r name arg expect; do
    line=$name
    for c in before after no-unroll; do
      case $c in
        before) cmd=("$before/wasmlab" run --tier opt) ;;
        after) cmd=("$after/wasmlab" run --tier opt) ;;
        no-unroll) cmd=("$after/wasmlab" run --tier opt --opt-disable=unroll) ;;
      esac
      r=$(valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "${cmd[@]}" "build/suites/compute/$name.wasm" "$arg" 2>/dev/null | head -c 300)
      ok=ok; case "$r" in "$expect"*) ;; *) ok=WRONG ;; esac
      tot=$(callgrind_annotate --threshold=100 "$tmp/cg.out" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }')
      jit=$(callgrind_annotate --threshold=100 "$tmp/cg.out" 2>/dev/null | awk '/\[\?\?\?\]$/ { gsub(",", "", $1); s += $1 } END { print s + 0 }')
      line="$line $tot $jit $ok"
    done
    echo "$line"
  done
done
