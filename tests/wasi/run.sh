#!/usr/bin/env bash
# run.sh: the WASI end-to-end tests: runs the guest programs of tests/wasi in wasmlab and checks,
# from the host, what they print, their exit codes and what they did to the file system.
#
#   tests/wasi/run.sh MODE WASMLAB BINDIR
#
# MODE: files fdstat stdio argsenv clocks escape hostile exit sock paths errors.  BINDIR holds the built guests
# (NAME.wasm), the native twins (NAME.native) and sock_host.  Tests that touch paths run twice:
# with openat2 (where the kernel has it) and with WLAB_WASI_NO_OPENAT2=1, the component walk.
set -u
mode=$1
wasmlab=$(cd "$(dirname "$2")" && pwd)/$(basename "$2") # absolute: some tests change directory
bin=$(cd "$3" && pwd)
src=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
shm=
trap 'rm -rf "$tmp" ${shm:+"$shm"}' EXIT
failed=0

pass() { echo "ok    $1"; }
fail() { echo "FAIL  $1"; failed=1; }

# same NAME GOT-FILE WANT-FILE: the two files must be identical
same() {
  if diff -u "$3" "$2" > "$tmp/diff"; then pass "$1"; else fail "$1"; cat "$tmp/diff"; fi
}

# status NAME GOT WANT
status() {
  if [ "$2" -eq "$3" ]; then pass "$1 (exit $2)"; else fail "$1: exit $2, expected $3"; fi
}

# A listing of a tree with the content of every file and the target of every link: two trees
# with the same listing hold the same things.
tree() {
  (cd "$1" && find . -mindepth 1 ${2:+-path "$2" -prune -o} -print | LC_ALL=C sort | while read -r p; do
    if [ -L "$p" ]; then echo "$p -> $(readlink "$p")"
    elif [ -d "$p" ]; then echo "$p/"
    else echo "$p $(md5sum < "$p" | cut -c1-32)"; fi
  done)
}

case $mode in
files)
  # files.c in a fresh directory: natively, then in wasmlab with that directory as "."
  mkdir "$tmp/native"
  (cd "$tmp/native" && "$bin/files.native") > "$tmp/native.out" 2>&1
  for walk in 0 1; do
    mkdir "$tmp/w$walk"
    WLAB_WASI_NO_OPENAT2=$walk "$wasmlab" run --dir "$tmp/w$walk::." "$bin/files.wasm" > "$tmp/w$walk.out" 2>&1
    status "files (walk=$walk)" $? 0
    same "files: output as native (walk=$walk)" "$tmp/w$walk.out" "$tmp/native.out"
    tree "$tmp/native" > "$tmp/native.tree"
    tree "$tmp/w$walk" > "$tmp/w$walk.tree"
    same "files: the tree left behind is as native (walk=$walk)" "$tmp/w$walk.tree" "$tmp/native.tree"
    if [ "$(sed -n '1p;1000p' "$tmp/w$walk/d/result.txt" | tr '\n' ,)" = "line 0,line 999," ] &&
       [ "$(cat "$tmp/w$walk/d/b.txt")" = "hello appended 42" ]; then
      pass "files: contents written by the guest (walk=$walk)"
    else
      fail "files: contents written by the guest (walk=$walk)"
    fi
  done
  ;;

fdstat)
  # the host's stdio, whose type and rights the runtime reads at first use: fdstat.c asks
  # fd_fdstat_get of each (stdout before any other use, stdin after a read, stderr after a
  # write).  stdin /dev/null read-only, stdout a regular file opened for appending (write-only),
  # stderr a pipe's write end: what each allows, and nothing more.
  : > "$tmp/out"
  "$wasmlab" run "$bin/fdstat.wasm" < /dev/null 2>&1 >> "$tmp/out" | cat > "$tmp/report"
  status "fdstat" "${PIPESTATUS[0]}" 0
  printf '%s\n' "fd 1: filetype 4, read 0, write 1, seek 1, append 1" "fd 0: read errno 0" \
    "fd 0: filetype 2, read 1, write 0, seek 0, append 0" \
    "fd 2: filetype 0, read 0, write 1, seek 0, append 0" \
    "fd 1: filetype 4, read 0, write 1, seek 1, append 1" > "$tmp/want"
  same "fdstat: stdio's type, rights and flags, whichever use comes first" "$tmp/report" "$tmp/want"
  ;;

