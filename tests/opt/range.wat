;; range.wat: induction-variable bounds (opt/range.c) as addrfold and bce use them: `x + C` joins
;; the access's offset when x's bound proves the add cannot wrap, and an access bounded below the
;; memory's minimum size needs no explicit check; every loop shape whose bound is not proven
;; (an index near 2^32, a step that passes its != bound, a signed test of a negative start,
;; an unsigned test of a value stepping down past zero) keeps its add.
(module
  (memory 1)

  ;; up by 8 from 0 until the next value is 3072 (a do-while, as clang emits it): i <= 3064,
  ;; so i + 16 cannot wrap and folds; no access dominates it, so only the bound proves it
  (func $up_ne (export "up_ne") (result f64)
    (local $i i32) (local $s f64)
    (loop $l
      (local.set $s (f64.add (local.get $s) (f64.load (i32.add (local.get $i) (i32.const 16)))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 8))) (i32.const 3072))))
    (local.get $s))
  ;; RUN: --func up_ne
  ;; CHECK: f64.load v2 offset=16
  ;; RUN: --func up_ne --opt-disable=addrfold
  ;; CHECK: i32.add v2, v
  ;; CHECK: f64.load v4 offset=0

  ;; the same shape near 2^32: i runs 0xFFFFFFF0 only (the next value is the bound), so i + 8
  ;; folds (0xFFFFFFF8) but i + 16 wraps to 0, an address in bounds that the folded access
  ;; would read past 4 GiB: it stays an add (the function returns the word at 0, no trap)
  (func $near_top (export "near_top") (result i32)
    (local $i i32)
    (local.set $i (i32.const 0xFFFFFFF0))
    (loop $l
      (drop (i32.load (i32.add (local.get $i) (i32.const 16))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 8))) (i32.const 0xFFFFFFF8))))
    (i32.load (i32.add (local.get $i) (i32.const 16))))
  ;; RUN: --func near_top
  ;; CHECK-NOT: offset=16
  ;; CHECK: i32.load v
  ;; CHECK: offset=0

  ;; down by 8 from 24 while the next value is not 0: i is 24, 16, 8; i + 16 folds
  (func $down_ne (export "down_ne") (result i32)
    (local $i i32) (local $s i32)
    (local.set $i (i32.const 24))
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load (i32.add (local.get $i) (i32.const 16)))))
      (br_if $l (i32.ne (local.tee $i (i32.sub (local.get $i) (i32.const 8))) (i32.const 0))))
    (local.get $s))
  ;; RUN: --func down_ne
  ;; CHECK: i32.load v4 offset=16

  ;; down by 8 from 20 while the next value is not 0: it steps over 0 (20, 12, 4, then
  ;; 0xFFFFFFFC ...): nothing proven, i + 16 stays an add
  (func $down_skips (export "down_skips") (result i32)
    (local $i i32) (local $s i32)
    (local.set $i (i32.const 20))
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load (i32.add (local.get $i) (i32.const 16)))))
      (br_if $l (i32.ne (local.tee $i (i32.sub (local.get $i) (i32.const 8))) (i32.const 0))))
    (local.get $s))
  ;; RUN: --func down_skips
  ;; CHECK-NOT: offset=16

  ;; a signed test (i <s 64) of a start below zero (-16): unsigned, i is near 2^32 on the first
  ;; iterations, so i + 32 may wrap: kept.  From 0 the same test bounds i by 63 and folds.
  (func $signed_neg (export "signed_neg") (result i32)
    (local $i i32) (local $s i32)
    (local.set $i (i32.const -16))
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load (i32.add (local.get $i) (i32.const 32)))))
      (br_if $l (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 8))) (i32.const 64))))
    (local.get $s))
  ;; RUN: --func signed_neg
  ;; CHECK-NOT: offset=32
  (func $signed_pos (export "signed_pos") (result i32)
    (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load (i32.add (local.get $i) (i32.const 32)))))
      (br_if $l (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 8))) (i32.const 64))))
    (local.get $s))
  ;; RUN: --func signed_pos
  ;; CHECK: i32.load v2 offset=32

  ;; an unsigned test of a value stepping down: from 13 by 8 while the next value >u 3, i goes
  ;; 13, 5, then 5 - 8 wraps to 0xFFFFFFFD, which passes: kept
  (func $unsigned_down (export "unsigned_down") (result i32)
    (local $i i32) (local $s i32)
    (local.set $i (i32.const 13))
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load8_u (i32.add (local.get $i) (i32.const 4)))))
      (br_if $l (i32.gt_u (local.tee $i (i32.add (local.get $i) (i32.const -8))) (i32.const 3))))
    (local.get $s))
  ;; RUN: --func unsigned_down
  ;; CHECK-NOT: offset=4

  ;; a loop tested at its top on the counter itself (i <u 4000, stepping by 4): i <= 4003; a
  ;; store at i + 1024 ends by 5031, below the minimum size: no explicit check
  (func $top_tested (export "top_tested") (param $v i32)
    (local $i i32)
    (block $out
      (loop $l
        (br_if $out (i32.ge_u (local.get $i) (i32.const 4000)))
        (i32.store (i32.add (local.get $i) (i32.const 1024)) (local.get $v))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $l))))
  ;; RUN: --func top_tested --after bce --bounds-checks=explicit
  ;; CHECK: i32.store v8, v1 offset=0 checked
  ;; RUN: --func top_tested --bounds-checks=explicit
  ;; CHECK: offset=1024 checked

  ;; the same loop to 65536: its last store would reach past the minimum size; checked each time
  (func $top_tested_far (export "top_tested_far") (param $v i32)
    (local $i i32)
    (block $out
      (loop $l
        (br_if $out (i32.ge_u (local.get $i) (i32.const 65536)))
        (i32.store (i32.add (local.get $i) (i32.const 1024)) (local.get $v))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $l))))
  ;; RUN: --func top_tested_far --bounds-checks=explicit
  ;; CHECK-NOT: checked
)
