;; pieces.wat: values split into many pieces (live across a loop with calls in it, three registers
;; per class), whose locations the allocator answers for every edge (opt/regalloc.c: the pieces
;; indexed after the scan, each edge's moves worked out once and kept).  dump runs ra_check, which
;; replays every block's and edge's moves; the back edge's moves reload v1, v2 and v3 and store
;; the arguments to their parameters' slots.  The code is main's (a compile-speed change, same code).
(module
  (import "env" "tick" (func $tick (param i32) (result i32)))
  (func $spread (export "spread") (param $n i32) (param $a i32) (param $b i32) (result i32)
    (local $i i32) (local $s i32) (local $t i32) (local $u i32)
    (local.set $t (i32.mul (local.get $a) (local.get $b)))
    (local.set $u (i32.xor (local.get $a) (local.get $b)))
    (loop $l
      (local.set $s (i32.add (local.get $s) (call $tick (local.get $i))))
      (if (i32.and (local.get $s) (i32.const 1))
        (then (local.set $s (i32.add (local.get $s) (call $tick (local.get $t)))))
        (else (local.set $s (i32.sub (local.get $s) (call $tick (local.get $u))))))
      (local.set $t (i32.add (local.get $t) (local.get $a)))
      (local.set $u (i32.rotl (local.get $u) (local.get $b)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (i32.add (i32.add (local.get $s) (local.get $t)) (i32.add (local.get $u) (local.get $n))))
  ;; RUN: WLAB_OPT_REGS=7,7 --asm --tier opt --func spread
  ;; CHECK: 15 splits
  ;; CHECK: b2(v8:i32, v10:i32, v15:i32, v19:i32):
  ;; CHECK: br b2(v32, v38, v26, v30)
  ;; CHECK: mov dword ptr [rsp + 0x20], eax
  ;; CHECK: mov dword ptr [rsp + 0x28], r10d
  ;; CHECK: mov eax, dword ptr [rsp + 0x38]
  ;; CHECK: mov ecx, dword ptr [rsp + 0x40]
  ;; CHECK: jmp 0x72
  ;; CHECK: b6:
  ;; CHECK: mov eax, dword ptr [rsp + 0x50]
  ;; CHECK: return v41
)
