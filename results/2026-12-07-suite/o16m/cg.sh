#!/bin/sh
# cg.sh: callgrind instruction counts of `wasmlab compile --tier opt` for each module, two builds
# side by side, and their ratio.  Usage: cg.sh OLD_WASMLAB NEW_WASMLAB X.wasm...
set -u
old=$1 new=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
count() {
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$1" compile --tier opt "$2" -o "$tmp/out.cwasm" \
    2>&1 | sed -n 's/.*Collected : //p'
}
echo "| module | bytes | before | after | before / after |"
echo "|---|---:|---:|---:|---:|"
for w in "$@"; do
  a=$(count "$old" "$w") b=$(count "$new" "$w")
  printf '| %s | %s | %s | %s | %s |\n' "$(basename "$w" .wasm)" "$(wc -c < "$w")" "$a" "$b" \
    "$(echo "scale=3; $a / $b" | bc)"
done
