;; addrfold.wat: address-mode folding (opt/addrfold.c): a shifted index becomes an indexed access,
;; a constant add joins the offset only where a dominating access proves it cannot wrap.
(module
  (memory 1)

  ;; a[i] of 8-byte elements: the add and the shift fold into the load (base, index, scale 8)
  (func $index (export "index") (param $a i32) (param $i i32) (result f64)
    (f64.load offset=16 (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 3)))))
  ;; RUN: --func index
  ;; CHECK-NOT: i32.add
  ;; CHECK-NOT: i32.shl
  ;; CHECK: f64.load v1, v2 offset=16 indexed scale=8
  ;; RUN: --func index --opt-disable=addrfold
  ;; CHECK: i32.shl
  ;; CHECK: i32.add
  ;; CHECK: f64.load v
  ;; CHECK-NOT: indexed

  ;; a plain sum of two values stays an add (a lea would keep both live to the access); a shift
  ;; on the left of the add folds as well as on the right
  (func $store (export "store") (param $a i32) (param $i i32) (param $v i32)
    (i32.store8 (i32.add (local.get $a) (local.get $i)) (local.get $v))
    (i32.store offset=4 (i32.add (i32.shl (local.get $i) (i32.const 2)) (local.get $a)) (local.get $v)))
  ;; RUN: --func store
  ;; CHECK: i32.add v1, v2
  ;; CHECK: i32.store8 v
  ;; CHECK: i32.store v1, v3, v2 offset=4 indexed scale=4

  ;; the add used twice stays, and so does its access's address
  (func $shared (export "shared") (param $a i32) (param $i i32) (result i32)
    (local $p i32)
    (local.set $p (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2))))
    (i32.add (i32.load (local.get $p)) (local.get $p)))
  ;; RUN: --func shared
  ;; CHECK: i32.add
  ;; CHECK-NOT: indexed

  ;; p[0] then p[1] of 4-byte elements: the access at p proves p + 3 cannot wrap, not p + 4 (p
  ;; could be 2^32 - 4 in a 4 GiB memory); p[0] at offset 4 proves p + 4 and p + 7
  (func $offsets (export "offsets") (param $p i32) (result i32)
    (i32.add
      (i32.add (i32.load (local.get $p)) (i32.load (i32.add (local.get $p) (i32.const 4))))
      (i32.add (i32.load8_u (i32.add (local.get $p) (i32.const 3)))
               (i32.load offset=4 (local.get $p)))))
  ;; RUN: --func offsets
  ;; CHECK: i32.load v1 offset=0
  ;; CHECK: i32.add v1, v
  ;; CHECK: i32.load v
  ;; CHECK: i32.load8_u v1 offset=3
  ;; CHECK: i32.load v1 offset=4

  ;; a constant add with no dominating access: kept (the access may be the one that wraps)
  (func $nofact (export "nofact") (param $p i32) (param $c i32) (result i32)
    (if (local.get $c) (then (drop (i32.load (local.get $p)))))
    (i32.load offset=2 (i32.add (local.get $p) (i32.const 1))))
  ;; RUN: --func nofact
  ;; CHECK: i32.add v1, v
  ;; CHECK: offset=2
  ;; CHECK-NOT: offset=3

  ;; a shift by more than 3 is no x86 scale: kept, and the add with it
  (func $bigshift (export "bigshift") (param $a i32) (param $i i32) (result i32)
    (i32.load (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 4)))))
  ;; RUN: --func bigshift
  ;; CHECK: i32.shl
  ;; CHECK: i32.add
  ;; CHECK-NOT: indexed
)
