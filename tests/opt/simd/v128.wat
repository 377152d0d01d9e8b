;; v128.wat: v128 ops in the optimising tier, native through x64/simd.c (tests/opt/simd.sh): the
;; answers must be the interpreter's, with all registers and with three a class, and no function
;; here may call a helper when the CPU has SSE4.1 and SSSE3.
(module
  (memory 1)
  (data (i32.const 0) "\01\82\03\f4\05\86\07\88\09\8a\0b\fc\0d\8e\0f\90\11\92\13\a4\15\96\17\98\19\9a\1b\1c")
  ;; the two i64 lanes of v folded into one
  (func $fold (param $v v128) (result i64)
    (i64.xor (i64x2.extract_lane 0 (local.get $v))
             (i64.rotl (i64x2.extract_lane 1 (local.get $v)) (i64.const 17))))

  ;; sixteen vectors live across ops that want scratch registers (f32x4.min: three, plus its
  ;; constant operand; i64x2.mul: three; a variable i8x16 shift; bitselect of three): the
  ;; allocator must keep their scratch registers free of the live values and spill the rest
  (func (export "pressure") (param $a i32) (param $b i32) (result i64)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128) (local $v4 v128)
    (local $v5 v128) (local $v6 v128) (local $v7 v128) (local $v8 v128) (local $v9 v128)
    (local $v10 v128) (local $v11 v128) (local $v12 v128) (local $v13 v128) (local $v14 v128)
    (local $v15 v128) (local $m v128)
    (local.set $v0 (i32x4.splat (local.get $a)))
    (local.set $v1 (i32x4.add (local.get $v0) (i32x4.splat (local.get $b))))
    (local.set $v2 (i32x4.mul (local.get $v1) (local.get $v0)))
    (local.set $v3 (i8x16.sub_sat_u (local.get $v2) (local.get $v1)))
    (local.set $v4 (i16x8.add (local.get $v3) (local.get $v2)))
    (local.set $v5 (v128.xor (local.get $v4) (local.get $v0)))
    (local.set $v6 (i32x4.shl (local.get $v5) (local.get $b)))
    (local.set $v7 (i64x2.add (local.get $v6) (local.get $v3)))
    (local.set $v8 (i8x16.shuffle 0 17 2 19 4 21 6 23 8 25 10 27 12 29 14 31 (local.get $v7) (local.get $v2)))
    (local.set $v9 (i8x16.swizzle (local.get $v8) (local.get $v1)))
    (local.set $v10 (f32x4.convert_i32x4_s (local.get $v9)))
    (local.set $v11 (f32x4.mul (local.get $v10) (f32x4.convert_i32x4_u (local.get $v4))))
    (local.set $v12 (i16x8.extadd_pairwise_i8x16_u (local.get $v5)))
    (local.set $v13 (i32x4.extmul_high_i16x8_s (local.get $v12) (local.get $v6)))
    (local.set $v14 (i8x16.popcnt (local.get $v13)))
    (local.set $v15 (i32x4.trunc_sat_f32x4_u (local.get $v11)))
    ;; the ops with the most scratch registers, all sixteen still live
    (local.set $m (f32x4.min (local.get $v11) (v128.const f32x4 nan -0 0 1e30)))
    (local.set $m (v128.xor (local.get $m) (i64x2.mul (local.get $v13) (local.get $v14))))
    (local.set $m (v128.xor (local.get $m) (i8x16.shr_s (local.get $v15) (local.get $a))))
    (local.set $m (v128.bitselect (local.get $m) (local.get $v12) (local.get $v9)))
    (local.set $m (v128.xor (local.get $m) (f64x2.max (local.get $v10) (v128.const f64x2 -0 nan))))
    (local.set $m (v128.xor (local.get $m) (i8x16.ne (local.get $v3) (v128.const i32x4 1 2 3 4))))
    (i64.add
      (call $fold (local.get $m))
      (i64.add
        (i64.add
          (i64.add (i64.add (call $fold (local.get $v0)) (call $fold (local.get $v1)))
                   (i64.add (call $fold (local.get $v2)) (call $fold (local.get $v3))))
          (i64.add (i64.add (call $fold (local.get $v4)) (call $fold (local.get $v5)))
                   (i64.add (call $fold (local.get $v6)) (call $fold (local.get $v7)))))
        (i64.add
          (i64.add (i64.add (call $fold (local.get $v8)) (call $fold (local.get $v9)))
                   (i64.add (call $fold (local.get $v10)) (call $fold (local.get $v11))))
          (i64.add (i64.add (call $fold (local.get $v12)) (call $fold (local.get $v13)))
                   (i64.add (call $fold (local.get $v14)) (call $fold (local.get $v15))))))))

  ;; a loop of value ops whose results feed each other and the next iteration; reductions,
  ;; lane moves and constant operands on both sides
  (func (export "loop") (param $a i32) (param $n i32) (result i64)
    (local $x v128) (local $y v128) (local $t i32)
    (local.set $x (i32x4.splat (local.get $a)))
    (local.set $y (v128.const i32x4 0x01020304 0x05060708 0x090a0b0c 0x0d0e0f10))
    (loop $next
      (local.set $x (i32x4.add (i32x4.mul (local.get $x) (v128.const i32x4 1103515245 3 5 7))
                               (local.get $y)))
      (local.set $y (i8x16.avgr_u (local.get $y) (i32x4.shr_u (local.get $x) (i32.const 3))))
      (local.set $x (i32x4.replace_lane 2 (local.get $x)
                      (i32.add (i32x4.extract_lane 1 (local.get $y)) (i8x16.bitmask (local.get $x)))))
      (local.set $y (i16x8.narrow_i32x4_s (local.get $y) (i32x4.max_u (local.get $x) (local.get $y))))
      (local.set $t (i32.add (local.get $t) (i32.add (v128.any_true (local.get $y)) (i32x4.all_true (local.get $x)))))
      (local.set $y (i64x2.shr_s (local.get $y) (local.get $t)))
      (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (i64.add (i64.extend_i32_u (local.get $t)) (call $fold (v128.xor (local.get $x) (local.get $y)))))

  ;; every v128 memory op but plain load and store (extend, splat, zero, load_lane, store_lane),
  ;; in a loop whose stores feed its loads, at addresses and offsets that walk memory; at the
  ;; memory's end each one traps where the interpreter's does (the same wasm offset)
  (func (export "memory") (param $a i32) (param $n i32) (result i64)
    (local $x v128) (local $y v128) (local $p i32)
    (local.set $x (v128.load8x8_s (local.get $a)))
    (loop $next
      (local.set $p (i32.add (local.get $a) (i32.and (local.get $n) (i32.const 15))))
      (local.set $x (i16x8.add (local.get $x) (v128.load8x8_u offset=3 (local.get $p))))
      (local.set $y (i32x4.add (local.get $y) (v128.load16x4_s offset=5 (local.get $p))))
      (local.set $y (v128.xor (local.get $y) (v128.load16x4_u offset=7 (local.get $p))))
      (local.set $x (i64x2.add (local.get $x) (v128.load32x2_s offset=1 (local.get $p))))
      (local.set $x (v128.xor (local.get $x) (v128.load32x2_u offset=2 (local.get $p))))
      (local.set $y (i8x16.add (local.get $y) (v128.load8_splat offset=9 (local.get $p))))
      (local.set $y (i16x8.add (local.get $y) (v128.load16_splat offset=11 (local.get $p))))
      (local.set $x (i32x4.add (local.get $x) (v128.load32_splat offset=13 (local.get $p))))
      (local.set $x (i64x2.add (local.get $x) (v128.load64_splat offset=15 (local.get $p))))
      (local.set $y (v128.xor (local.get $y) (v128.load32_zero offset=4 (local.get $p))))
      (local.set $y (i64x2.add (local.get $y) (v128.load64_zero offset=6 (local.get $p))))
      (local.set $x (v128.load8_lane offset=1 3 (local.get $p) (local.get $x)))
      (local.set $y (v128.load16_lane offset=2 5 (local.get $p) (local.get $y)))
      (local.set $x (v128.load32_lane offset=3 2 (local.get $p) (local.get $x)))
      (local.set $y (v128.load64_lane offset=4 1 (local.get $p) (local.get $y)))
      (local.set $x (v128.load32_lane 0 (local.get $p) (v128.const i32x4 1 2 3 4)))
      (v128.store8_lane offset=17 7 (local.get $p) (local.get $y))
      (v128.store16_lane offset=19 2 (local.get $p) (local.get $x))
      (v128.store32_lane offset=21 0 (local.get $p) (local.get $y))
      (v128.store32_lane offset=23 3 (local.get $p) (local.get $x))
      (v128.store64_lane offset=5 0 (local.get $p) (local.get $x))
      (v128.store64_lane offset=9 1 (local.get $p) (local.get $y))
      (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (i64.add (i64.load offset=8 (local.get $a)) (call $fold (v128.xor (local.get $x) (local.get $y))))))
