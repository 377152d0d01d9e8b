#!/bin/sh
# samecode.sh: whether two builds' optimising tier makes the same code for every function of the
# given modules (dump --asm --tier opt: instructions, registers, spill slots, machine code bytes).
# Usage: samecode.sh OLD_WASMLAB NEW_WASMLAB X.wasm...   Exit status 1 when any module differs.
set -u
old=$1 new=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for w in "$@"; do
  "$old" dump --asm --tier opt "$w" > "$tmp/old" 2>&1
  "$new" dump --asm --tier opt "$w" > "$tmp/new" 2>&1
  if cmp -s "$tmp/old" "$tmp/new"; then
    echo "same     $(wc -l < "$tmp/old") lines  $w"
  else
    echo "DIFFERENT  $w"
    diff "$tmp/old" "$tmp/new" | head -20
    status=1
  fi
done
exit $status
