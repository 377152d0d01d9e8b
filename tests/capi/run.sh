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
declare -A broken=()   # hosts that failed before they could run
fail() { # HOST WHY [LOG]: one line, then the log indented
  printf 'capi %-6s %-14s FAILED: %s\n' "$mode" "$1" "$2"
  [ -z "${3:-}" ] || sed 's/^/    /' "$3" | head -n 30
  failed+=("$1")
  broken[$1]=1
}

# Build every host.  shared and asan: one program each.  static: each host is compiled with its
# main renamed and one program holds them all, run under each host's name (as busybox is): the
# whole library is linked in once, not sixteen times.
for h in "${hosts[@]}"; do
  log=$tmp/$h.log
  case "$h" in
    wasi)
      [ $guest_ok = 1 ] || { fail "$h" "clang cannot build the wasm32-wasi guest:" "$tmp/guest.log"; continue; }
      for w in wasi_unknown wasi_mistyped; do
        wat2wasm "$here/$w.wat" -o "$tmp/$w.wasm" >"$log" 2>&1 || { fail "$h" "wat2wasm $w:" "$log"; continue 2; }
      done ;;
    embed_*) [ -f "$tmp/fac.wasm" ] || wat2wasm "$here/../../examples/fac.wat" -o "$tmp/fac.wasm" ;;
    *) wat2wasm "$here/$h.wat" -o "$tmp/$h.wasm" >"$log" 2>&1 || { fail "$h" "wat2wasm:" "$log"; continue; } ;;
  esac
  # shellcheck disable=SC2086 # incs and libs are lists of options
  if [ "$mode" = static ]; then
    "$cc" "${cflags[@]}" $incs -Dmain="capi_main_$h" -c "$here/$h.c" -o "$tmp/$h.o" >"$log" 2>&1
  else
    "$cc" "${cflags[@]}" $incs "$here/$h.c" -o "$tmp/$h" $libs -lpthread -Wl,-rpath,"$libdir" >"$log" 2>&1
  fi || fail "$h" "does not compile against the installed package:" "$log"
done
if [ "$mode" = static ]; then
  objs=() && : >"$tmp/dispatch.c"
  for h in "${hosts[@]}"; do
    [ -z "${broken[$h]:-}" ] || continue
    objs+=("$tmp/$h.o")
    printf 'int capi_main_%s(int, char **);\n' "$h" >>"$tmp/dispatch.c"
  done
  {
    echo '#include <string.h>'
    echo 'int main(int argc, char **argv) {'
    echo '  const char *name = strrchr(argv[0], 47) ? strrchr(argv[0], 47) + 1 : argv[0];'
    for h in "${hosts[@]}"; do
      [ -n "${broken[$h]:-}" ] || printf '  if (strcmp(name, "%s") == 0) return capi_main_%s(argc, argv);\n' "$h" "$h"
    done
    echo '  return 127;'
    echo '}'
  } >>"$tmp/dispatch.c"
  # no -Werror here: a link-time compile of the library must not be judged by the hosts' flags
  # shellcheck disable=SC2086
  if "$cc" -O1 "$tmp/dispatch.c" "${objs[@]}" -o "$tmp/capi-hosts" $libs -lpthread >"$tmp/link.log" 2>&1; then
    for h in "${hosts[@]}"; do
      [ -n "${broken[$h]:-}" ] || ln -s capi-hosts "$tmp/$h"
    done
  else
    for h in "${hosts[@]}"; do
      [ -n "${broken[$h]:-}" ] || fail "$h" "the static link failed:" "$tmp/link.log"
    done
  fi
fi

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
for h in "${hosts[@]}"; do
  [ -z "${broken[$h]:-}" ] || continue
  log=$tmp/$h.log
  case "$h" in
    wasi) args=("$tmp/wasi_guest.wasm" "$tmp/wasi-data" "$tmp/wasi_unknown.wasm" "$tmp/wasi_mistyped.wasm") ;;
    embed_*) args=("$tmp/fac.wasm") ;;
    *) args=("$tmp/$h.wasm") ;;
  esac
  # linked the way the mode says: the shared library is needed, or it is not
  needed=$(readelf -d "$tmp/$h" 2>/dev/null | grep -c 'NEEDED.*libwasmlab')
  if { [ "$mode" = static ] && [ "$needed" != 0 ]; } || { [ "$mode" != static ] && [ "$needed" = 0 ]; }; then
    fail "$h" "libwasmlab.so needed: $needed"
    continue
  fi
  start=$(date +%s%N)
  "$tmp/$h" "${args[@]}" >"$tmp/$h.stdout" 2>"$log"
  rc=$?
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  if [ $rc -ne 0 ]; then
    fail "$h" "exit $rc" "$log"
  elif ! diff -u "$here/$h.out" "$tmp/$h.stdout" >"$tmp/$h.diff"; then
    fail "$h" "output differs from $h.out:" "$tmp/$h.diff"
  elif [ -s "$log" ]; then
    # a sanitizer report that did not change the exit status still fails the host
    fail "$h" "wrote to stderr:" "$log"
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
    fail "doc $h" "docs/embedding.md differs from tests/capi/$h.c:" "$tmp/$h.docdiff"
  fi
done

if [ ${#failed[@]} -eq 0 ]; then
  echo "capi $mode: all ${#hosts[@]} hosts passed"
  exit 0
fi
echo "capi $mode: FAILED ${#failed[@]}: ${failed[*]}"
exit 1
