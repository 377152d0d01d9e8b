;; versioning.wat: loop versioning (opt/versioning.c): a constant row offset on an address built from
;; an induction variable and a pointer nothing bounds folds into the access in a copy of the loop
;; that a test before it picks when the pointer keeps every address below 2^32.
(module
  (memory 1)

  ;; bytes at q + 1280, q + 640, then q, q = y + p: the later rows first, so no access proves them
  (func $rows (export "rows") (param $p i32) (result i32)
    (local $y i32) (local $s i32) (local $q i32)
    (loop $l
      (local.set $q (i32.add (local.get $y) (local.get $p)))
      (local.set $s (i32.add (local.get $s)
        (i32.sub (i32.add (i32.load8_u (i32.add (local.get $q) (i32.const 1280)))
                          (i32.load8_u (i32.add (local.get $q) (i32.const 640))))
                 (i32.load8_u (local.get $q)))))
      (br_if $l (i32.ne (local.tee $y (i32.add (local.get $y) (i32.const 1280))) (i32.const 10240))))
    (local.get $s))
  ;; y <= 8960, so p <= 2^32 - 1 - 8960 - 1280 = 4294957055 (printed signed: -10241), one test for
  ;; both offsets; two loops, the sum leaving each through a parameter of the exit block, the
  ;; offsets folded in one of them
  ;; RUN: --func rows --after versioning
  ;; CHECK: const -10241
  ;; CHECK: i32.gt_u v1, v
  ;; CHECK-COUNT-1: i32.gt_u
  ;; CHECK-COUNT-2: loop header
  ;; CHECK-COUNT-1: offset=1280
  ;; CHECK-COUNT-1: offset=640
  ;; CHECK-COUNT-1: return v
  ;; RUN: --func rows --opt-disable=versioning
  ;; CHECK-COUNT-0: i32.gt_u
  ;; CHECK-COUNT-1: loop header
  ;; CHECK-COUNT-0: offset=1280
  ;; CHECK-COUNT-0: offset=640
  ;; explicit bounds: the test is that the last row's byte ends within the memory, p + 8960 + 1280
  ;; + 1 <= its size (read once: it never shrinks), and the folded loop's three accesses need no
  ;; check of their own
  ;; RUN: --func rows --bounds-checks=explicit --after versioning
  ;; CHECK: const 10241
  ;; CHECK: memory.size
  ;; CHECK: i64.gt_u
  ;; CHECK-COUNT-0: i32.gt_u
  ;; CHECK-COUNT-1: offset=1280 checked
  ;; CHECK-COUNT-1: offset=640 checked
  ;; CHECK-COUNT-1: offset=0 checked
  ;; in the code, each offset once as a lea (the copy) and once in a load (the folded loop)
  ;; RUN: --asm --tier opt --func rows
  ;; CHECK-COUNT-1: ptr [r14 + rsi + 0x500]
  ;; CHECK-COUNT-1: ptr [r14 + rsi + 0x280]

  ;; two pointers, v128 loads: one test each, joined
  (func $vrows (export "vrows") (param $p i32) (param $r i32) (result v128)
    (local $y i32) (local $acc v128) (local $a i32) (local $b i32)
    (loop $l
      (local.set $a (i32.add (local.get $y) (local.get $p)))
      (local.set $b (i32.add (local.get $y) (local.get $r)))
      (local.set $acc (i32x4.add (local.get $acc)
        (i8x16.sub_sat_u (v128.load (i32.add (local.get $a) (i32.const 640)))
                         (v128.load (i32.add (local.get $b) (i32.const 640))))))
      (local.set $acc (i32x4.add (local.get $acc)
        (i8x16.sub_sat_u (v128.load (local.get $a)) (v128.load (local.get $b)))))
      (br_if $l (i32.ne (local.tee $y (i32.add (local.get $y) (i32.const 1280))) (i32.const 10240))))
    (local.get $acc))
  ;; RUN: --func vrows --after versioning
  ;; CHECK: i32.gt_u v1, v
  ;; CHECK: i32.gt_u v2, v
  ;; CHECK: br_if
  ;; CHECK-COUNT-2: offset=640

  ;; stores, one with an offset of its own: 640 joins it; y <= 5119 (the test is on y + 640 < 5120)
  (func $copy (export "copy") (param $p i32)
    (local $y i32) (local $q i32)
    (loop $l
      (local.set $q (i32.add (local.get $y) (local.get $p)))
      (i32.store16 offset=2 (i32.add (local.get $q) (i32.const 640)) (i32.load16_u (local.get $q)))
      (i32.store8 (i32.add (local.get $q) (i32.const 1280)) (local.get $y))
      (br_if $l (i32.lt_u (local.tee $y (i32.add (local.get $y) (i32.const 640))) (i32.const 5120)))))
  ;; RUN: --func copy --after versioning
  ;; CHECK: i32.gt_u v1, v
  ;; CHECK-COUNT-1: offset=642
  ;; CHECK-COUNT-1: offset=1280

  ;; not versioned: a loop bound not known (y has no upper bound), a loop with one fold (the
  ;; test and the copy cost more than a lea an iteration saves, opt/versioning.c), and an i32 access at q before
  ;; a byte at q + 3 and two at q + 2 (addrfold's dominating access proves it as it is; q + 4 it would not: q may be
  ;; 2^32 - 4 in a 4 GiB memory)
  (func $unbounded (export "unbounded") (param $p i32) (param $n i32) (result i32)
    (local $y i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load8_u (i32.add (i32.add (local.get $y) (local.get $p)) (i32.const 640)))))
      (br_if $l (i32.lt_u (local.tee $y (i32.add (local.get $y) (i32.const 1))) (local.get $n))))
    (local.get $s))
  ;; RUN: --func unbounded
  ;; CHECK-COUNT-0: i32.gt_u
  ;; CHECK-COUNT-1: loop header
  (func $single (export "single") (param $p i32) (result i32)
    (local $y i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load8_u (i32.add (i32.add (local.get $y) (local.get $p)) (i32.const 640)))))
      (br_if $l (i32.ne (local.tee $y (i32.add (local.get $y) (i32.const 1))) (i32.const 64))))
    (local.get $s))
  ;; RUN: --func single
  ;; CHECK-COUNT-0: i32.gt_u
  ;; CHECK-COUNT-1: loop header
  (func $dominated (export "dominated") (param $p i32) (result i32)
    (local $y i32) (local $s i32) (local $q i32)
    (loop $l
      (local.set $q (i32.add (local.get $y) (local.get $p)))
      (local.set $s (i32.add (local.get $s)
        (i32.add (i32.load (local.get $q))
          (i32.add (i32.load8_u (i32.add (local.get $q) (i32.const 3))) (i32.load16_u (i32.add (local.get $q) (i32.const 2)))))))
      (br_if $l (i32.ne (local.tee $y (i32.add (local.get $y) (i32.const 8))) (i32.const 800))))
    (local.get $s))
  ;; RUN: --func dominated
  ;; CHECK-COUNT-0: i32.gt_u
  ;; CHECK-COUNT-1: loop header
  ;; CHECK: offset=3
  ;; with explicit bounds it is, for its three checks: p + 792 + 4 <= the memory's size (the i32 at
  ;; y <= 792 reaches farthest)
  ;; RUN: --func dominated --bounds-checks=explicit --after versioning
  ;; CHECK: const 796
  ;; CHECK: i64.gt_u
  ;; CHECK-COUNT-3: checked
)
