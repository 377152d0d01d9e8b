;; intarith.wat: i32 and i64 integer arithmetic: mul, div/rem, shifts, rotates, bit counts, sign extension.
(module
  (memory (export "memory") 1)

  (func $run (export "run") (param $n i32) (result i32)
    (local $i i32) (local $y i32) (local $acc i32)
    (local $x i64) (local $r i64) (local $acc64 i64)
    (local.set $x (i64.const 0x9E3779B97F4A7C15))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        ;; xorshift64*
        (local.set $x (i64.xor (local.get $x) (i64.shr_u (local.get $x) (i64.const 12))))
        (local.set $x (i64.xor (local.get $x) (i64.shl (local.get $x) (i64.const 25))))
        (local.set $x (i64.xor (local.get $x) (i64.shr_u (local.get $x) (i64.const 27))))
        (local.set $r (i64.mul (local.get $x) (i64.const 0x2545F4914F6CDD1D)))
        (local.set $y (i32.wrap_i64 (i64.shr_u (local.get $r) (i64.const 32))))
        ;; i32
        (local.set $acc (i32.add (local.get $acc)
          (i32.mul (local.get $y) (i32.or (local.get $i) (i32.const 1)))))
        (local.set $acc (i32.rotr (local.get $acc) (i32.const 7)))
        (local.set $acc (i32.add (local.get $acc)
          (i32.div_u (local.get $y) (i32.or (i32.and (local.get $i) (i32.const 0xff)) (i32.const 1)))))
        (local.set $acc (i32.sub (local.get $acc)
          (i32.rem_s (i32.wrap_i64 (local.get $r)) (i32.or (i32.and (local.get $y) (i32.const 0x7fff)) (i32.const 1)))))
        (local.set $acc (i32.add (local.get $acc)
          (i32.add (i32.add (i32.clz (local.get $y)) (i32.ctz (i32.or (local.get $y) (i32.const 0x10000))))
                   (i32.popcnt (local.get $acc)))))
        (local.set $acc (i32.xor (local.get $acc)
          (i32.add (i32.extend8_s (local.get $y)) (i32.extend16_s (i32.shr_u (local.get $y) (i32.const 8))))))
        (local.set $acc (i32.add (local.get $acc)
          (i32.div_s (i32.shr_s (local.get $y) (local.get $i)) (i32.or (i32.and (local.get $acc) (i32.const 0x3ff)) (i32.const 3)))))
        ;; i64
        (local.set $acc64 (i64.add (local.get $acc64)
          (i64.div_s (local.get $r) (i64.extend_i32_u (i32.or (local.get $y) (i32.const 1))))))
        (local.set $acc64 (i64.xor (local.get $acc64)
          (i64.rotl (local.get $r) (i64.extend_i32_u (local.get $i)))))
        (local.set $acc64 (i64.add (local.get $acc64)
          (i64.add (i64.clz (local.get $acc64)) (i64.popcnt (local.get $x)))))
        (local.set $acc64 (i64.sub (local.get $acc64)
          (i64.rem_u (local.get $acc64) (i64.or (i64.shr_u (local.get $r) (i64.const 40)) (i64.const 1)))))
        (local.set $acc64 (i64.add (local.get $acc64) (i64.extend32_s (local.get $acc64))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.xor (local.get $acc)
      (i32.wrap_i64 (i64.xor (local.get $acc64) (i64.shr_u (local.get $acc64) (i64.const 32))))))

  ;; the benchmark run at the default size traps if the checksum is wrong
  (func (export "_start")
    (if (i32.ne (call $run (i32.const 15000000)) (i32.const -558107748))
      (then unreachable))))
