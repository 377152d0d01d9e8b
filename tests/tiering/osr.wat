;; osr.wat: loops that on-stack replacement moves from the interpreter into baseline code
;; mid-run (tests/tiering/osr.sh runs each export at --tier-up-after 2 and compares with the
;; interpreter).  Each keeps state where the move must carry it: pinned and unpinned locals of
;; every type, values under the loop on the operand stack, loop parameters, constants the
;; interpreter keeps in its frame's pool.
(module
  (memory 1)
  (global $g (mut i64) (i64.const 0))

  ;; i32/i64/f64 locals, a value under the loop, wide constants (the interpreter's pool)
  (func (export "mixed") (param $n i32) (result i64)
    (local $i i32) (local $a i64) (local $x f64) (local $y f32)
    (i64.const 0x1234_5678_9abc_def0)           ;; stays under the loop
    (loop $l
      (local.set $a (i64.add (i64.mul (local.get $a) (i64.const 0x5851_f42d_4c95_7f2d))
                             (i64.extend_i32_u (local.get $i))))
      (local.set $x (f64.add (local.get $x) (f64.convert_i32_u (local.get $i))))
      (local.set $y (f32.add (local.get $y) (f32.const 0.5)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (i64.xor (local.get $a))
    (i64.add (i64.trunc_f64_s (local.get $x)))
    (i64.add (i64.trunc_f32_s (local.get $y))))

  ;; more locals than registers: most live in frame slots
  (func (export "many") (param $n i32) (result i32)
    (local $i i32) (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $e i32)
    (local $f i32) (local $g i32) (local $h i32) (local $j i32) (local $k i32) (local $m i32)
    (local $o i32) (local $p i32) (local $q i32) (local $r i32) (local $s i32) (local $t i32)
    (loop $l
      (local.set $a (i32.add (local.get $a) (local.get $i)))
      (local.set $b (i32.xor (local.get $b) (local.get $a)))
      (local.set $c (i32.add (local.get $c) (local.get $b)))
      (local.set $d (i32.rotl (local.get $d) (local.get $c)))
      (local.set $e (i32.add (local.get $e) (i32.const 3)))
      (local.set $f (i32.sub (local.get $f) (local.get $e)))
      (local.set $g (i32.add (local.get $g) (local.get $f)))
      (local.set $h (i32.mul (local.get $h) (i32.const 7)))
      (local.set $h (i32.add (local.get $h) (local.get $g)))
      (local.set $j (i32.add (local.get $j) (local.get $h)))
      (local.set $k (i32.xor (local.get $k) (local.get $j)))
      (local.set $m (i32.add (local.get $m) (local.get $k)))
      (local.set $o (i32.add (local.get $o) (local.get $m)))
      (local.set $p (i32.xor (local.get $p) (local.get $o)))
      (local.set $q (i32.add (local.get $q) (local.get $p)))
      (local.set $r (i32.add (local.get $r) (local.get $q)))
      (local.set $s (i32.xor (local.get $s) (local.get $r)))
      (local.set $t (i32.add (local.get $t) (local.get $s)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (i32.add (local.get $t) (i32.add (local.get $d) (local.get $a))))

  ;; a loop with a parameter and a result (multi-value block types), values under it
  (func (export "params") (param $n i32) (result i32 i64)
    (local $i i32) (local $r i32) (local $w i64)
    (i64.const 5)
    (i32.const 1)
    (loop $l (param i32) (result i32)
      (i32.add (i32.mul (i32.const 3)) (local.get $i))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.set $r)
    (local.set $w)
    (local.get $r)
    (i64.add (local.get $w) (i64.extend_i32_u (local.get $i))))

  ;; nested loops: the move can happen at either header
  (func (export "nested") (param $n i32) (result i32)
    (local $i i32) (local $j i32) (local $acc i32)
    (loop $outer
      (local.set $j (i32.const 0))
      (loop $inner
        (local.set $acc (i32.add (local.get $acc) (i32.mul (local.get $i) (local.get $j))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $inner (i32.lt_u (local.get $j) (i32.const 50))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $outer (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $acc))

  ;; a v128 accumulator and memory traffic
  (func (export "simd") (param $n i32) (result i64)
    (local $i i32) (local $v v128)
    (local.set $v (v128.const i32x4 1 2 3 4))
    (loop $l
      (v128.store (i32.and (i32.shl (local.get $i) (i32.const 4)) (i32.const 0xfff0)) (local.get $v))
      (local.set $v (i32x4.add (local.get $v)
        (v128.load (i32.and (i32.shl (i32.add (local.get $i) (i32.const 7)) (i32.const 4)) (i32.const 0xfff0)))))
      (local.set $v (i32x4.add (local.get $v) (v128.const i32x4 5 6 7 8)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (i64.add (i64x2.extract_lane 0 (local.get $v)) (i64x2.extract_lane 1 (local.get $v))))

  ;; a callee that stays in the interpreter (WLAB_BASELINE_REFUSE), called from the moved loop
  (func $helper (param i64) (result i64)
    (global.set $g (i64.add (global.get $g) (local.get 0)))
    (i64.mul (local.get 0) (i64.const 3)))
  (func (export "calls") (param $n i32) (result i64)
    (local $i i32) (local $a i64)
    (loop $l
      (local.set $a (i64.add (local.get $a) (call $helper (i64.extend_i32_u (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (i64.add (local.get $a) (global.get $g)))

  ;; traps after the move name the right place
  (func (export "trap_after") (param $n i32) (result i32)
    (local $i i32)
    (loop $l
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (i32.load (i32.const 70000)))

  ;; a tail call out of the moved activation
  (func $finish (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
  (func (export "tail_out") (param $n i32) (result i32)
    (local $i i32) (local $a i32)
    (loop $l
      (local.set $a (i32.add (local.get $a) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (return_call $finish (local.get $a)))
)
