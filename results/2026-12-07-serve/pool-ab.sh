#!/bin/sh
# pool-ab.sh: two builds' labc.so side by side, alternating run by run (the VM's speed drifts): acquire+release for the handler at its own memory and resized.
# usage: results/2026-12-07-serve/pool-ab.sh BEFORE_DIR AFTER_DIR [ROUNDS]   (each DIR holds a labc.so; run from the source root after ninja -C build)
before=$1 after=$2 rounds=${3:-4}
here=$(dirname "$0")
for round in $(seq "$rounds"); do
  for pages in 0 256 1024 4096; do
    for dir in "$before" "$after"; do
      LUA_PATH=harness/lib/?.lua LUA_CPATH="$dir/?.so" lua5.4 "$here/pool-cycle.lua" build/suites/startup/handler.wasm \
        suites/startup/request.jsonc "$pages" 3000 cow | sed "s|^|round=$round build=$dir |"
    done
  done
done
