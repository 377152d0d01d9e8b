#!/bin/bash
# samecode.sh BUILD: for every compute program, whether `dump --asm --tier opt` (every function's
# machine code) is the same with tailrec on and off: the pass finds no site in clang's wasm, whose
# recursions LLVM's tail-recursion elimination already made loops.
# Run from the repository: results/2026-12-07-suite/o16o/samecode.sh build > samecode.txt
set -u
build=${1:?usage: samecode.sh BUILD}
for w in "$build"/suites/compute/*.wasm; do
  on=$("$build/wasmlab" dump --asm --tier opt "$w" | md5sum | cut -c1-12)
  off=$("$build/wasmlab" dump --asm --tier opt --opt-disable=tailrec "$w" | md5sum | cut -c1-12)
  bytes=$("$build/wasmlab" dump --asm --tier opt "$w" | wc -c)
  echo "$(basename "$w" .wasm) $bytes-byte-dump on=$on off=$off $([ "$on" = "$off" ] && echo same || echo DIFFERENT)"
done
