;; stencil.wat: the forms of heat's stencil loop.  An f32/f64 load used only as the second operand
;; of the add, sub, mul or div right after it is that instruction's memory operand (opt/emit.c
;; float_load_op_chain, emit_float.c opt_emit_float_load_op); not as the first operand (x86 keeps
;; the first operand's NaN, the destination's), nor with a second use.  A loop's back edge whose
;; block only moves values (a load carried to the next iteration) has its moves made before the
;; loop's jcc, which goes to the header (opt/emit.c hoist_back_edge); not when a move would write
;; where the exit reads.  tests/opt/stencil.sh runs the same functions against the interpreter,
;; traps and NaN payloads included.
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
;; heat's back edge: the load of the next point becomes the next iteration's current one, a
  ;; move on the back edge; made before the jcc, the loop ends in one jcc to its header
  (func $carry (export "carry") (param $p i32) (param $n i32) (result i64)
    (local $prev f64) (local $cur f64) (local $s f64)
    (local.set $prev (f64.load (local.get $p)))
    (loop $l
      (local.set $cur (f64.load offset=8 (local.get $p)))
      (local.set $s (f64.add (local.get $s) (f64.sub (local.get $cur) (local.get $prev))))
      (f64.store offset=1024 (local.get $p) (f64.mul (local.get $prev) (local.get $s)))
      (local.set $prev (local.get $cur))
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (br_if $l (i32.ne (local.tee $n (i32.sub (local.get $n) (i32.const 1))) (i32.const 0))))
    (i64.add (i64.reinterpret_f64 (local.get $s)) (i64.reinterpret_f64 (local.get $prev))))
  ;; RUN: --asm --tier opt --func carry
  ;; CHECK: loop header
  ;; CHECK: add ecx, -1
  ;; CHECK: movaps xmm0, xmm2
  ;; CHECK: jne 0x
  ;; CHECK-NOT: jmp
  ;; CHECK: movq rax, xmm1
  ;; CHECK-COUNT-0: je 0x

  ;; the same loop, its exit reading the header's value of prev, which the back edge's move
  ;; overwrites: the move stays on the back edge
  (func $carry_old (export "carry_old") (param $p i32) (param $n i32) (result i64)
    (local $prev f64) (local $cur f64) (local $s f64) (local $old f64)
    (local.set $prev (f64.load (local.get $p)))
    (loop $l
      (local.set $old (local.get $prev))
      (local.set $cur (f64.load offset=8 (local.get $p)))
      (local.set $s (f64.add (local.get $s) (f64.sub (local.get $cur) (local.get $prev))))
      (f64.store offset=1024 (local.get $p) (f64.mul (local.get $prev) (local.get $s)))
      (local.set $prev (local.get $cur))
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (br_if $l (i32.ne (local.tee $n (i32.sub (local.get $n) (i32.const 1))) (i32.const 0))))
    (i64.add (i64.reinterpret_f64 (local.get $s)) (i64.reinterpret_f64 (local.get $old))))
  ;; RUN: --asm --tier opt --func carry_old
  ;; CHECK: loop header
  ;; CHECK: add ecx, -1
  ;; CHECK: je 0x
  ;; CHECK: movaps xmm0, xmm2
  ;; CHECK: jmp 0x
  ;; CHECK: movq rcx, xmm0
)
