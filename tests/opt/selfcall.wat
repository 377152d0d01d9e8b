;; selfcall.wat: a function's calls to itself in the optimising tier pass their arguments and take
;; their result in registers (opt/emit.c plan_self_regs, docs/abi.md "Direct calls"): the caller
;; moves each argument into the register the entry loads that parameter into and calls past
;; those loads; every return leaves the result in rax as well as in its slot.  Calls from other
;; functions and tiers still use the slots.  (Answers against the interpreter: selfcall.sh.)
(module
  ;; fib as clang -O2 leaves it (suites/compute/fib.c)
  (func $fib (export "fib") (param $n i32) (result i64) (local $acc i64)
    (if (i32.ge_s (local.get $n) (i32.const 2))
      (then (loop $l
        (local.set $acc (i64.add (local.get $acc) (call $fib (i32.sub (local.get $n) (i32.const 1)))))
        (local.set $n (i32.sub (local.get $n) (i32.const 2)))
        (br_if $l (i32.ge_s (local.get $n) (i32.const 2))))))
    (i64.add (local.get $acc) (i64.extend_i32_s (local.get $n))))
  ;; three arguments, the last two trading places on each call (a cycle of moves)
  (func $rot (export "rot") (param $n i32) (param $b i32) (param $c i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n)) (then (i32.sub (local.get $b) (local.get $c)))
      (else (i32.add (call $rot (i32.sub (local.get $n) (i32.const 1)) (local.get $c) (local.get $b)) (i32.const 1)))))
  ;; a tail call to another function: its callee would return the result in the slot only
  (func $half (param $n i32) (result i32) (i32.shr_u (local.get $n) (i32.const 1)))
  (func $mixed (export "mixed") (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (return_call $half (local.get $n)))
      (else (i32.add (call $mixed (i32.sub (local.get $n) (i32.const 1))) (i32.const 1)))))
  ;; a float result stays in its slot
  (func $halves (export "halves") (param $n i32) (result f64)
    (if (result f64) (i32.eqz (local.get $n)) (then (f64.const 1))
      (else (f64.mul (call $halves (i32.sub (local.get $n) (i32.const 1))) (f64.const 0.5)))))
  ;; Takeuchi: the parameters live across the calls, in rbx, rbp and a spill slot
  (func $tak (export "tak") (param $x i32) (param $y i32) (param $z i32) (result i32)
    (if (result i32) (i32.lt_s (local.get $y) (local.get $x))
      (then (call $tak
        (call $tak (i32.sub (local.get $x) (i32.const 1)) (local.get $y) (local.get $z))
        (call $tak (i32.sub (local.get $y) (i32.const 1)) (local.get $z) (local.get $x))
        (call $tak (i32.sub (local.get $z) (i32.const 1)) (local.get $x) (local.get $y))))
      (else (local.get $z))))

  ;; the public entry loads n from its slot; the call to itself moves n - 1 into that register,
  ;; calls past the load, and takes the result from rax; the return stores its slot and rax
  ;; RUN: --asm --tier opt --func fib --opt-disable=inline
  ;; CHECK: ; prologue
  ;; CHECK: mov eax, dword ptr [r15]
  ;; CHECK: call f0 <fib>
  ;; CHECK-NOT: [r15]
  ;; CHECK: return
  ;; CHECK: mov qword ptr [r15], rcx
  ;; CHECK: mov rax, rcx
  ;; CHECK: ret
  ;; CHECK-COUNT-2: ptr [r15]

  ;; inlined into itself once, the same
  ;; RUN: --asm --tier opt --func fib
  ;; CHECK-COUNT-1: call f0 <fib>
  ;; CHECK-COUNT-2: ptr [r15]

  ;; three arguments: none stored, no result loaded (three parameter loads, one return's store)
  ;; RUN: --asm --tier opt --func rot --opt-disable=inline
  ;; CHECK: call f1 <rot>
  ;; CHECK-NOT: [r15
  ;; CHECK: return
  ;; CHECK-COUNT-4: ptr [r15

  ;; parameters kept in callee-saved registers or slots come in caller-saved registers, moved
  ;; to their places after the frame's set-up: four calls, three loads and one store of slots
  ;; (tailrec off: its outer call a jump, the entry's parameters go to a loop header's)
  ;; RUN: --asm --tier opt --func tak --opt-disable=inline,tailrec
  ;; CHECK: ; prologue
  ;; CHECK: mov ecx, dword ptr [r15]
  ;; CHECK: push rbx
  ;; CHECK: mov ebx, ecx
  ;; CHECK-COUNT-4: call f5 <tak>
  ;; CHECK-COUNT-4: ptr [r15

  ;; with a tail call to another function the slots stay: argument stored, result loaded
  ;; RUN: --asm --tier opt --func mixed --opt-disable=inline
  ;; CHECK: call f3 <mixed>
  ;; CHECK: mov dword ptr [r15],
  ;; CHECK: call 0x
  ;; CHECK: mov eax, dword ptr [r15]

  ;; and so with a float result
  ;; RUN: --asm --tier opt --func halves --opt-disable=inline
  ;; CHECK: call f4 <halves>
  ;; CHECK: mov dword ptr [r15],
  ;; CHECK: call 0x
  ;; CHECK: movsd xmm
)
