#!/bin/bash
# cg.sh OUT WASMDIR MODE BIN... : callgrind of the compute suite at the manifest's small sizes, each
# program run with the options MODE ("--tier opt", or "--no-background": tiered with everything
# compiled on the running thread, so the counts are exact): per binary, the whole-process Ir, the
# Ir in JIT code (callgrind_annotate's functions of no object, [???]) and whether the output is the
# manifest's.  Run from the source root; WASMDIR is a build's suites/compute (build/suites/compute).
out=$1 dir=$2 mode=$3; shift 3
tmp=$(mktemp) || exit 1
trap 'rm -f "$tmp"' EXIT
grep "^compute" suites/manifest.txt | awk -F'\t' '{print $2, $3, $4}' | while read -r name arg expect; do
  line="$name"
  for b in "$@"; do
    # shellcheck disable=SC2086
    r=$(valgrind --tool=callgrind --callgrind-out-file="$tmp" "$b" run $mode "$dir/$name.wasm" $arg 2>/dev/null | head -c 200)
    ok=ok; case "$r" in "$expect"*) ;; *) ok=WRONG;; esac
    counts=$(callgrind_annotate --threshold=100 "$tmp" 2>/dev/null |
      awk '/PROGRAM TOTALS/{gsub(",","",$1); t=$1} /\[\?\?\?\]$/{gsub(",","",$1); s+=$1} END{print t, s+0}')
    line="$line $counts $ok"
  done
  echo "$line" | tee -a "$out"
done
