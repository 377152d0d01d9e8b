;; unroll.wat: loop unrolling of rotating loops (opt/unroll.c): a loop that shifts values along its
;; parameters is copied until every parameter is passed a value computed in the body, each copy
;; keeping its exit test; loops that rotate nothing stay as they are.
(module
  ;; four values shifted one place an iteration, a fresh one at the front (sha256's a, b, c, d):
  ;; b1's back edge passed a fresh value (v12) and three parameters on (a, b, c: v8, v13, v14), so the
  ;; loop becomes 4 copies with one loop header and 4 exit tests; each copy reads the values the one
  ;; before computed, the back edge passes values of the last copies, and the exit block b3 gets a
  ;; parameter for each value used after the loop, passed by each copy's exit
  (func $rot4 (export "rot4") (param $n i32) (param $a i32) (result i32)
    (local $b i32) (local $c i32) (local $d i32) (local $t i32) (local $i i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $t (i32.add (i32.rotl (local.get $a) (i32.const 5)) (local.get $d)))
        (local.set $d (local.get $c))
        (local.set $c (local.get $b))
        (local.set $b (local.get $a))
        (local.set $a (local.get $t))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (i32.add (i32.add (local.get $a) (local.get $b)) (i32.add (local.get $c) (local.get $d))))
  ;; RUN: --func rot4 --after addrfold
  ;; CHECK: b1(v4:i32, v8:i32, v11:i32, v13:i32, v14:i32):    ; preds b0 b2, idom b0, loop header
  ;; CHECK: br b1(v16, v12, v13, v14, v8)
  ;; CHECK-COUNT-1: i32.rotl
  ;; RUN: --func rot4 --after unroll
  ;; CHECK-COUNT-1: loop header
  ;; CHECK-COUNT-4: i32.rotl
  ;; CHECK-COUNT-4: i32.ge_u
  ;; CHECK: b1(v4:i32, v8:i32, v11:i32, v13:i32, v14:i32):    ; preds b0 b9, idom b0, loop header
  ;; CHECK: br_if v6, b3(v8, v14, v13, v11), b2
  ;; CHECK: v12:i32 = i32.add v10, v11
  ;; CHECK: br_if v23, b3(v12, v8, v14, v13), b5
  ;; CHECK: v26:i32 = i32.add v25, v13
  ;; CHECK: br_if v29, b3(v26, v12, v8, v14), b7
  ;; CHECK: v32:i32 = i32.add v31, v14
  ;; CHECK: br_if v35, b3(v32, v26, v12, v8), b9
  ;; CHECK: v38:i32 = i32.add v37, v8
  ;; CHECK: br b1(v39, v38, v12, v26, v32)
  ;; CHECK: b3(v41:i32, v42:i32, v43:i32, v44:i32):    ; preds b1 b4 b6 b8
  ;; CHECK: v19:i32 = i32.add v41, v42
  ;; RUN: --func rot4 --opt-disable=unroll
  ;; CHECK-COUNT-1: i32.rotl

  ;; a loop that passes each parameter a value of its own (a sum and a counter): left alone
  (func $sum (export "sum") (param $n i32) (result i32)
    (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.mul (local.get $n) (local.get $n))))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s))
  ;; RUN: --func sum --after unroll
  ;; CHECK-COUNT-1: loop header
  ;; CHECK-COUNT-1: i32.mul
  ;; CHECK-COUNT-1: br_if
;; a swap (a cycle of two) beside a chain of three: after three iterations the swap's values are
  ;; swapped still, so unrolling would leave its moves: left alone
  (func $mixed (export "mixed") (param $n i32) (param $x i32) (param $y i32) (result i32)
    (local $a i32) (local $b i32) (local $c i32) (local $t i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $c) (local.get $x)))
      (local.set $t (local.get $x))
      (local.set $x (local.get $y))
      (local.set $y (local.get $t))
      (local.set $c (local.get $b))
      (local.set $b (local.get $a))
      (local.set $a (local.get $s))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (i32.add (i32.add (local.get $a) (local.get $b)) (i32.add (local.get $c) (local.get $y))))
  ;; RUN: --func mixed --after unroll
  ;; CHECK-COUNT-1: loop header
  ;; CHECK-COUNT-1: br_if
)
