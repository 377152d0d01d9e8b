;; start.wat: a start function that sets a global, tells the host, and traps when the host's "fail" is not zero.
(module
  (import "env" "started" (func $started (param i32)))
  (import "env" "fail" (global $fail i32))
  (global $state (export "state") (mut i32) (i32.const 0))
  (func $start
    (global.set $state (i32.const 42))
    (call $started (global.get $state))
    (if (global.get $fail) (then (unreachable))))
  (start $start))
