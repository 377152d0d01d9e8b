;; hello.wat: calls the host's hello with its argument plus one and doubles the answer.
(module
  (import "env" "hello" (func $hello (param i32) (result i32)))
  (func (export "run") (param i32) (result i32)
    (i32.mul (call $hello (i32.add (local.get 0) (i32.const 1))) (i32.const 2))))
