;; self.wat: calls of a function to itself in the optimising tier (tests/opt/selfcall.sh): the
;; arguments and the result in registers (docs/abi.md, "Direct calls"), arguments that trade
;; registers (a cycle), constants, a trap and a memory.grow deep in a recursion, a recursion
;; without end, a function that also tail-calls another (its calls to itself keep the slots).
(module
  (memory 1)
  (global $calls (mut i64) (i64.const 0))
  ;; fib as clang -O2 leaves it, with a counter in memory as suites/compute/fib.c has
  (func $fib (export "fib") (param $n i32) (result i64) (local $acc i64)
    (i64.store (i32.const 64) (i64.add (i64.load (i32.const 64)) (i64.const 1)))
    (if (i32.ge_s (local.get $n) (i32.const 2))
      (then (loop $l
        (local.set $acc (i64.add (local.get $acc) (call $fib (i32.sub (local.get $n) (i32.const 1)))))
        (local.set $n (i32.sub (local.get $n) (i32.const 2)))
        (br_if $l (i32.ge_s (local.get $n) (i32.const 2))))))
    (i64.add (local.get $acc) (i64.extend_i32_s (local.get $n))))
  (func (export "fibcalls") (param $n i32) (result i64)
    (i64.store (i32.const 64) (i64.const 0))
    (drop (call $fib (local.get $n)))
    (i64.load (i32.const 64)))
  ;; Takeuchi: three arguments, each call passing them rotated
  (func $tak (export "tak") (param $x i32) (param $y i32) (param $z i32) (result i32)
    (global.set $calls (i64.add (global.get $calls) (i64.const 1)))
    (if (result i32) (i32.lt_s (local.get $y) (local.get $x))
      (then (call $tak
        (call $tak (i32.sub (local.get $x) (i32.const 1)) (local.get $y) (local.get $z))
        (call $tak (i32.sub (local.get $y) (i32.const 1)) (local.get $z) (local.get $x))
        (call $tak (i32.sub (local.get $z) (i32.const 1)) (local.get $x) (local.get $y))))
      (else (local.get $z))))
  ;; the arguments swapped on every call, one of them a constant on the way down
  (func $swap (export "swap") (param $a i64) (param $b i64) (param $n i32) (result i64)
    (if (result i64) (i32.eqz (local.get $n))
      (then (i64.sub (i64.mul (local.get $a) (i64.const 3)) (local.get $b)))
      (else (i64.add
        (call $swap (local.get $b) (local.get $a) (i32.sub (local.get $n) (i32.const 1)))
        (call $swap (i64.const -7) (local.get $a) (i32.shr_u (local.get $n) (i32.const 1)))))))
  ;; a division deep in the recursion: traps there when d reaches 0 (d = n)
  (func $down (export "down") (param $n i32) (param $d i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.div_s (i32.const 1000) (local.get $d)))
      (else (i32.add (local.get $n) (call $down (i32.sub (local.get $n) (i32.const 1)) (i32.sub (local.get $d) (i32.const 1)))))))
  ;; memory.grow at the bottom, a store above the old end on the way back up (explicit bounds
  ;; reload the memory's size after each call)
  (func $grow (export "grow") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (memory.grow (i32.const 1)))
      (else
        (i32.store (i32.add (i32.const 65536) (i32.mul (local.get $n) (i32.const 4)))
          (i32.add (call $grow (i32.sub (local.get $n) (i32.const 1))) (local.get $n)))
        (i32.load (i32.add (i32.const 65536) (i32.mul (local.get $n) (i32.const 4)))))))
  ;; no end: the native-stack check traps, never a signal
  (func $forever (export "forever") (param $n i32) (result i32)
    (i32.add (call $forever (i32.add (local.get $n) (i32.const 1))) (i32.const 1)))
  ;; a tail call to another function beside a call to itself
  (func $half (param $n i32) (result i32) (i32.shr_u (local.get $n) (i32.const 1)))
  (func $mixed (export "mixed") (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (return_call $half (i32.add (local.get $n) (i32.const 10))))
      (else (i32.add (call $mixed (i32.sub (local.get $n) (i32.const 1))) (call $mixed (i32.sub (local.get $n) (i32.const 2)))))))
  ;; an unused parameter, and a void function that calls itself
  (func $skip (export "skip") (param $unused i32) (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n)) (then (i32.const 5))
      (else (i32.mul (call $skip (i32.const 99) (i32.sub (local.get $n) (i32.const 1))) (i32.const 3)))))
  (func $fill (param $n i32)
    (if (local.get $n) (then
      (i32.store (i32.mul (local.get $n) (i32.const 4)) (local.get $n))
      (call $fill (i32.sub (local.get $n) (i32.const 1))))))
  (func (export "fill") (param $n i32) (result i32)
    (call $fill (local.get $n))
    (i32.add (i32.load (i32.const 4)) (i32.load (i32.mul (local.get $n) (i32.const 4)))))
  (func (export "takcalls") (param $x i32) (param $y i32) (param $z i32) (result i64)
    (global.set $calls (i64.const 0))
    (drop (call $tak (local.get $x) (local.get $y) (local.get $z)))
    (global.get $calls))
)
