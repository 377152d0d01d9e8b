;; branchfold.wat: branch folding and block merging (opt/branchfold.c): branches with one way
;; become br, empty blocks are bypassed, a block and its only successor become one; loop
;; headers keep their place and their IR loop number, and no critical edge gets the moves of
;; an argument.  (The other passes are off so that what is left is this pass's doing.)
(module
  (global $g (mut i32) (i32.const 0))

  ;; an if with two empty arms: both ways reach one block, so the br_if goes; then every block
  ;; merges into the entry
  (func $empty_if (export "empty_if") (param $c i32) (result i32)
    (if (local.get $c) (then (nop)) (else (nop)))
    (global.get $g))
  ;; RUN: --func empty_if --after branchfold --opt-disable=inline,sccp,copyprop,gvn,licm,dce
  ;; CHECK: 1 blocks
  ;; CHECK-COUNT-0: br_if
  ;; CHECK: global.get g0
  ;; CHECK: return

  ;; straight-line blocks (each ends in br to a block with no other predecessor) become one,
  ;; their instructions in order
  (func $chain (export "chain") (param $x i32) (result i32)
    (block $a (block $b (block $c
      (global.set $g (local.get $x))
      (br $c))
      (global.set $g (i32.const 1))
      (br $b))
      (global.set $g (i32.const 2))
      (br $a))
    (global.get $g))
  ;; RUN: --func chain --after branchfold --opt-disable=inline,sccp,copyprop,gvn,licm,dce
  ;; CHECK: 1 blocks
  ;; CHECK: global.set g0 v1
  ;; CHECK: global.set g0 v5
  ;; CHECK: global.set g0 v8
  ;; CHECK: global.get g0

  ;; a br_table whose entries all go to one block is a br
  (func $table (export "table") (param $k i32) (result i32)
    (block $a (block $b (block $c
      (br_table $a $b $c (local.get $k)))
      (nop))
      (nop))
    (global.get $g))
  ;; RUN: --func table --after branchfold --opt-disable=inline,sccp,copyprop,gvn,licm,dce
  ;; CHECK-COUNT-0: br_table
  ;; CHECK: 1 blocks

  ;; forwarders: the br_if's taken way goes through two empty blocks; it now goes straight to
  ;; their end
  (func $fwd (export "fwd") (param $k i32) (result i32)
    (block $out
      (block $a
        (block $b
          (br_if $b (local.get $k))
          (global.set $g (i32.const 1))
          (br $out))
        (br $a))
      (br $out))
    (global.get $g))
  ;; RUN: --func fwd --after branchfold --opt-disable=inline,sccp,copyprop,gvn,licm,dce
  ;; CHECK: 3 blocks
  ;; CHECK: br_if v1, b5, b2
  ;; CHECK: global.set
  ;; CHECK: br b5
  ;; CHECK: b5:    ; preds b0 b2

  ;; the arms pass different values to the merge: the forwarders stay (each holds its edge's
  ;; argument), and so does the br_if
  (func $diff (export "diff") (param $c i32) (result i32)
    (if (result i32) (local.get $c) (then (i32.const 1)) (else (i32.const 2))))
  ;; RUN: --func diff --after branchfold --opt-disable=inline,sccp,copyprop,gvn,licm,dce
  ;; CHECK: br_if v1, b2, b3
  ;; CHECK: br b4(v6)
  ;; CHECK: br b4(v4)
  ;; CHECK: b4(v9:i32):

  ;; loop headers stay where they are: the outer one holds only a br to the inner one, yet is
  ;; neither bypassed nor merged; the entry merges into nothing (its successor is a header)
  (func $nest (export "nest") (param $n i32) (result i32)
    (local $i i32) (local $j i32)
    (loop $outer
      (loop $inner
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $inner (i32.lt_u (local.get $j) (local.get $n))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $outer (i32.lt_u (local.get $i) (local.get $n))))
    (i32.add (local.get $i) (local.get $j)))
  ;; RUN: --func nest --after branchfold --opt-disable=inline,sccp,copyprop,gvn,licm,dce
  ;; CHECK: b0(v1:i32):
  ;; CHECK: br b1(
  ;; CHECK: b1(v10:i32, v13:i32):    ; preds b0 b3, idom b0, loop header, depth 1, IR loop 0
  ;; CHECK: br b2(v10)
  ;; CHECK: b2(v4:i32):    ; preds b1 b2, idom b1, loop header, depth 2, IR loop 1
  ;; CHECK: br_if v15, b1(v6, v14), b4

  ;; a loop whose preheader code merges into the entry: the header keeps its mark
  (func $loop (export "loop") (param $n i32) (result i32)
    (local $i i32)
    (global.set $g (i32.const 0))
    (loop $l
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $i))
  ;; RUN: --func loop --after branchfold --opt-disable=inline,sccp,copyprop,gvn,licm,dce
  ;; CHECK: b0(v1:i32):    ; entry
  ;; CHECK: global.set g0
  ;; CHECK: br b2(v3)
  ;; CHECK: b2(v6:i32):    ; preds b0 b2, idom b0, loop header, depth 1, IR loop 0
  ;; CHECK: br_if v10, b2(v8), b3
)
