;; loops.wat: the forms mainloop's loop is emitted in (opt/emit*.c, opt/loopconst.c), run against
;; the interpreter by tests/opt/loops.sh: a load, add and store as one add to memory (traps
;; included), a guarded truncation, wraps, a branch on an add's flags, a loop constant in the
;; register of a value reloaded at the loop's exit, and a shift and an add as one lea.
(module
  (memory 1)
  ;; not inlined (more than 30 operations): a call after the loop that needs $a in memory
  (func $g (param i64) (result i64)
    (i64.xor (i64.mul (i64.xor (i64.mul (i64.xor (i64.mul (i64.xor (i64.mul (i64.xor (i64.mul (i64.xor (i64.mul (i64.xor (i64.mul (i64.xor (i64.mul (i64.xor (i64.mul (i64.xor (i64.mul (i64.xor (i64.mul (i64.xor (i64.mul (i64.xor (i64.mul (i64.xor (i64.mul (i64.xor (i64.mul (i64.xor (i64.mul (i64.xor (i64.mul (i64.xor (i64.mul (i64.xor (i64.mul (i64.xor (i64.mul (local.get 0) (i64.const 3)) (i64.const 1)) (i64.const 5)) (i64.const 2)) (i64.const 7)) (i64.const 3)) (i64.const 9)) (i64.const 4)) (i64.const 11)) (i64.const 5)) (i64.const 13)) (i64.const 6)) (i64.const 15)) (i64.const 7)) (i64.const 17)) (i64.const 8)) (i64.const 19)) (i64.const 9)) (i64.const 21)) (i64.const 10)) (i64.const 23)) (i64.const 11)) (i64.const 25)) (i64.const 12)) (i64.const 27)) (i64.const 13)) (i64.const 29)) (i64.const 14)) (i64.const 31)) (i64.const 15)) (i64.const 33)) (i64.const 16)) (i64.const 35)) (i64.const 17)) (i64.const 37)) (i64.const 18)) (i64.const 39)) (i64.const 19)) (i64.const 41)) (i64.const 20)))
  ;; n rounds of counts[i & 7]++ (i32) and a 64-bit total -= 3 at address a; a past the end traps
  (func (export "inc") (param $a i32) (param $n i32) (result i64)
    (local $i i32)
    (loop $l
      (i32.store offset=8 (i32.shl (i32.and (local.get $i) (i32.const 7)) (i32.const 2))
        (i32.add (i32.load offset=8 (i32.shl (i32.and (local.get $i) (i32.const 7)) (i32.const 2))) (i32.const 1)))
      (i64.store offset=64 (local.get $a) (i64.sub (i64.load offset=64 (local.get $a)) (i64.const 3)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.sub (local.get $n) (local.get $i))))
    (i64.add (i64.load (i32.add (local.get $a) (i32.const 64)))
      (i64.extend_i32_u (i32.add (i32.load (i32.const 8)) (i32.load (i32.const 36))))))
  ;; C's (uint32_t)d and (int32_t)d behind their guards; -1 / 7 when outside
  (func (export "guard_u") (param $d f64) (result i32)
    (if (result i32) (i32.and (f64.lt (local.get $d) (f64.const 4294967296)) (f64.ge (local.get $d) (f64.const 0)))
      (then (i32.trunc_f64_u (local.get $d))) (else (i32.const -1))))
  (func (export "guard_s") (param $d f32) (result i32)
    (if (result i32) (i32.and (f32.lt (local.get $d) (f32.const 2147483648)) (f32.ge (local.get $d) (f32.const -2147483648)))
      (then (i32.trunc_f32_s (local.get $d))) (else (i32.const 7))))
  ;; a shift by 1-3 and an add as one lea (mainloop's histogram address): the i32 sum wraps (an
  ;; index of 2^30 + 1 reads address 0x1064, not past the end), the end of memory traps
  (func (export "scaled") (param $i i32) (param $b i32) (result i32)
    (i32.add (i32.load (i32.add (i32.shl (local.get $i) (i32.const 2)) (i32.const 0x1060)))
      (i32.add (i32.shl (local.get $b) (i32.const 3)) (local.get $i))))
  (func (export "scaled64") (param $i i64) (param $b i64) (result i64)
    (i64.add (i64.shl (local.get $i) (i64.const 1)) (local.get $b)))
  ;; an LCG's bits, wrapped, masked and converted, n times; the multiplier and increment in
  ;; registers through the loop, $a reloaded after it for the call
  (func (export "lcg") (param $s i64) (param $n i32) (param $p i32) (result i64)
    (local $a i64) (local $x i32)
    (local.set $a (i64.load (local.get $p)))
    (loop $l
      (local.set $s (i64.add (i64.mul (local.get $s) (i64.const 6364136223846793005)) (i64.const 1442695040888963407)))
      (local.set $x (i32.add (local.get $x)
        (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $s) (i64.const 40)))
                 (i32.and (i32.wrap_i64 (i64.shr_u (local.get $s) (i64.const 16))) (i32.const 0xffffff)))))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (i64.add (i64.add (local.get $s) (call $g (local.get $a))) (i64.add (local.get $a) (i64.extend_i32_u (local.get $x)))))
  ;; under three registers a class: the multiplier in $a's register through the loop, $a
  ;; reloaded from its slot at the exit for the call (tests/opt/loopconst.wat's shape)
  (func (export "taken") (param $s i64) (param $n i32) (param $p i32) (result i64)
    (local $a i64)
    (local.set $a (i64.load (local.get $p)))
    (loop $l
      (local.set $s (i64.add (i64.mul (local.get $s) (i64.const 6364136223846793005)) (i64.const 1442695040888963407)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.set $s (i64.xor (local.get $s) (i64.rotl (local.get $a) (i64.const 7))))
    (local.set $s (i64.add (local.get $s) (call $g (local.get $a))))
    (i64.add (local.get $s) (local.get $a)))
  (data (i32.const 200) "\01\02\03\04\05\06\07\08"))
