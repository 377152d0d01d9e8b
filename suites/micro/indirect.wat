;; indirect.wat: call_indirect through a table of two signatures, targets chosen by a pseudo-random sequence.
(module
  (memory (export "memory") 1)
  (type $bin (func (param i32 i32) (result i32)))
  (type $un (func (param i32) (result i32)))
  (table 12 funcref)
  ;; slots 0-7: $bin, slots 8-11: $un
  (elem (i32.const 0) $add $sub $xor $mul $rotl $andn $avg $max $neg $bswap $sq $inc)

  (func $add (type $bin) (i32.add (local.get 0) (local.get 1)))
  (func $sub (type $bin) (i32.sub (local.get 0) (local.get 1)))
  (func $xor (type $bin) (i32.xor (local.get 0) (local.get 1)))
  (func $mul (type $bin) (i32.mul (local.get 0) (i32.or (local.get 1) (i32.const 1))))
  (func $rotl (type $bin) (i32.rotl (local.get 0) (local.get 1)))
  (func $andn (type $bin) (i32.and (local.get 0) (i32.xor (local.get 1) (i32.const -1))))
  (func $avg (type $bin) (i32.add (i32.shr_u (local.get 0) (i32.const 1)) (i32.shr_u (local.get 1) (i32.const 1))))
  (func $max (type $bin) (select (local.get 0) (local.get 1) (i32.gt_u (local.get 0) (local.get 1))))
  (func $neg (type $un) (i32.sub (i32.const 0) (local.get 0)))
  (func $bswap (type $un)
    (i32.or
      (i32.or (i32.shl (local.get 0) (i32.const 24))
              (i32.shl (i32.and (local.get 0) (i32.const 0xff00)) (i32.const 8)))
      (i32.or (i32.and (i32.shr_u (local.get 0) (i32.const 8)) (i32.const 0xff00))
              (i32.shr_u (local.get 0) (i32.const 24)))))
  (func $sq (type $un) (i32.add (i32.mul (local.get 0) (local.get 0)) (i32.const 0x9e3779b9)))
  (func $inc (type $un) (i32.add (local.get 0) (i32.const 1)))

  (func $run (export "run") (param $n i32) (result i32)
    (local $i i32) (local $acc i32) (local $s i32)
    (local.set $acc (i32.const 0x12345))
    (local.set $s (i32.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        ;; xorshift32 picks the targets
        (local.set $s (i32.xor (local.get $s) (i32.shl (local.get $s) (i32.const 13))))
        (local.set $s (i32.xor (local.get $s) (i32.shr_u (local.get $s) (i32.const 17))))
        (local.set $s (i32.xor (local.get $s) (i32.shl (local.get $s) (i32.const 5))))
        (local.set $acc
          (call_indirect (type $bin) (local.get $acc) (local.get $i)
            (i32.and (local.get $s) (i32.const 7))))
        (local.set $acc
          (call_indirect (type $un) (local.get $acc)
            (i32.add (i32.const 8) (i32.and (i32.shr_u (local.get $s) (i32.const 8)) (i32.const 3)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $acc))

  ;; the benchmark run at the default size traps if the checksum is wrong
  (func (export "_start")
    (if (i32.ne (call $run (i32.const 10000000)) (i32.const 445387242))
      (then unreachable))))
