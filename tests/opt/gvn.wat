;; gvn.wat: global value numbering (opt/gvn.c): one value for identical pure ops, redundant
;; loads and global.gets, store-to-load forwarding; never across a write that may reach the read,
;; never between ops on separate paths, never swapping float operands.
(module
  (func $ext (import "env" "ext"))
  (memory 1)
  (global $g (mut i32) (i32.const 0))
  (global $h (mut i32) (i32.const 0))
  (global $k i32 (i32.const 5))

  ;; the same load twice: one stays
  (func $loads (export "loads") (param $p i32) (result i32)
    (i32.add (i32.load offset=4 (local.get $p)) (i32.load offset=4 (local.get $p))))
  ;; RUN: --func loads --after gvn
  ;; CHECK-COUNT-1: i32.load v1 offset=4
  ;; CHECK: i32.add v3, v3

  ;; other offsets, widths or signs are other reads
  (func $widths (export "widths") (param $p i32) (result i32)
    (i32.add (i32.add (i32.load offset=4 (local.get $p)) (i32.load offset=8 (local.get $p)))
             (i32.add (i32.load8_u offset=4 (local.get $p)) (i32.load8_s offset=4 (local.get $p)))))
  ;; RUN: --func widths --after gvn
  ;; CHECK-COUNT-2: i32.load v1
  ;; CHECK-COUNT-1: i32.load8_u
  ;; CHECK-COUNT-1: i32.load8_s

  ;; a load of what a full-width store just wrote is the stored value
  (func $forward (export "forward") (param $p i32) (param $x i32) (result i32)
    (i32.store offset=8 (local.get $p) (local.get $x))
    (i32.load offset=8 (local.get $p)))
  ;; RUN: --func forward --after gvn
  ;; CHECK: i32.store v1, v2 offset=8
  ;; CHECK-COUNT-0: i32.load
  ;; CHECK: return v2

  ;; ... but not what a narrower store wrote, nor at another offset
  (func $narrow (export "narrow") (param $p i32) (param $x i32) (result i32)
    (i32.store8 offset=8 (local.get $p) (local.get $x))
    (i32.add (i32.load8_u offset=8 (local.get $p)) (i32.load offset=12 (local.get $p))))
  ;; RUN: --func narrow --after gvn
  ;; CHECK: i32.store8
  ;; CHECK: i32.load8_u v1 offset=8
  ;; CHECK: i32.load v1 offset=12

  ;; a store in between (to any address) keeps the second load
  (func $across_store (export "across_store") (param $p i32) (param $q i32) (result i32)
    (local $a i32)
    (local.set $a (i32.load (local.get $p)))
    (i32.store (local.get $q) (i32.const 1))
    (i32.add (local.get $a) (i32.load (local.get $p))))
  ;; RUN: --func across_store --after gvn
  ;; CHECK: i32.load v1
  ;; CHECK: i32.store v2
  ;; CHECK: i32.load v1

  ;; so does a call, memory.grow or memory.fill
  (func $across_call (export "across_call") (param $p i32) (result i32)
    (local $a i32)
    (local.set $a (i32.load (local.get $p)))
    (call $ext)
    (local.set $a (i32.add (local.get $a) (i32.load (local.get $p))))
    (drop (memory.grow (i32.const 1)))
    (local.set $a (i32.add (local.get $a) (i32.load (local.get $p))))
    (memory.fill (local.get $a) (i32.const 0) (i32.const 4))
    (i32.add (local.get $a) (i32.load (local.get $p))))
  ;; RUN: --func across_call --after gvn
  ;; CHECK-COUNT-4: i32.load v1

  ;; a store on one path into a join keeps the load after the join; a global.set does not
  (func $diamond (export "diamond") (param $p i32) (param $c i32) (result i32)
    (local $a i32)
    (local.set $a (i32.load (local.get $p)))
    (if (local.get $c) (then (i32.store offset=4 (local.get $p) (i32.const 3))))
    (i32.add (local.get $a) (i32.load (local.get $p))))
  ;; RUN: --func diamond --after gvn
  ;; CHECK-COUNT-2: i32.load v1
  (func $diamond_global (export "diamond_global") (param $p i32) (param $c i32) (result i32)
    (local $a i32)
    (local.set $a (i32.load (local.get $p)))
    (if (local.get $c) (then (global.set $g (i32.const 3))))
    (i32.add (local.get $a) (i32.load (local.get $p))))
  ;; RUN: --func diamond_global --after gvn
  ;; CHECK-COUNT-1: i32.load v1

  ;; identical ops on two separate paths are two values (neither dominates the other)
  (func $paths (export "paths") (param $a i32) (param $b i32) (param $c i32) (result i32)
    (if (result i32) (local.get $c)
      (then (i32.div_s (local.get $a) (local.get $b)))
      (else (i32.div_s (local.get $a) (local.get $b)))))
  ;; RUN: --func paths --after gvn
  ;; CHECK-COUNT-2: i32.div_s

  ;; a loop that writes nothing keeps the load before it; one that stores does not
  (func $loop_reads (export "loop_reads") (param $p i32) (param $n i32) (result i32)
    (local $s i32)
    (local.set $s (i32.load (local.get $p)))
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load (local.get $p))))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (i32.add (local.get $s) (i32.load (local.get $p))))
  ;; RUN: --func loop_reads --after gvn
  ;; CHECK-COUNT-1: i32.load v1
  (func $loop_writes (export "loop_writes") (param $p i32) (param $n i32) (result i32)
    (local $s i32)
    (local.set $s (i32.load (local.get $p)))
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load (local.get $p))))
      (i32.store offset=2 (local.get $p) (local.get $s))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (i32.add (local.get $s) (i32.load (local.get $p))))
  ;; RUN: --func loop_writes --after gvn
  ;; CHECK-COUNT-3: i32.load v1

  ;; stores through the same address value to other bytes do not hide a load; bytes that
  ;; overlap by one do
  (func $disjoint (export "disjoint") (param $p i32) (param $x i64) (result i32)
    (local $a i32)
    (local.set $a (i32.load offset=8 (local.get $p)))
    (i64.store (local.get $p) (local.get $x))
    (i32.store16 offset=12 (local.get $p) (local.get $a))
    (local.set $a (i32.add (local.get $a) (i32.load offset=8 (local.get $p))))
    (i32.store8 offset=11 (local.get $p) (local.get $a))
    (i32.add (local.get $a) (i32.load offset=8 (local.get $p))))
  ;; RUN: --func disjoint --after gvn
  ;; CHECK: i32.load v1 offset=8
  ;; CHECK: i64.store
  ;; CHECK: i32.store16
  ;; CHECK-NOT: i32.load
  ;; CHECK: i32.store8
  ;; CHECK: i32.load v1 offset=8
  ;; CHECK-COUNT-2: i32.load

  ;; the same for addresses that are one value plus or minus constants (i32.add p, 16 writes
  ;; bytes 16..19 of p; i32.add p, 6 writes 6..9, which overlap 8..11)
  (func $disjoint_add (export "disjoint_add") (param $p i32) (result i32)
    (local $a i32)
    (local.set $a (i32.load offset=8 (local.get $p)))
    (i32.store (i32.add (local.get $p) (i32.const 16)) (local.get $a))
    (i32.store (i32.sub (local.get $p) (i32.const 4)) (local.get $a))
    (local.set $a (i32.add (local.get $a) (i32.load offset=8 (local.get $p))))
    (i32.store (i32.add (local.get $p) (i32.const 6)) (local.get $a))
    (i32.add (local.get $a) (i32.load offset=8 (local.get $p))))
  ;; RUN: --func disjoint_add --after gvn
  ;; CHECK: i32.load v1 offset=8
  ;; CHECK: i32.store
  ;; CHECK: i32.store
  ;; CHECK-NOT: i32.load
  ;; CHECK: i32.store
  ;; CHECK: i32.load v1 offset=8
  ;; CHECK-COUNT-2: i32.load

  ;; commutative integer ops are one value whichever way round; float ones are not (with two
  ;; NaN operands, the first one's payload wins)
  (func $commute (export "commute") (param $a i32) (param $b i32) (result i32)
    (i32.sub (i32.add (local.get $a) (local.get $b)) (i32.add (local.get $b) (local.get $a))))
  ;; RUN: --func commute --after gvn
  ;; CHECK-COUNT-1: i32.add
  (func $fcommute (export "fcommute") (param $a f32) (param $b f32) (result f32)
    (f32.sub (f32.add (local.get $a) (local.get $b)) (f32.add (local.get $b) (local.get $a))))
  ;; RUN: --func fcommute --after gvn
  ;; CHECK-COUNT-2: f32.add

  ;; a dominated identical division is the first one (which already trapped or not)
  (func $div (export "div") (param $a i32) (param $b i32) (result i32)
    (i32.add (i32.div_s (local.get $a) (local.get $b)) (i32.div_s (local.get $a) (local.get $b))))
  ;; RUN: --func div --after gvn
  ;; CHECK-COUNT-1: i32.div_s

  ;; global.get: after global.set the stored value; an immutable global is pure; a mutable
  ;; one is redundant until a set of it or a call
  (func $globals (export "globals") (result i32)
    (local $x i32)
    (global.set $g (i32.const 7))
    (local.set $x (i32.add (i32.add (global.get $g) (global.get $h)) (i32.add (global.get $k) (global.get $h))))
    (global.set $g (local.get $x))
    (local.set $x (i32.add (local.get $x) (global.get $h)))
    (call $ext)
    (i32.add (local.get $x) (i32.add (global.get $h) (global.get $k))))
  ;; RUN: --func globals --after gvn
  ;; CHECK-COUNT-0: global.get g0
  ;; CHECK-COUNT-2: global.get g1
  ;; CHECK-COUNT-1: global.get g2
)
