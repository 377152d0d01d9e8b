#!/usr/bin/env bash
# exit_codes.sh: every documented exit status of `wasmlab run` (README.md, "Exit status"), each
# from a small module, in every tier: the interpreter, the baseline, tiered at its default
# threshold and at 0, the optimising tier; and the message that goes with it.  validate's and spec's statuses too.
#
#   tests/cli/exit_codes.sh WASMLAB WAT2WASM
set -u
wasmlab=$1
wat2wasm=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
ok() { echo "ok    $1"; }
bad() { echo "FAIL  $1"; failed=$((failed + 1)); }
[ -x "$wasmlab" ] || { echo "FAIL  no program at '$wasmlab'"; exit 1; }

# wat NAME: compiles the module text on stdin to $tmp/NAME.wasm
wat() { "$wat2wasm" --enable-tail-call - -o "$tmp/$1.wasm" || { echo "FAIL  wat2wasm $1"; exit 1; }; }

wat calls <<'EOF'
(module
  (memory 1)
  (func (export "ok") (result i32) i32.const 7)
  (func (export "trap") (result i32) i32.const 1 i32.const 0 i32.div_s)
  (func (export "oob") (result i32) i32.const 65536 i32.load)
  (func $rec (export "recurse") (param i32) (result i32) local.get 0 i32.const 1 i32.add call $rec)
  (func (export "spin") (loop br 0))
  (func (export "spin_calls") (loop call $leaf br 0))
  (func $leaf))
EOF
wat start_trap <<'EOF'
(module (func $s unreachable) (start $s) (func (export "_start")))
EOF
wat start_recurse <<'EOF'
(module (func $s call $s) (start $s) (func (export "_start")))
EOF
wat start_spin <<'EOF'
(module (func $s (loop br 0)) (start $s) (func (export "_start")))
EOF
wat data_oob <<'EOF'
(module (memory 1) (data (i32.const 65535) "ab") (func (export "_start")))
EOF
wat elem_oob <<'EOF'
(module (table 1 funcref) (elem (i32.const 1) $f) (func $f) (func (export "_start")))
EOF
wat unlinkable <<'EOF'
(module (import "env" "nothing" (func)) (func (export "_start")))
EOF
wat big_table <<'EOF'
(module (table 20000000 funcref) (func (export "_start")))
EOF
wat memory10 <<'EOF'
(module (memory 10) (func (export "_start")))
EOF
wat big_memory <<'EOF'
(module (memory 65536) (func (export "_start")))
EOF
wat exit7 <<'EOF'
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (func (export "_start") i32.const 7 call $exit))
EOF
wat exit_in_start <<'EOF'
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (func $s i32.const 9 call $exit) (start $s)
  (func (export "_start")))
EOF
printf 'not a module' >"$tmp/malformed.wasm"
"$wat2wasm" --no-check - -o "$tmp/invalid.wasm" <<'EOF' || exit 1
(module (func (export "_start") (result i32) i64.const 1))
EOF

# expect WANT STDERR_PATTERN LABEL -- ARGS...: runs wasmlab ARGS (stdin closed); its exit status must be
# WANT and, unless STDERR_PATTERN is empty, its stderr must match it (grep -E)
expect() {
  local want=$1 pattern=$2 label=$3 got
  shift 4
  "$wasmlab" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
  got=$?
  if [ "$got" -ne "$want" ]; then
    bad "$label: exit $got, want $want ($(head -c 300 "$tmp/err"))"
  elif [ -n "$pattern" ] && ! grep -q -E "$pattern" "$tmp/err"; then
    bad "$label: exit $got, but stderr does not say /$pattern/: '$(head -c 300 "$tmp/err")'"
  else
    ok "$label: exit $got"
  fi
}

