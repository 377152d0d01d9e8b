;; branches.wat: a br_table state machine with data-dependent if/else chains, br_if and short inner loops.
(module
  (memory (export "memory") 1)

  ;; character classes of a lexer: 0 punct, 1 digit, 2 symbol, 3 upper, 4 other
  (func $classify (param $x i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $x) (i32.const 48))
      (then (i32.const 0))
      (else
        (if (result i32) (i32.lt_u (local.get $x) (i32.const 58))
          (then (i32.const 1))
          (else
            (if (result i32) (i32.lt_u (local.get $x) (i32.const 65))
              (then (i32.const 2))
              (else
                (if (result i32) (i32.lt_u (local.get $x) (i32.const 91))
                  (then (i32.const 3))
                  (else (i32.const 4))))))))))

  (func $run (export "run") (param $n i32) (result i32)
    (local $i i32) (local $s i32) (local $state i32) (local $acc i32) (local $x i32)
    (local.set $s (i32.const 7))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s (i32.add (i32.mul (local.get $s) (i32.const 1103515245)) (i32.const 12345)))
        (local.set $x (i32.and (i32.shr_u (local.get $s) (i32.const 16)) (i32.const 127)))
        (block $end
          (block $s7 (block $s6 (block $s5 (block $s4 (block $s3 (block $s2 (block $s1 (block $s0
            (br_table $s0 $s1 $s2 $s3 $s4 $s5 $s6 $s7 $s0 (local.get $state)))
            ;; state 0: classify the byte
            (local.set $acc (i32.add (local.get $acc) (local.get $x)))
            (local.set $state (call $classify (local.get $x)))
            (br $end))
          ;; state 1: odd or even
          (if (i32.and (local.get $x) (i32.const 1))
            (then (local.set $acc (i32.xor (local.get $acc) (i32.shl (local.get $x) (i32.const 3))))
                  (local.set $state (i32.const 5)))
            (else (local.set $acc (i32.add (local.get $acc) (i32.const 1)))
                  (local.set $state (i32.const 2))))
          (br $end))
          ;; state 2: br_if out early
          (local.set $acc (i32.rotl (local.get $acc) (i32.const 1)))
          (local.set $state (i32.const 7))
          (br_if $end (i32.gt_u (local.get $x) (i32.const 100)))
          (local.set $state (i32.const 3))
          (br $end))
          ;; state 3: a data-dependent inner loop (bit length of x)
          (block $out
            (loop $bits
              (br_if $out (i32.eqz (local.get $x)))
              (local.set $x (i32.shr_u (local.get $x) (i32.const 1)))
              (local.set $acc (i32.add (local.get $acc) (i32.const 1)))
              (br $bits)))
          (local.set $state (i32.const 6))
          (br $end))
          ;; state 4: next state from the accumulator
          (local.set $acc (i32.sub (local.get $acc) (local.get $x)))
          (local.set $state (i32.and (i32.shr_u (local.get $acc) (i32.const 3)) (i32.const 7)))
          (br $end))
          ;; state 5: three-way split on x mod 3
          (local.set $x (i32.rem_u (local.get $x) (i32.const 3)))
          (if (i32.eqz (local.get $x))
            (then (local.set $state (i32.const 0)))
            (else
              (if (i32.eq (local.get $x) (i32.const 1))
                (then (local.set $state (i32.const 1))
                      (local.set $acc (i32.add (local.get $acc) (i32.const 17))))
                (else (local.set $state (i32.const 4))))))
          (br $end))
          ;; state 6
          (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 3)) (local.get $x)))
          (local.set $state (select (i32.const 0) (i32.const 7) (i32.and (local.get $x) (i32.const 1))))
          (br $end))
        ;; state 7
        (local.set $state (select (i32.const 1) (i32.const 4) (i32.lt_u (local.get $x) (i32.const 64))))
        (local.set $acc (i32.xor (local.get $acc) (local.get $state))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.xor (local.get $acc) (i32.shl (local.get $state) (i32.const 28))))

  ;; the benchmark run at the default size traps if the checksum is wrong
  (func (export "_start")
    (if (i32.ne (call $run (i32.const 20000000)) (i32.const 417685939))
      (then unreachable))))
