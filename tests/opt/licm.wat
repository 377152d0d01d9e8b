;; licm.wat: loop-invariant code motion (opt/licm.c): invariant values move to a preheader, a
;; load only from the header of a loop that writes nothing, never an op that may trap from where
;; the loop might not have run it, nor past a trap or an effect that stays.
(module
  (func $ext (import "env" "ext"))
  (memory 1)
  (global $g (mut i32) (i32.const 0))

  ;; an invariant load at the top of a loop that only reads: hoisted to a new preheader
  ;; (the entry block does not serve), which passes the loop's starting values on
  (func $load (export "load") (param $p i32) (param $n i32) (result i32)
    (local $s i32)
    (loop $next
      (local.set $s (i32.add (local.get $s) (i32.load offset=8 (local.get $p))))
      (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s))
  ;; RUN: --func load --after licm
  ;; CHECK: entry
  ;; CHECK: br b3
  ;; CHECK: b3:    ; preds b0, idom b0
  ;; CHECK: i32.load v1 offset=8
  ;; CHECK: br b1(v12, v2)
  ;; CHECK: loop header, depth 1, IR loop 0
  ;; CHECK-NOT: i32.load
  ;; CHECK: return

  ;; the same loop with a store: the load stays
  (func $store (export "store") (param $p i32) (param $n i32) (result i32)
    (local $s i32)
    (loop $next
      (local.set $s (i32.add (local.get $s) (i32.load offset=8 (local.get $p))))
      (i32.store (local.get $n) (local.get $s))
      (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s))
  ;; RUN: --func store --after licm
  ;; CHECK: loop header
  ;; CHECK: i32.load v1 offset=8
  ;; CHECK-COUNT-2: ; preds

  ;; ... and with a call
  (func $call (export "call") (param $p i32) (param $n i32) (result i32)
    (local $s i32)
    (loop $next
      (local.set $s (i32.add (local.get $s) (i32.load offset=8 (local.get $p))))
      (call $ext)
      (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s))
  ;; RUN: --func call --after licm
  ;; CHECK: loop header
  ;; CHECK: i32.load v1 offset=8

  ;; a while loop: the exit test comes first, so the body's load may never run and stays;
  ;; the pure multiplication leaves
  (func $while (export "while") (param $p i32) (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s (i32.add (local.get $s)
           (i32.mul (i32.load offset=8 (local.get $p)) (i32.mul (local.get $n) (i32.const 3)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $s))
  ;; RUN: --func while --after licm
  ;; CHECK: i32.mul v2
  ;; CHECK: loop header
  ;; CHECK: i32.ge_u
  ;; CHECK: i32.load v1 offset=8
  ;; CHECK: return

  ;; a division first in the header leaves (it traps where the first iteration would); one by a
  ;; constant that cannot trap leaves from anywhere; one behind a condition stays; one after a
  ;; store that stays, stays
  (func $div (export "div") (param $a i32) (param $b i32) (param $n i32) (result i32)
    (local $s i32)
    (loop $next
      (local.set $s (i32.add (local.get $s) (i32.div_s (local.get $a) (local.get $b))))
      (if (local.get $n) (then
        (local.set $s (i32.add (local.get $s) (i32.div_u (local.get $a) (i32.const 7))))
        (local.set $s (i32.add (local.get $s) (i32.rem_u (local.get $b) (local.get $a))))))
      (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s))
  ;; RUN: --func div --after licm
  ;; CHECK: i32.div_s v1, v2
  ;; CHECK: i32.div_u v1
  ;; CHECK: loop header
  ;; CHECK: i32.rem_u v2, v1
  ;; CHECK: return
  (func $div_late (export "div_late") (param $a i32) (param $b i32) (param $n i32) (result i32)
    (local $s i32)
    (loop $next
      (i32.store (local.get $n) (local.get $s))
      (local.set $s (i32.add (local.get $s) (i32.div_s (local.get $a) (local.get $b))))
      (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s))
  ;; RUN: --func div_late --after licm
  ;; CHECK: loop header
  ;; CHECK: i32.store
  ;; CHECK: i32.div_s v1, v2

  ;; an invariant load after a load that stays (it may trap first) stays
  (func $load_order (export "load_order") (param $p i32) (param $n i32) (result i32)
    (local $s i32)
    (loop $next
      (local.set $s (i32.add (local.get $s) (i32.load (local.get $n))))
      (local.set $s (i32.add (local.get $s) (i32.load offset=8 (local.get $p))))
      (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s))
  ;; RUN: --func load_order --after licm
  ;; CHECK: loop header
  ;; CHECK: i32.load
  ;; CHECK: i32.load v1 offset=8

  ;; global.get of a global the loop does not set leaves; of one it sets, stays
  (func $globals (export "globals") (param $n i32) (result i32)
    (local $s i32)
    (loop $next
      (local.set $s (i32.add (local.get $s) (global.get $g)))
      (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (loop $again
      (global.set $g (i32.add (local.get $s) (global.get $g)))
      (br_if $again (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s))
  ;; RUN: --func globals --after licm
  ;; CHECK: global.get g0
  ;; CHECK: loop header
  ;; CHECK-NOT: global.get
  ;; CHECK: loop header
  ;; CHECK: global.get g0
  ;; CHECK: global.set g0

  ;; nested loops: inner first, then on out of the outer one
  (func $nested (export "nested") (param $n i32) (result i32)
    (local $i i32) (local $j i32) (local $s i32)
    (loop $outer
      (local.set $j (local.get $n))
      (loop $inner
        (local.set $s (i32.add (local.get $s) (i32.shl (local.get $n) (i32.const 2))))
        (br_if $inner (local.tee $j (i32.sub (local.get $j) (i32.const 1)))))
      (br_if $outer (local.tee $i (i32.sub (local.get $i) (i32.const 1)))))
    (local.get $s))
  ;; RUN: --func nested --after licm
  ;; CHECK: i32.shl v1
  ;; CHECK: loop header, depth 1, IR loop 0
  ;; CHECK: loop header, depth 2, IR loop 1
  ;; CHECK-NOT: i32.shl

  ;; a header entered from two outside edges (the join after an if): a new preheader with the
  ;; header's parameters takes both
  (func $join (export "join") (param $a i32) (param $c i32) (param $n i32) (result i32)
    (local $s i32)
    (if (local.get $c) (then (local.set $s (i32.const 1))) (else (local.set $s (i32.const 2))))
    (loop $next
      (local.set $s (i32.add (local.get $s) (i32.mul (local.get $a) (local.get $a))))
      (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s))
  ;; RUN: --func join --after licm
  ;; CHECK: br_if v2
  ;; CHECK: preds b3 b2, idom b1
  ;; CHECK: i32.mul v1, v1
  ;; CHECK: loop header
  ;; CHECK-COUNT-1: i32.mul

  ;; an outer loop holding a loop: an add of a constant in a block some iterations skip (a case
  ;; of printf's conversion loop) stays where it is (opt/licm.c, one_alu_op); a multiply, and
  ;; the same add where every iteration runs it, leave
  (func $cases (export "cases") (param $p i32) (param $n i32) (result i32)
    (local $i i32) (local $j i32) (local $s i32)
    (loop $outer
      (if (i32.and (local.get $i) (i32.const 7))
        (then (i32.store (i32.add (local.get $p) (i32.const 400)) (local.get $s))))
      (local.set $s (i32.add (local.get $s) (i32.mul (local.get $p) (local.get $n))))
      (local.set $s (i32.xor (local.get $s) (i32.add (local.get $n) (i32.const 12))))
      (local.set $j (local.get $n))
      (loop $inner
        (local.set $s (i32.add (local.get $s) (local.get $j)))
        (br_if $inner (local.tee $j (i32.sub (local.get $j) (i32.const 1)))))
      (br_if $outer (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (local.get $s))
  ;; RUN: --func cases --after licm
  ;; CHECK: i32.mul v1, v2
  ;; CHECK: i32.add v2, v
  ;; CHECK: loop header, depth 1, IR loop 0
  ;; CHECK: i32.add v1, v
  ;; CHECK: i32.store
  ;; CHECK: loop header, depth 2, IR loop 1
  ;; CHECK-COUNT-1: i32.mul
)
