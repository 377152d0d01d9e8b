#!/usr/bin/env bash
# divconst.sh: divisions and remainders by constants, which opt emits as a multiply and shifts
# (opt/divmagic.c), a shift or a mask, give the interpreter's answers and traps, with guard pages,
# explicit bounds, three registers a class, and no CPU extensions.
#
#   tests/opt/divconst.sh WASMLAB WAT2WASM tests/opt/divconst/divconst.wat
set -u
unset WLAB_CPU_FEATURES WLAB_OPT_REGS WLAB_OPT_REFUSE
wasmlab=$1
# shellcheck source=tests/lib/answers.sh
. "$(dirname "$0")/../lib/answers.sh"
answers_module "$2" "$3"

# starts of the xorshift sequences: 0 (stays 0), 1, the top bit, all ones, and two arbitrary ones
calls=("u32 0 1" "u32 1 3000" "u32 2147483648 2000" "u32 4294967295 2000" "u32 123456789 3000"
  "s32 1 3000" "s32 2147483648 2000" "s32 4294967295 2000" "s32 2147483647 2000" "s32 987654321 3000"
  "u64 1 3000" "u64 9223372036854775808 2000" "u64 18446744073709551615 2000" "u64 1234567890123 3000"
  "s64 1 3000" "s64 9223372036854775808 2000" "s64 9223372036854775807 2000" "s64 18446744073709551607 3000"
  "by0 7" "rem0 7" "minus1 2147483648" "minus1 5" "rem_minus1 9223372036854775808" "rem_minus1 17")
want_answers "$wasmlab"
configs=("|" "|--bounds-checks=explicit" "WLAB_OPT_REGS=7,7|" "WLAB_CPU_FEATURES=none|")
opt_answers_in "$wasmlab" "${configs[@]}"
[ $failed -eq 0 ] || { echo "$failed failed"; exit 1; }
