;; floatarith.wat: f64 and f32 arithmetic: add/mul/div/sqrt, min/max, abs/neg, rounding, int conversions.
(module
  (memory (export "memory") 1)

  (func $run (export "run") (param $n i32) (result i32)
    (local $i i32) (local $bits i32)
    (local $x f64) (local $y f64) (local $z f64) (local $p f64) (local $acc f64)
    (local $f f32) (local $g f32)
    (local.set $x (f64.const 0.5))
    (local.set $y (f64.const 1.25))
    (local.set $f (f32.const 1.5))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        ;; a logistic map keeps x in (0, 1) and chaotic
        (local.set $x (f64.mul (f64.mul (f64.const 3.9999) (local.get $x))
                               (f64.sub (f64.const 1) (local.get $x))))
        ;; one Newton step toward sqrt(2 + x), compared with f64.sqrt
        (local.set $z (f64.add (f64.const 2) (local.get $x)))
        (local.set $y (f64.mul (f64.const 0.5) (f64.add (local.get $y) (f64.div (local.get $z) (local.get $y)))))
        (local.set $acc (f64.add (local.get $acc) (f64.abs (f64.sub (local.get $y) (f64.sqrt (local.get $z))))))
        ;; a cubic by Horner's rule
        (local.set $p (f64.add (f64.mul (f64.add (f64.mul (f64.add (f64.mul (local.get $x)
                        (f64.const -0.375)) (f64.const 1.5)) (local.get $x)) (f64.const -2.25)) (local.get $x))
                        (f64.const 0.875)))
        (local.set $acc (f64.add (local.get $acc)
          (f64.max (f64.min (local.get $p) (f64.const 0.5)) (f64.neg (local.get $x)))))
        ;; rounding and int conversions
        (local.set $bits (i32.add (local.get $bits)
          (i32.trunc_sat_f64_s (f64.mul (local.get $p) (f64.const 1000)))))
        (local.set $acc (f64.add (local.get $acc)
          (f64.mul (f64.sub (f64.nearest (f64.mul (local.get $x) (f64.const 10))) (f64.floor (f64.mul (local.get $x) (f64.const 10))))
                   (f64.const 0.125))))
        (local.set $acc (f64.add (local.get $acc) (f64.convert_i32_u (i32.and (local.get $i) (i32.const 7)))))
        ;; f32: a damped rotation, with copysign and ceil
        (local.set $g (f32.demote_f64 (local.get $x)))
        (local.set $f (f32.add (f32.mul (local.get $f) (f32.const 0.999)) (f32.mul (local.get $g) (f32.const 0.01))))
        (local.set $f (f32.copysign (local.get $f) (f32.sub (local.get $g) (f32.const 0.5))))
        (local.set $bits (i32.xor (local.get $bits)
          (i32.trunc_sat_f32_s (f32.ceil (f32.mul (local.get $f) (f32.const 100))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.xor (i32.xor (local.get $bits) (i32.reinterpret_f32 (local.get $f)))
      (i32.wrap_i64 (i64.xor (i64.reinterpret_f64 (local.get $acc))
                             (i64.shr_u (i64.reinterpret_f64 (local.get $acc)) (i64.const 32))))))

  ;; the benchmark run at the default size traps if the checksum is wrong
  (func (export "_start")
    (if (i32.ne (call $run (i32.const 15000000)) (i32.const 1237267569))
      (then unreachable))))
