;; wasi_mistyped.wat: imports preview1's fd_write with another type (tests/capi/wasi refuses it).
(module (import "wasi_snapshot_preview1" "fd_write" (func (param i32) (result i32))))
