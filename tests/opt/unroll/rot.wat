;; rot.wat: loops that rotate values through their parameters, unrolled by opt/unroll.c, run
;; against the interpreter (tests/opt/unroll.sh): every trip count around the factor, exits from
;; each copy, values used after the loop, a trap in the middle of a copy, two loops in a row.
(module
  (memory 1)
  (data (i32.const 0) "\01\02\03\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f\10")

  ;; four values shifted one place an iteration, a fresh one at the front (sha256's a..d): factor 4
  (func $rot4 (export "rot4") (param $n i32) (param $a i32) (result i32)
    (local $b i32) (local $c i32) (local $d i32) (local $t i32) (local $i i32)
    (local.set $b (i32.const 7)) (local.set $c (i32.const 11)) (local.set $d (i32.const 13))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $t (i32.add (i32.rotl (local.get $a) (i32.const 5))
                               (i32.xor (local.get $d) (i32.mul (local.get $i) (i32.const 0x9e3779b9)))))
        (local.set $d (local.get $c))
        (local.set $c (local.get $b))
        (local.set $b (local.get $a))
        (local.set $a (local.get $t))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    ;; each value after the loop, weighted so that a value in the wrong place shows
    (i32.add (i32.add (local.get $a) (i32.mul (local.get $b) (i32.const 3)))
             (i32.add (i32.mul (local.get $c) (i32.const 5)) (i32.mul (local.get $d) (i32.const 9)))))

  ;; Fibonacci, (a, b) = (b, a + b) with the exit test at the bottom: factor 2
  (func $fibl (export "fibl") (param $n i32) (result i64)
    (local $a i64) (local $b i64) (local $t i64)
    (local.set $b (i64.const 1))
    (loop $l
      (local.set $t (i64.add (local.get $a) (local.get $b)))
      (local.set $a (local.get $b))
      (local.set $b (local.get $t))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $a))

  ;; a swap each iteration (a cycle of two parameters) and a sum: factor 2, the unrolled loop's
  ;; back edge passes the parameters unchanged
  (func $swap (export "swap") (param $n i32) (param $x i32) (param $y i32) (result i32)
    (local $t i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (i32.mul (local.get $s) (i32.const 31)) (local.get $x)))
      (local.set $t (local.get $x))
      (local.set $x (local.get $y))
      (local.set $y (local.get $t))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (i32.add (local.get $s) (i32.mul (local.get $x) (i32.const 1000))))

  ;; a rotation whose fresh value is loaded from memory at an address the caller picks: a trap at
  ;; whichever iteration (and copy) first reads out of bounds, after the stores before it
  (func $load3 (export "load3") (param $p i32) (param $n i32) (result i32)
    (local $a i32) (local $b i32) (local $c i32) (local $i i32)
    (loop $l
      (local.set $c (local.get $b))
      (local.set $b (local.get $a))
      (local.set $a (i32.add (i32.load8_u (i32.add (local.get $p) (local.get $i))) (local.get $c)))
      (i32.store (i32.const 64) (i32.add (i32.load (i32.const 64)) (local.get $a)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (i32.add (i32.add (local.get $a) (i32.shl (local.get $b) (i32.const 8)))
             (i32.add (i32.shl (local.get $c) (i32.const 16)) (i32.load (i32.const 64)))))

  ;; two rotating loops in a row, the second starting from the first's values; a float rotation
  (func $two (export "two") (param $n i32) (result f64)
    (local $a f64) (local $b f64) (local $c f64) (local $i i32)
    (local.set $a (f64.const 1)) (local.set $b (f64.const 0.5)) (local.set $c (f64.const 0.25))
    (loop $l
      (local.set $c (local.get $b))
      (local.set $b (local.get $a))
      (local.set $a (f64.add (f64.mul (local.get $b) (f64.const 0.75)) (f64.convert_i32_u (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (loop $m
      (local.set $c (local.get $b))
      (local.set $b (local.get $a))
      (local.set $a (f64.sub (local.get $c) (f64.mul (local.get $b) (f64.const 0.125))))
      (br_if $m (local.tee $i (i32.sub (local.get $i) (i32.const 1)))))
    (f64.add (f64.add (local.get $a) (f64.mul (local.get $b) (f64.const 3))) (f64.mul (local.get $c) (f64.const 7))))
;; a br_table in the body: each copy's block takes the table's entries (a copy without them
;; crashed the compile)
(func $cases (export "cases") (param $n i32) (result i32)
  (local $a i32) (local $b i32) (local $c i32) (local $t i32)
  (local.set $a (i32.const 1)) (local.set $b (i32.const 2)) (local.set $c (i32.const 3))
  (loop $l
    (block $x
      (block $y
        (block $z
          (br_table $x $y $z $x (i32.and (local.get $n) (i32.const 3))))
        (local.set $a (i32.mul (local.get $a) (i32.const 3))))
      (local.set $c (i32.add (local.get $c) (i32.const 5))))
    (local.set $t (local.get $a))
    (local.set $a (local.get $b))
    (local.set $b (local.get $c))
    (local.set $c (i32.add (local.get $t) (local.get $n)))
    (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
  (i32.add (local.get $a) (i32.mul (local.get $b) (local.get $c))))
)
