;; between.wat: calls between functions in the optimising tier (tests/opt/calls.sh): direct calls
;; to code compiled first, a recursion through two functions, tail calls, traps in a callee, a
;; callee that grows the memory (explicit bounds reload r14), and a function never called.
(module
  (memory 1)
  (func $leaf (param $x i32) (result i32) (i32.add (i32.mul (local.get $x) (i32.const 3)) (i32.const 1)))
  (func $mid (param $x i32) (result i32) (i32.xor (call $leaf (local.get $x)) (call $leaf (i32.const 7))))
  ;; a loop of direct calls
  (func (export "loop") (param $n i32) (result i32) (local $acc i32)
    (block $out (loop $top
      (br_if $out (i32.eqz (local.get $n)))
      (local.set $acc (i32.add (local.get $acc) (call $mid (local.get $n))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $top)))
    (local.get $acc))
  ;; even/odd: a recursion through two functions (one of the calls stays on the table)
  (func $even (export "even") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n)) (then (i32.const 1)) (else (call $odd (i32.sub (local.get $n) (i32.const 1))))))
  (func $odd (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n)) (then (i32.const 0)) (else (call $even (i32.sub (local.get $n) (i32.const 1))))))
  ;; tail calls through two functions, deeper than any stack
  (func $ping (export "ping") (param $n i32) (param $acc i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n)) (then (local.get $acc))
      (else (return_call $pong (i32.sub (local.get $n) (i32.const 1)) (i32.add (local.get $acc) (i32.const 2))))))
  (func $pong (param $n i32) (param $acc i32) (result i32)
    (return_call $ping (local.get $n) (i32.sub (local.get $acc) (i32.const 1))))
  ;; a trap in a directly called function: its kind and place are the callee's
  (func $divide (param $a i32) (param $b i32) (result i32) (i32.div_s (local.get $a) (local.get $b)))
  (func (export "divide") (param $a i32) (param $b i32) (result i32)
    (i32.add (call $divide (local.get $a) (local.get $b)) (i32.const 1)))
  ;; the callee grows the memory; the caller then stores past the old end
  (func $grow (result i32) (memory.grow (i32.const 1)))
  (func (export "grow_store") (param $v i32) (result i32)
    (drop (call $grow))
    (i32.store (i32.const 65540) (local.get $v))
    (i32.load (i32.const 65540)))
  ;; unbounded recursion through two functions: call stack exhausted
  (func $down (export "down") (param $n i32) (result i32) (i32.add (call $up (local.get $n)) (i32.const 1)))
  (func $up (param $n i32) (result i32) (i32.add (call $down (i32.add (local.get $n) (i32.const 1))) (i32.const 1)))
  ;; reachable from "cold" only where it never goes: compiled ahead all the same
  (func $never (param $x i32) (result i32) (i32.mul (local.get $x) (local.get $x)))
  (func (export "cold") (param $x i32) (result i32)
    (if (result i32) (i32.eq (local.get $x) (i32.const 123456)) (then (call $never (local.get $x))) (else (local.get $x))))
)
