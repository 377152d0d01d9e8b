#!/usr/bin/env bash
# dump.sh: the baseline tier's observability through the CLI: dump --asm, run --stats and --eager.
#
#   tests/baseline/dump.sh WASMLAB BUILD_DIR
set -u
unset WLAB_BASELINE_REFUSE # the test knob would leave functions uncompiled and change the counts
wasmlab=$1
build=$2
fac=$build/examples/fac.wasm
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
ok() { echo "ok    $1"; }
bad() { echo "FAIL  $1"; failed=$((failed + 1)); }
# check WHAT COMMAND...: ok when the command succeeds, FAIL otherwise
check() {
  local what=$1
  shift
  if "$@"; then ok "$what"; else bad "$what"; fi
}
[ -x "$wasmlab" ] || { echo "FAIL  no program at '$wasmlab'"; exit 1; }
# machine-code lines: 10 spaces, a 4-digit hex offset, two spaces; comment lines start with ';'
code_line='^ {10}[0-9a-f]{4}  '

if "$wasmlab" dump --asm "$fac" >"$tmp/asm" 2>"$tmp/err"; then
  ok "dump --asm exits 0"
else
  bad "dump --asm: exit $? ($(cat "$tmp/err"))"
fi
"$wasmlab" dump --ir "$fac" >"$tmp/ir"
# without the machine code and the comments, --asm is --ir line for line: same format, same order
grep -v -E "$code_line|^ *;" "$tmp/asm" >"$tmp/asm-ir"
if diff -u "$tmp/ir" "$tmp/asm-ir" >"$tmp/diff"; then
  ok "dump --asm carries the IR lines of dump --ir, in order"
else
  bad "dump --asm and dump --ir disagree:"; head -20 "$tmp/diff"
fi
if grep -q '^; this build has no capstone' "$tmp/asm"; then
  echo "skip  x86 mnemonics: this build has no capstone (hex bytes only)"
else
  for m in ret cmp push; do
    check "disassembly shows '$m'" grep -qE "$code_line.* $m( |$)" "$tmp/asm"
  done
fi
check "an '; out of line' part" grep -q '^  ; out of line$' "$tmp/asm"
check "trap stubs are named" grep -qE '^  ; trap stub: call stack exhausted' "$tmp/asm"

# --func by name and by index, and --dump=asm as --asm
"$wasmlab" dump --asm --func fac "$fac" >"$tmp/by-name" 2>&1
"$wasmlab" dump --asm --func 0 "$fac" >"$tmp/by-index" 2>&1
"$wasmlab" dump --dump=asm --func=fac "$fac" >"$tmp/by-eq" 2>&1
if grep -q '^func 0 <fac>' "$tmp/by-name" && ! grep -q '^func 1' "$tmp/by-name" &&
   cmp -s "$tmp/by-name" "$tmp/by-index" && cmp -s "$tmp/by-name" "$tmp/by-eq"; then
  ok "--func fac = --func 0 = --dump=asm --func=fac, one function"
else
  bad "--func by name, by index or --dump=asm differ"
fi
"$wasmlab" dump --asm --func nosuch "$fac" >/dev/null 2>"$tmp/err"
status=$?
if [ $status -eq 2 ] && grep -q "no function 'nosuch'" "$tmp/err"; then
  ok "a bad --func exits 2 and names it"
else
  bad "bad --func: exit $status, '$(cat "$tmp/err")'"
fi
"$wasmlab" dump --asm --ir "$fac" >/dev/null 2>&1
check "--asm with --ir is a usage error (exit 2)" [ $? -eq 2 ]

# the bounds-check mode comes from the engine: --bounds-checks=explicit changes the code of loads
mem=$build/suites/micro/memory.wasm
if [ -f "$mem" ]; then
  "$wasmlab" dump --asm --bounds-checks=explicit "$mem" >"$tmp/explicit" 2>&1
  "$wasmlab" dump --asm "$mem" >"$tmp/guard" 2>&1
  if grep -q 'explicit bounds checks' "$tmp/explicit" && grep -q 'out of bounds memory access' "$tmp/explicit" &&
     grep -q 'guard-page memory' "$tmp/guard"; then
    ok "--bounds-checks=explicit dumps checked accesses"
  else
    bad "--bounds-checks=explicit shows no bounds checks"
  fi
fi

# every suite module that was built dumps cleanly
n=0
for wasm in "$build"/suites/compute/*.wasm "$build"/suites/startup/*.wasm "$build"/suites/micro/*.wasm; do
  [ -f "$wasm" ] || continue
  n=$((n + 1))
  for mode in guard explicit; do
    "$wasmlab" dump --asm --bounds-checks=$mode "$wasm" >"$tmp/suite" 2>"$tmp/err"
    status=$?
    if [ $status -ne 0 ]; then
      bad "dump --asm --bounds-checks=$mode ${wasm#"$build"/}: exit $status ($(head -c 300 "$tmp/err"))"
    elif grep -q '(bad)' "$tmp/suite"; then
      bad "dump --asm ${wasm#"$build"/}: bytes capstone cannot decode"
    fi
  done
done
if [ $n -gt 0 ]; then
  ok "dump --asm over $n suite modules, both bounds-check modes"
else
  echo "skip  no suite modules built"
fi

# run --eager --stats: compile statistics on stderr, stdout only the program's output
"$wasmlab" run --tier baseline --eager --stats --invoke fac "$fac" 20 >"$tmp/out" 2>"$tmp/err"
status=$?
if [ $status -eq 0 ] && [ "$(cat "$tmp/out")" = 2432902008176640000 ]; then
  ok "run --eager --stats: exit 0, stdout untouched"
else
  bad "run --eager --stats: exit $status, stdout '$(cat "$tmp/out")'"
fi
stats_line='^baseline: [1-9][0-9]* functions? compiled \([0-9]+ given up\), [0-9]+ wasm bytes -> '
if grep -qE "${stats_line}[0-9]+ bytes of machine code in [0-9.]+ ms" "$tmp/err" &&
   grep -qE '^module: .*decode [0-9.]+ ms, validate [0-9.]+ ms$' "$tmp/err"; then
  ok "run --stats prints the baseline line and the module's times"
else
  bad "run --stats printed: $(cat "$tmp/err")"
fi
# --eager compiles all three functions before the call; lazily only fac itself runs
check "--eager compiles all three functions" grep -qE '^baseline: 3 functions compiled' "$tmp/err"
"$wasmlab" run --tier baseline --stats --invoke fac "$fac" 20 >/dev/null 2>"$tmp/err"
check "without --eager only what runs compiles" grep -qE '^baseline: 1 function compiled' "$tmp/err"
# exit codes stay what they were: a missing export is still a usage error
"$wasmlab" run --stats --invoke nosuch "$fac" >/dev/null 2>"$tmp/err"
check "run --stats keeps the exit status (2: no such export)" [ $? -eq 2 ]

[ $failed -eq 0 ] || { echo "$failed failed"; exit 1; }
