#!/bin/sh
# The optimising tier on issue 21's shapes at the issue's sizes (summary.md, section "opt: moves
# read through"): one stress.py run per shape, --tiers TIERS, JSON lines to OUT.
# Usage: run-opt-budget.sh WASMLAB OUT.json [TIERS]   (from the repository's root; TIERS: opt)
W=$1; OUT=$2; TIERS=${3:-opt}
: > "$OUT"
for s in "br_if_const 19000" "br_if_extra 19000" "br_table_same 80000" "br_param_blocks 6000" \
         "br_mixed 20000" "funcs_locals 4000" "functions 100000" "locals_loops 50000" \
         "pending_get 160000" "pending_get_many 24000" "pending_block 160000" "stack_deep 40000" \
         "stack_deep 184000" "big_body 100000" "init_depth 100000"; do
  set -- $s
  python3 tests/stress/stress.py --wasmlab "$W" --only "$1" --sizes "$2" --tiers "$TIERS" --timeout 300 --json /tmp/run-opt-budget.$$.json \
    || echo "FAILED: $1 $2"
  cat /tmp/run-opt-budget.$$.json >> "$OUT"
done
rm -f /tmp/run-opt-budget.$$.json