stdio)
  env -i WASI_TEST_VAR=hello "$bin/stdio.native" > "$tmp/native.out" 2>&1
  "$wasmlab" run --env WASI_TEST_VAR=hello "$bin/stdio.wasm" > "$tmp/wasm.out" 2>&1
  status "stdio" $? 0
  same "stdio: printf, qsort, malloc, time, getenv as native" "$tmp/wasm.out" "$tmp/native.out"
  ;;

argsenv)
  WASI_HOST_SECRET=leak "$wasmlab" run "$bin/argsenv.wasm" one 'two words' '' '--dash' > "$tmp/got" 2>&1
  printf '%s\n' 'argc=5' 'argv[1]=[one]' 'argv[2]=[two words]' 'argv[3]=[]' 'argv[4]=[--dash]' 'envc=0' > "$tmp/want"
  same "argsenv: arguments, and no environment without --env" "$tmp/got" "$tmp/want"
  WASI_HOST_SECRET=leak "$wasmlab" run --env A=1 --env 'B=x=y z' "$bin/argsenv.wasm" > "$tmp/got" 2>&1
  printf '%s\n' 'argc=1' 'env[0]=[A=1]' 'env[1]=[B=x=y z]' 'envc=2' > "$tmp/want"
  same "argsenv: exactly the --env variables" "$tmp/got" "$tmp/want"
  WASI_INHERITED=yes "$wasmlab" run --inherit-env "$bin/argsenv.wasm" > "$tmp/got" 2>&1
  if grep -qx 'env\[[0-9]*\]=\[WASI_INHERITED=yes\]' "$tmp/got"; then pass "argsenv: --inherit-env"; else fail "argsenv: --inherit-env"; fi
  WASI_INHERITED=yes "$wasmlab" run --inherit-env --env WASI_INHERITED=over "$bin/argsenv.wasm" > "$tmp/got" 2>&1
  if [ "$(grep -c 'WASI_INHERITED=' "$tmp/got")" = 1 ] && grep -q 'WASI_INHERITED=over' "$tmp/got"; then
    pass "argsenv: --env overrides an inherited variable"
  else
    fail "argsenv: --env overrides an inherited variable"
  fi
  "$wasmlab" run --env =x "$bin/argsenv.wasm" > /dev/null 2>&1
  status "argsenv: --env without a name is a usage error" $? 2
  "$wasmlab" run --dir "$tmp/missing" "$bin/argsenv.wasm" > /dev/null 2>&1
  status "argsenv: --dir of a missing directory is a usage error" $? 2
  ;;

clocks)
  printf abcdef > "$tmp/stdin"
  "$wasmlab" run "$bin/clocks.wasm" < "$tmp/stdin" > "$tmp/got" 2>&1
  status "clocks" $? 0
  same "clocks: clocks, random, poll_oneoff" "$tmp/got" "$src/clocks.expected"
  ;;

