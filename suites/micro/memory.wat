;; memory.wat: loads and stores of every width, sequential and scattered, with constant offsets.
(module
  (memory (export "memory") 1)

  ;; fill the first 64 KiB with a known pattern (an explicit store loop, not memory.fill)
  (func $init
    (local $a i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $a) (i32.const 65536)))
        (i32.store (local.get $a) (i32.mul (local.get $a) (i32.const 0x01000193)))
        (local.set $a (i32.add (local.get $a) (i32.const 4)))
        (br $next))))

  (func $run (export "run") (param $n i32) (result i32)
    (local $i i32) (local $a i32) (local $b i32) (local $acc i32) (local $acc64 i64) (local $k i32)
    (call $init)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        ;; scattered: a multiplicative hash of i gives the word address
        (local.set $a (i32.and (i32.mul (local.get $i) (i32.const 0x9e3779b1)) (i32.const 0xfff0)))
        (local.set $acc (i32.add (local.get $acc) (i32.load offset=4 (local.get $a))))
        (i32.store offset=8 (local.get $a) (i32.xor (local.get $acc) (local.get $i)))
        (local.set $acc (i32.xor (local.get $acc) (i32.load8_u offset=3 (local.get $a))))
        (local.set $acc (i32.add (local.get $acc) (i32.load16_s offset=6 (local.get $a))))
        (i32.store8 offset=1 (local.get $a) (local.get $acc))
        (i32.store16 offset=12 (local.get $a) (local.get $i))
        (local.set $acc64
          (i64.add (local.get $acc64) (i64.load offset=8 (i32.and (i32.add (local.get $a) (i32.const 24)) (i32.const 0xffe8)))))
        (i64.store32 (local.get $b) (local.get $acc64))
        ;; sequential: a short running-sum sweep over 16 words after b
        (local.set $k (i32.const 0))
        (block $swept
          (loop $sweep
            (i32.store offset=4 (local.get $b)
              (i32.add (i32.load (local.get $b)) (i32.load offset=4 (local.get $b))))
            (local.set $b (i32.and (i32.add (local.get $b) (i32.const 4)) (i32.const 0x7ffc)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br_if $sweep (i32.lt_u (local.get $k) (i32.const 16)))))
        (local.set $acc (i32.add (local.get $acc) (i32.load8_s (local.get $b))))
        (local.set $acc64 (i64.xor (local.get $acc64) (i64.load16_u offset=2 (local.get $b))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.xor (local.get $acc) (i32.wrap_i64 (i64.xor (local.get $acc64) (i64.shr_u (local.get $acc64) (i64.const 29))))))

  ;; the benchmark run at the default size traps if the checksum is wrong
  (func (export "_start")
    (if (i32.ne (call $run (i32.const 6000000)) (i32.const 1912950174))
      (then unreachable))))
