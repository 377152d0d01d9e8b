#!/bin/bash
# stack.sh: recursion without end traps "call stack exhausted", never a signal, in every tier,
# on the main thread under `ulimit -s` from 256 KiB to unlimited and on threads with small
# stacks (tests/threads/stack.c), and through the command line with a WASI call at every level.
#   stack.sh STACK_EXE WASMLAB WAT2WASM TESTS_DIR
set -u
stack=$1 wasmlab=$2 wat2wasm=$3 dir=$4
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

"$wat2wasm" "$dir/stack.wat" -o "$tmp/stack.wasm" || exit 1
"$wat2wasm" "$dir/stack_wasi.wat" -o "$tmp/stack_wasi.wasm" || exit 1

for kib in 256 512 1024 8192 unlimited; do
  # the embedding test: every tier, on the main thread under this limit, and on small threads
  # (they are the same whatever the limit: run them once)
  args=0
  [ "$kib" = 8192 ] && args=
  # shellcheck disable=SC2086
  out=$(ulimit -s "$kib" && "$stack" "$tmp/stack.wasm" $args 2>&1)
  rc=$?
  if [ $rc -ne 0 ]; then
    fail "ulimit -s $kib: stack exited $rc$([ $rc -gt 128 ] && echo " (signal $((rc - 128)))")"
    printf '%s\n' "$out" | grep -v '^ok ' | head -20
  else
    echo "ok    ulimit -s $kib: $(printf '%s\n' "$out" | grep -c '^ok ') checks"
  fi
  # the command line: plain recursion, and a WASI call (fd_write) at every level
  for tier in interp baseline tiered; do
    for m in stack_wasi:deep stack_wasi:deep_wasi stack_wasi:ping; do
      file=${m%%:*} fn=${m#*:}
      err=$(ulimit -s "$kib" && "$wasmlab" run --tier "$tier" --invoke "$fn" "$tmp/$file.wasm" 0 2>&1 >/dev/null)
      rc=$?
      if [ $rc -gt 128 ] || ! printf '%s' "$err" | grep -q "call stack exhausted"; then
        fail "ulimit -s $kib, $tier, $fn: exit $rc: $err"
      fi
    done
  done
done
# half the functions interpreted: every call of the mutual recursion crosses between the tiers
out=$(ulimit -s 256 && WLAB_BASELINE_REFUSE=odd "$stack" "$tmp/stack.wasm" 256 2>&1)
rc=$?
[ $rc -eq 0 ] || { fail "odd functions interpreted: exit $rc"; printf '%s\n' "$out" | grep -v '^ok ' | head -20; }

[ $fails -eq 0 ] && echo "stack.sh: all passed" || echo "stack.sh: $fails failed"
[ $fails -eq 0 ]
