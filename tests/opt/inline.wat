;; inline.wat: inlining (opt/inline.c): small direct callees are spliced in with their own byte
;; offsets ("in fN"), their results through the continuation's parameters; a recursive
;; function into itself once, never a recursive callee otherwise (directly or through a chain),
;; a tail-calling one, an import, one over 30 IR ops, or past the caller's budget.
(module
  (import "env" "ext" (func $ext (param i32) (result i32)))
  (memory 1)
  (func $sq (export "sq") (param $x i32) (result i32) (i32.mul (local.get $x) (local.get $x)))
  (func $divide (export "divide") (param $x i32) (result i32) (i32.div_u (i32.const 10) (local.get $x)))
  (func $pair (export "pair") (param $x i32) (result i32 i32)
    (i32.add (local.get $x) (i32.const 1)) (i32.load (local.get $x)))
  (func $fact (export "fact") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n)) (then (i32.const 1))
      (else (i32.mul (local.get $n) (call $fact (i32.sub (local.get $n) (i32.const 1)))))))
  (func $even (export "even") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n)) (then (i32.const 1))
      (else (call $odd (i32.sub (local.get $n) (i32.const 1))))))
  (func $odd (export "odd") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n)) (then (i32.const 0))
      (else (call $even (i32.sub (local.get $n) (i32.const 1))))))
  (func $tail (export "tail") (param $n i32) (result i32) (return_call $sq (local.get $n)))
  (func $sumto (export "sumto") (param $n i32) (result i32) (local $s i32)
    (loop $l (local.set $s (i32.add (local.get $s) (local.get $n)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s))
  (func $big (export "big") (param $x i32) (result i32)
    (local.set $x (i32.add (local.get $x) (i32.const 1))) (local.set $x (i32.mul (local.get $x) (i32.const 3)))
    (local.set $x (i32.add (local.get $x) (i32.const 1))) (local.set $x (i32.mul (local.get $x) (i32.const 3)))
    (local.set $x (i32.add (local.get $x) (i32.const 1))) (local.set $x (i32.mul (local.get $x) (i32.const 3)))
    (local.set $x (i32.add (local.get $x) (i32.const 1))) (local.set $x (i32.mul (local.get $x) (i32.const 3)))
    (local.set $x (i32.add (local.get $x) (i32.const 1))) (local.set $x (i32.mul (local.get $x) (i32.const 3)))
    (local.set $x (i32.add (local.get $x) (i32.const 1))) (local.set $x (i32.mul (local.get $x) (i32.const 3)))
    (local.set $x (i32.add (local.get $x) (i32.const 1))) (local.set $x (i32.mul (local.get $x) (i32.const 3)))
    (local.set $x (i32.add (local.get $x) (i32.const 1))) (local.set $x (i32.mul (local.get $x) (i32.const 3)))
    (local.set $x (i32.add (local.get $x) (i32.const 1))) (local.set $x (i32.mul (local.get $x) (i32.const 3)))
    (local.set $x (i32.add (local.get $x) (i32.const 1))) (local.set $x (i32.mul (local.get $x) (i32.const 3)))
    (local.set $x (i32.add (local.get $x) (i32.const 1))) (local.set $x (i32.mul (local.get $x) (i32.const 3)))
    (local.set $x (i32.add (local.get $x) (i32.const 1))) (local.set $x (i32.mul (local.get $x) (i32.const 3)))
    (local.set $x (i32.add (local.get $x) (i32.const 1))) (local.set $x (i32.mul (local.get $x) (i32.const 3)))
    (local.set $x (i32.add (local.get $x) (i32.const 1))) (local.set $x (i32.mul (local.get $x) (i32.const 3)))
    (local.set $x (i32.add (local.get $x) (i32.const 1))) (local.set $x (i32.mul (local.get $x) (i32.const 3)))
    (local.get $x))
  (func $mid (export "mid") (param $x i32) (result i32)
    (local.set $x (i32.add (local.get $x) (i32.const 1))) (local.set $x (i32.mul (local.get $x) (i32.const 3)))
    (local.set $x (i32.add (local.get $x) (i32.const 1))) (local.set $x (i32.mul (local.get $x) (i32.const 3)))
    (local.set $x (i32.add (local.get $x) (i32.const 1))) (local.set $x (i32.mul (local.get $x) (i32.const 3)))
    (local.set $x (i32.add (local.get $x) (i32.const 1))) (local.set $x (i32.mul (local.get $x) (i32.const 3)))
    (local.set $x (i32.add (local.get $x) (i32.const 1))) (local.set $x (i32.mul (local.get $x) (i32.const 3)))
    (local.set $x (i32.add (local.get $x) (i32.const 1))) (local.set $x (i32.mul (local.get $x) (i32.const 3)))
    (local.set $x (i32.add (local.get $x) (i32.const 1))) (local.set $x (i32.mul (local.get $x) (i32.const 3)))
    (local.get $x))

  ;; a small callee is inlined: no call is left, its instructions name it and their offsets
  (func $use_sq (export "use_sq") (param $a i32) (result i32)
    (i32.add (call $sq (local.get $a)) (i32.const 5)))
  ;; RUN: --func use_sq --after inline
  ;; CHECK-NOT: call
  ;; CHECK: i32.mul v1, v1    ; @0xeb in f1
  ;; CHECK: i32.add

  ;; a division inlined keeps the callee's byte offset, so its trap names the callee
  (func $use_divide (export "use_divide") (param $a i32) (result i32)
    (call $divide (local.get $a)))
  ;; RUN: --func use_divide --after inline
  ;; CHECK: = i32.div_u v6, v1    ; @0xf3 in f2
  ;; CHECK-NOT: call

  ;; several results: the call's value and its projections are the continuation's parameters
  (func $use_pair (export "use_pair") (param $a i32) (result i32)
    (i32.sub (call $pair (local.get $a))))
  ;; RUN: --func use_pair --after inline
  ;; CHECK: i32.load v1 offset=0
  ;; CHECK: i32.sub
  ;; CHECK-NOT: result
  ;; CHECK-COUNT-0: call

  ;; a recursive function takes in one copy of itself; the copy's call to it stays a call
  ;; RUN: --func fact --after inline
  ;; CHECK-COUNT-2: i32.eqz
  ;; CHECK: call f4 <fact>
  ;; CHECK-COUNT-1: call

  ;; mutual recursion: even takes odd in once; odd's call back to even stays a call
  ;; RUN: --func even --after inline
  ;; CHECK: call f5 <even>
  ;; CHECK-COUNT-1: call
  ;; CHECK-COUNT-0: <odd>

  ;; a caller of a recursive function inlines it once (the call inside stays)
  (func $use_fact (export "use_fact") (param $a i32) (result i32)
    (call $fact (local.get $a)))
  ;; RUN: --func use_fact --after inline
  ;; CHECK: i32.eqz v1
  ;; CHECK: call f4 <fact>
  ;; CHECK-COUNT-1: call

  ;; no tail-calling callee, no import, no callee over 30 IR ops
  (func $use_others (export "use_others") (param $a i32) (result i32)
    (i32.add (i32.add (call $tail (local.get $a)) (call $ext (local.get $a))) (call $big (local.get $a))))
  ;; RUN: --func use_others --after inline
  ;; CHECK: call f7 <tail>
  ;; CHECK: call f0
  ;; CHECK: call f9 <big>

  ;; an inlined loop: a loop header by the CFG, with no IR loop number (those are the callee's)
  (func $use_sumto (export "use_sumto") (param $a i32) (result i32)
    (call $sumto (local.get $a)))
  ;; RUN: --func use_sumto --after inline
  ;; CHECK: loop header, depth 1
  ;; CHECK-COUNT-0: IR loop
  ;; CHECK-COUNT-0: call

  ;; the budget: 200 IR ops for a small caller, so 13 of 20 calls to a 15-op callee go in
  (func $use_mid (export "use_mid") (param $a i32) (result i32)
    (local.set $a (call $mid (local.get $a))) (local.set $a (call $mid (local.get $a)))
    (local.set $a (call $mid (local.get $a))) (local.set $a (call $mid (local.get $a)))
    (local.set $a (call $mid (local.get $a))) (local.set $a (call $mid (local.get $a)))
    (local.set $a (call $mid (local.get $a))) (local.set $a (call $mid (local.get $a)))
    (local.set $a (call $mid (local.get $a))) (local.set $a (call $mid (local.get $a)))
    (local.set $a (call $mid (local.get $a))) (local.set $a (call $mid (local.get $a)))
    (local.set $a (call $mid (local.get $a))) (local.set $a (call $mid (local.get $a)))
    (local.set $a (call $mid (local.get $a))) (local.set $a (call $mid (local.get $a)))
    (local.set $a (call $mid (local.get $a))) (local.set $a (call $mid (local.get $a)))
    (local.set $a (call $mid (local.get $a))) (local.set $a (call $mid (local.get $a)))
    (local.get $a))
  ;; RUN: --func use_mid --after inline
  ;; CHECK-COUNT-7: call f10 <mid>

  ;; calls in loops go first: the budget is spent on the call in the loop
  (func $loop_first (export "loop_first") (param $a i32) (result i32)
    (local.set $a (call $mid (local.get $a))) (local.set $a (call $mid (local.get $a)))
    (local.set $a (call $mid (local.get $a))) (local.set $a (call $mid (local.get $a)))
    (local.set $a (call $mid (local.get $a))) (local.set $a (call $mid (local.get $a)))
    (local.set $a (call $mid (local.get $a))) (local.set $a (call $mid (local.get $a)))
    (local.set $a (call $mid (local.get $a))) (local.set $a (call $mid (local.get $a)))
    (local.set $a (call $mid (local.get $a))) (local.set $a (call $mid (local.get $a)))
    (local.set $a (call $mid (local.get $a))) (local.set $a (call $mid (local.get $a)))
    (loop $l
      (local.set $a (call $mid (local.get $a)))
      (br_if $l (i32.and (local.get $a) (i32.const 7))))
    (local.get $a))
  ;; RUN: --func loop_first --after inline
  ;; CHECK-COUNT-2: call f10 <mid>
  ;; CHECK: loop header
  ;; CHECK-NOT: call
  ;; CHECK: return
)
