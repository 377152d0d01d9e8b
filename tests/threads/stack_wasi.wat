;; stack_wasi.wat: recursion without end from the command line (tests/threads/stack.sh), plain and
;; with a WASI call at every level, so the deepest host call runs right at the stack's limit.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory 1)
  (func $deep (export "deep") (param i32) (result i32)
    local.get 0 i32.const 1 i32.add call $deep)
  ;; fd_write(1, iovs = 0, 0 iovecs, &written = 64): writes nothing, but takes the whole path
  (func $deep_wasi (export "deep_wasi") (param i32) (result i32)
    i32.const 1 i32.const 0 i32.const 0 i32.const 64 call $fd_write drop
    local.get 0 i32.const 1 i32.add call $deep_wasi)
  ;; mutual recursion (with WLAB_BASELINE_REFUSE=odd, $pong, function 4, stays in the interpreter)
  (func $ping (export "ping") (param i32) (result i32)
    local.get 0 i32.const 1 i32.add call $pong)
  (func $pong (param i32) (result i32)
    local.get 0 i32.const 1 i32.add call $ping))
