# answers.sh: shared by the shell tests that compare a tier's answers with the interpreter's.
# Source it, then set tmp (a scratch directory) and wasm (the module), or let answers_module make
# both, and the array calls ("EXPORT ARGS..."); it defines ok/bad (counting failures in $failed),
# answers_module, want_answers, wrong_answers and opt_answers_in.

failed=0
ok() { echo "ok    $1"; }
bad() { echo "FAIL  $1"; failed=$((failed + 1)); }

# answers_module WAT2WASM WAT [FLAGS...]: a scratch directory in $tmp, removed on exit, and WAT
# built into $wasm there (exit 1 when it does not build)
answers_module() {
  local wat2wasm=$1 wat=$2
  shift 2
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  wasm=$tmp/$(basename "$wat" .wat).wasm
  "$wat2wasm" "$@" "$wat" -o "$wasm" || { echo "FAIL  wat2wasm $wat"; exit 1; }
}

# want_answers WASMLAB: what the interpreter prints (and its exit code) for each call, in $tmp/want.N
want_answers() {
  local i=0 call name args
  for call in "${calls[@]}"; do
    read -r name args <<<"$call"
    # shellcheck disable=SC2086
    "$1" run --tier interp --invoke "$name" "$wasm" $args >"$tmp/want.$i" 2>&1 || echo "exit $?" >>"$tmp/want.$i"
    i=$((i + 1))
  done
}

# wrong_answers LABEL COMMAND...: runs COMMAND --invoke EXPORT $wasm ARGS for each call and sets
# $wrong to how many differ from the interpreter's, printing the first difference under LABEL
wrong_answers() {
  local label=$1 i=0 call name args
  shift
  wrong=0
  for call in "${calls[@]}"; do
    read -r name args <<<"$call"
    # shellcheck disable=SC2086
    "$@" --invoke "$name" "$wasm" $args >"$tmp/got" 2>&1 || echo "exit $?" >>"$tmp/got"
    if ! cmp -s "$tmp/want.$i" "$tmp/got"; then
      [ $wrong -eq 0 ] && echo "      $call: interpreter '$(cat "$tmp/want.$i")', $label '$(cat "$tmp/got")'"
      wrong=$((wrong + 1))
    fi
    i=$((i + 1))
  done
}

# opt_answers_in WASMLAB CONFIG...: wrong_answers in opt under each configuration "ENV...|OPTIONS"
# (environment words, then run's options), an ok or a bad line for each
opt_answers_in() {
  local wasmlab=$1 config envs opts
  shift
  for config in "$@"; do
    envs=${config%%|*} opts=${config#*|}
    # shellcheck disable=SC2086
    wrong_answers opt env $envs "$wasmlab" run --tier opt $opts
    if [ $wrong -eq 0 ]; then
      ok "opt ${envs:-(defaults)} $opts: ${#calls[@]} calls give the interpreter's answers"
    else
      bad "opt ${envs:-(defaults)} $opts: $wrong of ${#calls[@]} calls differ from the interpreter"
    fi
  done
}
