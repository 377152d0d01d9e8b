;; cpu_features.wat: one export per instruction the baseline picks by CPU feature (lzcnt, tzcnt,
;; popcnt, BMI2 shifts, SSE4.1 rounding and SIMD, SSSE3 shuffles, SSE4.2 compares, AVX2
;; broadcasts), each taking and returning scalars so every configuration's answers can be
;; compared; tests/baseline/cpu_features.sh runs them with features switched off.
(module
  (func (export "clz32") (param i32) (result i32) (i32.clz (local.get 0)))
  (func (export "clz64") (param i64) (result i64) (i64.clz (local.get 0)))
  (func (export "ctz32") (param i32) (result i32) (i32.ctz (local.get 0)))
  (func (export "ctz64") (param i64) (result i64) (i64.ctz (local.get 0)))
  (func (export "popcnt32") (param i32) (result i32) (i32.popcnt (local.get 0)))
  (func (export "popcnt64") (param i64) (result i64) (i64.popcnt (local.get 0)))
  ;; shifts by a count in a register: shlx/sarx/shrx with BMI2, cl otherwise
  (func (export "shifts32") (param i32 i32) (result i32)
    (i32.xor (i32.xor (i32.shl (local.get 0) (local.get 1)) (i32.shr_s (local.get 0) (local.get 1)))
             (i32.xor (i32.shr_u (local.get 0) (local.get 1)) (i32.rotl (local.get 0) (local.get 1)))))
  (func (export "shifts64") (param i64 i64) (result i64)
    (i64.xor (i64.xor (i64.shl (local.get 0) (local.get 1)) (i64.shr_s (local.get 0) (local.get 1)))
             (i64.xor (i64.shr_u (local.get 0) (local.get 1)) (i64.rotr (local.get 0) (local.get 1)))))
  ;; roundss/roundsd (SSE4.1)
  (func (export "round32") (param f32) (result f32)
    (f32.add (f32.add (f32.floor (local.get 0)) (f32.ceil (local.get 0)))
             (f32.mul (f32.trunc (local.get 0)) (f32.nearest (local.get 0)))))
  (func (export "round64") (param f64) (result f64)
    (f64.add (f64.add (f64.floor (local.get 0)) (f64.ceil (local.get 0)))
             (f64.mul (f64.trunc (local.get 0)) (f64.nearest (local.get 0)))))
  ;; splats: vpbroadcast with AVX2, pshufb/pshufd/movddup without
  (func (export "splat8") (param i32) (result i32)
    (i32.add (i8x16.extract_lane_u 15 (i8x16.splat (local.get 0)))
             (i8x16.bitmask (i8x16.splat (local.get 0)))))
  (func (export "splat16") (param i32) (result i32) (i16x8.extract_lane_s 7 (i16x8.splat (local.get 0))))
  (func (export "splat32") (param i32) (result i32) (i32x4.extract_lane 3 (i32x4.splat (local.get 0))))
  (func (export "splat64") (param i64) (result i64) (i64x2.extract_lane 1 (i64x2.splat (local.get 0))))
  (func (export "splatf32") (param f32) (result f32) (f32x4.extract_lane 2 (f32x4.splat (local.get 0))))
  (func (export "splatf64") (param f64) (result f64) (f64x2.extract_lane 1 (f64x2.splat (local.get 0))))
  ;; SSE4.1: pminsd, pmaxud, pmulld, pcmpeqq, pextr/pinsr, ptest (all_true), pmovsx
  (func (export "sse41") (param i32 i32) (result i32)
    (local v128)
    (local.set 2 (i32x4.replace_lane 1 (i32x4.splat (local.get 0)) (local.get 1)))
    (i32.add
      (i32.add (i32x4.extract_lane 1 (i32x4.min_s (local.get 2) (i32x4.splat (i32.const -7))))
               (i32x4.extract_lane 0 (i32x4.max_u (local.get 2) (i32x4.splat (i32.const 9)))))
      (i32.add
        (i32.add (i32x4.extract_lane 1 (i32x4.mul (local.get 2) (local.get 2)))
                 (i32x4.all_true (local.get 2)))
        (i32.add (i64x2.bitmask (i64x2.eq (i64x2.extend_low_i32x4_s (local.get 2))
                                          (i64x2.splat (i64.extend_i32_s (local.get 0)))))
                 (i8x16.extract_lane_s 4 (i8x16.min_s (local.get 2) (i8x16.splat (local.get 1))))))))
  ;; SSSE3: pshufb (swizzle), pabsb, pmulhrsw (q15mulr)
  (func (export "ssse3") (param i32 i32) (result i32)
    (local v128)
    (local.set 2 (i32x4.replace_lane 2 (i32x4.splat (local.get 0)) (local.get 1)))
    (i32.add
      (i32.add (i8x16.extract_lane_u 0 (i8x16.swizzle (local.get 2) (i8x16.splat (i32.const 9))))
               (i8x16.extract_lane_u 8 (i8x16.abs (local.get 2))))
      (i16x8.extract_lane_s 4 (i16x8.q15mulr_sat_s (local.get 2) (local.get 2)))))
  ;; SSE4.2: pcmpgtq
  (func (export "sse42") (param i64 i64) (result i32)
    (i64x2.bitmask (i64x2.gt_s (i64x2.replace_lane 1 (i64x2.splat (local.get 0)) (local.get 1))
                               (i64x2.splat (i64.const 5)))))
)
