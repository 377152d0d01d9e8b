;; finalize.wat: a module instantiated many times: one imported host function, re-exported and called.
(module
  (import "env" "tick" (func $tick (result i32)))
  (func (export "f") (result i32) (call $tick))
  (func (export "g"))
  (export "tick" (func $tick)))
