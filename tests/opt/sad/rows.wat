;; rows.wat: sums of absolute byte differences over rows of 16 bytes (simd.c's SAD), for
;; tests/opt/sad.sh: each against the interpreter, at the row counts where opt/sad.c's psadbw
;; form still holds and one past it, where a psadbw lane would wrap and the pass must not apply.
(module
  (memory 1)
  ;; bytes 0..4095: a, 4096..8191: b, filled by fill
  (func (export "fill") (param $seed i32) (param $mode i32)
    (local $i i32)
    (loop $l
      ;; mode 0: a = 255, b = 0 (every difference the largest); 1: b = 255, a = 0; else a hash
      (i32.store8 (local.get $i)
        (if (result i32) (i32.eqz (local.get $mode)) (then (i32.const 255))
          (else (if (result i32) (i32.eq (local.get $mode) (i32.const 1)) (then (i32.const 0))
            (else (i32.shr_u (i32.mul (i32.add (local.get $i) (local.get $seed)) (i32.const 0x9E3779B1)) (i32.const 24)))))))
      (i32.store8 offset=4096 (local.get $i)
        (if (result i32) (i32.eqz (local.get $mode)) (then (i32.const 0))
          (else (if (result i32) (i32.eq (local.get $mode) (i32.const 1)) (then (i32.const 255))
            (else (i32.shr_u (i32.mul (i32.xor (local.get $i) (local.get $seed)) (i32.const 0x85EBCA6B)) (i32.const 24)))))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 4096)))))

  ;; the whole sum of the rows at p and p + 4096: 32 rows, one widen each (32 * 2040 fits a lane)
  (func $sum32 (export "sum32") (param $p i32) (result i32)
    (local $y i32) (local $acc v128) (local $a v128) (local $b v128) (local $s v128)
    (loop $l
      (local.set $a (v128.load (i32.add (local.get $p) (local.get $y))))
      (local.set $b (v128.load offset=4096 (i32.add (local.get $p) (local.get $y))))
      (local.set $acc (i16x8.add (local.get $acc) (i16x8.extadd_pairwise_i8x16_u
        (v128.or (i8x16.sub_sat_u (local.get $a) (local.get $b)) (i8x16.sub_sat_u (local.get $b) (local.get $a))))))
      (br_if $l (i32.ne (local.tee $y (i32.add (local.get $y) (i32.const 16))) (i32.const 512))))
    (local.set $s (i32x4.extadd_pairwise_i16x8_u (local.get $acc)))
    (i32.add (i32.add (i32x4.extract_lane 0 (local.get $s)) (i32x4.extract_lane 1 (local.get $s)))
             (i32.add (i32x4.extract_lane 2 (local.get $s)) (i32x4.extract_lane 3 (local.get $s)))))

  ;; 33 rows: a psadbw lane would reach 33 * 2040 = 67320 and wrap; the 16-bit pairs (33 * 510) do not
  (func $sum33 (export "sum33") (param $p i32) (result i32)
    (local $y i32) (local $acc v128) (local $a v128) (local $b v128) (local $s v128)
    (loop $l
      (local.set $a (v128.load (i32.add (local.get $p) (local.get $y))))
      (local.set $b (v128.load offset=4096 (i32.add (local.get $p) (local.get $y))))
      (local.set $acc (i16x8.add (local.get $acc) (i16x8.extadd_pairwise_i8x16_u
        (v128.or (i8x16.sub_sat_u (local.get $a) (local.get $b)) (i8x16.sub_sat_u (local.get $b) (local.get $a))))))
      (br_if $l (i32.ne (local.tee $y (i32.add (local.get $y) (i32.const 16))) (i32.const 528))))
    (local.set $s (i32x4.extadd_pairwise_i16x8_u (local.get $acc)))
    (i32.add (i32.add (i32x4.extract_lane 0 (local.get $s)) (i32x4.extract_lane 1 (local.get $s)))
             (i32.add (i32x4.extract_lane 2 (local.get $s)) (i32x4.extract_lane 3 (local.get $s)))))

  ;; two rows an iteration, 16 iterations, |a - b| as max - min: 32 widens, at the limit
  (func $pairs (export "pairs") (param $p i32) (result i32)
    (local $y i32) (local $acc v128) (local $a v128) (local $b v128) (local $c v128) (local $d v128) (local $s v128)
    (loop $l
      (local.set $a (v128.load (i32.add (local.get $p) (local.get $y))))
      (local.set $b (v128.load offset=4096 (i32.add (local.get $p) (local.get $y))))
      (local.set $c (v128.load offset=16 (i32.add (local.get $p) (local.get $y))))
      (local.set $d (v128.load offset=4112 (i32.add (local.get $p) (local.get $y))))
      (local.set $acc (i16x8.add
        (i16x8.extadd_pairwise_i8x16_u (i8x16.sub (i8x16.max_u (local.get $a) (local.get $b)) (i8x16.min_u (local.get $a) (local.get $b))))
        (i16x8.add (local.get $acc) (i16x8.extadd_pairwise_i8x16_u
          (v128.or (i8x16.sub_sat_u (local.get $d) (local.get $c)) (i8x16.sub_sat_u (local.get $c) (local.get $d)))))))
      (br_if $l (i32.ne (local.tee $y (i32.add (local.get $y) (i32.const 32))) (i32.const 512))))
    (local.set $s (i32x4.extadd_pairwise_i16x8_u (local.get $acc)))
    (i32.add (i32.add (i32x4.extract_lane 0 (local.get $s)) (i32x4.extract_lane 1 (local.get $s)))
             (i32.add (i32x4.extract_lane 2 (local.get $s)) (i32x4.extract_lane 3 (local.get $s)))))

  ;; the accumulator's lanes read one by one: the lanes matter, no psadbw
  (func $lanes (export "lanes") (param $p i32) (result i32)
    (local $y i32) (local $acc v128) (local $a v128) (local $b v128)
    (loop $l
      (local.set $a (v128.load (i32.add (local.get $p) (local.get $y))))
      (local.set $b (v128.load offset=4096 (i32.add (local.get $p) (local.get $y))))
      (local.set $acc (i16x8.add (local.get $acc) (i16x8.extadd_pairwise_i8x16_u
        (v128.or (i8x16.sub_sat_u (local.get $a) (local.get $b)) (i8x16.sub_sat_u (local.get $b) (local.get $a))))))
      (br_if $l (i32.ne (local.tee $y (i32.add (local.get $y) (i32.const 16))) (i32.const 64))))
    (i32.add (i32x4.extract_lane 0 (local.get $acc)) (i32.mul (i32x4.extract_lane 3 (local.get $acc)) (i32.const 3))))

  ;; a run of all four, for one answer per fill
  (func (export "all") (param $seed i32) (param $mode i32) (param $p i32) (result i32)
    (call 0 (local.get $seed) (local.get $mode))
    (i32.xor (i32.xor (call $sum32 (local.get $p)) (i32.mul (call $sum33 (local.get $p)) (i32.const 31)))
             (i32.xor (i32.mul (call $pairs (local.get $p)) (i32.const 961)) (i32.mul (call $lanes (local.get $p)) (i32.const 29791))))))
