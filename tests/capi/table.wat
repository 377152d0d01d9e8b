;; table.wat: a funcref table of two (at most ten) with $plus7 at 1, call_indirect through it, and table.size/grow.
(module
  (type $un (func (param i32) (result i32)))
  (table $t (export "table") 2 10 funcref)
  (elem (i32.const 1) $plus7)
  (func $plus7 (export "plus7") (type $un) (i32.add (local.get 0) (i32.const 7)))
  (func $wrong (export "wrong") (param i64) (result i64) (local.get 0))
  (func (export "call_indirect") (param $i i32) (param $x i32) (result i32)
    (call_indirect $t (type $un) (local.get $x) (local.get $i)))
  (func (export "size") (result i32) (table.size $t))
  (func (export "grow") (param i32) (result i32) (table.grow $t (ref.null func) (local.get 0))))
