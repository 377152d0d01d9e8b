;; rows.wat: loops that read (and write) a row and the row 640 bytes after it, the later row first,
;; from a pointer nothing bounds: opt/versioning.c's fast copy (folded offsets) runs when the
;; pointer keeps every address below 2^32, the copy as it was otherwise (tests/opt/versioning.sh).
(module
  (memory 1)

  ;; bytes of 16 rows 640 apart, two rows an iteration (the SAD's unrolled pair)
  (func $rows (export "rows") (param $p i32) (result i32)
    (local $y i32) (local $s i32) (local $q i32)
    (loop $l
      (local.set $q (i32.add (local.get $y) (local.get $p)))
      (local.set $s (i32.add (local.get $s)
        (i32.sub (i32.add (i32.load8_u (i32.add (local.get $q) (i32.const 1280)))
                          (i32.load8_u (i32.add (local.get $q) (i32.const 640))))
                 (i32.load8_u (local.get $q)))))
      (br_if $l (i32.ne (local.tee $y (i32.add (local.get $y) (i32.const 1280))) (i32.const 10240))))
    (local.get $s))

  ;; the same over 16-byte vectors, two pointers (the block and the reference), lanes summed after
  (func $vrows (export "vrows") (param $p i32) (param $r i32) (result i32)
    (local $y i32) (local $acc v128) (local $a i32) (local $b i32)
    (loop $l
      (local.set $a (i32.add (local.get $y) (local.get $p)))
      (local.set $b (i32.add (local.get $y) (local.get $r)))
      (local.set $acc (i32x4.add (local.get $acc)
        (i8x16.sub_sat_u (v128.load (i32.add (local.get $a) (i32.const 640)))
                         (v128.load (i32.add (local.get $b) (i32.const 640))))))
      (local.set $acc (i32x4.add (local.get $acc)
        (i8x16.sub_sat_u (v128.load (local.get $a)) (v128.load (local.get $b)))))
      (br_if $l (i32.ne (local.tee $y (i32.add (local.get $y) (i32.const 1280))) (i32.const 10240))))
    (i32.add (i32x4.extract_lane 0 (local.get $acc))
      (i32.add (i32x4.extract_lane 1 (local.get $acc))
        (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc))))))

  ;; a store to the later row of what the earlier row holds, then the earlier row's sum: 8 rows
  (func $copy (export "copy") (param $p i32) (result i32)
    (local $y i32) (local $q i32)
    (loop $l
      (local.set $q (i32.add (local.get $y) (local.get $p)))
      (i32.store16 offset=2 (i32.add (local.get $q) (i32.const 640)) (i32.load16_u (local.get $q)))
      (i32.store8 (i32.add (local.get $q) (i32.const 1280)) (local.get $y))
      (br_if $l (i32.lt_u (local.tee $y (i32.add (local.get $y) (i32.const 640))) (i32.const 5120))))
    (i32.add (i32.load (local.get $p)) (i32.load offset=3202 (local.get $p))))

  ;; a memory filled with a pattern to read
  (func $fill (export "fill") (param $seed i32)
    (local $i i32)
    (loop $l
      (i32.store (local.get $i) (i32.mul (i32.add (local.get $i) (local.get $seed)) (i32.const 0x9e3779b1)))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 4))) (i32.const 65536)))))

  ;; fill, then those of rows (1), vrows (2, at p and p + d) and copy (4) that `which` selects
  (func (export "run") (param $p i32) (param $d i32) (param $which i32) (result i32)
    (local $s i32)
    (call $fill (i32.const 7))
    (if (i32.and (local.get $which) (i32.const 1))
      (then (local.set $s (call $rows (local.get $p)))))
    (if (i32.and (local.get $which) (i32.const 2))
      (then (local.set $s (i32.add (local.get $s) (call $vrows (local.get $p) (i32.add (local.get $p) (local.get $d)))))))
    (if (i32.and (local.get $which) (i32.const 4))
      (then (local.set $s (i32.add (local.get $s) (call $copy (local.get $p))))))
    (local.get $s)))
