#!/usr/bin/env bash
# versioning.sh: loops versioned by opt/versioning.c (rows 640 bytes apart from a pointer nothing
# bounds) give the interpreter's answers and traps on both sides of the test before the loop: the
# largest pointer the folded copy may take, the next one (whose last row wraps to address 0), the
# largest and next with explicit bounds (the copy without checks), pointers near the end of memory, in a 1-page memory and in a 4 GiB one (65536 pages, where a
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
# then reach past 4 GiB, trapping), copy 2^32 - 1 - 5119 - 1280 = 4294960896 (5119: the bound of y
# that the exit test y + 640 < 5120 gives).  `run P D WHICH`: rows 1, vrows 2, copy 4.
edges=("run 4294957055 0 1" "run 4294957056 0 1" "run 4294957695 0 2" "run 4294957696 0 2"
  "run 4294960896 0 4" "run 4294960897 0 4" "run 4294957055 0 7" "run 4294957056 0 7")
# with explicit bounds the test is that each loop's last access ends within the memory: in 1 page
# rows at most 65536 - (8960 + 1280 + 1) = 55295, vrows 65536 - (8960 + 640 + 16) = 55920, copy
# 65536 - (5119 + 1280 + 1) = 59136 (its last row is at y = 4480, so pointers up to 59775 run in
# bounds through the copy)
ends=("run 55295 0 1" "run 55296 0 1" "run 65535 0 1" "run 55920 0 2" "run 55921 0 2" "run 55920 1 2"
  "run 59136 0 4" "run 59137 0 4" "run 59775 0 4" "run 59776 0 4")
calls=("run 0 3 7" "run 1000 -900 7" "run 63000 100 7" "run 53000 0 7" "run 55000 -55000 7" "${edges[@]}"
  "run 4294967200 0 7" "run 4294960000 -5 7" "${ends[@]}")
want_answers "$wasmlab"
echo "1 page:"
opt_answers_in "$wasmlab" "${configs[@]}"

# the same loops in a memory of 4 GiB: addresses that wrap read the start of memory
sed 's/(memory 1)/(memory 65536)/' "$wat" >"$tmp/big.wat"
"$wat2wasm" "$tmp/big.wat" -o "$wasm" || { echo "FAIL  wat2wasm (4 GiB)"; exit 1; }
calls=("run 0 3 7" "${edges[@]}" "run 4294967200 0 7" "run 4294960000 -5 7" "run 4294966000 100 7"
  "run 4294962000 0 7" "run 4294950000 -4294900000 7" "run 4294967200 0 2" "run 4294967200 0 4")
want_answers "$wasmlab"
echo "4 GiB:"
opt_answers_in "$wasmlab" "${configs[@]}"
[ $failed -eq 0 ] || { echo "$failed failed"; exit 1; }
