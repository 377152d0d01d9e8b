;; flagkeep.wat: a compare whose branch comes after adds of constants (fannkuch's flip loop: `i < j`,
;; then `i + 1`, `j - 1`, then the branch): the compare's flags go to the branch, each add a lea
;; (which leaves the flags), no setcc, movzx and test.
(module
  (memory 1)
  (func $flip (export "flip") (param $i i32) (param $j i32) (param $p i32) (result i32)
    (local $c i32)
    (loop $l
      (i32.store (local.get $p) (i32.add (i32.load (local.get $p)) (local.get $j)))
      (local.set $c (i32.lt_s (local.get $i) (local.get $j)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $j (i32.sub (local.get $j) (i32.const 1)))
      (br_if $l (local.get $c)))
    (i32.add (local.get $i) (i32.load (local.get $p))))
  ;; RUN: --asm --tier opt --func flip
  ;; CHECK: loop header
  ;; CHECK: i32.lt_s
  ;; CHECK-NOT: set
  ;; CHECK: cmp
  ;; CHECK-NOT: movzx
  ;; CHECK: lea
  ;; CHECK-NOT: test
  ;; CHECK: jl
  ;; the same with i64: the 64-bit lea
  (func $flip64 (export "flip64") (param $i i64) (param $j i64) (result i64)
    (local $c i32) (local $s i64)
    (loop $l
      (local.set $s (i64.add (local.get $s) (i64.mul (local.get $i) (local.get $j))))
      (local.set $c (i64.lt_u (local.get $i) (local.get $j)))
      (local.set $i (i64.add (local.get $i) (i64.const 3)))
      (br_if $l (local.get $c)))
    (i64.add (local.get $s) (local.get $i)))
  ;; RUN: --asm --tier opt --func flip64
  ;; CHECK: loop header
  ;; CHECK: i64.lt_u
  ;; CHECK-NOT: set
  ;; CHECK: cmp r
  ;; CHECK: lea r
  ;; CHECK-NOT: test
  ;; CHECK: jb
)
