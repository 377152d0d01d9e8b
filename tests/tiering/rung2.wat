;; rung2.wat: programs for rung2.sh: the second rung (baseline code counts hotness and hands
;; hot functions to the optimising tier) and the OSR exit out of baseline code.
(module
  (memory 1)
  ;; called once, after the loop: compiled by opt only under --tier opt (callees first), never
  ;; under the tier manager, where it is not hot
  (func $cold (param i64) (result i64)
    (i64.mul (local.get 0) (i64.const 3)))
  ;; a loop with pinned locals of each class, a value under the loop and a memory cell, so a move
  ;; out of baseline code must store every one of them
  (func $loop (export "loop") (param $n i32) (result i64)
    (local $i i32) (local $a i64) (local $x f64) (local $y f32)
    (i64.const 5) ;; under the loop
    (loop $l
      (local.set $a (i64.add (local.get $a) (i64.extend_i32_u (local.get $i))))
      (local.set $x (f64.add (local.get $x) (f64.convert_i32_u (local.get $i))))
      (local.set $y (f32.add (local.get $y) (f32.const 0.5)))
      (i32.store (i32.const 8) (i32.add (i32.load (i32.const 8)) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (i64.add (call $cold (local.get $a)))
    (i64.add (i64.trunc_f64_u (local.get $x)))
    (i64.add (i64.trunc_f32_u (local.get $y)))
    (i64.add (i64.extend_i32_u (i32.load (i32.const 8)))))
  ;; hot by calls: entries count too
  (func $leaf (param i32) (result i32)
    (i32.xor (i32.mul (local.get 0) (i32.const 2654435761)) (i32.const 7)))
  (func $calls (export "calls") (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (call $leaf (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $s))
  ;; a callee called on every 16th iteration: it has baseline code long before it is hot itself,
  ;; so when the loop's OSR version is compiled the tier manager compiles it ahead with opt (warm)
  (func $sometimes (param i32) (result i32)
    (i32.add (i32.rotl (local.get 0) (i32.const 5)) (i32.const 11)))
  (func $warm (export "warm") (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (loop $l
      (if (i32.eqz (i32.and (local.get $i) (i32.const 15)))
        (then (local.set $s (i32.xor (local.get $s) (call $sometimes (local.get $i))))))
      (local.set $s (i32.add (local.get $s) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $s))
  ;; a trap after many iterations: reported at its own place after the moves
  (func $trap_late (export "trap_late") (param $n i32) (result i32)
    (local $i i32)
    (loop $l
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (i32.load (i32.mul (local.get $i) (i32.const 65536)))))