escape)
  for walk in 0 1; do
    e=$tmp/e$walk
    # the sandbox /sb, a read-only /ro, and things outside that must stay as they are
    mkdir -p "$e/outside" "$e/sb/sub" "$e/ro/dir"
    echo victim > "$e/outside/victim.txt"
    echo inside > "$e/sb/inside.txt"
    echo readonly > "$e/ro/file.txt"
    ln -s /etc "$e/sb/abs"
    ln -s "$e/outside" "$e/sb/abs2"
    ln -s ../outside "$e/sb/up"
    ln -s c2 "$e/sb/c1"
    ln -s c3 "$e/sb/c2"
    ln -s ../outside "$e/sb/c3"
    ln -s ../../outside "$e/sb/sub/deep"
    ln -s loop "$e/sb/loop"
    tree "$e" ./sb > "$tmp/before"
    WLAB_WASI_NO_OPENAT2=$walk "$wasmlab" run --dir "$e/sb::/sb" --dir "$e/ro::/ro:ro" "$bin/escape.wasm" > "$tmp/got" 2>&1
    status "escape (walk=$walk)" $? 0
    same "escape: every attempt fails with an errno, seen from the guest (walk=$walk)" "$tmp/got" "$src/escape.expected"
    tree "$e" ./sb > "$tmp/after"
    same "escape: nothing outside /sb changed, /ro unchanged, seen from the host (walk=$walk)" "$tmp/after" "$tmp/before"
    tree "$e/sb" > "$tmp/sb"
    printf '%s\n' "./abs -> /etc" "./abs2 -> $e/outside" "./c1 -> c2" "./c2 -> c3" "./c3 -> ../outside" \
      "./dang -> ../outside/created2.txt" "./inside.txt $(echo inside | md5sum | cut -c1-32)" "./loop -> loop" \
      "./mine -> ../outside" "./self -> self" "./sub/" "./sub/deep -> ../../outside" "./sub/in -> ../inside.txt" \
      "./up -> ../outside" "./written.txt $(echo 'written by the guest' | md5sum | cut -c1-32)" > "$tmp/sb.want"
    same "escape: /sb holds exactly what the guest made there (walk=$walk)" "$tmp/sb" "$tmp/sb.want"

    # races: `swap` (a directory of /sb) and `out` (a symlink to the outside) trade places
    # while the guest opens swap/secret.txt; it may read the inside file or be refused, never
    # read the outside one
    mkdir "$e/sb/swap"
    echo inside > "$e/sb/swap/secret.txt"
    echo outside > "$e/outside/secret.txt"
    ln -s ../outside "$e/sb/out"
    "$bin/swap" "$e/sb/swap" "$e/sb/out" 5 &
    swapper=$!
    WLAB_WASI_NO_OPENAT2=$walk "$wasmlab" run --dir "$e/sb::/sb" --dir "$e/ro::/ro:ro" "$bin/escape.wasm" race 3000 > "$tmp/got" 2>&1
    st=$?
    kill $swapper 2>/dev/null
    wait $swapper 2>/dev/null
    if [ $st -eq 0 ]; then pass "escape: racing renames never lead outside (walk=$walk): $(cat "$tmp/got")"
    else fail "escape: racing renames (walk=$walk): $(cat "$tmp/got")"; fi
  done
  ;;

hostile)
  mkdir -p "$tmp/sb/dir"
  while read -r name want; do
    got=$("$wasmlab" run --dir "$tmp/sb::/sb" --invoke "$name" "$bin/hostile.wasm" 2>"$tmp/err" < /dev/null)
    st=$?
    if [ $st -eq 0 ] && [ "$got" = "$want" ]; then pass "hostile: $name -> $want"
    else fail "hostile: $name: got '$got' (exit $st), expected $want"; cat "$tmp/err"; fi
  done < "$src/hostile.expected"
  for name in write_no_memory args_no_memory; do
    got=$("$wasmlab" run --invoke "$name" "$bin/nomem.wasm" 2>&1)
    if [ "$got" = 21 ]; then pass "hostile: $name -> 21"; else fail "hostile: $name: got '$got', expected 21"; fi
  done
  ;;

