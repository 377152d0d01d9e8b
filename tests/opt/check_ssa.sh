#!/usr/bin/env bash
# check_ssa.sh: runs each .wat fixture of tests/opt through `wasmlab dump --ssa` and checks what
# its directives say the optimising tier's passes must have done.
#
#   tests/opt/check_ssa.sh WASMLAB WAT2WASM FIXTURE.wat...
#
# Directives, in the fixture's comments, apply to the dump of the RUN line before them:
#   ;; RUN: ARGS           dump --ssa ARGS (e.g. --func f --after gvn, --opt-disable=licm);
#                          ARGS starting with --asm: dump ARGS (the machine code)
#   ;; CHECK: TEXT         a later line of the dump contains TEXT (in order: each CHECK
#                          searches after the line the previous one matched)
#   ;; CHECK-NOT: TEXT     no line between the previous CHECK's match and the next CHECK's
#                          (or the end) contains TEXT
#   ;; CHECK-COUNT-N: TEXT exactly N lines of the whole dump contain TEXT
# TEXT is a fixed string, not a pattern.  A fixture with no RUN line fails.
set -u
wasmlab=$1 wat2wasm=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0 total=0

check_dump() { # fixture line-number args-of-run dump-file directives-file
  local fixture=$1 runline=$2 dump=$3 directives=$4
  local pos=0 pending_not=() ok=1 kind text n line
  # one directive per line: KIND<TAB>TEXT
  while IFS=$'\t' read -r kind text; do
    case $kind in
      CHECK)
        n=$(awk -v from="$pos" -v t="$text" 'NR > from && index($0, t) { print NR; exit }' "$dump")
        if [ -z "$n" ]; then
          echo "  $fixture:$runline: CHECK not found after line $pos: $text"; ok=0; break
        fi
        for t in "${pending_not[@]+"${pending_not[@]}"}"; do
          line=$(awk -v from="$pos" -v to="$n" -v t="$t" 'NR > from && NR < to && index($0, t) { print NR; exit }' "$dump")
          [ -n "$line" ] && { echo "  $fixture:$runline: CHECK-NOT '$t' found at dump line $line"; ok=0; }
        done
        pending_not=()
        pos=$n ;;
      CHECK-NOT) pending_not+=("$text") ;;
      CHECK-COUNT-*)
        want=${kind#CHECK-COUNT-}
        got=$(awk -v t="$text" 'index($0, t) { c++ } END { print c + 0 }' "$dump")
        [ "$got" = "$want" ] || { echo "  $fixture:$runline: CHECK-COUNT-$want '$text': found $got"; ok=0; } ;;
    esac
  done <"$directives"
  for t in "${pending_not[@]+"${pending_not[@]}"}"; do
    line=$(awk -v from="$pos" -v t="$t" 'NR > from && index($0, t) { print NR; exit }' "$dump")
    [ -n "$line" ] && { echo "  $fixture:$runline: CHECK-NOT '$t' found at dump line $line"; ok=0; }
  done
  [ $ok -eq 1 ]
}

for fixture in "$@"; do
  name=$(basename "$fixture" .wat)
  if ! "$wat2wasm" --enable-tail-call "$fixture" -o "$tmp/$name.wasm" 2>"$tmp/err"; then
    echo "FAIL  $name: wat2wasm: $(head -3 "$tmp/err")"; failed=$((failed + 1)); continue
  fi
  runs=0
  # split the fixture into RUN sections: each RUN line starts a new directives file
  awk -v dir="$tmp" -v name="$name" '
    /;; RUN:/ { k++; sub(/.*;; RUN: */, ""); print > (dir "/" name "." k ".args"); print NR > (dir "/" name "." k ".line"); next }
    /;; CHECK(-NOT|-COUNT-[0-9]+)?:/ && k {
      kind = $0; sub(/^.*;; /, "", kind); sub(/:.*/, "", kind)
      text = $0; sub(/^.*;; CHECK(-NOT|-COUNT-[0-9]+)?: */, "", text); sub(/ *$/, "", text)
      print kind "\t" text > (dir "/" name "." k ".checks")
    }' "$fixture"
  for args in "$tmp/$name".*.args; do
    [ -e "$args" ] || break
    k=${args%.args}; k=${k##*.}
    runs=$((runs + 1)) total=$((total + 1))
    runline=$(cat "$tmp/$name.$k.line")
    touch "$tmp/$name.$k.checks"
    # shellcheck disable=SC2046
    what=--ssa
    case $(cat "$args") in --asm*) what= ;; esac
    # shellcheck disable=SC2046
    if ! "$wasmlab" dump $what $(cat "$args") "$tmp/$name.wasm" >"$tmp/dump" 2>"$tmp/err"; then
      echo "FAIL  $name:$runline: dump --ssa $(cat "$args"): $(head -3 "$tmp/err")"; failed=$((failed + 1)); continue
    fi
    if check_dump "$name.wat" "$runline" "$tmp/dump" "$tmp/$name.$k.checks"; then
      echo "ok    $name:$runline ($(cat "$args"))"
    else
      echo "FAIL  $name:$runline ($(cat "$args")); the dump:"; sed 's/^/      /' "$tmp/dump" | head -60
      failed=$((failed + 1))
    fi
  done
  if [ $runs -eq 0 ]; then
    echo "FAIL  $name: no ';; RUN:' line"; failed=$((failed + 1))
  fi
done
echo "$total runs, $failed failed"
[ $failed -eq 0 ]
