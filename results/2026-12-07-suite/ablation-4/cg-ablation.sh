#!/bin/bash
# cg-ablation.sh BUILD: the ablation in exact counts. Callgrind of `run --tier opt` of every
# compute program at the manifest's small size (3rd column), with the whole pipeline and with
# each pass switched off in turn (and all of them): instructions in JIT code (callgrind_annotate's
# functions of no object) per configuration, each output checked against the manifest's.
# Run from the repository: results/2026-12-07-suite/ablation-4/cg-ablation.sh build > cg.txt
set -u
build=${1:?usage: cg-ablation.sh BUILD}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passes="inline sccp copyprop gvn reassoc licm sad versioning addrfold branchfold dce"
all=$(echo "$passes" | tr ' ' ',')
configs="- $passes $all"
echo "program opt $(for p in $passes; do printf 'no-%s ' "$p"; done)all-off"
awk -F'\t' '$1 == "compute" { print $2 "\t" $3 "\t" $4 }' suites/manifest.txt | while IFS=$'\t' read -r name arg expect; do
  line=$name
  for c in $configs; do
    opts=(--tier opt)
    [ "$c" = - ] || opts+=(--opt-disable="$c")
    r=$(valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$build/wasmlab" run "${opts[@]}" "$build/suites/compute/$name.wasm" "$arg" 2>/dev/null | head -c 300)
    case "$r" in "$expect"*) ;; *) line="$line WRONG"; continue ;; esac
    jit=$(callgrind_annotate --threshold=100 "$tmp/cg.out" 2>/dev/null | awk '/\[\?\?\?\]$/ { gsub(",", "", $1); s += $1 } END { print s + 0 }')
    line="$line $jit"
  done
  echo "$line"
done
