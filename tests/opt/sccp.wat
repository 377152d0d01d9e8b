;; sccp.wat: sparse conditional constant propagation (opt/sccp.c): folds through core's value-op
;; table, constant branches become br and their dead arms go, loop-carried constants stay
;; constant, exact identities only; never a fold that would trap, never an inexact float rule.
(module
  ;; constants fold through every op, shift counts modulo the width: 6*7 + (1 << (33 & 31))
  (func $fold (export "fold") (result i32)
    (i32.add (i32.mul (i32.const 6) (i32.const 7)) (i32.shl (i32.const 1) (i32.const 33))))
  ;; RUN: --func fold --after sccp
  ;; CHECK: const 44
  ;; CHECK: return v12
  ;; CHECK-COUNT-0: i32.mul
  ;; CHECK-COUNT-0: i32.shl

  ;; a branch on a constant compare takes one way: the else arm (99) is gone, and the merge
  ;; parameter with it
  (func $cond (export "cond") (param $x i32) (result i32)
    (local $a i32)
    (if (i32.lt_u (i32.const 3) (i32.const 5))
      (then (local.set $a (i32.add (local.get $x) (i32.const 1))))
      (else (local.set $a (i32.const 99))))
    (local.get $a))
  ;; RUN: --func cond --after sccp
  ;; CHECK-COUNT-0: br_if
  ;; CHECK-COUNT-0: i32.lt_u
  ;; CHECK: i32.add v1
  ;; CHECK-NOT: 99
  ;; CHECK: return

  ;; k is 5 on entry and only changes on a path never taken (k != 5): the loop parameter for k
  ;; folds to 5 although the loop's own argument is k (optimistic: a pessimistic pass sees a
  ;; cycle and gives up)
  (func $loop (export "loop") (param $n i32) (result i32)
    (local $i i32) (local $k i32)
    (local.set $k (i32.const 5))
    (loop $l
      (if (i32.ne (local.get $k) (i32.const 5)) (then (local.set $k (i32.const 7))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $k))
  ;; RUN: --func loop --after sccp
  ;; CHECK: v3:i32 = const 5
  ;; CHECK: loop header
  ;; CHECK-NOT: i32.ne
  ;; CHECK: i32.add
  ;; CHECK: return v3
  ;; CHECK-COUNT-1: br_if

  ;; what would trap stays, to trap at run time where it was: 10/0, INT_MIN/-1 and
  ;; trunc(3e9) stay; 10/2 and trunc(-2.5) cannot trap and fold (5, -2)
  (func $traps (export "traps") (result i32)
    (i32.add (i32.div_s (i32.const 10) (i32.const 0))
      (i32.add (i32.div_s (i32.const 10) (i32.const 2))
        (i32.add (i32.div_s (i32.const 0x80000000) (i32.const -1))
          (i32.add (i32.trunc_f32_s (f32.const 3e9)) (i32.trunc_f32_s (f32.const -2.5)))))))
  ;; RUN: --func traps --after sccp
  ;; CHECK: const -2
  ;; CHECK: const 5
  ;; CHECK: i32.div_s v2, v3
  ;; CHECK: i32.div_s v7, v8
  ;; CHECK: i32.trunc_f32_s v10
  ;; CHECK-COUNT-2: i32.div_s
  ;; CHECK-COUNT-1: i32.trunc_f32_s

  ;; floats fold through core/numeric.h: a signalling NaN operand comes out quieted, its
  ;; payload kept (0x7fa00000 -> 0x7fe00000)
  (func $nan (export "nan") (result f32)
    (f32.add (f32.const nan:0x200000) (f32.const 1)))
  ;; RUN: --func nan --after sccp
  ;; CHECK: const nan (0x7fe00000)
  ;; CHECK-COUNT-0: f32.add

  ;; identities: x+0, x*1, x&-1, x|0, x^0 are x; i64 shifts and rotates by 64 and 128 are no
  ;; shift.  x*1.0 and x+(-0.0) are not x (a signalling NaN comes out quieted): they stay
  (func $ident (export "ident") (param $x i32) (param $y i64) (param $f f32) (result i32)
    (drop (f32.mul (local.get $f) (f32.const 1)))
    (drop (f32.add (local.get $f) (f32.const -0)))
    (i32.add
      (i32.xor (i32.or (i32.and (i32.mul (i32.add (local.get $x) (i32.const 0)) (i32.const 1)) (i32.const -1)) (i32.const 0)) (i32.const 0))
      (i32.wrap_i64 (i64.rotl (i64.shl (local.get $y) (i64.const 64)) (i64.const 128)))))
  ;; RUN: --func ident --after sccp
  ;; CHECK: f32.mul v3, v5
  ;; CHECK: f32.add v3, v7
  ;; CHECK: i32.wrap_i64 v2
  ;; CHECK: i32.add v1, v21
  ;; CHECK-COUNT-0: i32.mul
  ;; CHECK-COUNT-0: i32.and
  ;; CHECK-COUNT-0: i32.or
  ;; CHECK-COUNT-0: i32.xor
  ;; CHECK-COUNT-0: i64.shl
  ;; CHECK-COUNT-0: i64.rotl

  ;; x*0 and x-x are 0 whatever x is
  (func $absorb (export "absorb") (param $x i32) (result i32)
    (i32.add (i32.mul (local.get $x) (i32.const 0)) (i32.sub (local.get $x) (local.get $x))))
  ;; RUN: --func absorb --after sccp
  ;; CHECK: v3:i32 = const 0
  ;; CHECK: return v3

  ;; eqz of an integer compare is the inverted compare; eqz of f32.lt is not f32.ge (both are
  ;; false on a NaN), so it stays
  (func $eqz (export "eqz") (param $a i32) (param $b i32) (param $f f32) (result i32)
    (i32.add (i32.eqz (i32.lt_s (local.get $a) (local.get $b)))
      (i32.eqz (f32.lt (local.get $f) (local.get $f)))))
  ;; RUN: --func eqz --after sccp
  ;; CHECK: i32.ge_s v1, v2
  ;; CHECK: f32.lt v3, v3
  ;; CHECK: i32.eqz v7
  ;; CHECK-COUNT-0: f32.ge

  ;; br_if on eqz x tests x with its two ways swapped: x != 0 returns 1, x == 0 returns 2
  (func $brz (export "brz") (param $x i32) (result i32)
    (block $out
      (br_if $out (i32.eqz (local.get $x)))
      (return (i32.const 1)))
    (i32.const 2))
  ;; RUN: --func brz --after sccp
  ;; CHECK: v7:i32 = const 2
  ;; CHECK: v5:i32 = const 1
  ;; CHECK: br_if v1, b2, b3
  ;; CHECK: b3:
  ;; CHECK: return v7
  ;; CHECK: b2:
  ;; CHECK: return v5

  ;; br_table on a constant: a br to the entry it picks (1: $b, which returns 20)
  (func $table (export "table") (result i32)
    (block $a (block $b (block $c
      (br_table $a $b $c (i32.const 1)))
      (return (i32.const 30)))
      (return (i32.const 20)))
    (i32.const 10))
  ;; RUN: --func table --after sccp
  ;; CHECK-COUNT-0: br_table
  ;; CHECK: v6:i32 = const 20
  ;; CHECK: return v6
  ;; CHECK-COUNT-1: return

  ;; select on a constant is the arm it picks
  (func $sel (export "sel") (param $x i32) (param $y i32) (result i32)
    (select (local.get $x) (local.get $y) (i32.const 0)))
  ;; RUN: --func sel --after sccp
  ;; CHECK-COUNT-0: select
  ;; CHECK: return v2

  ;; canonical integer forms: a constant operand goes second (10 < p is p > 10), x - c is
  ;; x + (-c), and constants of one associative op combine: (p + 8) + 4 is p + 12, and
  ;; (q + 3) - 3 is q; the address comes out as one add of one constant
  (memory 1)
  (func $canon (export "canon") (param $p i32) (param $q i32) (result i32)
    (i32.add
      (i32.load (i32.add (i32.add (local.get $p) (i32.const 8)) (i32.const 4)))
      (i32.add (i32.sub (i32.add (local.get $q) (i32.const 3)) (i32.const 3))
               (i32.lt_u (i32.const 10) (local.get $p)))))
  ;; RUN: --func canon --after sccp
  ;; CHECK: const 12
  ;; CHECK: i32.add v1, v17
  ;; CHECK: i32.load v7
  ;; CHECK: i32.gt_u v1, v12
  ;; CHECK: i32.add v2, v13
  ;; CHECK-COUNT-0: i32.sub
  ;; CHECK-COUNT-0: i32.lt_u
)
