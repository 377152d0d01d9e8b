#!/usr/bin/env bash
# versioning.sh: loops versioned by opt/versioning.c (rows 640 bytes apart from a pointer nothing
# bounds) give the interpreter's answers and traps on both sides of the test before the loop: the
# largest pointer the folded copy may take, the next one (whose last row wraps to address 0), and
# pointers near the end of memory, in a 1-page memory and in a 4 GiB one (65536 pages, where a
# wrapped row is in bounds and the folded address would not be), with guard pages, explicit
# bounds, three registers a class and no CPU features.
#
#   tests/opt/versioning.sh WASMLAB WAT2WASM tests/opt/versioning/rows.wat
set -u
unset WLAB_CPU_FEATURES WLAB_OPT_REGS WLAB_OPT_REFUSE
wasmlab=$1 wat2wasm=$2 wat=$3
# shellcheck source=tests/lib/answers.sh
. "$(dirname "$0")/../lib/answers.sh"
answers_module "$wat2wasm" "$wat"
configs=("|" "|--bounds-checks=explicit" "WLAB_OPT_REGS=7,7|" "WLAB_OPT_REGS=7,7|--bounds-checks=explicit"
  "WLAB_CPU_FEATURES=none|" "|--opt-disable=versioning")

# the largest pointer each loop's folded copy takes (its last row ends at 2^32 - 1) and the next:
# rows 2^32 - 1 - 8960 - 1280 = 4294957055, vrows 2^32 - 1 - 8960 - 640 = 4294957695 (its 16 bytes
# then reach past 4 GiB, trapping), copy 2^32 - 1 - 5119 - 1280 = 4294960896
edges=("run 4294957055 0" "run 4294957056 0" "run 4294957695 0" "run 4294957696 0" "run 4294960896 0"
  "run 4294960897 0")
calls=("run 0 3" "run 1000 -900" "run 63000 100" "run 53000 0" "run 55000 -55000" "${edges[@]}"
  "run 4294967200 0" "run 4294960000 -5")
want_answers "$wasmlab"
echo "1 page:"
opt_answers_in "$wasmlab" "${configs[@]}"

# the same loops in a memory of 4 GiB: addresses that wrap read the start of memory
sed 's/(memory 1)/(memory 65536)/' "$wat" >"$tmp/big.wat"
"$wat2wasm" "$tmp/big.wat" -o "$wasm" || { echo "FAIL  wat2wasm (4 GiB)"; exit 1; }
calls=("run 0 3" "${edges[@]}" "run 4294967200 0" "run 4294960000 -5" "run 4294966000 100"
  "run 4294962000 0" "run 4294950000 -4294900000")
want_answers "$wasmlab"
echo "4 GiB:"
opt_answers_in "$wasmlab" "${configs[@]}"
[ $failed -eq 0 ] || { echo "$failed failed"; exit 1; }
