;; tailrec.wat: self tail calls into loops (opt/tailrec.c): in a linear recursion (every self call
;; a site, one through an operation), a call to itself returned directly, or through an i32/i64 add, mul, and, or, xor with a
;; value from before the call, becomes a jump to a loop header after the entry whose parameters are
;; the function's, the accumulator (the operation's identity at entry) and a counter of jumps left
;; (64); the call stays for when the counter is spent, and every return gives acc OP its value.
;; Not a tree recursion (fib, tak), plain tail calls alone, a sub, a float add, a call whose
;; result is used otherwise, nor a function holding a return_call.
(module
  (func $fib (export "fib") (param $n i32) (result i64)
    (if (result i64) (i32.lt_s (local.get $n) (i32.const 2))
      (then (i64.extend_i32_s (local.get $n)))
      (else (i64.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                     (call $fib (i32.sub (local.get $n) (i32.const 2)))))))
  ;; a tree recursion (another self call in the loop) is left alone: most activations end within
  ;; a jump or two, and the loop's parameters cost each more than the calls saved
  ;; RUN: --func fib --after tailrec
  ;; CHECK-COUNT-0: loop header
  ;; CHECK-COUNT-0: const 64
  ;; CHECK-COUNT-2: = call f0 <fib>

  (func $tak (export "tak") (param $x i32) (param $y i32) (param $z i32) (result i32)
    (if (result i32) (i32.lt_s (local.get $y) (local.get $x))
      (then (return (call $tak
        (call $tak (i32.sub (local.get $x) (i32.const 1)) (local.get $y) (local.get $z))
        (call $tak (i32.sub (local.get $y) (i32.const 1)) (local.get $z) (local.get $x))
        (call $tak (i32.sub (local.get $z) (i32.const 1)) (local.get $x) (local.get $y)))))
      (else (local.get $z))))
  ;; RUN: --func tak --after tailrec
  ;; CHECK-COUNT-0: loop header
  ;; CHECK-COUNT-4: = call f1 <tak>

  (func $count (export "count") (param $n i32) (param $acc i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n)) (then (local.get $acc))
      (else (call $count (i32.sub (local.get $n) (i32.const 1)) (i32.add (local.get $acc) (local.get $n))))))
  ;; a linear recursion of plain tail calls only is left alone too: its jump costs about what the
  ;; direct self-call with arguments in registers does
  ;; RUN: --func count --after tailrec
  ;; CHECK-COUNT-0: loop header
  ;; CHECK-COUNT-1: = call f2 <count>

  (func $fact (export "fact") (param $n i64) (result i64)
    (if (result i64) (i64.le_s (local.get $n) (i64.const 1)) (then (i64.const 1))
      (else (i64.mul (call $fact (i64.sub (local.get $n) (i64.const 1))) (local.get $n)))))
  ;; mul, the parameter from before the call folded in: the loop's copy of it, not the entry's
  ;; RUN: --func fact --after tailrec
  ;; CHECK: v3:i64 = const 1
  ;; CHECK: br b5(v1, v3, v16)
  ;; CHECK: b5(v13:i64, v14:i64, v15:i32):
  ;; CHECK: i64.mul v8, v13
  ;; CHECK: i64.mul v14, v13
  ;; CHECK: br b5(v7, v21, v20)
  ;; CHECK: i64.mul v14, v12
  ;; CHECK-COUNT-1: i64.mul v14, v13

  ;; the call left still goes straight to the entry with arguments in registers (opt/emit.c's
  ;; plan_self_regs), not through the code table
  ;; RUN: --asm --tier opt --func fact --opt-disable=inline
  ;; CHECK: loop header
  ;; CHECK: call f3 <fact>
  ;; CHECK-COUNT-0: call rcx
  ;; CHECK-COUNT-0: call qword ptr [r12 + 0x40]

  (func $sub (export "sub") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n)) (then (i32.const 0))
      (else (i32.sub (local.get $n) (call $sub (i32.sub (local.get $n) (i32.const 1)))))))
  (func $fsum (export "fsum") (param $n i32) (result f64)
    (if (result f64) (i32.eqz (local.get $n)) (then (f64.const 0))
      (else (f64.add (f64.convert_i32_u (local.get $n)) (call $fsum (i32.sub (local.get $n) (i32.const 1)))))))
  (func $twice (export "twice") (param $n i32) (result i32) (local $r i32)
    (if (i32.eqz (local.get $n)) (then (return (i32.const 1))))
    (local.set $r (call $twice (i32.sub (local.get $n) (i32.const 1))))
    (i32.add (local.get $r) (local.get $r)))
  (func $tailcalls (export "tailcalls") (param $n i32) (result i32)
    (if (i32.eqz (local.get $n)) (then (return_call $sub (local.get $n))))
    (i32.add (local.get $n) (call $tailcalls (i32.sub (local.get $n) (i32.const 1)))))
  ;; RUN: --func sub --after tailrec
  ;; CHECK-COUNT-0: loop header
  ;; RUN: --func fsum --after tailrec
  ;; CHECK-COUNT-0: loop header
  ;; RUN: --func twice --after tailrec
  ;; CHECK-COUNT-0: loop header
  ;; RUN: --func tailcalls --after tailrec
  ;; CHECK-COUNT-0: loop header
)