for tier in "--tier interp" "--tier baseline" "--tier tiered" "--tier tiered --tier-up-after 0" "--tier opt"; do
  t="run $tier"
  # shellcheck disable=SC2086  (the tier options are words)
  {
    expect 0 '' "$t: a result" -- run $tier --invoke ok "$tmp/calls.wasm"
    [ "$(cat "$tmp/out")" = 7 ] || bad "$t: a result: printed '$(cat "$tmp/out")', want 7"
    expect 1 'malformed module' "$t: malformed" -- run $tier "$tmp/malformed.wasm"
    expect 1 'invalid module' "$t: invalid" -- run $tier "$tmp/invalid.wasm"
    expect 1 'unlinkable' "$t: an import nobody defines" -- run $tier "$tmp/unlinkable.wasm"
    expect 1 'implementation limit: table too large .*: 20000000 .the limit is 10000000' \
      "$t: a table past the limit" -- run $tier "$tmp/big_table.wasm"
    expect 1 'implementation limit: memory of 10 pages is larger than the --max-memory cap of 5 pages' \
      "$t: a memory past --max-memory" -- run $tier --max-memory 5 "$tmp/memory10.wasm"
    expect 0 '' "$t: a memory within --max-memory" -- run $tier --max-memory 10 "$tmp/memory10.wasm"
    expect 3 'trap: integer divide by zero' "$t: a trap" -- run $tier --invoke trap "$tmp/calls.wasm"
    expect 3 'trap: out of bounds memory access' "$t: a memory trap" -- run $tier --invoke oob "$tmp/calls.wasm"
    expect 3 'trap: unreachable' "$t: a trap in the start function" -- run $tier "$tmp/start_trap.wasm"
    expect 3 'out of bounds memory access \(data segment\)' "$t: a data segment out of bounds" -- \
      run $tier "$tmp/data_oob.wasm"
    expect 3 'out of bounds table access \(element segment\)' "$t: an element segment out of bounds" -- \
      run $tier "$tmp/elem_oob.wasm"
    expect 4 'all fuel consumed' "$t: out of fuel in a loop" -- run $tier --fuel 100000 --invoke spin "$tmp/calls.wasm"
    expect 4 'all fuel consumed' "$t: out of fuel in calls" -- run $tier --fuel 100000 --invoke spin_calls \
      "$tmp/calls.wasm"
    expect 4 'all fuel consumed' "$t: out of fuel in the start function" -- run $tier --fuel 100000 \
      "$tmp/start_spin.wasm"
    expect 4 'time limit exceeded' "$t: out of time" -- run $tier --timeout 0.2 --invoke spin "$tmp/calls.wasm"
    expect 5 'call stack exhausted' "$t: the call stack exhausted" -- run $tier --invoke recurse "$tmp/calls.wasm" 0
    expect 5 'call stack exhausted' "$t: the call stack exhausted in the start function" -- \
      run $tier "$tmp/start_recurse.wasm"
    expect 7 '' "$t: proc_exit(7)" -- run $tier "$tmp/exit7.wasm"
    expect 9 '' "$t: proc_exit(9) in the start function" -- run $tier "$tmp/exit_in_start.wasm"
    expect 2 'exports no function' "$t: no such export" -- run $tier --invoke nothing "$tmp/calls.wasm"
    expect 2 'is not a valid i32' "$t: a bad argument" -- run $tier --invoke recurse "$tmp/calls.wasm" x
    expect 2 'takes 1 arguments' "$t: too few arguments" -- run $tier --invoke recurse "$tmp/calls.wasm"
    expect 2 'cannot open' "$t: no such file" -- run $tier "$tmp/nothing.wasm"
    expect 2 'unknown option' "$t: an unknown option" -- run $tier --nothing "$tmp/calls.wasm"
  }
  # out of memory: a 4 GiB memory under a 1 GB address-space limit (neither the guard-page
  # reservation nor the explicit-bounds block fits); the static build only, as sanitizers need more
  ( ulimit -v 1000000 && exec "$wasmlab" run $tier "$tmp/big_memory.wasm" ) </dev/null >"$tmp/out" 2>"$tmp/err"
  got=$?
  if [ $got -eq 1 ] && grep -q 'out of memory' "$tmp/err"; then
    ok "$t: out of memory for a linear memory: exit 1"
  elif grep -q -i 'sanitizer' "$tmp/err"; then
    echo "skip  $t: out of memory for a linear memory: a sanitizer build cannot run under ulimit -v"
  else
    bad "$t: out of memory for a linear memory: exit $got, want 1 ($(head -c 300 "$tmp/err"))"
  fi
