;; regalloc.wat: the register allocator's decisions in loops (opt/regalloc.c), checked on the
;; machine code dump (block layout, where values are stored and reloaded).
(module
  (import "env" "tick" (func $tick))
  (memory 1)

  ;; nested loops whose back edges are conditional: each back edge's block (made by the lowering
  ;; of a critical edge) is laid out inside its loop, before the code after the loop; in a plain
  ;; reverse post-order the inner loop's b5 came last, after the outer loop's rest
  (func $nest (export "nest") (param $n i32) (param $m i32) (result i32)
    (local $i i32) (local $j i32) (local $s i32) (local $t i32)
    (loop $outer
      (local.set $j (local.get $m))
      (loop $inner
        (local.set $s (i32.add (local.get $s) (i32.load (local.get $j))))
        (br_if $inner (local.tee $j (i32.sub (local.get $j) (i32.const 4)))))
      (local.set $t (i32.xor (local.get $t) (local.get $s)))
      (br_if $outer (local.tee $i (i32.sub (local.get $i) (i32.const 1)))))
    (i32.add (local.get $t) (local.get $n)))
  ;; RUN: --asm --tier opt --func nest
  ;; CHECK: b1(v13:i32, v15:i32, v18:i32):
  ;; CHECK: b2(v6:i32, v8:i32):
  ;; CHECK: b5:
  ;; CHECK: br b2(v11, v9)
  ;; CHECK: b3:
  ;; CHECK: b6:
  ;; CHECK: br b1(v9, v16, v20)
  ;; CHECK: b4:
  ;; CHECK: return
;; every register taken around a loop (eight i64 parameters live past it, nine registers): the
  ;; register the loop's values need comes from a parameter the loop never reads, which leaves
  ;; it at the header, not from $a's wrap, which the loop reads before the compare and so looked
  ;; unused "from here on" (it was reloaded on every back edge)
  (func $pressure (export "pressure") (param $a i64) (param $b i64) (param $c i64) (param $d i64)
        (param $e i64) (param $g i64) (param $h i64) (param $k i64) (param $n i32) (result i64)
    (local $i i32)
    (loop $l
      (i32.store8 (local.get $i) (i32.const 1))
      (local.set $i (i32.add (local.get $i) (i32.wrap_i64 (local.get $a))))
      (br_if $l (i64.lt_u (i64.extend_i32_u (local.get $i)) (local.get $b))))
    (i64.add (i64.add (i64.add (local.get $a) (local.get $b)) (i64.add (local.get $c) (local.get $d)))
      (i64.add (i64.add (local.get $e) (local.get $g)) (i64.add (local.get $h) (local.get $k)))))
  ;; RUN: --asm --tier opt --func pressure
  ;; CHECK: b1(v11:i32):
  ;; CHECK-NOT: rsp
  ;; CHECK: br b1(v16)
  ;; CHECK-NOT: rsp
  ;; CHECK: b2:
  ;; sums defined in the loop and live across the call after it (three of them, two callee-saved
  ;; registers): the one that goes to the stack is stored after the loop, before the call, not at
  ;; its definition on every iteration (place_stores); read back from its slot after the call
  (func $late (export "late") (param $n i32) (result i32)
    (local $a i32) (local $b i32) (local $c i32)
    (loop $l
      (local.set $a (i32.add (local.get $a) (local.get $n)))
      (local.set $b (i32.xor (local.get $b) (local.get $a)))
      (local.set $c (i32.add (local.get $c) (local.get $b)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (call $tick)
    (i32.add (i32.add (local.get $a) (local.get $b)) (local.get $c)))
  ;; RUN: --asm --tier opt --func late
  ;; CHECK: loop header
  ;; CHECK-NOT: rsp
  ;; CHECK: b2:
  ;; CHECK: mov dword ptr [rsp],
  ;; CHECK: call f0
  ;; CHECK: ptr [rsp]
  ;; CHECK: return
)
