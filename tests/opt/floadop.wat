;; floadop.wat: an f32/f64 load used only as the second operand of the add, sub, mul or div right
;; after it is that instruction's memory operand (opt/emit.c float_load_op_chain, emit_float.c
;; opt_emit_float_load_op); not as the first operand (x86 keeps the first operand's NaN, the
;; destination's), nor with a second use.  tests/opt/floadop.sh runs the same functions against
;; the interpreter, traps and NaN payloads included.
(module
  (memory 1)
  ;; f64s at 0: 1.5, a quiet NaN with payload 5, -2.25, a NaN with payload 8, 1e300;
  ;; f32s at 64: 3, a NaN with payload 7, 0.5, -0, a NaN with payload 9
  (data (i32.const 0) "\00\00\00\00\00\00\f8\3f" "\05\00\00\00\00\00\f8\7f"
    "\00\00\00\00\00\00\02\c0" "\08\00\00\00\00\00\f8\ff" "\9c\75\88\3c\e4\37\7e\7e")
  (data (i32.const 64) "\00\00\40\40" "\07\00\c0\7f" "\00\00\00\3f" "\00\00\00\80" "\09\00\c0\ff")

  ;; heat's stencil: a sum of loads, each added from memory
  (func $stencil (export "stencil") (param $p i32) (result i64)
    (i64.reinterpret_f64
      (f64.add (f64.add (f64.load offset=8 (local.get $p)) (f64.load offset=16 (local.get $p)))
               (f64.load offset=24 (local.get $p)))))
  ;; RUN: --asm --tier opt --func stencil
  ;; CHECK: movsd xmm0, qword ptr [r14 + rax + 8]
  ;; CHECK: addsd xmm0, qword ptr [r14 + rax + 0x10]
  ;; CHECK: addsd xmm0, qword ptr [r14 + rax + 0x18]
  ;; CHECK-COUNT-0: movsd xmm1

  ;; f32 and the other three ops
  (func $ops32 (export "ops32") (param $p i32) (param $x f32) (result i32)
    (i32.reinterpret_f32
      (f32.div (f32.mul (f32.sub (local.get $x) (f32.load (local.get $p))) (f32.load offset=4 (local.get $p)))
               (f32.load offset=8 (local.get $p)))))
  ;; RUN: --asm --tier opt --func ops32
  ;; CHECK: subss xmm0, dword ptr [r14 + rax]
  ;; CHECK: mulss xmm0, dword ptr [r14 + rax + 4]
  ;; CHECK: divss xmm0, dword ptr [r14 + rax + 8]
  ;; CHECK-COUNT-0: movss xmm1

  ;; the load as the first operand stays a load (its NaN must win, and x86's first operand is
  ;; the destination)
  (func $first (export "first") (param $p i32) (param $x f64) (result i64)
    (i64.reinterpret_f64 (f64.sub (f64.load (local.get $p)) (local.get $x))))
  ;; RUN: --asm --tier opt --func first
  ;; CHECK: movsd xmm1, qword ptr [r14 + rax]
  ;; CHECK: subsd xmm1, xmm0

  ;; a load used twice stays a load
  (func $twice (export "twice") (param $p i32) (param $x f64) (result i64)
    (local $a f64)
    (local.set $a (f64.load (local.get $p)))
    (i64.reinterpret_f64 (f64.mul (f64.add (local.get $x) (local.get $a)) (local.get $a))))
  ;; RUN: --asm --tier opt --func twice
  ;; CHECK: movsd xmm1, qword ptr [r14 + rax]
  ;; CHECK-COUNT-0: addsd xmm0, qword ptr
  ;; CHECK-COUNT-0: mulsd xmm0, qword ptr
)
