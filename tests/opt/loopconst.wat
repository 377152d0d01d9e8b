;; loopconst.wat: constants in registers through innermost loops (opt/loopconst.c) where no
;; register is spare: the register of a value that lives through the loop unread, already in its
;; slot, holds a constant in the loop and is reloaded from the slot on the way out.
(module
  (import "env" "g" (func $g (param i64) (result i64)))
  (memory 1)
  ;; three GPRs: $s and $n take two in the loop, $a the third (stored at its load, since the call
  ;; after the loop needs it in memory); the multiplier takes $a's register, reloaded at the exit
  ;; before the call reads it; the increment, with nothing left, is still built at its use
  (func $taken (export "taken") (param $s i64) (param $n i32) (param $p i32) (result i64)
    (local $a i64)
    (local.set $a (i64.load (local.get $p)))
    (loop $l
      (local.set $s (i64.add (i64.mul (local.get $s) (i64.const 6364136223846793005)) (i64.const 1442695040888963407)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.set $s (i64.add (local.get $s) (call $g (local.get $a))))
    (i64.add (local.get $s) (local.get $a)))
  ;; RUN: WLAB_OPT_REGS=7,7 --asm --tier opt --func taken
  ;; CHECK: i64.load
  ;; CHECK: mov rdx, qword ptr [r14 + rdx]
  ;; CHECK: mov qword ptr [rsp + 8], rdx
  ;; CHECK: movabs rdx, 0x5851f42d4c957f2d
  ;; CHECK: loop header
  ;; CHECK: imul rax, rdx
  ;; CHECK: movabs r11, 0x14057b7ef767814f
  ;; CHECK: br_if
  ;; CHECK-NOT: movabs
  ;; CHECK: mov rdx, qword ptr [rsp + 8]
  ;; CHECK: call
  ;; CHECK: ; out of line
)
