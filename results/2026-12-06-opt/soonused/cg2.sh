#!/bin/bash
# cg2.sh OUT BIN... : callgrind, compute suite at the small sizes, --tier opt: whole-process Ir and
# the Ir in JIT code (callgrind_annotate's functions of no object, [???]); run from the source root
# after `ninja -C build` (the suite's .wasm files are read from build/suites/compute)
out=$1; shift
W=build/suites/compute
tmp=$(mktemp) || exit 1
trap 'rm -f "$tmp"' EXIT
grep "^compute" suites/manifest.txt | awk -F'\t' '{print $2, $3, $4}' | while read -r name arg expect; do
  line="$name"
  for b in "$@"; do
    r=$(valgrind --tool=callgrind --callgrind-out-file="$tmp" "$b" run --tier opt "$W/$name.wasm" $arg 2>/dev/null | head -c 200)
    ok=ok; case "$r" in "$expect"*) ;; *) ok=WRONG;; esac
    tot=$(callgrind_annotate --threshold=100 "$tmp" 2>/dev/null | awk '/PROGRAM TOTALS/{gsub(",","",$1); print $1}')
    jit=$(callgrind_annotate --threshold=100 "$tmp" 2>/dev/null | awk '/\[\?\?\?\]$/{gsub(",","",$1); s+=$1} END{print s+0}')
    line="$line $tot $jit $ok"
  done
  echo "$line" | tee -a "$out"
done
