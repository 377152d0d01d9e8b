;; ladder.wat: a function whose hot loop is not the one it got hot in (tests/tiering/ladder.sh).
;; At --tier-up-after 5 the count runs out in the short first loop; the compile on the compiler
;; thread finishes after that loop is done, so the activation moves at the second loop, whose OSR
;; entry is compiled only when the interpreter asks for it.
(module
  (func (export "two_loops") (param $n i32) (result i64)
    (local $i i32) (local $a i64)
    (loop $short
      (local.set $a (i64.add (local.get $a) (i64.extend_i32_u (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $short (i32.lt_u (local.get $i) (i32.const 10))))
    (i64.const 7)                                 ;; under the second loop
    (loop $long
      (local.set $a (i64.add (i64.mul (local.get $a) (i64.const 31)) (i64.extend_i32_u (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $long (i32.lt_u (local.get $i) (local.get $n))))
    (i64.add (local.get $a))))
