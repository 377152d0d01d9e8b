;; calls.wat: the optimising tier's call sequence (opt/emit.c, docs/abi.md "Direct calls"): a call
;; to the function itself is a direct `call rel32` past the value-stack check, a return_call to
;; itself a jump there; a call to any other function goes through the code table.  With inlining
;; on, a recursive function takes in one copy of itself (opt/inline.c).
(module
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

  ;; the self-call is direct: no code-table load (call rcx), no test for missing code (the slow
  ;; path's stub); the value-stack check comes before the entry it calls
  ;; RUN: --asm --tier opt --func fact --opt-disable=inline
  ;; CHECK: ; prologue
  ;; CHECK: cmp r10, qword ptr [r12 + 8]
  ;; CHECK: cmp rsp, qword ptr [r12]
  ;; CHECK: call f1 <fact>
  ;; CHECK: call 0x
  ;; CHECK-COUNT-0: call rcx
  ;; CHECK-COUNT-0: call qword ptr [r12 + 0x40]

  ;; inlined into itself once: two multiplications, one call left, still direct
  ;; RUN: --asm --tier opt --func fact
  ;; CHECK-COUNT-2: i32.mul
  ;; CHECK-COUNT-1: call f1 <fact>
  ;; CHECK-COUNT-0: call rcx

  ;; a self tail call is a jump back to that entry, not through the table
  ;; RUN: --asm --tier opt --func count --opt-disable=inline
  ;; CHECK: return_call f2 <count>
  ;; CHECK: jmp 0x
  ;; CHECK-COUNT-0: jmp rcx
  ;; CHECK-COUNT-0: call qword ptr [r12 + 0x40]

  ;; a call to another function still reads the code table (tier-up may replace its entry)
  ;; RUN: --asm --tier opt --func uses_other --opt-disable=inline
  ;; CHECK: call f0 <other>
  ;; CHECK: call rcx
  ;; CHECK: call f1 <fact>
  ;; CHECK: call rcx
)
