#!/usr/bin/env bash
# run_suites.sh: runs every compute and start-up suite program in wasmlab (interpreter + WASI) at the
# small size and compares its output with suites/manifest.txt: an end-to-end test of the runtime.
#
#   tests/run_suites.sh WASMLAB BUILD_DIR [RUN OPTIONS...]    e.g. --tier baseline
set -u
wasmlab=$1
build=$2
shift 2
opts=("$@")
here=$(cd "$(dirname "$0")/.." && pwd)
passed=0 failed=0
while IFS=$'\t' read -r group name small_args small_expected _ _ _ stdin; do
  case $group in compute | startup) ;; *) continue ;; esac
  wasm=$build/suites/$group/$name.wasm
  [ -f "$wasm" ] || continue
  # a program that reads a file gets it twice: on stdin, and by name through a read-only
  # preopen of suites/ (path_open); both runs must print the expected output
  if [ "${stdin:--}" != "-" ]; then
    want=$small_expected
    for how in stdin file; do
      if [ $how = stdin ]; then
        got=$("$wasmlab" run "${opts[@]}" "$wasm" <"$here/suites/$stdin" 2>&1)
      else
        got=$("$wasmlab" run "${opts[@]}" --dir "$here/suites::/suites:ro" "$wasm" "/suites/$stdin" </dev/null 2>&1)
      fi
      status=$?
      if [ $status -eq 0 ] && [ "$got" = "$(printf '%b' "$want")" ]; then
        echo "ok    $group/$name ($how)"
        passed=$((passed + 1))
      else
        echo "FAIL  $group/$name ($how, exit $status): got '$got', expected '$want'"
        failed=$((failed + 1))
      fi
    done
    continue
  fi
  args=$small_args
  [ "$args" = "-" ] && args=""
  want=$small_expected
  [ "$want" = "-" ] && want=""
  # shellcheck disable=SC2086
  got=$("$wasmlab" run "${opts[@]}" "$wasm" $args </dev/null 2>&1)
  status=$?
  if [ $status -eq 0 ] && [ "$got" = "$(printf '%b' "$want")" ]; then
    echo "ok    $group/$name"
    passed=$((passed + 1))
  else
    echo "FAIL  $group/$name (exit $status): got '$got', expected '$want'"
    failed=$((failed + 1))
  fi
done < <(grep -v '^#' "$here/suites/manifest.txt")
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