done

# validate: 0 valid, 1 refused (out of memory included), 2 usage
expect 0 '' "validate: a valid module" -- validate "$tmp/calls.wasm"
expect 1 'malformed module' "validate: malformed" -- validate "$tmp/malformed.wasm"
expect 1 'invalid module' "validate: invalid" -- validate "$tmp/invalid.wasm"
expect 2 'cannot open' "validate: no such file" -- validate "$tmp/nothing.wasm"
expect 2 'unknown option' "validate: an unknown option" -- validate --nothing "$tmp/calls.wasm"
# Out of memory while validating: a 1 MB function under address-space limits from just above what
# wasmlab needs to start (found first: the static program alone maps several MB) to enough to
# validate it.  Each run must exit 0 (it fitted) or 1 saying "out of memory" (never 2, a crash or
# an abort), and some limit must let the file be read but not validated.
python3 - "$tmp/big.wasm" <<'EOF'
import sys
def leb(n):
    out = bytearray()
    while True:
        b, n = n & 0x7f, n >> 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)
def section(id, body):
    return bytes([id]) + leb(len(body)) + body
body = b'\x01\x01\x7f' + b'\x20\x00\x41\x01\x6a\x21\x00' * 150000 + b'\x0b'  # local0 = local0 + 1, ...
module = (b'\0asm\1\0\0\0' + section(1, b'\x01\x60\x00\x00') + section(3, b'\x01\x00') +
          section(10, b'\x01' + leb(len(body)) + body))
open(sys.argv[1], 'wb').write(module)
EOF
floor=
{ # below the floor the program cannot even be mapped: the kernel's SIGSEGV, not ours, and quiet
  for kb in $(seq 4000 1000 64000); do
    if ( ulimit -v $kb && exec "$wasmlab" validate "$tmp/calls.wasm" ) </dev/null >/dev/null 2>&1; then
      floor=$kb
      break
    fi
  done
} 2>/dev/null
if [ -z "$floor" ]; then
  echo "skip  validate out of memory: wasmlab does not start under a 64 MB limit (a sanitizer build?)"
else
  validate_oom=0
  for extra in 2000 3000 4000 8000 16000 32000; do
    kb=$((floor + extra))
    ( ulimit -v $kb && exec "$wasmlab" validate "$tmp/big.wasm" ) </dev/null >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ $got -eq 1 ] && grep -q 'out of memory' "$tmp/err"; then
      grep -q 'too large to read' "$tmp/err" || validate_oom=$((validate_oom + 1))
    elif [ $got -ne 0 ]; then
      bad "validate under ulimit -v $kb: exit $got, want 0 or 1 with 'out of memory' ($(head -c 300 "$tmp/err"))"
    fi
  done
  if [ $validate_oom -eq 0 ]; then
    bad "validate out of memory: no limit from $floor KB up ran out of memory while validating"
  else
    ok "validate out of memory: exit 1 under $validate_oom of the limits above $floor KB, never another status"
  fi
fi

# spec: 0 all passed, 1 a test failed, 2 usage
cat >"$tmp/pass.wast" <<'EOF'
(module (func (export "f") (result i32) i32.const 1))
(assert_return (invoke "f") (i32.const 1))
EOF
cat >"$tmp/fail.wast" <<'EOF'
(module (func (export "f") (result i32) i32.const 1))
(assert_return (invoke "f") (i32.const 2))
EOF
if command -v wast2json >/dev/null; then
  expect 0 '' "spec: a passing file" -- spec "$tmp/pass.wast"
  expect 1 '' "spec: a failing file" -- spec "$tmp/fail.wast"
fi
expect 2 '' "spec: an unknown option" -- spec --nothing "$tmp/pass.wast"

if [ $failed -ne 0 ]; then
  echo "$failed check(s) failed"
  exit 1
fi
echo "all checks passed"
