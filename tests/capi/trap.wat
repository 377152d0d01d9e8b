;; trap.wat: a host function that traps, called from wasm; unreachable two calls deep; a division by zero.
(module
  (import "env" "fail" (func $fail))
  (func $inner (param i32) (result i32)
    (if (local.get 0) (then (unreachable)))
    (i32.const 1))
  (func (export "deep") (result i32)
    (call $inner (i32.const 1)))
  (func (export "host") (call $fail))
  (func (export "div") (param i32) (result i32)
    (i32.div_u (i32.const 1) (local.get 0))))
