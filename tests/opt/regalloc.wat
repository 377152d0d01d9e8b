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
  ;; a value that flows through a join into a loop's parameter (sieve's counting loop: `last`
  ;; set on one path): the join's parameter and the value computed for it take the register of
  ;; the loop header's parameter they are passed on to, so neither the join's edges nor the back
  ;; edge move anything (they swapped it through another register before)
  (func $join (export "join") (param $n i32) (param $x i64) (param $y i64) (result i64)
    (local $i i32) (local $last i64) (local $p i64)
    (loop $l
      (block $skip
        (br_if $skip (i32.load8_u (local.get $i)))
        (local.set $last (i64.add (local.get $p) (local.get $x))))
      (local.set $p (i64.add (local.get $p) (i64.const 2)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (i64.add (i64.add (local.get $last) (local.get $p)) (i64.mul (local.get $x) (local.get $y))))
  ;; RUN: WLAB_OPT_REGS=3f,7 --asm --tier opt --func join
  ;; CHECK: br b3(v26)
  ;; CHECK-NOT: mov
  ;; CHECK: b3(v25:i64):
  ;; CHECK: br b1(v17, v14, v25)
  ;; CHECK-NOT: mov
  ;; CHECK: b4:
  ;; values computed for an inner loop's parameters when every register is taken (matmul's
  ;; middle loop): they take registers from values the inner loop does not read (stored already
  ;; or defined outside the loop) instead of being stored and read back on every outer iteration
  (func $entry (export "entry") (param $n i32) (param $m i32) (param $a i32) (param $b i32) (result i32)
    (local $i i32) (local $j i32) (local $k i32) (local $s i32)
    (loop $outer
      (local.set $j (i32.add (local.get $a) (local.get $i)))
      (local.set $k (i32.sub (local.get $m) (local.get $i)))
      (loop $inner
        (i32.store (local.get $j) (i32.add (i32.load (local.get $j)) (local.get $k)))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br_if $inner (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
      (local.set $s (i32.add (local.get $s) (i32.xor (local.get $b) (local.get $i))))
      (br_if $outer (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (local.get $s))
  ;; RUN: WLAB_OPT_REGS=3f,7 --asm --tier opt --func entry
  ;; CHECK: v8:i32 = i32.add v3, v7
  ;; CHECK-NOT: rsp
  ;; CHECK: b2(v12:i32, v14:i32):
  ;; two parameters whose arguments sit in each other's registers on the loop's exit edge (fft's
  ;; bit reversal): the first parameter does not take the register the second one's argument
  ;; holds there, so the exit makes no swap (it did, through r11, for the other edge's sake)
  (func $rev (export "rev") (param $j i32) (result i32)
    (local $bit i32)
    (local.set $bit (i32.const 0x8000))
    (block $done
      (br_if $done (i32.eqz (i32.and (local.get $j) (local.get $bit))))
      (loop $l
        (local.set $j (i32.xor (local.get $j) (local.get $bit)))
        (local.set $bit (i32.shr_u (local.get $bit) (i32.const 1)))
        (br_if $l (i32.and (local.get $j) (local.get $bit)))))
    (i32.xor (local.get $j) (local.get $bit)))
  ;; RUN: --asm --tier opt --func rev
  ;; CHECK: br b3(v9, v11)
  ;; CHECK-NOT: mov
  ;; CHECK: b3(v14:i32, v15:i32):
;; a round of sha256 with every register taken (the eight state values and the counter live
  ;; around the loop): the rotates' results, each xor'ed by the next instruction, take a register
  ;; from a state value whose next use comes later in the block, rather than going through the
  ;; stack (stored, then read back right away by the xor: a store-to-load round trip on the
  ;; round's critical path)
  (func $round (export "round") (param $n i32) (result i32)
    (local $a i32) (local $b i32) (local $c i32) (local $d i32)
    (local $e i32) (local $f i32) (local $g i32) (local $h i32) (local $t1 i32) (local $t2 i32) (local $i i32)
    (loop $l
      (local.set $t1 (i32.add (i32.add (local.get $h)
          (i32.xor (i32.xor (i32.rotr (local.get $e) (i32.const 6)) (i32.rotr (local.get $e) (i32.const 11)))
                   (i32.rotr (local.get $e) (i32.const 25))))
        (i32.add (i32.xor (i32.and (local.get $e) (local.get $f)) (i32.and (i32.xor (local.get $e) (i32.const -1)) (local.get $g)))
                 (i32.load (local.get $i)))))
      (local.set $t2 (i32.add
          (i32.xor (i32.xor (i32.rotr (local.get $a) (i32.const 2)) (i32.rotr (local.get $a) (i32.const 13)))
                   (i32.rotr (local.get $a) (i32.const 22)))
          (i32.xor (i32.xor (i32.and (local.get $a) (local.get $b)) (i32.and (local.get $a) (local.get $c)))
                   (i32.and (local.get $b) (local.get $c)))))
      (local.set $h (local.get $g)) (local.set $g (local.get $f)) (local.set $f (local.get $e))
      (local.set $e (i32.add (local.get $d) (local.get $t1)))
      (local.set $d (local.get $c)) (local.set $c (local.get $b)) (local.set $b (local.get $a))
      (local.set $a (i32.add (local.get $t1) (local.get $t2)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 4))) (local.get $n))))
    (i32.xor (i32.xor (i32.add (local.get $a) (local.get $b)) (i32.add (local.get $c) (local.get $d)))
             (i32.xor (i32.add (local.get $e) (local.get $f)) (i32.add (local.get $g) (local.get $h)))))
  ;; RUN: --asm --tier opt --func round
  ;; CHECK: v7:i32 = i32.rotr v3, v6
  ;; CHECK-NOT: ptr [rsp
  ;; CHECK: v8:i32 = i32.xor v5, v7
  ;; CHECK-NOT: ptr [rsp
  ;; CHECK: v10:i32 = i32.rotr v3, v9
  ;; CHECK-NOT: ptr [rsp
  ;; CHECK: v11:i32 = i32.xor v8, v10
  ;; CHECK-NOT: ptr [rsp
  ;; CHECK: v13:i32 = i32.add v12, v11
  ;; a compare fused into the branch after it, with every register taken (nine allocatable): it
  ;; is never written, so it takes no register from a value the loop carries; given one, it
  ;; evicted v52, which was then stored at the join and reloaded on every back edge
  (func $far (export "far") (param $n i32) (param $p i32) (result i32)
    (local $i i32) (local $x i32) (local $s i32)
    (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $e i32) (local $f i32)
    (local.set $a (i32.load offset=4 (local.get $p))) (local.set $b (i32.load offset=8 (local.get $p)))
    (local.set $c (i32.load offset=12 (local.get $p))) (local.set $d (i32.load offset=16 (local.get $p)))
    (local.set $e (i32.load offset=20 (local.get $p))) (local.set $f (i32.load offset=24 (local.get $p)))
    (loop $l
      (local.set $x (i32.load offset=64 (local.get $i)))
      (if (i32.load8_u (local.get $i))
        (then
          (local.set $a (i32.xor (local.get $a) (i32.rotl (local.get $b) (i32.const 7))))
          (local.set $c (i32.xor (local.get $c) (i32.rotl (local.get $d) (i32.const 9))))
          (local.set $e (i32.xor (local.get $e) (i32.rotl (local.get $f) (i32.const 11)))))
        (else
          (local.set $b (i32.add (local.get $b) (local.get $a)))
          (local.set $d (i32.add (local.get $d) (local.get $c)))
          (local.set $f (i32.add (local.get $f) (local.get $e)))))
      (local.set $s (i32.add (local.get $s) (local.get $x)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (i32.xor (i32.xor (i32.add (local.get $a) (local.get $b)) (i32.add (local.get $c) (local.get $d)))
             (i32.xor (i32.add (local.get $e) (local.get $f)) (local.get $s))))
  ;; RUN: WLAB_OPT_REGS=1ff,7 --asm --tier opt --func far
  ;; CHECK: b5(v47:i32, v48:i32, v49:i32, v50:i32, v51:i32, v52:i32):
  ;; CHECK-NOT: mov dword ptr [rsp
  ;; CHECK: br_if v44, b7, b6
  ;; CHECK: b7:
  ;; CHECK-NOT: ptr [rsp
  ;; CHECK: b6:

  ;; a dispatch loop's OSR version with eight registers (bytecode's): the entry's parameters, the
  ;; frame slots loaded at the entry, all live from its first position, held every register before
  ;; the loop asked for one, and `next` (pc + 4, carried round the loop through the join) went to
  ;; the stack, stored in the header and reloaded on the back edge on every iteration.  It takes
  ;; the register of an entry parameter instead, reloaded at that one's next use.
  (func $vm (export "vm") (param $code i32) (param $n i32) (result i32)
    (local $pc i32) (local $next i32) (local $acc i32) (local $steps i32)
    (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $e i32)
    (local.set $a (i32.mul (local.get $n) (i32.const 3)))
    (local.set $b (i32.xor (local.get $n) (i32.const 5)))
    (local.set $c (i32.add (local.get $n) (i32.const 7)))
    (local.set $d (i32.shl (local.get $n) (i32.const 2)))
    (local.set $e (i32.sub (local.get $n) (i32.const 9)))
    (local.set $pc (local.get $code))
    (loop $l
      (local.set $next (i32.add (local.get $pc) (i32.const 4)))
      (block $join
        (block $c4 (block $c3 (block $c2 (block $c1 (block $c0
          (br_table $c0 $c1 $c2 $c3 $c4 (i32.and (i32.load (local.get $pc)) (i32.const 3))))
          (local.set $acc (i32.add (local.get $acc) (local.get $a)))
          (local.set $pc (local.get $next))
          (br $join))
          (local.set $acc (i32.xor (local.get $acc) (local.get $b)))
          (local.set $pc (local.get $next))
          (br $join))
          (local.set $acc (i32.sub (local.get $acc) (local.get $c)))
          (local.set $pc (local.get $next))
          (br $join))
          (local.set $acc (i32.rotl (local.get $acc) (local.get $d)))
          (local.set $pc (local.get $code))
          (br $join))
        (local.set $acc (i32.add (local.get $acc) (local.get $e)))
        (local.set $pc (local.get $next)))
      (br_if $l (i32.lt_u (local.tee $steps (i32.add (local.get $steps) (i32.const 1))) (local.get $n))))
    (local.get $acc))
  ;; RUN: WLAB_OPT_REGS=ff,7 --asm --tier opt --func vm --osr-entries
  ;; CHECK: OSR entry for the loop at IR
  ;; CHECK: loop header, depth 1
  ;; CHECK: i32.add v2, v3
  ;; CHECK-NOT: rsp
  ;; CHECK: i32.load v2
)
