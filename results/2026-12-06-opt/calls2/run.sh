#!/bin/bash
# calls2: callgrind instruction counts of --tier opt, whole process, before and after (BIN LABEL
# PROGRAM...): at the manifest's small size (LABEL.txt) and at size 1 (compile-only.txt: start-up
# and compiling, the run itself next to nothing); then hyperfine of native and both binaries at the
# default size, side by side (PROGRAM.json).
bin=$1; label=$2; shift 2
for p in "$@"; do
  line=$(grep -P "^(compute|startup)\t$p\t" suites/manifest.txt)
  g=$(echo "$line" | cut -f1); a=$(echo "$line" | cut -f3); [ "$a" = "-" ] && a=""
  valgrind --tool=callgrind --callgrind-out-file=/dev/null $bin run --tier opt build/suites/$g/$p.wasm $a 2>&1 >/dev/null |
    grep -o 'Collected : [0-9]*' | sed "s/^/$label $p /"
  [ "$g" = compute ] && valgrind --tool=callgrind --callgrind-out-file=/dev/null $bin run --tier opt build/suites/$g/$p.wasm 1 2>&1 >/dev/null |
    grep -o 'Collected : [0-9]*' | sed "s/^/$label $p (size 1) /"
done
# hyperfine -N -w 1 -r 5 -n native "build/suites/compute/P.native ARGS" -n opt-before "BEFORE run --tier opt ..." -n opt-after "AFTER run --tier opt ..."
