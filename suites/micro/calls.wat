;; calls.wat: direct calls: small leaf functions of several arities, a call chain, and shallow recursion.
(module
  (memory (export "memory") 1)

  (func $mix (param $a i32) (param $b i32) (result i32)
    (i32.add (i32.mul (local.get $a) (i32.const 31)) (local.get $b)))

  (func $rot5 (param $x i32) (result i32)
    (i32.rotl (local.get $x) (i32.const 5)))

  (func $leaf3 (param $a i32) (param $b i32) (param $c i32) (result i32)
    (i32.xor (call $mix (local.get $a) (local.get $b)) (local.get $c)))

  (func $wide (param i32 i64 i32 i64 i32 i32) (result i64)
    (i64.add
      (i64.add (i64.extend_i32_u (local.get 0)) (local.get 1))
      (i64.add (i64.mul (local.get 3) (i64.extend_i32_s (local.get 2)))
               (i64.extend_i32_u (i32.sub (local.get 4) (local.get 5))))))

  ;; one iteration: four calls below this one
  (func $step (param $acc i32) (param $i i32) (result i32)
    (call $leaf3
      (call $rot5 (local.get $acc))
      (local.get $i)
      (call $mix (local.get $i) (i32.const 7))))

  ;; depth(k) = k, by k nested calls
  (func $depth (param $k i32) (result i32)
    (if (result i32) (i32.eqz (local.get $k))
      (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $depth (i32.sub (local.get $k) (i32.const 1)))))))

  (func $run (export "run") (param $n i32) (result i32)
    (local $i i32) (local $acc i32) (local $wide i64)
    (local.set $acc (i32.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc (call $step (local.get $acc) (local.get $i)))
        (local.set $wide
          (call $wide (local.get $acc) (local.get $wide) (local.get $i)
                      (i64.const 3) (local.get $n) (local.get $i)))
        ;; every 16th iteration: a recursion 0..31 deep
        (if (i32.eqz (i32.and (local.get $i) (i32.const 15)))
          (then (local.set $acc
                  (i32.add (local.get $acc)
                    (call $depth (i32.and (i32.shr_u (local.get $i) (i32.const 4)) (i32.const 31)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.xor (local.get $acc) (i32.wrap_i64 (i64.xor (local.get $wide) (i64.shr_u (local.get $wide) (i64.const 32))))))

  ;; the benchmark run at the default size traps if the checksum is wrong
  (func (export "_start")
    (if (i32.ne (call $run (i32.const 10000000)) (i32.const -2061243372))
      (then unreachable))))
