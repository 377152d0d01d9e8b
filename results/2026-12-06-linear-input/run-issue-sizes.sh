#!/bin/sh
# $1 = wasmlab binary, $2 = tag, $3 = tiers
W=$1; T=$2; TIERS=$3
cd /work/wt-valid
for s in "pending_get 160000" "pending_block 160000" "br_if_const 19000" "br_if_extra 19000" "br_table_same 80000" "funcs_locals 4000" "functions 100000" "locals_loops 50000" "init_depth 100000"; do
  set -- $s
  python3 tests/stress/stress.py --wasmlab $W --only $1 --sizes $2 --tiers $TIERS --timeout 300 --json /tmp/valid-res/h/$T-$1.json
done
