;; bulkmem.wat: memory.grow, memory.fill and memory.copy (disjoint and overlapping in both directions).
(module
  (memory (export "memory") 1 32)

  (func $run (export "run") (param $n i32) (result i32)
    (local $i i32) (local $k i32) (local $s i32) (local $len i32) (local $src i32) (local $dst i32) (local $acc i32)
    ;; at least 17 pages: the first call grows the memory, later calls find it grown
    (if (i32.lt_u (memory.size) (i32.const 17))
      (then (drop (memory.grow (i32.sub (i32.const 17) (memory.size))))))
    ;; the source page: 256 stripes of 256 bytes, each one value
    (block $filled
      (loop $stripe
        (memory.fill (i32.shl (local.get $k) (i32.const 8))
                     (i32.and (i32.mul (local.get $k) (i32.const 37)) (i32.const 255))
                     (i32.const 256))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br_if $stripe (i32.lt_u (local.get $k) (i32.const 256)))))
    (local.set $s (i32.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s (i32.add (i32.mul (local.get $s) (i32.const 1664525)) (i32.const 1013904223)))
        (local.set $len (i32.add (i32.const 256) (i32.and (local.get $s) (i32.const 4095))))
        (local.set $src (i32.and (i32.shr_u (local.get $s) (i32.const 8)) (i32.const 0x7fff)))
        (local.set $dst (i32.add (i32.const 65536) (i32.and (i32.shr_u (local.get $s) (i32.const 4)) (i32.const 0x3ffff))))
        (memory.fill (local.get $dst) (local.get $i) (local.get $len))
        (memory.copy (i32.add (local.get $dst) (i32.const 7)) (local.get $src) (local.get $len))
        ;; overlapping: forward (destination above source), then backward
        (memory.copy (i32.add (local.get $dst) (i32.const 3)) (local.get $dst) (local.get $len))
        (memory.copy (local.get $dst) (i32.add (local.get $dst) (i32.const 5)) (local.get $len))
        (local.set $acc (i32.add (local.get $acc)
          (i32.add (i32.load8_u (i32.add (local.get $dst) (i32.rem_u (local.get $i) (local.get $len))))
                   (i32.load (local.get $dst)))))
        (local.set $acc (i32.rotl (local.get $acc) (i32.const 1)))
        ;; now and then ask for one more page; past the maximum of 32 this returns -1
        (if (i32.eqz (i32.and (local.get $i) (i32.const 255)))
          (then (drop (memory.grow (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $acc))

  ;; the benchmark run at the default size traps if the checksum is wrong
  (func (export "_start")
    (if (i32.ne (call $run (i32.const 1500000)) (i32.const -2144721621))
      (then unreachable))))