exit)
  "$wasmlab" run "$bin/exit.wasm" exit 7 > "$tmp/got" 2>&1
  status "exit: exit(7)" $? 7
  [ "$(cat "$tmp/got")" = "exiting with 7" ] && pass "exit: stdout flushed at exit" || fail "exit: stdout flushed at exit"
  "$wasmlab" run "$bin/exit.wasm" exit 300 > /dev/null 2>&1
  status "exit: exit(300) is 300 & 0xff, as natively" $? 44
  "$wasmlab" run "$bin/exit.wasm" return 5 > /dev/null 2>&1
  status "exit: return 5 from main" $? 5
  "$wasmlab" run "$bin/exit.wasm" return 0 > /dev/null 2>&1
  status "exit: return 0 from main" $? 0
  "$wasmlab" run "$bin/exit.wasm" > /dev/null 2>&1
  status "exit: usage" $? 2
  for how in trap abort; do
    "$wasmlab" run "$bin/exit.wasm" $how > "$tmp/out" 2> "$tmp/err"
    status "exit: $how" $? 3
    grep -q trap "$tmp/err" && pass "exit: $how says so on stderr" || fail "exit: $how says so on stderr: '$(cat "$tmp/err")'"
  done
  [ "$(cat "$tmp/out")" = "" ] || fail "exit: abort printed to stdout"
  "$wasmlab" run "$bin/exit.wasm" trap > "$tmp/out" 2>/dev/null
  [ "$(cat "$tmp/out")" = "before the trap" ] && pass "exit: output before a trap is kept" || fail "exit: output before a trap is kept"
  "$bin/exit.native" order > "$tmp/native" 2>&1
  "$wasmlab" run "$bin/exit.wasm" order > "$tmp/got" 2>&1
  same "exit: stdout and stderr interleave as natively" "$tmp/got" "$tmp/native"
  ;;

sock)
  "$bin/sock_host" "$bin/sock_guest.wasm" < /dev/null > "$tmp/got" 2>&1
  status "sock" $? 0
  printf '%s\n' 'host: listening socket is guest fd 3' 'listener: type socket_stream, accept right 1' 'accept: 0' \
    'accept bad flags: 28' 'recv: 0 [ping] flags 0' 'send: 0 4 bytes' 'send bad flags: 28' 'shutdown bad how: 28' \
    'shutdown wr: 0' 'send after shutdown: 64' 'recv on stdin (not a socket): 57' 'accept on a connection: 76' \
    'recv iovecs out of bounds: 21' 'seek on a connection: 70' 'pread on a connection: 70' 'sync on a connection: 28' \
    'readdir on a connection: 54' 'path_open on the listener: 54' 'shutdown on stdin (not a socket), bad how: 57' \
    'accept on stdin (not a socket): 57' 'host: got [pong], then end of stream' > "$tmp/want"
  same "sock: accept, recv, send, shutdown" "$tmp/got" "$tmp/want"
  ;;

paths)
  # paths.c natively and in wasmlab, each in an empty directory: every path operation on every
  # kind of name, with and without a trailing slash, must give paths.expected (Linux's answers).
  # About 1,250 directories are made and removed: on a tmpfs where there is one, as a disk's
  # metadata writes take ten times longer
  shm=$(mktemp -d -p /dev/shm 2>/dev/null) || shm=$tmp/work
  mkdir -p "$shm/native"
  (cd "$shm/native" && "$bin/paths.native") > "$tmp/native.out" 2>&1
  same "paths: Linux answers as paths.expected" "$tmp/native.out" "$src/paths.expected"
  for walk in 0 1; do
    mkdir "$shm/w$walk"
    WLAB_WASI_NO_OPENAT2=$walk "$wasmlab" run --dir "$shm/w$walk::." "$bin/paths.wasm" > "$tmp/w$walk.out" 2>&1
    status "paths (walk=$walk)" $? 0
    same "paths: wasmlab answers as paths.expected (walk=$walk)" "$tmp/w$walk.out" "$src/paths.expected"
    if [ -z "$(ls -A "$shm/w$walk")" ]; then pass "paths: every case cleaned up (walk=$walk)"
    else fail "paths: every case cleaned up (walk=$walk): $(ls -A "$shm/w$walk" | head -3)"; fi
  done
  ;;

errors)
  # errors.c: every fd_*, sock_* and a path_* call on each kind of descriptor (stdin and stdout
  # are pipes here); which error wins must be as errors.expected
  mkdir "$tmp/sb" "$tmp/other"
  printf abc | "$wasmlab" run --dir "$tmp/sb::/sb" --dir "$tmp/other::/other" "$bin/errors.wasm" 2>&1 | cat > "$tmp/got"
  status "errors" "${PIPESTATUS[1]}" 0
  same "errors: which error wins on each kind of descriptor" "$tmp/got" "$src/errors.expected"
  ;;

*)
  echo "run.sh: unknown mode '$mode'" >&2
  exit 2
  ;;
esac
exit $failed
