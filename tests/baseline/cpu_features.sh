#!/usr/bin/env bash
# cpu_features.sh: the baseline with CPU features switched off by WLAB_CPU_FEATURES: its code uses
# none of them (isa_check decodes dump --asm again) and every export gives the interpreter's answer.
#
#   tests/baseline/cpu_features.sh WASMLAB ISA_CHECK WAT2WASM cpu_features.wat
set -u
unset WLAB_BASELINE_REFUSE WLAB_CPU_FEATURES
wasmlab=$1 isa_check=$2 wat2wasm=$3 wat=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
wasm=$tmp/cpu_features.wasm
"$wat2wasm" "$wat" -o "$wasm" || { echo "FAIL  wat2wasm $wat"; exit 1; }

# export and arguments: chosen so that each result depends on the instruction's exact semantics
# (zero inputs for clz/ctz, counts past the width for shifts, halves for rounding, negative lanes)
calls=(
  "clz32 0" "clz32 1" "clz32 -1" "clz64 0" "clz64 4096" "ctz32 0" "ctz32 -2147483648" "ctz64 0" "ctz64 1024"
  "popcnt32 -1" "popcnt32 1234567" "popcnt64 -1" "popcnt64 0"
  "shifts32 -123456789 5" "shifts32 -123456789 37" "shifts64 -1234567890123 7" "shifts64 -1234567890123 70"
  "round32 2.5" "round32 -3.5" "round32 -0.4" "round64 2.5" "round64 -1e300" "round64 0.49999999999999994"
  "splat8 200" "splat8 -1" "splat16 -30000" "splat32 123456" "splat64 -9" "splatf32 1.5" "splatf64 -2.25"
  "sse41 -100 55" "sse41 3 -2147483648" "sse41 0 0" "ssse3 -128 7" "ssse3 12345678 -99" "sse42 4 6" "sse42 -9 9"
)

# what the interpreter says: no CPU feature is involved there
# shellcheck source=tests/lib/answers.sh
. "$(dirname "$0")/../lib/answers.sh"
want_answers "$wasmlab"

# MASK "ISA_CHECK OPTIONS": every form of the mask, and each feature the baseline picks by alone
configs=(
  "all|--expect-each" "none|" "-avx2|" "-avx|" "-lzcnt|" "-bmi1|" "-bmi2|" "-popcnt|"
  "-sse4.2|" "-sse4.1|" "-ssse3|" "sse4.1,ssse3|"
)
for config in "${configs[@]}"; do
  mask=${config%%|*} opts=${config#*|}
  export WLAB_CPU_FEATURES=$mask
  # shellcheck disable=SC2086
  if "$wasmlab" dump --asm "$wasm" >"$tmp/asm" 2>&1 && "$isa_check" $opts <"$tmp/asm" >"$tmp/isa" 2>&1; then
    ok "WLAB_CPU_FEATURES=$mask: $(tail -n 1 "$tmp/isa")"
  else
    bad "WLAB_CPU_FEATURES=$mask: the code uses what it may not:"; head -20 "$tmp/isa"
  fi
  for tier in baseline "tiered --tier-up-after 0 --no-background"; do
    # shellcheck disable=SC2086
    wrong_answers "$tier" "$wasmlab" run --tier $tier
    if [ $wrong -eq 0 ]; then
      ok "WLAB_CPU_FEATURES=$mask --tier $tier: ${#calls[@]} calls give the interpreter's answers"
    else
      bad "WLAB_CPU_FEATURES=$mask --tier $tier: $wrong of ${#calls[@]} calls differ from the interpreter"
    fi
  done
done

# the checker is not vacuous: code made with every feature fails a check that allows none
WLAB_CPU_FEATURES=all "$wasmlab" dump --asm "$wasm" >"$tmp/asm-all"
if WLAB_CPU_FEATURES=none "$isa_check" <"$tmp/asm-all" >"$tmp/isa" 2>&1; then
  bad "isa_check passed code with SSE4.1/BMI2/... against an SSE2-only mask"
else
  ok "isa_check refuses full-feature code under WLAB_CPU_FEATURES=none ($(grep -c needs "$tmp/isa") instructions)"
fi

# the mask as the command line shows and refuses it
v=$(WLAB_CPU_FEATURES=none "$wasmlab" --version)
case $v in *"x86-64: sse2)"*) ok "--version under 'none': $v" ;; *) bad "--version under 'none' says '$v'" ;; esac
v=$(WLAB_CPU_FEATURES=-avx2 "$wasmlab" --version)
case $v in *avx2*) bad "--version under '-avx2' still lists avx2: $v" ;; *) ok "--version under '-avx2' lists no avx2" ;; esac
WLAB_CPU_FEATURES=-avx3 "$wasmlab" run --invoke clz32 "$wasm" 1 >"$tmp/out" 2>"$tmp/err"
status=$?
if [ $status -eq 2 ] && grep -q "WLAB_CPU_FEATURES: unknown feature 'avx3'" "$tmp/err" && [ ! -s "$tmp/out" ]; then
  ok "an unknown feature is a usage error (exit 2, named)"
else
  bad "WLAB_CPU_FEATURES=-avx3: exit $status, '$(cat "$tmp/err")'"
fi
WLAB_CPU_FEATURES=-avx2,lzcnt "$wasmlab" run --invoke clz32 "$wasm" 1 >/dev/null 2>"$tmp/err"
status=$?
if [ $status -eq 2 ] && grep -q "mixes" "$tmp/err"; then ok "a mixed mask is a usage error"; else bad "a mixed mask: exit $status"; fi

echo "$failed failed"
[ $failed -eq 0 ]
