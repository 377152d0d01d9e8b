;; multi.wat: multiple values both ways: a host function that reverses four values, and wasm functions with several results.
(module
  (import "env" "reverse" (func $reverse (param i32 i64 f32 f64) (result f64 f32 i64 i32)))
  (func (export "roundtrip") (param i32 i64 f32 f64) (result f64 f32 i64 i32)
    (call $reverse (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
  ;; quotient and remainder
  (func (export "divmod") (param i32 i32) (result i32 i32)
    (i32.div_u (local.get 0) (local.get 1))
    (i32.rem_u (local.get 0) (local.get 1)))
  ;; swap through a block with two results
  (func (export "swap") (param i64 i64) (result i64 i64)
    (block (result i64 i64) (local.get 1) (local.get 0))))
