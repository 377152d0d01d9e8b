;; reassoc.wat: reassociation of add chains in loops (opt/reassoc.c): the tree of single-use adds
;; is rebuilt so that the operand ready last (the rotates of a loop-carried value) is added last,
;; the partial sums placed after their later operands; trees with a constant leaf, trees of two
;; leaves, chains that are already shortest and code outside loops stay as they are.
(module
  (memory 1)

  ;; sha256's t1 = h + S1(e) + (e & f) + k[i] + w, e carried by the loop: S1(e) came second and
  ;; four adds from the end, and now h + w comes first (both ready at the loop's top), then the
  ;; and, and S1(e) two adds from the end (depth 6 -> 4)
  (func $round (export "round") (param $e i32) (param $f i32) (param $h i32) (param $w i32) (param $n i32)
    (result i32)
    (loop $l
      (local.set $e
        (i32.add (i32.add (i32.add (i32.add (local.get $h)
                                            (i32.xor (i32.rotl (local.get $e) (i32.const 26))
                                                     (i32.rotl (local.get $e) (i32.const 21))))
                                   (i32.and (local.get $e) (local.get $f)))
                          (i32.load (local.get $n)))
                 (local.get $w)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 4)))))
    (local.get $e))
  ;; (the old chain's adds are left for dce)
  ;; RUN: --func round --after reassoc
  ;; CHECK: loop header
  ;; CHECK-NOT: i32.rotl
  ;; CHECK: i32.add v3, v4
  ;; CHECK: i32.rotl
  ;; CHECK: i32.xor
  ;; CHECK: i32.and
  ;; CHECK: i32.add v28, v16
  ;; CHECK: i32.load
  ;; CHECK: i32.add v19, v12
  ;; CHECK: i32.add v29, v30
  ;; CHECK: br_if v24, b1(v22, v24)
  ;; RUN: --func round --opt-disable=reassoc --after dce
  ;; CHECK: loop header
  ;; CHECK: i32.rotl
  ;; CHECK: i32.rotl
  ;; CHECK: i32.xor
  ;; CHECK: i32.add
  ;; CHECK: i32.and
  ;; CHECK: i32.add
  ;; CHECK: br_if

  ;; the same sum with a constant among its terms (an address's offset, say): left alone, and
  ;; outside a loop too
  (func $konst (export "konst") (param $e i32) (param $h i32) (param $n i32) (result i32)
    (local.set $h (i32.add (i32.add (i32.add (local.get $h) (i32.rotl (local.get $e) (i32.const 7)))
                                    (i32.rotl (local.get $e) (i32.const 9)))
                           (local.get $n)))
    (loop $l
      (local.set $e
        (i32.add (i32.add (i32.add (local.get $h) (i32.rotl (local.get $e) (i32.const 26)))
                          (i32.const 64))
                 (local.get $n)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $e))
  ;; RUN: --func konst --after reassoc
  ;; CHECK: i32.rotl
  ;; CHECK: i32.add
  ;; CHECK: i32.rotl
  ;; CHECK: i32.add
  ;; CHECK: i32.add
  ;; CHECK: loop header
  ;; CHECK: i32.rotl
  ;; CHECK: i32.add
  ;; CHECK: i32.add
  ;; CHECK: i32.add
  ;; CHECK: br_if
)
