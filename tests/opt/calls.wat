;; calls.wat: the optimising tier's call sequence (opt/emit.c, docs/abi.md "Direct calls"): a call
;; to the function itself is a direct `call rel32` past the value-stack check, a return_call to
;; itself a jump there; a call to another function of the module goes through that function's
;; code's address in the caller's pool (in a dump, the callee's index + 1), a call to an
;; import through the code table.  With inlining on, a recursive function takes in one copy of
;; itself (opt/inline.c).
(module
  (import "env" "host" (func $host (param i32) (result i32)))
  (memory 1)
  (func $other (export "other") (param $x i32) (result i32) (i32.add (local.get $x) (i32.const 1)))
  (func $fact (export "fact") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n)) (then (i32.const 1))
      (else (i32.mul (local.get $n) (call $fact (i32.sub (local.get $n) (i32.const 1)))))))
  (func $count (export "count") (param $n i32) (param $acc i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n)) (then (local.get $acc))
      (else (return_call $count (i32.sub (local.get $n) (i32.const 1)) (i32.add (local.get $acc) (i32.const 1))))))
  (func $uses_other (export "uses_other") (param $x i32) (result i32)
    (i32.add (call $other (local.get $x)) (call $fact (local.get $x))))
  (func $tail_other (export "tail_other") (param $x i32) (result i32)
    (return_call $other (local.get $x)))
  (func $uses_host (export "uses_host") (param $x i32) (result i32)
    (call $host (local.get $x)))
  ;; fib as clang -O2 leaves it (suites/compute/fib.c): the second call turned into a loop
  (func $fib (export "fib") (param $n i32) (result i64) (local $acc i64)
    (if (i32.ge_s (local.get $n) (i32.const 2))
      (then (loop $l
        (local.set $acc (i64.add (local.get $acc) (call $fib (i32.sub (local.get $n) (i32.const 1)))))
        (local.set $n (i32.sub (local.get $n) (i32.const 2)))
        (br_if $l (i32.ge_s (local.get $n) (i32.const 2))))))
    (i64.add (local.get $acc) (i64.extend_i32_s (local.get $n))))

  ;; the self-call is direct: no code-table load (call rcx), no test for missing code (the slow
  ;; path's stub); the value-stack check comes before the entry it calls
  ;; RUN: --asm --tier opt --func fact --opt-disable=inline
  ;; CHECK: ; prologue
  ;; CHECK: cmp r10, qword ptr [r12 + 8]
  ;; CHECK: cmp rsp, qword ptr [r12]
  ;; CHECK: call f2 <fact>
  ;; CHECK: call 0x
  ;; CHECK-COUNT-0: call rcx
  ;; CHECK-COUNT-0: call qword ptr [r12 + 0x40]

  ;; inlined into itself once: two multiplications, one call left, still direct (tailrec off: it
  ;; makes the multiplication an accumulator, tests/opt/tailrec.wat)
  ;; RUN: --asm --tier opt --func fact --opt-disable=tailrec
  ;; CHECK-COUNT-2: i32.mul
  ;; CHECK-COUNT-1: call f2 <fact>
  ;; CHECK-COUNT-0: call rcx

  ;; a self tail call is a jump back to that entry, not through the table
  ;; RUN: --asm --tier opt --func count --opt-disable=inline
  ;; CHECK: return_call f3 <count>
  ;; CHECK: jmp 0x
  ;; CHECK-COUNT-0: jmp rcx
  ;; CHECK-COUNT-0: call qword ptr [r12 + 0x40]

  ;; a call to another function of the module goes to its code directly, through the address in
  ;; this function's pool: no table load, no test for missing code (docs/abi.md, "Direct calls")
  ;; RUN: --asm --tier opt --func uses_other --opt-disable=inline
  ;; CHECK: call f1 <other>
  ;; CHECK: call qword ptr [rip +
  ;; CHECK: call f2 <fact>
  ;; CHECK: call qword ptr [rip +
  ;; CHECK-COUNT-0: call rcx
  ;; CHECK-COUNT-0: call qword ptr [r12 + 0x40]

  ;; a tail call to another function jumps there the same way
  ;; RUN: --asm --tier opt --func tail_other --opt-disable=inline
  ;; CHECK: return_call f1 <other>
  ;; CHECK: jmp qword ptr [rip +
  ;; CHECK-COUNT-0: jmp rcx

  ;; shrink-wrapping: the early return (n < 2) runs without the native frame: no stack check,
  ;; no saves, no restores, and its values keep out of rbx and rbp (the sum's join parameter
  ;; takes a caller-saved register, not the loop's); the recursive path sets the frame up on
  ;; its way into the loop, checking the native stack there, and tears it down on the loop's
  ;; exit
  ;; RUN: --asm --tier opt --func fib --opt-disable=inline
  ;; CHECK: ; prologue
  ;; CHECK-NOT: push
  ;; CHECK-NOT: cmp rsp
  ;; CHECK: br b3(v1, v15)
  ;; CHECK-NOT: rbx
  ;; CHECK-NOT: rbp
  ;; CHECK: br b2(v1, v15)
  ;; CHECK: cmp rsp, qword ptr [r12]
  ;; CHECK: push rbx
  ;; CHECK: call f7 <fib>
  ;; CHECK: br b3(v12, v11)
  ;; CHECK: pop rbx
  ;; CHECK: return v19
  ;; CHECK-NOT: pop
  ;; CHECK-COUNT-1: cmp rsp
  ;; CHECK-COUNT-1: push rbx
  ;; CHECK-COUNT-1: pop rbx

  ;; a call to an import reads the code table (its instance, its code, are the host's)
  ;; RUN: --asm --tier opt --func uses_host --opt-disable=inline
  ;; CHECK: call f0 v1
  ;; CHECK: call rcx
)
