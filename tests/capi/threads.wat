;; threads.wat: tells the host the id it was instantiated with, and sums 1..n.
(module
  (import "env" "hello" (func $hello (param i32)))
  (import "env" "id" (global $id i32))
  (func (export "run") (call $hello (global.get $id)))
  (func (export "sum") (param $n i32) (result i64)
    (local $acc i64)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (local.get $n))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $acc)))
