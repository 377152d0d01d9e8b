;; bce.wat: bounds-check elimination (opt/bce.c) with explicit checks: an access is marked
;; `checked` (no check emitted) when a dominating access to the same address value reached at
;; least as far, or when its address is bounded below the memory's minimum size; never when
;; only another path checked it, nor with guard pages (nothing to remove).
(module
  (func $ext (import "env" "ext"))
  (memory 1)

  ;; the widest access first: the two after it are covered, a call between changes nothing
  ;; (memory never shrinks); the one reaching further is checked again
  (func $same (export "same") (param $p i32) (result i32)
    (local $s i32)
    (local.set $s (i32.load offset=8 (local.get $p)))
    (call $ext)
    (local.set $s (i32.add (local.get $s) (i32.load offset=4 (local.get $p))))
    (i32.store8 offset=11 (local.get $p) (local.get $s))
    (i32.add (local.get $s) (i32.load offset=12 (local.get $p))))
  ;; RUN: --func same --after bce --bounds-checks=explicit
  ;; CHECK: i32.load v1 offset=8    ;
  ;; CHECK: i32.load v1 offset=4 checked
  ;; CHECK: offset=11 checked
  ;; CHECK: i32.load v1 offset=12    ;

  ;; addresses bounded below the minimum size (one page): masked, shifted, a byte loaded
  (func $bounded (export "bounded") (param $p i32) (result i32)
    (i32.add
      (i32.load (i32.and (local.get $p) (i32.const 1020)))
      (i32.add
        (i32.load offset=65000 (i32.load8_u (local.get $p)))
        (i32.load (i32.const 65533)))))
  ;; RUN: --func bounded --after bce --bounds-checks=explicit
  ;; CHECK: i32.and
  ;; CHECK: offset=0 checked
  ;; CHECK: i32.load8_u v1 offset=0    ;
  ;; CHECK: offset=65000 checked
  ;; CHECK: offset=0    ;

  ;; an access on one arm of an if does not cover the code after the if
  (func $arm (export "arm") (param $p i32) (param $c i32) (result i32)
    (if (local.get $c) (then (drop (i32.load offset=16 (local.get $p)))))
    (i32.load offset=16 (local.get $p)))
  ;; RUN: --func arm --after bce --bounds-checks=explicit
  ;; CHECK-NOT: checked
  ;; CHECK: return

  ;; a loop body covered by an access before the loop to the same (invariant) address
  (func $loop (export "loop") (param $p i32) (param $n i32) (result i32)
    (local $s i32)
    (local.set $s (i32.load offset=64 (local.get $p)))
    (loop $next
      (i32.store offset=32 (local.get $p) (local.get $s))
      (local.set $s (i32.add (local.get $s) (i32.load offset=60 (local.get $p))))
      (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s))
  ;; RUN: --func loop --after bce --bounds-checks=explicit
  ;; CHECK: loop header
  ;; CHECK: offset=32 checked
  ;; CHECK: offset=60 checked

  ;; with guard pages the pass leaves everything as it is
  ;; RUN: --func same --after bce
  ;; CHECK-NOT: checked
  ;; CHECK: return
)
