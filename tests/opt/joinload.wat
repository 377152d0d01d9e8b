;; joinload.wat: store-to-load forwarding across joins (opt/joinload.c): a load at a block whose
;; every incoming edge has just stored its word becomes a block parameter; not when one edge
;; stored nothing, a narrower store, another offset, or wrote memory (a call) after the store.
;; tests/opt/joinload.sh runs the same functions against the interpreter.
(module
  (memory 1)

  ;; writes memory: a call to it is a write the forwarding may not look past
  (func $work (param $n i32) (result i64)
    (i64.store (i32.const 64) (i64.add (i64.load (i32.const 64)) (i64.const 1)))
    (i64.store offset=8 (i32.const 64) (i64.extend_i32_u (local.get $n)))
    (i64.extend_i32_u (i32.mul (local.get $n) (local.get $n))))

  ;; fib's shape: a counter bumped on entry, at the top of a loop and after the loop's call; the
  ;; loop header's load meets the entry's store and the back edge's: it becomes a parameter, the
  ;; load after the call stays (the one after the loop, with one predecessor, is gvn's)
  (func $count (export "count") (param $n i32) (result i64)
    (local $s i64)
    (i64.store (i32.const 64) (i64.add (i64.load (i32.const 64)) (i64.const 1)))
    (block $done
      (loop $l
        (i64.store (i32.const 64) (i64.add (i64.load (i32.const 64)) (i64.const 1)))
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $s (i64.add (local.get $s) (call $work (local.get $n))))
        (i64.store (i32.const 64) (i64.add (i64.load (i32.const 64)) (i64.const 3)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (i64.add (local.get $s) (i64.load (i32.const 64))))
  ;; RUN: --func count --after joinload --opt-disable=inline
  ;; CHECK-COUNT-2: i64.load
  ;; CHECK: b2(v12:i32, v16:i64, v30:i64):
  ;; CHECK: i64.add v30, v5
  ;; CHECK: br b2(v23, v17, v20)
  ;; RUN: --func count --after gvn --opt-disable=inline
  ;; CHECK-COUNT-3: i64.load
  ;; the loop's bump is a register add and a store, no add to memory; only the entry and the
  ;; call's return read the word
  ;; RUN: --asm --tier opt --func count --opt-disable=inline
  ;; CHECK: call qword ptr
  ;; CHECK-COUNT-0: add qword ptr [r14 + 0x40], 1
  ;; CHECK-COUNT-2: add rcx, qword ptr [r14 + 0x40]

  ;; both arms store the word the join reads: the stored values meet as a parameter
  (func $arms (export "arms") (param $p i32) (param $c i32) (result i32)
    (if (local.get $c)
      (then (i32.store offset=8 (local.get $p) (i32.const 11)))
      (else (i32.store offset=8 (local.get $p) (i32.mul (local.get $c) (i32.const 7)))))
    (i32.add (i32.load offset=8 (local.get $p)) (local.get $c)))
  ;; RUN: --func arms --after joinload
  ;; CHECK-COUNT-0: i32.load
  ;; CHECK: i32.add v

  ;; the f32 word, stored last on both arms, meets as a parameter, a nan's bits kept; the f64
  ;; word, a store after it on each arm, stays a load (only each edge's last write is looked at)
  (func $floats (export "floats") (param $p i32) (param $c i32) (param $x f64) (result i64)
    (if (local.get $c)
      (then (f64.store (local.get $p) (local.get $x)) (f32.store offset=8 (local.get $p) (f32.const nan:0x1234)))
      (else (f64.store (local.get $p) (f64.neg (local.get $x))) (f32.store offset=8 (local.get $p) (f32.const -1))))
    (i64.add (i64.reinterpret_f64 (f64.load (local.get $p)))
             (i64.extend_i32_u (i32.reinterpret_f32 (f32.load offset=8 (local.get $p))))))
  ;; RUN: --func floats --after joinload
  ;; CHECK-COUNT-1: f64.load
  ;; CHECK-COUNT-0: f32.load
  ;; CHECK: b4(v23:f32):

  ;; one arm stores nothing: the load stays
  (func $one_arm (export "one_arm") (param $p i32) (param $c i32) (result i32)
    (if (local.get $c) (then (i32.store (local.get $p) (i32.const 11))))
    (i32.load (local.get $p)))
  ;; RUN: --func one_arm --after joinload
  ;; CHECK-COUNT-1: i32.load v1

  ;; one arm's store is narrower, or at another offset: the load stays
  (func $narrow (export "narrow") (param $p i32) (param $c i32) (result i32)
    (if (local.get $c)
      (then (i32.store (local.get $p) (i32.const -1)))
      (else (i32.store8 (local.get $p) (i32.const 2))))
    (i32.load (local.get $p)))
  ;; RUN: --func narrow --after joinload
  ;; CHECK-COUNT-1: i32.load v1
  (func $offset (export "offset") (param $p i32) (param $c i32) (result i32)
    (if (local.get $c)
      (then (i32.store offset=4 (local.get $p) (i32.const -1)))
      (else (i32.store offset=8 (local.get $p) (i32.const 2))))
    (i32.load offset=4 (local.get $p)))
  ;; RUN: --func offset --after joinload
  ;; CHECK-COUNT-1: i32.load v1 offset=4

  ;; a call after one arm's store may have written the word: the load stays
  (func $called (export "called") (param $p i32) (param $c i32) (result i32)
    (if (local.get $c)
      (then (i32.store (local.get $p) (i32.const 5)))
      (else (i32.store (local.get $p) (i32.const 6)) (drop (call $work (local.get $c)))))
    (i32.load (local.get $p)))
  ;; RUN: --func called --after joinload --opt-disable=inline
  ;; CHECK-COUNT-1: i32.load v1

  ;; the address moves with the loop: the store on the back edge is to the last iteration's word
  (func $moving (export "moving") (param $p i32) (param $n i32) (result i32)
    (local $s i32)
    (i32.store (local.get $p) (i32.const 5))
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load (local.get $p))))
      (i32.store (local.get $p) (local.get $s))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s))
  ;; RUN: --func moving --after joinload
  ;; CHECK-COUNT-1: i32.load
)
