;; dce.wat: dead code elimination (opt/dce.c): unused pure values go, transitively; what may
;; trap or has an effect stays however unused (a load, a division, a float-to-int, a call);
;; a loop parameter that only feeds itself goes with its arguments.  (The other passes are
;; off so that what goes is this pass's doing.)
(module
  (memory 1)
  (global $g (mut i32) (i32.const 0))
  (func $callee (param i32) (result i32) (global.set $g (local.get 0)) (local.get 0))

  ;; nothing uses the product or the square root (nor, then, the conversion)
  (func $pure (export "pure") (param $x i32) (param $y i32) (result i32)
    (drop (i32.mul (local.get $x) (local.get $y)))
    (drop (f64.sqrt (f64.convert_i32_s (local.get $x))))
    (local.get $y))
  ;; RUN: --func pure --after dce --opt-disable=inline,sccp,copyprop,gvn,licm,branchfold
  ;; CHECK-COUNT-0: i32.mul
  ;; CHECK-COUNT-0: f64.sqrt
  ;; CHECK-COUNT-0: f64.convert_i32_s
  ;; CHECK: return v2

  ;; unused, but each may trap or act: all stay but the global.get (a read without a trap)
  (func $traps (export "traps") (param $x i32) (param $y i32) (result i32)
    (drop (i32.load (local.get $x)))
    (drop (i32.div_s (local.get $x) (local.get $y)))
    (drop (i32.trunc_f32_s (f32.convert_i32_s (local.get $y))))
    (drop (call $callee (local.get $x)))
    (drop (global.get $g))
    (local.get $y))
  ;; RUN: --func traps --after dce --opt-disable=inline,sccp,copyprop,gvn,licm,branchfold
  ;; CHECK: i32.load v1
  ;; CHECK: i32.div_s v1, v2
  ;; CHECK: f32.convert_i32_s v2
  ;; CHECK: i32.trunc_f32_s
  ;; CHECK: call f0 v1
  ;; CHECK-NOT: global.get
  ;; CHECK: return v2

  ;; $unused is carried around the loop and never read after it: its parameter, its add and
  ;; its constant go; s and i stay (s is returned, i decides the loop)
  (func $counter (export "counter") (param $n i32) (result i32)
    (local $i i32) (local $unused i32) (local $s i32)
    (loop $l
      (local.set $unused (i32.add (local.get $unused) (i32.const 3)))
      (local.set $s (i32.add (local.get $s) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $s))
  ;; RUN: --func counter --after build
  ;; CHECK: b1(v3:i32, v6:i32, v7:i32):
  ;; CHECK: i32.add v3, v4
  ;; RUN: --func counter --after dce --opt-disable=inline,sccp,copyprop,gvn,licm,branchfold
  ;; CHECK-NOT: const 3
  ;; CHECK: br b1(v14, v14)
  ;; CHECK: b1(v6:i32, v7:i32):
  ;; CHECK-NOT: v3:
  ;; CHECK: br_if v12, b1(v8, v10), b2
  ;; CHECK: return v8
)
