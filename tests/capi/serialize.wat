;; serialize.wat: an iterative factorial that reports each step to the host, and a data segment.
(module
  (import "env" "step" (func $step (param i64)))
  (memory (export "memory") 1)
  (data (i32.const 16) "serialized")
  (func (export "fac") (param $n i64) (result i64)
    (local $acc i64)
    (local.set $acc (i64.const 1))
    (block $done
      (loop $next
        (br_if $done (i64.le_u (local.get $n) (i64.const 1)))
        (call $step (local.get $n))
        (local.set $acc (i64.mul (local.get $acc) (local.get $n)))
        (local.set $n (i64.sub (local.get $n) (i64.const 1)))
        (br $next)))
    (local.get $acc)))
