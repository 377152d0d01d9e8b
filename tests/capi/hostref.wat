;; hostref.wat: externrefs through a global, a table and a host function, each with a wasm getter and setter.
(module
  (import "env" "echo" (func $echo (param externref) (result externref)))
  (global $g (export "global") (mut externref) (ref.null extern))
  (table $t (export "table") 4 externref)
  (func (export "global.set") (param externref) (global.set $g (local.get 0)))
  (func (export "global.get") (result externref) (global.get $g))
  (func (export "table.set") (param i32 externref) (table.set $t (local.get 0) (local.get 1)))
  (func (export "table.get") (param i32) (result externref) (table.get $t (local.get 0)))
  (func (export "echo") (param externref) (result externref) (call $echo (local.get 0)))
  (func (export "is_null") (param externref) (result i32) (ref.is_null (local.get 0))))
