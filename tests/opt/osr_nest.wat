;; osr_nest.wat: OSR versions of loops inside other loops keep the loop nest (opt/build.c, "OSR
;; versions"): entered at the inner loop, the rest of each enclosing loop's current iteration is
;; a copy of its own, and the enclosing loops' headers head loops again, at their depth.  Flattened
;; (the inner header the only one, the outer loop a second back edge of it), "depth 2" and
;; "depth 3" never appear in an OSR version.  tests/tiering/nest.sh runs the same functions through
;; those OSR versions and compares their results with the interpreter's.
(module
  (memory 1)

  ;; two deep: the OSR version of the inner loop has the outer loop's header at depth 1 and the
  ;; inner loop's (entered from the copy of the outer iteration's rest) at depth 2
  (func $nest2 (export "nest2") (param $n i32) (result i32)
    (local $i i32) (local $j i32) (local $s i32)
    (loop $outer
      (local.set $j (i32.const 0))
      (loop $inner
        (local.set $s (i32.add (local.get $s)
                               (i32.xor (i32.mul (local.get $i) (local.get $j)) (local.get $j))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $inner (i32.lt_u (local.get $j) (local.get $n))))
      (local.set $s (i32.rotl (local.get $s) (i32.const 3)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $outer (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $s))
  ;; RUN: --func nest2 --osr-entries
  ;; CHECK: OSR entry for the loop at IR 2
  ;; CHECK: OSR version for the loop at IR 2: enclosing loops 1 kept as loops, 0 flattened
  ;; CHECK: loop header, depth 1, IR loop 1
  ;; CHECK: loop header, depth 1, IR loop 0
  ;; CHECK: loop header, depth 2, IR loop 1
  ;; CHECK-COUNT-3: loop header, depth 2
  ;; RUN: --func nest2 --osr-entries --asm --tier opt
  ;; CHECK: OSR entry for the loop at IR 2 (wasm 0x4d), enclosing loops 1 kept as loops, 0 flattened
  ;; CHECK: loop header, depth 1, IR loop 0
  ;; CHECK: loop header, depth 2, IR loop 1

  ;; three deep, entered at the middle and at the innermost loop; the middle loop's rest of
  ;; iteration stores to memory, the innermost reads it
  (func $nest3 (export "nest3") (param $n i32) (result i32)
    (local $i i32) (local $j i32) (local $k i32) (local $s i32)
    (loop $l0
      (local.set $j (i32.const 0))
      (loop $l1
        (local.set $k (i32.const 0))
        (loop $l2
          (local.set $s (i32.add (local.get $s)
                                 (i32.add (i32.load (i32.shl (i32.and (local.get $k) (i32.const 15)) (i32.const 2)))
                                          (i32.mul (local.get $k) (i32.add (local.get $i) (local.get $j))))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br_if $l2 (i32.lt_u (local.get $k) (local.get $n))))
        (i32.store (i32.shl (i32.and (local.get $j) (i32.const 15)) (i32.const 2)) (local.get $s))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $l1 (i32.lt_u (local.get $j) (local.get $n))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l0 (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $s))
  ;; RUN: --func nest3 --osr-entries
  ;; CHECK: OSR version for the loop at IR 2: enclosing loops 1 kept as loops, 0 flattened
  ;; CHECK: loop header, depth 1, IR loop 0
  ;; CHECK: loop header, depth 2, IR loop 1
  ;; CHECK: loop header, depth 3, IR loop 2
  ;; CHECK: OSR version for the loop at IR 4: enclosing loops 2 kept as loops, 0 flattened
  ;; CHECK: loop header, depth 1, IR loop 2
  ;; CHECK: loop header, depth 1, IR loop 1
  ;; CHECK: loop header, depth 2, IR loop 2
  ;; CHECK: loop header, depth 1, IR loop 0
  ;; CHECK: loop header, depth 2, IR loop 1
  ;; CHECK: loop header, depth 3, IR loop 2
  ;; CHECK-COUNT-4: loop header, depth 3

;; exits of every kind from the inner loop: to the outer loop's next iteration (br_table to
  ;; $outer), out of both loops, out of the function; a loop parameter carried by the inner loop.
  ;; s grows on every inner iteration, so the loops end.
  (func $exits (export "exits") (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (block $done
      (loop $outer
        (i32.const 0)
        (loop $inner (param i32) (result i32)
          (local.set $s (i32.add (local.get $s) (i32.const 1)))
          (br_if $done (i32.gt_u (local.get $s) (i32.mul (local.get $n) (i32.const 40))))
          (block $next
            (block $skip
              (br_table $next $skip $outer $next $next $skip $next
                (i32.rem_u (i32.mul (local.get $s) (i32.const 0x9e3779b1)) (i32.const 7))))
            (local.set $s (i32.add (local.get $s) (i32.const 0x15))))
          (i32.add (i32.const 1))
          (br_if $inner (i32.ne (i32.and (local.get $s) (i32.const 15)) (i32.const 0))))
        (local.set $s (i32.add (local.get $s)))
        (if (i32.eq (local.get $s) (i32.const 12345)) (then (return (i32.const -1))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $outer (i32.lt_u (local.get $i) (local.get $n)))))
    (i32.add (local.get $s) (i32.mul (local.get $i) (i32.const 1000))))
  ;; RUN: --func exits --osr-entries
  ;; CHECK: OSR version for the loop at IR 2: enclosing loops 1 kept as loops, 0 flattened
  ;; CHECK: loop header, depth 1, IR loop 0
  ;; CHECK: loop header, depth 2, IR loop 1
;; four deep and tight, entered at the innermost loop: the copies of all three enclosing
  ;; loops would be about three times the outermost, over the budget of twice, so the two inner
  ;; levels are kept and the outermost loop stays flattened into the rest of the function
  (func $nest4 (export "nest4") (param $n i32) (result i32)
    (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $s i32)
    (loop $l0
      (local.set $b (i32.const 0))
      (loop $l1
        (local.set $c (i32.const 0))
        (loop $l2
          (local.set $d (i32.const 0))
          (loop $l3
            (local.set $s (i32.add (i32.rotl (local.get $s) (i32.const 5))
                                   (i32.xor (local.get $d) (i32.mul (local.get $a) (local.get $c)))))
            (local.set $d (i32.add (local.get $d) (i32.const 1)))
            (br_if $l3 (i32.lt_u (local.get $d) (local.get $n))))
          (local.set $c (i32.add (local.get $c) (i32.const 1)))
          (br_if $l2 (i32.lt_u (local.get $c) (local.get $n))))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br_if $l1 (i32.lt_u (local.get $b) (local.get $n))))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (br_if $l0 (i32.lt_u (local.get $a) (local.get $n))))
    (i32.add (local.get $s) (local.get $b)))
  ;; RUN: --func nest4 --osr-entries
  ;; CHECK: OSR version for the loop at IR 6: enclosing loops 2 kept as loops, 1 flattened (over the copy budget)
  ;; CHECK: loop header, depth 1, IR loop 2
  ;; CHECK: loop header, depth 2, IR loop 3
  ;; CHECK: loop header, depth 3, IR loop 3
)
