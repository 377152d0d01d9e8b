;; wasi_unknown.wat: imports a function wasi_snapshot_preview1 does not have (tests/capi/wasi refuses it).
(module (import "wasi_snapshot_preview1" "no_such_function" (func (param i32) (result i32))))
