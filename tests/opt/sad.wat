;; sad.wat: opt/sad.c: a SAD's rows widened to 16-bit lanes and summed across after a loop of at
;; most 16 iterations: each row one psadbw in the code, the sub_sats, or and pmaddubsw gone, and
;; the widen to i32 lanes after the loop (the psadbw sums already are i32 lanes 0 and 2).
(module
  (memory 1)
  (func $sad (export "sad") (param $p i32) (param $q i32) (result i32)
    (local $y i32) (local $acc v128) (local $a v128) (local $b v128) (local $s v128)
    (loop $l
      (local.set $a (v128.load (i32.add (local.get $p) (local.get $y))))
      (local.set $b (v128.load (i32.add (local.get $q) (local.get $y))))
      (local.set $acc (i16x8.add (local.get $acc) (i16x8.extadd_pairwise_i8x16_u
        (v128.or (i8x16.sub_sat_u (local.get $a) (local.get $b)) (i8x16.sub_sat_u (local.get $b) (local.get $a))))))
      (br_if $l (i32.ne (local.tee $y (i32.add (local.get $y) (i32.const 640))) (i32.const 10240))))
    (local.set $s (i32x4.extadd_pairwise_i16x8_u (local.get $acc)))
    (i32.add (i32.add (i32x4.extract_lane 0 (local.get $s)) (i32x4.extract_lane 1 (local.get $s)))
             (i32.add (i32x4.extract_lane 2 (local.get $s)) (i32x4.extract_lane 3 (local.get $s)))))
  ;; RUN: --func sad --after sad
  ;; CHECK: loop header
  ;; CHECK-COUNT-1: i16x8.extadd_pairwise_i8x16_u v
  ;; CHECK-COUNT-1: sad    ;
  ;; CHECK-COUNT-0: i32x4.extadd_pairwise_i16x8_u
  ;; RUN: --func sad --opt-disable=sad
  ;; CHECK: loop header
  ;; CHECK: i8x16.sub_sat_u
  ;; CHECK-COUNT-0: sad    ;
  ;; RUN: --asm --tier opt --func sad
  ;; CHECK: loop header
  ;; CHECK-NOT: pmaddubsw
  ;; CHECK-NOT: psubusb
  ;; CHECK: psadbw xmm
  ;; CHECK-NOT: pmaddubsw
  ;; CHECK: br_if
  ;; RUN: WLAB_CPU_FEATURES=none --asm --tier opt --func sad
  ;; CHECK: loop header
  ;; CHECK: psadbw xmm
  ;; CHECK: br_if
)
