;; fold.wat: the forms of issue 16's bit loops and SAD reduction (opt/addrfold.c rewrite 3,
;; opt/emit.c choose_fusions, opt/sccp.c lane sums; rotates as rorx, nots as andn, byte masks as
;; movzx: opt/emit_int.c), run against the interpreter by tests/opt/fold.sh: a table load at
;; [memory + i*4 + table] (no wrap: i a byte), a load folded into the arithmetic after it (its
;; trap the load's), selects on the flags of one compare, and the four lanes of a vector summed
;; by halving.  tests/opt/isel.wat checks the code they become.
(module
  (memory 1)
  ;; crc-style: c = (c >> 8) ^ tab[(c & 0xff) ^ byte] over n bytes at p (the index a byte: an
  ;; xor of two), the table at 4096; at the end two more lookups, which may trap
  (func $crc (export "crc") (param $c i32) (param $p i32) (param $n i32) (param $t i32) (result i32)
    (loop $l
      (local.set $c
        (i32.xor (i32.shr_u (local.get $c) (i32.const 8))
          (i32.load offset=4096 (i32.shl (i32.xor (i32.and (local.get $c) (i32.const 255)) (i32.load8_u (local.get $p)))
                                   (i32.const 2)))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    ;; the table's base as a parameter: a shift by 2 of a byte plus a base that may be anything;
    ;; then a table near the end of memory, which the larger bytes reach past
    (i32.add (i32.load offset=64600 (i32.shl (i32.and (local.get $c) (i32.const 255)) (i32.const 2)))
      (i32.add (local.get $c)
        (i32.load (i32.add (local.get $t) (i32.shl (i32.and (i32.shr_u (local.get $c) (i32.const 8)) (i32.const 255)) (i32.const 2)))))))
  ;; an i64 load subtracted, anded, added and multiplied in turn: each the op's memory operand;
  ;; an address past the end traps
  (func $ops (export "ops") (param $a i32) (param $x i64) (result i64)
    (local.set $x (i64.sub (local.get $x) (i64.load offset=8 (local.get $a))))
    (local.set $x (i64.and (i64.load offset=16 (local.get $a)) (local.get $x)))
    (local.set $x (i64.mul (local.get $x) (i64.load offset=24 (local.get $a))))
    (i64.add (local.get $x) (i64.extend_i32_u (i32.or (i32.load (local.get $a)) (i32.wrap_i64 (local.get $x))))))
  ;; the first minimum and where it was, as simd's search keeps it: three selects on one compare,
  ;; one of a constant 0
  (func (export "best") (param $n i32) (param $seed i32) (result i64)
    (local $i i32) (local $s i32) (local $best i32) (local $at i32) (local $z i32)
    (local.set $best (i32.const -1))
    (loop $l
      (local.set $seed (i32.add (i32.mul (local.get $seed) (i32.const 1103515245)) (i32.const 12345)))
      (local.set $s (i32.shr_u (local.get $seed) (i32.const 20)))
      (local.set $at (select (local.get $i) (local.get $at) (i32.lt_u (local.get $s) (local.get $best))))
      (local.set $z (select (i32.const 0) (local.get $z) (i32.lt_u (local.get $s) (local.get $best))))
      (local.set $best (select (local.get $s) (local.get $best) (i32.lt_u (local.get $s) (local.get $best))))
      (local.set $z (i32.add (local.get $z) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (i64.or (i64.shl (i64.extend_i32_u (local.get $best)) (i64.const 32))
      (i64.extend_i32_u (i32.add (i32.mul (local.get $at) (i32.const 4096)) (local.get $z)))))
  ;; the four lanes of a vector loaded at a, summed in two orders (wrapping), and a sum of three
  ;; lanes and a repeated lane, which stay lane by lane
  (func $lanes (export "lanes") (param $a i32) (result i32)
    (local $v v128)
    (local.set $v (v128.load (local.get $a)))
    (i32.xor
      (i32.add (i32.add (i32.add (i32x4.extract_lane 0 (local.get $v)) (i32x4.extract_lane 1 (local.get $v)))
                        (i32x4.extract_lane 2 (local.get $v)))
               (i32x4.extract_lane 3 (local.get $v)))
      (i32.mul (i32.const 3)
        (i32.add (i32.add (i32x4.extract_lane 3 (local.get $v)) (i32x4.extract_lane 1 (local.get $v)))
                 (i32.add (i32x4.extract_lane 2 (local.get $v)) (i32x4.extract_lane 1 (local.get $v)))))))
  (func $fill (export "fill") (param $a i32) (param $n i32) (param $seed i32)
    (loop $l
      (local.set $seed (i32.add (i32.mul (local.get $seed) (i32.const 1103515245)) (i32.const 12345)))
      (i32.store (local.get $a) (local.get $seed))
      (local.set $a (i32.add (local.get $a) (i32.const 4)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
  ;; sha256-style rounds over n words at p (the i64 load traps near the end), eight state words,
  ;; each round three rotates of two of them (left and right, 32 and 64 bits) kept live after, and
  ;; ~e & g: rotates by a constant into another register (rorx) and a not fused into the and
  ;; after it (andn), where eight words and temporaries spill with few registers
  (func $rounds (export "rounds") (param $p i32) (param $n i32) (param $seed i64) (result i64)
    (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $e i32) (local $f i32)
    (local $g i32) (local $h i32) (local $t1 i32) (local $t2 i32) (local $w i64)
    (local.set $a (i32.wrap_i64 (local.get $seed)))
    (local.set $b (i32.wrap_i64 (i64.shr_u (local.get $seed) (i64.const 32))))
    (local.set $c (i32.const 0x3c6ef372)) (local.set $d (i32.const 0xa54ff53a))
    (local.set $e (i32.const 0x510e527f)) (local.set $f (i32.const 0x9b05688c))
    (local.set $g (i32.const 0x1f83d9ab)) (local.set $h (i32.const 0x5be0cd19))
    (local.set $w (local.get $seed))
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $t1 (i32.add (i32.add (local.get $h)
          (i32.xor (i32.xor (i32.rotl (local.get $e) (i32.const 26)) (i32.rotl (local.get $e) (i32.const 21)))
                   (i32.rotr (local.get $e) (i32.const 25))))
          (i32.add (i32.xor (i32.and (local.get $e) (local.get $f))
                            (i32.and (i32.xor (local.get $e) (i32.const -1)) (local.get $g)))
                   (i32.load (local.get $p)))))
        (local.set $t2 (i32.add
          (i32.xor (i32.xor (i32.rotr (local.get $a) (i32.const 2)) (i32.rotl (local.get $a) (i32.const 19)))
                   (i32.rotl (local.get $a) (i32.const 10)))
          (i32.xor (i32.and (i32.xor (local.get $b) (local.get $c)) (local.get $a))
                   (i32.and (local.get $b) (local.get $c)))))
        ;; 64 bits: rotates by 0, 1, 63 and 64 + 7 (taken mod 64), and ~w & the word
        (local.set $w (i64.add (i64.xor (i64.rotl (local.get $w) (i64.const 71)) (i64.rotr (local.get $w) (i64.const 1)))
          (i64.add (i64.and (i64.load (local.get $p)) (i64.xor (i64.const -1) (local.get $w)))
                   (i64.add (i64.rotl (local.get $w) (i64.const 0)) (i64.rotr (local.get $w) (i64.const 63))))))
        (local.set $h (local.get $g)) (local.set $g (local.get $f)) (local.set $f (local.get $e))
        (local.set $e (i32.add (local.get $d) (local.get $t1)))
        (local.set $d (local.get $c)) (local.set $c (local.get $b)) (local.set $b (local.get $a))
        (local.set $a (i32.add (local.get $t1) (local.get $t2)))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (i64.xor (local.get $w)
      (i64.extend_i32_u (i32.xor (i32.xor (i32.add (local.get $a) (local.get $e)) (i32.rotl (local.get $b) (i32.const 32)))
        (i32.add (i32.and (i32.xor (i32.const -1) (local.get $h)) (local.get $c))
                 (i32.add (i32.rotr (local.get $d) (i32.const 33)) (i32.xor (local.get $f) (local.get $g))))))))
  ;; bytes and half-words masked off values kept after, and a branch on the masked byte (movzx
  ;; sets no flags: the branch tests the result), over n words at p
  (func $masks (export "masks") (param $p i32) (param $n i32) (result i64)
    (local $x i32) (local $y i64) (local $s i64)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $x (i32.load (local.get $p)))
        (local.set $y (i64.load (local.get $p)))
        (if (i32.and (local.get $x) (i32.const 0xff))
          (then (local.set $s (i64.add (local.get $s) (i64.extend_i32_u (i32.and (local.get $x) (i32.const 0xffff)))))))
        (local.set $s (i64.xor (i64.rotl (local.get $s) (i64.const 5))
          (i64.add (i64.and (local.get $y) (i64.const 0xff))
            (i64.add (i64.and (local.get $y) (i64.const 0xffff)) (i64.extend_i32_u (i32.add (local.get $x) (i32.const 1)))))))
        (local.set $s (i64.add (local.get $s) (local.get $y)))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $s))
  (func (export "maskss") (param $seed i32) (param $p i32) (param $n i32) (result i64)
    (call $fill (i32.const 0) (i32.const 16384) (local.get $seed))
    ;; a few bytes zero, so the branch goes both ways
    (i32.store8 (i32.add (local.get $p) (i32.const 4)) (i32.const 0))
    (i32.store8 (i32.add (local.get $p) (i32.const 12)) (i32.const 0))
    (call $masks (local.get $p) (local.get $n)))
  (func (export "roundss") (param $seed i32) (param $p i32) (param $n i32) (param $s i64) (result i64)
    (call $fill (i32.const 0) (i32.const 16384) (local.get $seed))
    (call $rounds (local.get $p) (local.get $n) (local.get $s)))
  (func (export "crcs") (param $seed i32) (param $p i32) (param $n i32) (param $t i32) (result i32)
    (call $fill (i32.const 0) (i32.const 16384) (local.get $seed))
    (call $crc (i32.const -1) (local.get $p) (local.get $n) (local.get $t)))
  (func (export "opss") (param $seed i32) (param $a i32) (param $x i64) (result i64)
    (call $fill (i32.const 0) (i32.const 16384) (local.get $seed))
    (call $ops (local.get $a) (local.get $x)))
  (func (export "laness") (param $seed i32) (param $a i32) (result i32)
    (call $fill (i32.const 0) (i32.const 16384) (local.get $seed))
    (call $lanes (local.get $a)))
)
