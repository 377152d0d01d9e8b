;; build.wat: SSA construction (opt/build.c): block parameters where definitions meet, none where
;; they do not, constants interned in the entry block, one edge per distinct br_table target.
(module
  ;; a loop carrying two values: the header gets exactly two parameters
  (func $sum (export "sum") (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s (i32.add (local.get $s) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $s))
  ;; RUN: --func sum --after build
  ;; CHECK: b0(v1:i32):
  ;; CHECK: const 1
  ;; CHECK: const 0
  ;; CHECK: loop header, depth 1, IR loop 0
  ;; CHECK: i32.ge_u
  ;; CHECK: i32.add
  ;; CHECK: i32.add
  ;; CHECK: return
  ;; CHECK-COUNT-1: :i32, v
  ;; CHECK-COUNT-2: const

  ;; a value only read after a diamond that does not change it gets no parameter
  (func $same (export "same") (param $x i32) (param $c i32) (result i32)
    (local $y i32)
    (local.set $y (i32.mul (local.get $x) (i32.const 3)))
    (if (local.get $c) (then (drop (i32.const 1))) (else (drop (i32.const 2))))
    (local.get $y))
  ;; RUN: --func same --after build
  ;; CHECK: i32.mul
  ;; CHECK-NOT: (v
  ;; CHECK: return

  ;; br_table to three targets with many entries: three edges, the runs counted
  (func $table (export "table") (param $k i32) (result i32)
    (block $a (block $b (block $c
      (br_table $a $a $a $b $b $c $a $a (local.get $k)))
      (return (i32.const 30)))
      (return (i32.const 20)))
    (i32.const 10))
  ;; RUN: --func table --after build
  ;; CHECK: br_table v1 [b4 x3, b3 x2, b2, default b4 x2]
)
