#!/usr/bin/env bash
# run.sh: builds every host in tests/capi against an installed wasmlab (its header and library only, through pkg-config) and diffs its output with NAME.out.
#
#   tests/capi/run.sh asan   BUILD   # BUILD configured with -Db_sanitize=address,undefined: hosts with ASan+UBSan, leaks fail
#   tests/capi/run.sh shared BUILD   # no sanitizers, linked to libwasmlab.so
#   tests/capi/run.sh static BUILD   # no sanitizers, `pkg-config --static`, libwasmlab.a linked in
#
# BUILD is installed with `meson install --destdir` into a temporary directory; nothing of the
# source tree but tests/capi is read, so a host that compiles here compiles for any user of the
# installed package.  Prints one line per host and a summary; exits 1 when any host failed.
set -uo pipefail

mode=${1:-}
build=${2:-}
case "$mode" in asan | shared | static) ;; *)
  echo "usage: tests/capi/run.sh asan|shared|static BUILD_DIR" >&2
  exit 2 ;;
esac
if [ ! -f "$build/build.ninja" ]; then
  echo "run.sh: $build is not a configured meson build directory" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$build" && pwd)
cc=${CC:-cc}
for tool in wat2wasm pkg-config python3 readelf "$cc"; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool not found" >&2; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wlab-capi.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# The installed package: headers, libraries and wasmlab.pc under $tmp/dest/<prefix>.  Only the
# targets that install are built first (a whole sanitizer build has targets that cannot link:
# -static with ASan), then installed without the rebuild of everything meson install would do.
installed=$(meson introspect --targets "$build" | python3 -c '
import json, os, sys
build = sys.argv[1]
for t in json.load(sys.stdin):
    if t.get("installed"):
        for f in t["filename"]:
            print(os.path.relpath(f, build))' "$build")
# shellcheck disable=SC2086 # one target a word
if ! ninja -C "$build" $installed >"$tmp/install.log" 2>&1 ||
   ! meson install -C "$build" --no-rebuild --destdir "$tmp/dest" --quiet >>"$tmp/install.log" 2>&1; then
  echo "run.sh: meson install of $build failed:" >&2
  tail -n 20 "$tmp/install.log" >&2
  exit 1
fi
pc=$(find "$tmp/dest" -name wasmlab.pc | head -n 1)
if [ -z "$pc" ]; then
  echo "run.sh: $build installs no wasmlab.pc" >&2
  exit 1
fi
# The .pc names the configured prefix; point it at where the package landed.
prefix=$(pkg-config --variable=prefix "$pc")
PKG_CONFIG_PATH=$(dirname "$pc")
export PKG_CONFIG_PATH
pcopts=(--define-variable=prefix="$tmp/dest$prefix")
libdir=$(pkg-config "${pcopts[@]}" --variable=libdir wasmlab)

cflags=(-std=gnu11 -O1 -g -Wall -Wextra -Werror)
case "$mode" in
  asan)
    # shellcheck disable=SC2054 # the commas are the option's
    cflags+=(-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    libs=$(pkg-config "${pcopts[@]}" --libs wasmlab) ;;
  shared)
    libs=$(pkg-config "${pcopts[@]}" --libs wasmlab) ;;
  static)
    # --static adds the library's own dependencies; -l:libwasmlab.a takes the archive even
    # though the shared library sits next to it
    libs=$(pkg-config "${pcopts[@]}" --static --libs wasmlab | sed 's/-lwasmlab\b/-l:libwasmlab.a/') ;;
esac
incs=$(pkg-config "${pcopts[@]}" --cflags wasmlab)

# The WASI guest: a wasm32-wasi command, as examples/meson.build builds wagi.wasm.
guest_ok=1
if ! clang --target=wasm32-wasi -O2 -Wall -Wextra -Werror "$here/wasi_guest.c" -o "$tmp/wasi_guest.wasm" \
    >"$tmp/guest.log" 2>&1; then
  guest_ok=0
fi
cp -r "$here/wasi-data" "$tmp/wasi-data"

hosts=(hello callback global memory table trap reflect multi start finalize hostref threads serialize wasi
  embed_wasm embed_wasmlab)
