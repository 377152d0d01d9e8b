#!/usr/bin/env bash
# crosscheck.sh: runs every suite program as wasm (under node) and native, and compares both with manifest.txt.
#
#   suites/crosscheck.sh BUILD_DIR [small|default]
#
# BUILD_DIR is the meson build directory (or its suites/ subdirectory). For each manifest line it
# runs the program at the chosen size (default: small): the .wasm under node's WASI through
# run-node.mjs and, where there is one, the static .native binary; both outputs (stdout, trailing
# newline removed) must equal the manifest's expected output and the exit status must be 0.
# micro/ modules are called through their `run` export instead; their `_start` (the default size,
# which traps on a wrong checksum) is run too, and the constant it checks against must match the
# manifest. One line per program, then "N passed, N failed"; the exit status is 1 on any failure.
set -u

here=$(cd "$(dirname "$0")" && pwd)
manifest=$here/manifest.txt
runner=$here/run-node.mjs
NODE=${NODE:-node}
TIMEOUT=${SUITES_TIMEOUT:-120}

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 BUILD_DIR [small|default]" >&2
  exit 2
fi
build=$1
size=${2:-small}
case $size in
  small | default) ;;
  *) echo "crosscheck: size must be 'small' or 'default', not '$size'" >&2; exit 2 ;;
esac
[ -d "$build/suites/compute" ] && build=$build/suites
if [ ! -d "$build/compute" ]; then
  echo "crosscheck: no suites build in '$1' (expected $1/suites/compute)" >&2
  exit 2
fi
if ! command -v "$NODE" >/dev/null 2>&1; then
  echo "crosscheck: node not found (set NODE=/path/to/node)" >&2
  exit 2
fi
# Each WASI import is wrapped in run-node.mjs; turning off fast API calls as well keeps node 20
# from crashing at exit after programs with large memories.
node_cmd=("$NODE" --no-warnings --no-turbo-fast-api-calls "$runner")

passed=0
failed=0
out=""
status=0
errf=$(mktemp)
trap 'rm -f "$errf"' EXIT

# run_capture STDIN CMD... : sets $out (stdout without trailing newlines) and $status.
run_capture() {
  local input=$1
  shift
  out=$(timeout "$TIMEOUT" "$@" <"$input" 2>"$errf")
  status=$?
}

show() { # shorten long outputs in failure messages
  local s=$1
  [ ${#s} -gt 160 ] && s="${s:0:157}..."
  printf "'%s'" "$s"
}

while IFS=$'\t' read -r group name sargs sexp dargs dexp _stresses input _rest; do
  case $group in '' | '#'*) continue ;; esac
  if [ "$size" = small ]; then args=$sargs expected=$sexp; else args=$dargs expected=$dexp; fi
  [ "$args" = - ] && args=""
  [ "$expected" = - ] && expected=""
  stdin_file=/dev/null
  [ -n "${input:-}" ] && [ "$input" != - ] && stdin_file=$here/$input
  wasm=$build/$group/$name.wasm
  native=$build/$group/$name.native
  problems=()
  checks=()

  if [ ! -f "$wasm" ]; then
    problems+=("wasm not built ($wasm)")
  elif [ "$group" = micro ]; then
    # shellcheck disable=SC2086
    run_capture "$stdin_file" "${node_cmd[@]}" --invoke run "$wasm" $args
    if [ $status -ne 0 ] || [ "$out" != "$expected" ]; then
      problems+=("run($args): exit $status, got $(show "$out"), expected $(show "$expected") $(head -c 300 "$errf")")
    else
      checks+=("run=ok")
    fi
    # _start checks run(default) against a constant in the source: it must be the manifest's.
    src=$here/micro/$name.wat
    if ! grep -Eq "\(call \\\$run \(i32\.const $dargs\)\) \(i32\.const $dexp\)\)" "$src"; then
      problems+=("_start in $name.wat does not check run($dargs) == $dexp")
    else
      run_capture /dev/null "${node_cmd[@]}" "$wasm"
      if [ $status -ne 0 ]; then
        problems+=("_start: exit $status $(head -c 300 "$errf")")
      else
        checks+=("_start=ok")
      fi
    fi
  else
    # shellcheck disable=SC2086
    run_capture "$stdin_file" "${node_cmd[@]}" "$wasm" $args
    if [ $status -ne 0 ] || [ "$out" != "$expected" ]; then
      problems+=("wasm: exit $status, got $(show "$out"), expected $(show "$expected") $(head -c 300 "$errf")")
    else
      checks+=("wasm=ok")
    fi
  fi

  if [ "$group" != micro ]; then
    if [ -f "$here/$group/$name.wat" ]; then
      : # a .wat program has no native twin
    elif [ ! -x "$native" ]; then
      problems+=("native not built ($native)")
    else
      # shellcheck disable=SC2086
      run_capture "$stdin_file" "$native" $args
      if [ $status -ne 0 ] || [ "$out" != "$expected" ]; then
        problems+=("native: exit $status, got $(show "$out"), expected $(show "$expected") $(head -c 300 "$errf")")
      else
        checks+=("native=ok")
      fi
    fi
  fi

  if [ ${#problems[@]} -eq 0 ]; then
    passed=$((passed + 1))
    printf 'PASS  %-20s %s\n' "$group/$name" "${checks[*]}"
  else
    failed=$((failed + 1))
    printf 'FAIL  %-20s %s\n' "$group/$name" "${checks[*]}"
    for p in "${problems[@]}"; do
      printf '        %s\n' "$p"
    done
  fi
done <"$manifest"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
