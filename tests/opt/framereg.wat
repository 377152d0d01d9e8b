;; framereg.wat: r15 as an allocatable register in functions that call nothing (opt/regalloc.c
;; frame_register_free, opt/emit.c plan_r15_blocks), checked on the machine code dump; the same
;; functions run against the interpreter in tests/opt/framereg.sh.
(module
  (memory 1)
  (global $ticks (mut i32) (i32.const 0))
  (func $tick (global.set $ticks (i32.add (global.get $ticks) (i32.const 1))))

  ;; a loop that calls nothing with six state words, the index and the bound carried and two
  ;; temporaries: ten values, nine registers without r15 (the index was stored and read back
  ;; every iteration); with r15 no value of the loop is stored or read back, r15 is saved once before the loop (in the spill area) and read back after it, before
  ;; the results go to the frame
  (func $rounds (export "rounds") (param $p i32) (param $n i32) (result i32)
    (local $a i32) (local $b i32) (local $c i32) (local $d i32)
    (local $e i32) (local $f i32) (local $t i32) (local $i i32)
    (local.set $a (i32.load offset=0 (local.get $p)))
    (local.set $b (i32.load offset=4 (local.get $p)))
    (local.set $c (i32.load offset=8 (local.get $p)))
    (local.set $d (i32.load offset=12 (local.get $p)))
    (local.set $e (i32.load offset=16 (local.get $p)))
    (local.set $f (i32.load offset=20 (local.get $p)))
    (loop $l
      (local.set $t (i32.add (i32.add (local.get $f) (i32.load offset=64 (local.get $i)))
        (i32.xor (i32.rotl (local.get $e) (i32.const 7)) (local.get $d))))
      (local.set $f (local.get $e))
      (local.set $e (i32.add (local.get $d) (local.get $t)))
      (local.set $d (local.get $c))
      (local.set $c (local.get $b))
      (local.set $b (local.get $a))
      (local.set $a (i32.add (local.get $t) (i32.xor (i32.rotl (local.get $b) (i32.const 11))
        (i32.or (local.get $c) (local.get $d)))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 4))) (local.get $n))))
    (i32.store offset=0 (local.get $p) (local.get $a))
    (i32.store offset=4 (local.get $p) (local.get $b))
    (i32.store offset=8 (local.get $p) (local.get $c))
    (i32.store offset=12 (local.get $p) (local.get $d))
    (i32.store offset=16 (local.get $p) (local.get $e))
    (i32.add (local.get $f) (local.get $a)))
  ;; RUN: --asm --tier opt --func rounds
  ;; CHECK: ], r15
  ;; CHECK: loop header
  ;; CHECK-NOT: rsp
  ;; CHECK: r15d
  ;; CHECK-NOT: rsp
  ;; CHECK: br_if
  ;; CHECK: mov r15, qword ptr [rsp
  ;; CHECK: ret

  ;; the same loop with a call after it: r15 is the frame throughout (the call needs it there)
  (func $calls (export "calls") (param $p i32) (param $n i32) (result i32)
    (local $a i32) (local $b i32) (local $c i32) (local $d i32)
    (local $e i32) (local $f i32) (local $t i32) (local $i i32)
    (local.set $a (i32.load offset=0 (local.get $p)))
    (local.set $b (i32.load offset=4 (local.get $p)))
    (local.set $c (i32.load offset=8 (local.get $p)))
    (local.set $d (i32.load offset=12 (local.get $p)))
    (local.set $e (i32.load offset=16 (local.get $p)))
    (local.set $f (i32.load offset=20 (local.get $p)))
    (loop $l
      (local.set $t (i32.add (i32.add (local.get $f) (i32.load offset=64 (local.get $i)))
        (i32.xor (i32.rotl (local.get $e) (i32.const 7)) (local.get $d))))
      (local.set $f (local.get $e))
      (local.set $e (i32.add (local.get $d) (local.get $t)))
      (local.set $d (local.get $c))
      (local.set $c (local.get $b))
      (local.set $b (local.get $a))
      (local.set $a (i32.add (local.get $t) (i32.xor (i32.rotl (local.get $b) (i32.const 11))
        (i32.or (local.get $c) (local.get $d)))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 4))) (local.get $n))))
    (call $tick)
    (i32.add (i32.add (i32.add (local.get $a) (local.get $b)) (i32.add (local.get $c) (local.get $d)))
      (i32.add (local.get $e) (local.get $f))))
  ;; RUN: --opt-disable=inline --asm --tier opt --func calls
  ;; CHECK: loop header
  ;; CHECK-NOT: r15d
  ;; CHECK-NOT: ], r15
  ;; CHECK: ret

  ;; r15 taken only in a loop off the early return's path: that path saves nothing (the save is
  ;; on the edge into the loop), so the function costs the return what it did without r15
  (func $cold (export "cold") (param $p i32) (param $n i32) (result i32)
    (local $a i32) (local $b i32) (local $c i32) (local $d i32)
    (local $e i32) (local $f i32) (local $t i32) (local $i i32)
    (if (i32.eqz (local.get $n)) (then (return (local.get $p))))
    (local.set $a (i32.load offset=0 (local.get $p)))
    (local.set $b (i32.load offset=4 (local.get $p)))
    (local.set $c (i32.load offset=8 (local.get $p)))
    (local.set $d (i32.load offset=12 (local.get $p)))
    (local.set $e (i32.load offset=16 (local.get $p)))
    (local.set $f (i32.load offset=20 (local.get $p)))
    (loop $l
      (local.set $t (i32.add (i32.add (local.get $f) (i32.load offset=64 (local.get $i)))
        (i32.xor (i32.rotl (local.get $e) (i32.const 7)) (local.get $d))))
      (local.set $f (local.get $e))
      (local.set $e (i32.add (local.get $d) (local.get $t)))
      (local.set $d (local.get $c))
      (local.set $c (local.get $b))
      (local.set $b (local.get $a))
      (local.set $a (i32.add (local.get $t) (i32.xor (i32.rotl (local.get $b) (i32.const 11))
        (i32.or (local.get $c) (local.get $d)))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 4))) (local.get $n))))
    (i32.add (i32.add (i32.add (local.get $a) (local.get $b)) (i32.add (local.get $c) (local.get $d)))
      (i32.add (local.get $e) (local.get $f))))
  ;; RUN: --asm --tier opt --func cold
  ;; CHECK: br_if v2
  ;; CHECK-NOT: ], r15
  ;; CHECK: ret
  ;; CHECK: ], r15
  ;; CHECK: loop header
  ;; CHECK: r15d
  ;; CHECK: mov r15, qword ptr [rsp

  ;; a result returned from inside r15's region (the loop's exit returns at once, the value in
  ;; r15 under WLAB_OPT_REGS=8001: rax and r15 only), with a second result from a spill slot:
  ;; the frame's address is read back into r11 for the stores, r15 after them
  (func $inside (export "inside") (param $x i64) (param $n i32) (result i64 i32)
    (local $s i64) (local $k i32)
    (loop $l
      (local.set $s (i64.add (local.get $s) (i64.rotl (local.get $x) (i64.extend_i32_u (local.get $k)))))
      (if (i32.eq (local.get $k) (i32.const 5)) (then (return (local.get $s) (local.get $k))))
      (br_if $l (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $n))))
    (local.get $s) (local.get $n))
  ;; RUN: WLAB_OPT_REGS=8001,1 --asm --tier opt --func inside
  ;; CHECK: ], r15
  ;; CHECK: loop header
  ;; CHECK: mov r11, qword ptr [rsp
  ;; CHECK: qword ptr [r11]
  ;; CHECK: mov r15, qword ptr [rsp
  ;; CHECK: ret

  ;; a trap inside r15's region: the load faults with r15 holding a value (the trap needs only
  ;; rsp and r13)
  (func $trap (export "trap") (param $p i32) (param $n i32) (result i32)
    (local $s i32) (local $q i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load (local.get $p))))
      (local.set $q (i32.xor (local.get $q) (local.get $s)))
      (local.set $p (i32.add (local.get $p) (i32.const 4096)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (i32.add (local.get $s) (local.get $q)))
  ;; RUN: WLAB_OPT_REGS=8001,1 --asm --tier opt --func trap
  ;; CHECK: ], r15
  ;; CHECK: loop header
  ;; CHECK: r15
  ;; CHECK: ret

  ;; the first 16 KiB filled with a pattern at instantiation, so the loops read something
  (func $init
    (local $i i32)
    (loop $l
      (i32.store (i32.shl (local.get $i) (i32.const 2))
        (i32.add (i32.mul (local.get $i) (i32.const 0x9e3779b1)) (i32.const 12345)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 4096)))))
  (start $init)
)
