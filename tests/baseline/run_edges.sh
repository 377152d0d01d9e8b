#!/usr/bin/env bash
# run_edges.sh: runs every export of some .wat files in the interpreter and in the baseline JIT and
# wants the same output from both: results bit for bit (NaN payloads too), trap messages and their
# locations, exit status.
#
#   tests/baseline/run_edges.sh WASMLAB [FILE.wat...]     (default: float_edges.wat beside this script)
#
# The exports take no arguments.  The baseline runs with WLAB_BASELINE_LOG=1, so a function it gave
# up on (left to the interpreter) shows up as a difference too.  Exit 77 (skipped) without wat2wasm.
set -u
wasmlab=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
[ $# -eq 0 ] && set -- "$here/float_edges.wat"
command -v wat2wasm >/dev/null || { echo "wat2wasm not found: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
for wat in "$@"; do
  wasm=$tmp/$(basename "$wat" .wat).wasm
  if ! wat2wasm "$wat" -o "$wasm"; then
    echo "FAIL  wat2wasm $wat"
    exit 1
  fi
  for name in $(grep -o '(export "[^"]*")' "$wat" | sed 's/(export "\(.*\)")/\1/'); do
    want=$(timeout 60 "$wasmlab" run --tier interp --invoke "$name" "$wasm" 2>&1)
    want_status=$?
    got=$(WLAB_BASELINE_LOG=1 timeout 60 "$wasmlab" run --tier baseline --invoke "$name" "$wasm" 2>&1)
    got_status=$?
    if [ "$got" = "$want" ] && [ $got_status -eq $want_status ]; then
      passed=$((passed + 1))
    else
      echo "FAIL  $(basename "$wat") $name: interp '$want' (exit $want_status), baseline '$got' (exit $got_status)"
      failed=$((failed + 1))
    fi
  done
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
