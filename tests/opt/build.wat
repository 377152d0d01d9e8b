;; build.wat: SSA construction (opt/build.c): block parameters where definitions meet, none where
;; they do not, constants interned in the entry block, one edge per distinct br_table target.
(module
  ;; a loop carrying two values: the header gets exactly two parameters
  (func $sum (export "sum") (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s (i32.add (local.get $s) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $s))
  ;; RUN: --func sum --after build
  ;; CHECK: b0(v1:i32):
  ;; CHECK: const 0
  ;; CHECK: const 1
  ;; CHECK: loop header, depth 1, IR loop 0
  ;; CHECK: i32.ge_u
  ;; CHECK: i32.add
  ;; CHECK: i32.add
  ;; CHECK: return
  ;; CHECK-COUNT-1: :i32, v
  ;; CHECK-COUNT-2: const

  ;; a value only read after a diamond that does not change it gets no parameter
  (func $same (export "same") (param $x i32) (param $c i32) (result i32)
    (local $y i32)
    (local.set $y (i32.mul (local.get $x) (i32.const 3)))
    (if (local.get $c) (then (drop (i32.const 1))) (else (drop (i32.const 2))))
    (local.get $y))
  ;; RUN: --func same --after build
  ;; CHECK: i32.mul
  ;; CHECK-NOT: (v
  ;; CHECK: return

  ;; br_table to three targets with many entries: three edges, the runs counted
  (func $table (export "table") (param $k i32) (result i32)
    (block $a (block $b (block $c
      (br_table $a $a $a $b $b $c $a $a (local.get $k)))
      (return (i32.const 30)))
      (return (i32.const 20)))
    (i32.const 10))
  ;; RUN: --func table --after build
  ;; CHECK: br_table v1 [b4 x3, b3 x2, b2, default b4 x2]

  ;; a branch carrying more than four values is one IR move (its c and aux name the values'
  ;; types: here the loop's six params); the builder reads each, so the back edge passes them
  ;; rotated, below them the value pushed first
  (type $six (func (param i32 i32 i32 i32 i32 i32) (result i32)))
  (func $moved (export "moved") (param $n i32) (result i32)
    (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $e i32)
    (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (local.get $n)
    (loop $l (type $six)
      (local.set $n) (local.set $e) (local.set $d) (local.set $c) (local.set $b) (local.set $a)
      (i32.const 1000)
      (local.get $b) (local.get $c) (local.get $d) (local.get $e)
      (i32.add (local.get $a) (local.get $n))
      (local.tee $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (local.get $n))
      (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i32.add)))
  ;; RUN: --func moved --after build
  ;; CHECK: br b2(v1, v7, v6, v5, v4, v3)
  ;; CHECK: b2(v9:i32, v10:i32, v11:i32, v12:i32, v13:i32, v14:i32):
  ;; CHECK: v15:i32 = i32.add v14, v9
  ;; CHECK: v16:i32 = i32.sub v9, v3
  ;; CHECK: br b2(v16, v15, v10, v11, v12, v13)

  ;; a move is read only through what reads the slots it writes: this loop's back edge moves
  ;; its six values down one slot (a new one on top) and the body reads none of them; the
  ;; call after the loop reads them first slot first, so reading the header's parameter for
  ;; the first slot reads, through the move, the second one's, made while the first one's
  ;; arguments are still being read: each must get its own arguments on each edge
  (func $combine (param i32 i32 i32 i32 i32 i32) (result i32)
    (i32.add (i32.mul (local.get 0) (i32.const 3))
      (i32.add (i32.mul (local.get 1) (i32.const 5))
        (i32.add (i32.mul (local.get 2) (i32.const 7))
          (i32.add (i32.mul (local.get 3) (i32.const 11))
            (i32.add (i32.mul (local.get 4) (i32.const 13)) (local.get 5)))))))
  (type $six_six (func (param i32 i32 i32 i32 i32 i32) (result i32 i32 i32 i32 i32 i32)))
  (func $shifted (export "shifted") (param $n i32) (result i32)
    (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6)
    (loop $l (type $six_six)
      (i32.add (local.get $n) (i32.const 100))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))
      (drop))
    (call $combine))
  ;; RUN: --func shifted --after build
  ;; CHECK: br b2(v1, v3, v4, v5, v6, v7, v8)
  ;; CHECK: b2(v10:i32, v16:i32, v17:i32, v18:i32, v19:i32, v20:i32, v21:i32):
  ;; CHECK: call f4 v16, v17, v18, v19, v20, v21
  ;; CHECK: br b2(v13, v17, v18, v19, v20, v21, v12)
)
