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

# capstone is loaded when a dump first disassembles (x64/disasm.c), never linked into the program:
# without its library a dump prints hex bytes and says why, and runs do not need it at all
if grep -q '^; this build has no capstone' "$tmp/asm"; then
  echo "skip  capstone loaded on demand: this build has no capstone"
else
  if command -v nm >/dev/null; then
    if nm "$wasmlab" 2>/dev/null | grep -qE ' [TtWw] cs_(open|disasm_iter)$'; then
      bad "the program links capstone's code (cs_open, cs_disasm_iter defined in it)"
    else
      ok "the program does not link capstone's code"
    fi
  fi
  nolib=$tmp/no-such-libcapstone.so
  if WLAB_CAPSTONE=$nolib "$wasmlab" dump --asm "$fac" >"$tmp/asm-hex" 2>"$tmp/err"; then
    ok "dump --asm without capstone's library exits 0"
  else
    bad "dump --asm without capstone's library: exit $? ($(cat "$tmp/err"))"
  fi
  check "it says capstone could not be loaded" grep -q '^; cannot load libcapstone' "$tmp/asm-hex"
  check "it prints the machine code as hex bytes" grep -qE "$code_line([0-9a-f]{2} )+" "$tmp/asm-hex"
  if grep -v -E "$code_line|^ *;" "$tmp/asm-hex" | diff -q - "$tmp/ir" >/dev/null; then
    ok "without capstone, the same IR lines in the same order"
  else
    bad "without capstone, the IR lines differ from dump --ir"
  fi
  # opt's dump falls back to hex too (it printed no code at all when capstone failed to start)
  if WLAB_CAPSTONE=$nolib "$wasmlab" dump --asm --tier opt --func fac "$fac" >"$tmp/ssa-hex" 2>"$tmp/err"; then
    check "opt's dump without capstone's library: its code as hex bytes" \
      grep -qE '^ {10}[0-9a-f]{4}  ?( [0-9a-f]{2})+$' "$tmp/ssa-hex"
  else
    bad "dump --asm --tier opt without capstone's library: exit $? ($(cat "$tmp/err"))"
  fi
  out=$(WLAB_CAPSTONE=$nolib "$wasmlab" run --tier baseline --invoke fac "$fac" 5 2>&1)
  check "run without capstone's library: fac 5 = 120 ($out)" test "$out" = 120
fi
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