failed=()
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
for h in "${hosts[@]}"; do
  log=$tmp/$h.log
  args=("$tmp/$h.wasm")
  if [ "$h" = wasi ]; then
    if [ $guest_ok = 0 ]; then
      printf 'capi %-6s %-14s FAILED: clang cannot build the wasm32-wasi guest:\n' "$mode" "$h"
      sed 's/^/    /' "$tmp/guest.log" | head -n 10
      failed+=("$h")
      continue
    fi
    args=("$tmp/wasi_guest.wasm" "$tmp/wasi-data")
  elif [ "$h" = embed_wasmlab ] || [ "$h" = embed_wasm ]; then
    args=("$tmp/fac.wasm")
    [ -f "$tmp/fac.wasm" ] || wat2wasm "$here/../../examples/fac.wat" -o "$tmp/fac.wasm"
  elif ! wat2wasm "$here/$h.wat" -o "$tmp/$h.wasm" >"$log" 2>&1; then
    printf 'capi %-6s %-14s FAILED: wat2wasm:\n' "$mode" "$h"
    sed 's/^/    /' "$log"
    failed+=("$h")
    continue
  fi
  # shellcheck disable=SC2086 # incs and libs are lists of options
  if ! "$cc" "${cflags[@]}" $incs "$here/$h.c" -o "$tmp/$h" $libs -lpthread -Wl,-rpath,"$libdir" >"$log" 2>&1; then
    printf 'capi %-6s %-14s FAILED: does not compile against the installed package:\n' "$mode" "$h"
    sed 's/^/    /' "$log" | head -n 20
    failed+=("$h")
    continue
  fi
  # linked the way the mode says: the shared library is needed, or it is not
  needed=$(readelf -d "$tmp/$h" 2>/dev/null | grep -c 'NEEDED.*libwasmlab')
  if { [ "$mode" = static ] && [ "$needed" != 0 ]; } || { [ "$mode" != static ] && [ "$needed" = 0 ]; }; then
    printf 'capi %-6s %-14s FAILED: libwasmlab.so needed: %s\n' "$mode" "$h" "$needed"
    failed+=("$h")
    continue
  fi
  start=$(date +%s%N)
  "$tmp/$h" "${args[@]}" >"$tmp/$h.stdout" 2>"$log"
  rc=$?
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  if [ $rc -ne 0 ]; then
    printf 'capi %-6s %-14s FAILED: exit %d\n' "$mode" "$h" "$rc"
    sed 's/^/    /' "$log" | head -n 30
    failed+=("$h")
  elif ! diff -u "$here/$h.out" "$tmp/$h.stdout" >"$tmp/$h.diff"; then
    printf 'capi %-6s %-14s FAILED: output differs from %s.out:\n' "$mode" "$h" "$h"
    sed 's/^/    /' "$tmp/$h.diff" | head -n 30
    failed+=("$h")
  elif [ -s "$log" ]; then
    # a sanitizer report that did not change the exit status still fails the host
    printf 'capi %-6s %-14s FAILED: wrote to stderr:\n' "$mode" "$h"
    sed 's/^/    /' "$log" | head -n 30
    failed+=("$h")
  else
    printf 'capi %-6s %-14s ok (%d lines, %d ms)\n' "$mode" "$h" "$(wc -l <"$tmp/$h.stdout")" "$ms"
  fi
done

# The examples in docs/embedding.md are the embed_*.c files, byte for byte: the doc cannot show
# code that no longer compiles.
doc=$here/../../docs/embedding.md
for h in embed_wasm embed_wasmlab; do
  if ! awk -v f="tests/capi/$h.c" '
      $0 == "<!-- " f " -->" { want = 1; next }
      want && /^```c$/ { on = 1; next }
      on && /^```$/ { exit }
      on { print }' "$doc" | diff -u - "$here/$h.c" >"$tmp/$h.docdiff"; then
    printf 'capi %-6s %-14s FAILED: docs/embedding.md differs from tests/capi/%s.c:\n' "$mode" "doc $h" "$h"
    sed 's/^/    /' "$tmp/$h.docdiff" | head -n 20
    failed+=("doc $h")
  fi
done

if [ ${#failed[@]} -eq 0 ]; then
  echo "capi $mode: all ${#hosts[@]} hosts passed"
  exit 0
fi
echo "capi $mode: FAILED ${#failed[@]}: ${failed[*]}"
exit 1
