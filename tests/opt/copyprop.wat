;; copyprop.wat: copy propagation (opt/copyprop.c): block parameters that only copy a value
;; (trivial, or the same as another parameter on every edge) and selects of one value go;
;; parameters that differ on some edge stay.
(module
  (global $g (mut i32) (i32.const 0))
  (global $h (mut i32) (i32.const 0))

  ;; a and b get the same value on both ways into the merge: one parameter is left, used twice
  (func $red (export "red") (param $c i32) (result i32)
    (local $a i32) (local $b i32) (local $x i32) (local $y i32)
    (local.set $x (global.get $g))
    (local.set $y (global.get $h))
    (if (local.get $c)
      (then (local.set $a (local.get $x)) (local.set $b (local.get $x)))
      (else (local.set $a (local.get $y)) (local.set $b (local.get $y))))
    (i32.mul (local.get $a) (local.get $b)))
  ;; RUN: --func red --after build
  ;; CHECK: br b4(v4, v4)
  ;; CHECK: br b4(v3, v3)
  ;; CHECK: b4(v8:i32, v9:i32):
  ;; RUN: --func red --after copyprop
  ;; CHECK: br b4(v4)
  ;; CHECK: br b4(v3)
  ;; CHECK: b4(v8:i32):
  ;; CHECK: i32.mul v8, v8

  ;; around a loop: b is set to a each time, and both start at 0, so at the header they are
  ;; one value (each edge passes them one value: 0 and 0, then the new a twice)
  (func $loopred (export "loopred") (param $n i32) (result i32)
    (local $a i32) (local $b i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (local.get $b)))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (local.set $b (local.get $a))
      (br_if $l (i32.lt_u (local.get $a) (local.get $n))))
    (i32.add (local.get $s) (local.get $b)))
  ;; RUN: --func loopred --after copyprop
  ;; CHECK: br b1(v12, v12)
  ;; CHECK: b1(v3:i32, v4:i32):
  ;; CHECK: i32.add v3, v4
  ;; CHECK: i32.add v4, v7
  ;; CHECK: br_if v10, b1(v5, v8), b2

  ;; not redundant: a starts at 0 and b at 1, so the two loop parameters stay
  (func $notred (export "notred") (param $n i32) (result i32)
    (local $a i32) (local $b i32)
    (local.set $b (i32.const 1))
    (loop $l
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $a) (local.get $n))))
    (i32.mul (local.get $a) (local.get $b)))
  ;; RUN: --func notred --after copyprop
  ;; CHECK: b2(v5:i32, v7:i32):
  ;; CHECK: br_if v10, b2(v6, v8), b3

  ;; sccp makes x+0 into x, so both ways pass x: the merge parameter is trivial and goes
  (func $triv (export "triv") (param $c i32) (result i32)
    (local $a i32) (local $x i32)
    (local.set $x (global.get $g))
    (if (local.get $c)
      (then (local.set $a (i32.add (local.get $x) (i32.const 0))))
      (else (local.set $a (local.get $x))))
    (local.get $a))
  ;; RUN: --func triv --after copyprop
  ;; CHECK: v3:i32 = global.get g0
  ;; CHECK-NOT: (v
  ;; CHECK: return v3

  ;; once a and b are one parameter, the select of a and b is that parameter
  (func $sel (export "sel") (param $c i32) (result i32)
    (local $a i32) (local $b i32) (local $x i32)
    (local.set $x (global.get $g))
    (if (local.get $c)
      (then (local.set $a (local.get $x)) (local.set $b (local.get $x)))
      (else (local.set $a (i32.const 3)) (local.set $b (i32.const 3))))
    (select (local.get $a) (local.get $b) (global.get $h)))
  ;; RUN: --func sel --after copyprop
  ;; CHECK: b4(v9:i32):
  ;; CHECK: return v9
  ;; CHECK-COUNT-0: select
)
