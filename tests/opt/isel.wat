;; isel.wat: instruction selection in loops (opt/emit*.c), checked on the machine code: what must
;; stay native (no call out of the loop) and the forms chosen for it.
(module
  (memory 1)

  ;; a float truncated to an index every iteration (mainloop's histogram): the conversion is
  ;; cvttsd2si and a branch to the trap stubs, never a call to C, so nothing in the loop has to
  ;; leave the caller-saved registers
  (func $trunc (export "trunc") (param $x f64) (param $n i32) (result i32)
    (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.trunc_f64_u (local.get $x))))
      (local.set $s (i32.add (local.get $s) (i32.trunc_f64_s (local.get $x))))
      (local.set $s (i32.add (local.get $s) (i32.wrap_i64 (i64.trunc_f64_u (local.get $x)))))
      (local.set $s (i32.add (local.get $s) (i32.trunc_sat_f32_u (f32.demote_f64 (local.get $x)))))
      (local.set $x (f64.mul (local.get $x) (f64.const 1.5)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s))
  ;; RUN: --asm --tier opt --func trunc
  ;; CHECK: i32.trunc_f64_u
  ;; CHECK-NOT: call
  ;; CHECK: cvttsd2si
  ;; CHECK-NOT: call
  ;; CHECK: i64.trunc_f64_u
  ;; CHECK-NOT: call
  ;; CHECK: cvttss2si
  ;; CHECK-NOT: call
  ;; CHECK: ; out of line

  ;; min, max and the unsigned 64-bit conversion: native as well
  (func $minmax (export "minmax") (param $a f64) (param $b f64) (param $u i64) (result f64)
    (f64.add (f64.min (local.get $a) (local.get $b))
             (f64.add (f64.max (local.get $a) (local.get $b)) (f64.convert_i64_u (local.get $u)))))
  ;; RUN: --asm --tier opt --func minmax
  ;; CHECK: f64.min
  ;; CHECK-NOT: call
  ;; CHECK: minsd
  ;; CHECK-NOT: call
  ;; CHECK: maxsd
  ;; CHECK-NOT: call
  ;; CHECK: f64.convert_i64_u
  ;; CHECK-NOT: call
  ;; CHECK: ; out of line

  ;; a sum of two registers into a third is a lea (no move first), and so is a register minus a
  ;; constant (sccp makes the sub an add of -3, which licm hoists); the loop's conditional back edge is one jcc to the header, with the jmp on the exit
  (func $lea (export "lea") (param $a i32) (param $b i32) (result i32)
    (local $s i32)
    (loop $l
      (i32.store (i32.add (local.get $a) (local.get $b)) (local.get $s))
      (local.set $s (i32.add (local.get $s) (i32.sub (local.get $a) (i32.const 3))))
      (br_if $l (local.tee $b (i32.sub (local.get $b) (i32.const 1)))))
    (local.get $s))
  ;; RUN: --asm --tier opt --func lea
  ;; CHECK: i32.add v1, v17
  ;; CHECK: lea edx, [rax - 3]
  ;; CHECK: i32.add v1, v5
  ;; CHECK: lea edi, [rax + rcx]
  ;; CHECK: br_if v13, b4, b2
  ;; CHECK: jne
  ;; CHECK-NOT: je
  ;; CHECK: b4:
  ;; a loop's float constants live in registers the loop leaves free (opt/loopconst.c): loaded
  ;; from the pool once, in the block entering the loop, and read from there on every iteration
  ;; (not built through movabs and movq, nor read from the pool, at each use)
  (func $fconst (export "fconst") (param $x f64) (param $n i32) (result f64)
    (loop $l
      (local.set $x (f64.mul (local.get $x) (f64.const 0.75)))
      (br_if $l (i32.and (f64.gt (local.get $x) (f64.const 1e-3))
                         (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
    (local.get $x))
  ;; RUN: --asm --tier opt --func fconst
  ;; CHECK: br b1(v1, v2)
  ;; CHECK: movsd xmm1, qword ptr [rip + 0x
  ;; CHECK: movsd xmm2, qword ptr [rip + 0x
  ;; CHECK: loop header
  ;; CHECK-NOT: movabs
  ;; CHECK-NOT: [rip
  ;; CHECK: mulsd xmm0, xmm1
  ;; CHECK-NOT: movabs
  ;; CHECK-NOT: [rip
  ;; CHECK: ucomisd xmm0, xmm2
  ;; CHECK: ; out of line
  ;; an LCG's 64-bit multiplier and increment (mainloop): in two free GPRs through the loop, not
  ;; a movabs each per iteration; with three registers a class only one is spare, and the other is
  ;; built at its use as before (no value of the loop leaves its register for a constant)
  (func $lcg (export "lcg") (param $s i64) (param $n i32) (result i64)
    (loop $l
      (local.set $s (i64.add (i64.mul (local.get $s) (i64.const 6364136223846793005)) (i64.const 1442695040888963407)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s))
  ;; RUN: --asm --tier opt --func lcg
  ;; CHECK: br b1(v1, v2)
  ;; CHECK: movabs rdx, 0x5851f42d4c957f2d
  ;; CHECK: movabs rsi, 0x14057b7ef767814f
  ;; CHECK: loop header
  ;; CHECK-NOT: movabs
  ;; CHECK: imul rax, rdx
  ;; CHECK-NOT: movabs
  ;; CHECK: add rax, rsi
  ;; CHECK: ; out of line
  ;; RUN: WLAB_OPT_REGS=7,7 --asm --tier opt --func lcg
  ;; CHECK: movabs rdx, 0x5851f42d4c957f2d
  ;; CHECK: loop header
  ;; CHECK-NOT: [rsp
  ;; CHECK: imul rax, rdx
  ;; CHECK: movabs r11, 0x14057b7ef767814f
  ;; CHECK: add rax, r11
  ;; CHECK-NOT: [rsp
  ;; CHECK: ; out of line
  ;; every pool constant is read [rip + constant]: an operand of the arithmetic, of a compare
  ;; (eq as well as gt), a constant moved to a register (no movabs and movq through r10), with no
  ;; lea of its address first
  (func $pool (export "pool") (param $x f64) (param $y f32) (result f64)
    (local $r f64)
    (local.set $r (f64.mul (local.get $x) (f64.const 0.75)))
    (if (f64.gt (local.get $r) (f64.const 1e-3)) (then (local.set $r (f64.const 2.5))))
    (if (f64.eq (local.get $x) (f64.const 0.5)) (then (local.set $r (f64.const 0.25))))
    (f64.add (local.get $r) (f64.promote_f32 (f32.mul (local.get $y) (f32.const 3)))))
  ;; RUN: --asm --tier opt --func pool
  ;; CHECK: f64.mul
  ;; CHECK-NOT: lea r1
  ;; CHECK: mulsd xmm2, qword ptr [rip + 0x
  ;; CHECK: f64.gt
  ;; CHECK: ucomisd xmm2, qword ptr [rip + 0x
  ;; CHECK: br b3(v9)
  ;; CHECK: movsd xmm2, qword ptr [rip + 0x
  ;; CHECK: f64.eq
  ;; CHECK: ucomisd xmm0, qword ptr [rip + 0x
  ;; CHECK: f32.mul
  ;; CHECK: mulss xmm1, dword ptr [rip + 0x
  ;; CHECK-NOT: movabs
  ;; CHECK-NOT: lea r1
  ;; CHECK: ; out of line
;; a float op whose result goes to neither operand's register: with AVX one three-operand
  ;; instruction (matmul's a[i][k] * b[k][j], a kept for the next j); SSE moves a first
  (func $three (export "three") (param $p i32) (param $n i32) (result f64)
    (local $a f64) (local $s f64)
    (local.set $a (f64.load (i32.const 0)))
    (loop $l
      (local.set $s (f64.add (local.get $s) (f64.mul (local.get $a) (f64.load (local.get $p)))))
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (f64.add (local.get $s) (local.get $a)))
  ;; RUN: REQUIRES=avx --asm --tier opt --func three
  ;; CHECK: f64.mul
  ;; CHECK: vmulsd xmm
  ;; CHECK: f64.add
  ;; RUN: WLAB_CPU_FEATURES=none --asm --tier opt --func three
  ;; CHECK: f64.mul
  ;; CHECK-NOT: vmulsd
  ;; CHECK: mulsd xmm
  ;; CHECK: f64.add

  ;; a br_table of several targets (bytecode's dispatch): an index past the table takes the
  ;; default with one jcc, the rest one indirect jump through a table of 32-bit offsets after
  ;; the code (no clamp with cmova, no table of jumps to jump into)
  (func $table (export "table") (param $op i32) (param $x i32) (result i32)
    (block $d (block $c (block $b (block $a
      (br_table $a $b $c $b $d (local.get $op)))
      (return (i32.add (local.get $x) (i32.const 1))))
      (return (i32.mul (local.get $x) (i32.const 3))))
      (return (i32.xor (local.get $x) (i32.const 5))))
    (i32.const -1))
  ;; RUN: --asm --tier opt --func table
  ;; CHECK: br_table
  ;; CHECK-NOT: cmova
  ;; CHECK: , 3
  ;; CHECK: ja 0x
  ;; CHECK: movsxd r10, dword ptr [r11 + r
  ;; CHECK: add r10, r11
  ;; CHECK: jmp r10
  ;; CHECK: ; out of line
  ;; a float compare fused into its branch (gt/ge/lt/le: one jcc, false when unordered), and a
  ;; range test, the and of two compares, as two jcc with no setcc and no and: the first to the
  ;; false edge; the constant that lt's swap puts first comes from the pool, not through a GPR
  (func $range (export "range") (param $x f64) (result i32)
    (block $in
      (br_if $in (i32.and (f64.lt (local.get $x) (f64.const 4294967296)) (f64.ge (local.get $x) (f64.const 0))))
      (return (i32.const -1)))
    (i32.trunc_f64_u (local.get $x)))
  ;; RUN: --asm --tier opt --func range
  ;; CHECK: f64.lt
  ;; CHECK-NOT: movq
  ;; CHECK: ucomisd xmm14
  ;; CHECK-NOT: set
  ;; CHECK: jbe
  ;; CHECK: f64.ge
  ;; CHECK: ucomisd
  ;; CHECK-NOT: set
  ;; CHECK: i32.and
  ;; CHECK-NOT: and
  ;; CHECK: br_if
  ;; CHECK-NOT: test
  ;; CHECK: jae
  (func $le (export "le") (param $x f32) (param $y f32) (result i32)
    (block $t (br_if $t (f32.le (local.get $x) (local.get $y))) (return (i32.const 0)))
    (i32.const 1))
  ;; RUN: --asm --tier opt --func le
  ;; CHECK: f32.le
  ;; CHECK: ucomiss
  ;; CHECK-NOT: set
  ;; CHECK: br_if
  ;; CHECK-NOT: test
  ;; CHECK: jae
  ;; mainloop's inner loop in small: the LCG's bits wrapped to i32 after a shift by 40 (upper half
  ;; zero already) and after a shift by 16 that a mask follows (the and's 32-bit form clears it),
  ;; with no `mov r32, r32` of their own; a conversion to unsigned that C guards as `(uint32_t)d`
  ;; compiles (lt 2^32 and ge 0, then trunc) one cvttsd2si with no range check; the histogram's
  ;; load, add and store one add to memory; the counter's sub setting the flags for its branch
  (func $hist (export "hist") (param $s i64) (param $n i32) (result i64)
    (local $d f64) (local $i i32) (local $a i32)
    (loop $l
      (local.set $s (i64.add (i64.mul (local.get $s) (i64.const 6364136223846793005)) (i64.const 1442695040888963407)))
      (local.set $d (f64.mul
        (f64.add (f64.convert_i32_u (i32.wrap_i64 (i64.shr_u (local.get $s) (i64.const 40))))
                 (f64.convert_i32_u (i32.and (i32.wrap_i64 (i64.shr_u (local.get $s) (i64.const 16))) (i32.const 0xffffff))))
        (f64.const 0x1p-14)))
      (local.set $i (i32.const 0))
      (if (i32.and (f64.lt (local.get $d) (f64.const 4294967296)) (f64.ge (local.get $d) (f64.const 0)))
        (then (local.set $i (i32.trunc_f64_u (local.get $d)))))
      (local.set $a (i32.shl (local.get $i) (i32.const 2)))
      (i32.store offset=256 (local.get $a) (i32.add (i32.load offset=256 (local.get $a)) (i32.const 1)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s))
  ;; RUN: --asm --tier opt --func hist
  ;; CHECK: loop header
  ;; CHECK: shr rdx, 0x28
  ;; CHECK-NOT: mov edx, edx
  ;; CHECK: cvtsi2sd xmm0, rdx
  ;; CHECK: shr rdx, 0x10
  ;; CHECK-NOT: mov edx, edx
  ;; CHECK: and edx, 0xffffff
  ;; CHECK: i32.trunc_f64_u
  ;; CHECK: cvttsd2si rdx, xmm0
  ;; CHECK-NOT: shr
  ;; CHECK-NOT: ucomisd
  ;; CHECK: i32.load
  ;; CHECK: add dword ptr [r14 + rdx + 0x100], 1
  ;; CHECK-NOT: mov
  ;; CHECK: i32.store
  ;; CHECK-NOT: mov
  ;; CHECK: add ecx, -1
  ;; CHECK-NOT: test
  ;; CHECK: jne
  ;; CHECK: ; out of line

  ;; a float zero the loop compares against (mainloop's `r2 >= 0` guard) is a loop constant too
  ;; when an xmm register is left spare: one xorps on the way in, none in the loop
  (func $fzero (export "fzero") (param $x f64) (param $n i32) (result i32)
    (local $c i32)
    (loop $l
      (local.set $c (i32.add (local.get $c) (f64.ge (local.get $x) (f64.const 0))))
      (local.set $x (f64.sub (local.get $x) (f64.const 0.25)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $c))
  ;; RUN: --asm --tier opt --func fzero
  ;; CHECK: movsd xmm1, qword ptr [rip + 0x
  ;; CHECK: xorps xmm2, xmm2
  ;; CHECK: loop header
  ;; CHECK-NOT: xorps
  ;; CHECK: ucomisd xmm0, xmm2
  ;; CHECK-NOT: xorps
  ;; CHECK: ; out of line

  ;; a shift left by 1-3 and the add of its one use are one lea, with the constant as the
  ;; displacement and no base (mainloop's histogram address `(i << 2) + hist`) or with the other
  ;; register as the base; a 32-bit lea wraps as the shift and add do (tests/opt/loops.sh runs it)
  (func $scaled (export "scaled") (param $i i32) (param $b i32) (result i32)
    (i32.add
      (i32.load (i32.add (i32.shl (local.get $i) (i32.const 2)) (i32.const 0x1060)))
      (i32.add (i32.shl (local.get $b) (i32.const 3)) (local.get $i))))
  ;; RUN: --asm --tier opt --func scaled
  ;; CHECK: i32.shl v1, v4
  ;; CHECK-NOT: shl
  ;; CHECK: lea edx, [rax*4 + 0x1060]
  ;; CHECK: i32.shl v2, v9
  ;; CHECK-NOT: shl
  ;; CHECK: lea ecx, [rax + rcx*8]
  ;; CHECK: ; out of line

  ;; a loop's header starts on a 32-byte boundary, reached through long nops (sieve's strike
  ;; loop: 5 instructions that ran 35% slower straddling a fetch window); the 9-byte prologue
  ;; and 3 parameter loads end at 0x1d
  (func $strike (export "strike") (param $p i32) (param $n i32) (param $step i32)
    (loop $l
      (i32.store8 (local.get $p) (i32.const 1))
      (local.set $p (i32.add (local.get $p) (local.get $step)))
      (br_if $l (i32.lt_u (local.get $p) (local.get $n)))))
  ;; RUN: --asm --tier opt --func strike
  ;; CHECK: br b1(v1)
  ;; CHECK: 001d  nop dword ptr [rax]
  ;; CHECK: loop header
  ;; CHECK: 0020  mov byte ptr [r14 + rax], 1
  ;; CHECK: jb 0x20
  ;; CHECK: ; out of line

  ;; only innermost loops are padded: the outer loop's header is entered once per pass and its
  ;; body is longer than a fetch window (bytecode's dispatch loop, padded, ran 1.21x -> 1.54x native)
  (func $nest (export "nest") (param $n i32) (param $m i32) (result i32)
    (local $i i32) (local $j i32) (local $s i32)
    (loop $outer
      (local.set $j (i32.const 0))
      (loop $inner
        (local.set $s (i32.add (local.get $s) (local.get $j)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $inner (i32.lt_u (local.get $j) (local.get $m))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $outer (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $s))
  ;; RUN: --asm --tier opt --func nest
  ;; CHECK-NOT: nop
  ;; CHECK: loop header, depth 1
  ;; CHECK: nop
  ;; CHECK: loop header, depth 2

  ;; simd's SAD row: with AVX neither sub_sat copies a source first (both loads are read twice),
  ;; the three-operand form writes the result's register; SSE copies with movaps
  (func $sad (export "sad") (param $a i32) (param $b i32) (param $n i32) (result i32)
    (local $acc v128) (local $x v128) (local $y v128)
    (loop $l
      (local.set $x (v128.load (local.get $a)))
      (local.set $y (v128.load (local.get $b)))
      (local.set $acc (i16x8.add (local.get $acc) (i16x8.extadd_pairwise_i8x16_u
        (v128.or (i8x16.sub_sat_u (local.get $x) (local.get $y)) (i8x16.sub_sat_u (local.get $y) (local.get $x))))))
      (local.set $a (i32.add (local.get $a) (i32.const 16)))
      (local.set $b (i32.add (local.get $b) (i32.const 16)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (i32x4.extract_lane 0 (local.get $acc)))
  ;; RUN: REQUIRES=avx --asm --tier opt --func sad
  ;; CHECK: loop header
  ;; CHECK-NOT: movaps
  ;; CHECK: vpsubusb xmm
  ;; CHECK-NOT: movaps
  ;; CHECK: br_if
  ;; RUN: WLAB_CPU_FEATURES=-avx,-avx2 --asm --tier opt --func sad
  ;; CHECK: loop header
  ;; CHECK-NOT: vpsubusb
  ;; CHECK: movaps
  ;; CHECK: psubusb xmm
  ;; CHECK: br_if

  ;; crc's table lookup: the byte index an xor of two bytes, so (i << 2) + table cannot wrap: the
  ;; load reads [r14 + i*4 + table] (addrfold rewrite 3: no shl, no lea)
  (func $crc (export "crc") (param $c i32) (param $p i32) (param $n i32) (result i32)
    (loop $l
      (local.set $c
        (i32.xor (i32.shr_u (local.get $c) (i32.const 8))
          (i32.load offset=4096 (i32.shl (i32.xor (i32.and (local.get $c) (i32.const 255)) (i32.load8_u (local.get $p)))
                                   (i32.const 2)))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $c))
  ;; RUN: --func crc --after addrfold
  ;; CHECK: loop header
  ;; CHECK: offset=4096 scaled=4
  ;; RUN: --asm --tier opt --func crc
  ;; CHECK: loop header
  ;; CHECK-NOT: shl
  ;; CHECK-NOT: lea
  ;; CHECK: *4 + 0x1000]
  ;; CHECK: br_if

  ;; a load used once by the arithmetic right after it: its memory operand, the sub's too
  (func $loadop (export "loadop") (param $a i32) (param $x i64) (result i64)
    (i64.sub (local.get $x) (i64.load offset=8 (local.get $a))))
  ;; RUN: --asm --tier opt --func loadop
  ;; CHECK: i64.load
  ;; CHECK-NOT: mov r
  ;; CHECK: i64.sub
  ;; CHECK-NOT: mov r
  ;; CHECK: qword ptr [r14 + r
  ;; CHECK: return

  ;; three selects on one compare (simd's first minimum): the compare's flags once, a cmov
  ;; each, even of a constant 0 (loaded with mov, not xor); no setcc or test
  (func $best (export "best") (param $s i32) (param $best i32) (param $i i32) (param $at i32) (param $z i32) (result i32)
    (local.set $at (select (local.get $i) (local.get $at) (i32.lt_u (local.get $s) (local.get $best))))
    (local.set $z (select (i32.const 0) (local.get $z) (i32.lt_u (local.get $s) (local.get $best))))
    (local.set $best (select (local.get $s) (local.get $best) (i32.lt_u (local.get $s) (local.get $best))))
    (i32.add (i32.add (local.get $at) (local.get $z)) (local.get $best)))
  ;; RUN: --asm --tier opt --func best
  ;; CHECK: i32.lt_u
  ;; CHECK: cmp
  ;; CHECK-NOT: setb
  ;; CHECK-NOT: test
  ;; CHECK-NOT: xor
  ;; CHECK: cmov
  ;; CHECK-NOT: test
  ;; CHECK: cmov
  ;; CHECK-NOT: test
  ;; CHECK: cmov
  ;; CHECK: return

  ;; the four i32 lanes of a vector summed (simd's SAD total, after an unsigned pairwise widen):
  ;; two halving steps, pshufd and paddd, and one movd, no pextrd; the widen is pxor, pmaddwd,
  ;; paddd (no shifts)
  (func $lanesum (export "lanesum") (param $v v128) (result i32)
    (local.set $v (i32x4.extadd_pairwise_i16x8_u (local.get $v)))
    (i32.add (i32.add (i32.add (i32x4.extract_lane 0 (local.get $v)) (i32x4.extract_lane 1 (local.get $v)))
                      (i32x4.extract_lane 2 (local.get $v)))
             (i32x4.extract_lane 3 (local.get $v))))
  ;; RUN: --func lanesum --after sccp
  ;; CHECK: i8x16.shuffle
  ;; CHECK: i32x4.add
  ;; CHECK: i8x16.shuffle
  ;; CHECK: i32x4.add
  ;; CHECK: i32x4.extract_lane
  ;; CHECK-NOT: i32.add
  ;; CHECK: return
  ;; RUN: --asm --tier opt --func lanesum
  ;; CHECK: extadd_pairwise
  ;; CHECK-NOT: psrld
  ;; CHECK: pmaddwd
  ;; CHECK: pshufd
  ;; CHECK-NOT: pextrd
  ;; CHECK: movd
  ;; CHECK: return

  ;; a sha256 round's sigma and choice (sha256's compress): e is rotated three times and kept, so
  ;; with BMI2 each rotate is one rorx into its own register (no mov of e first), and ~e & g with
  ;; BMI1 is one andn (no xor with -1); 64 bits likewise; without the extensions, mov and rol,
  ;; and the xor
  (func $sigma (export "sigma") (param $e i32) (param $f i32) (param $g i32) (param $w i64) (param $y i64)
    (result i64)
    (i64.add
      (i64.extend_i32_u
        (i32.add (i32.add (i32.xor (i32.xor (i32.rotl (local.get $e) (i32.const 26)) (i32.rotl (local.get $e) (i32.const 21)))
                                   (i32.rotr (local.get $e) (i32.const 25)))
                          (i32.xor (i32.and (local.get $e) (local.get $f))
                                   (i32.and (i32.xor (local.get $e) (i32.const -1)) (local.get $g))))
                 (local.get $e)))
      (i64.add (i64.and (i64.xor (i64.const -1) (local.get $w)) (local.get $y))
               (i64.add (i64.rotl (local.get $w) (i64.const 3)) (local.get $w)))))
  ;; RUN: REQUIRES=bmi2 --asm --tier opt --func sigma
  ;; CHECK: i32.rotl
  ;; CHECK-NOT: mov
  ;; CHECK: rorx
  ;; CHECK: i32.rotl
  ;; CHECK-NOT: mov
  ;; CHECK: rorx
  ;; CHECK: i32.rotr
  ;; CHECK-NOT: mov
  ;; CHECK: rorx
  ;; CHECK: return
  ;; CHECK-COUNT-4: rorx
  ;; CHECK-COUNT-2: andn
  ;; CHECK-COUNT-0: 0xffffffff
  ;; CHECK-COUNT-0: not
  ;; CHECK-COUNT-0: rol e
  ;; CHECK-COUNT-0: rol r
  ;; RUN: WLAB_CPU_FEATURES=none --asm --tier opt --func sigma
  ;; CHECK: i32.rotl
  ;; CHECK: rol
  ;; CHECK: i32.and
  ;; CHECK: 0xffffffff
  ;; CHECK: return
  ;; CHECK-COUNT-0: rorx
  ;; CHECK-COUNT-0: andn

  ;; a byte and a half-word masked off a value kept after (crc32's `c & 0xff` beside `c >> 8`):
  ;; one movzx into the result's register each, no mov of c first and no and
  (func $bytes (export "bytes") (param $c i32) (param $d i64) (result i64)
    (i64.add
      (i64.extend_i32_u (i32.xor (i32.and (local.get $c) (i32.const 0xff)) (i32.shr_u (local.get $c) (i32.const 8))))
      (i64.add (i64.and (local.get $d) (i64.const 0xffff)) (i64.shr_u (local.get $d) (i64.const 16)))))
  ;; RUN: --asm --tier opt --func bytes
  ;; CHECK: i32.and
  ;; CHECK-NOT: mov
  ;; CHECK: movzx
  ;; CHECK: i64.and
  ;; CHECK-NOT: mov
  ;; CHECK: movzx
  ;; CHECK: return
  ;; CHECK-COUNT-0: 0xff

  ;; divisions and remainders by constants (printf's digit loop: n / 10, n % 10): no div, no
  ;; divide-by-zero check; a multiply by the divisor's magic and shifts (opt/divmagic.c), and a
  ;; shift or a mask for a power of two
  (func $digits (export "digits") (param $n i32) (param $m i64) (result i64)
    (i64.add
      (i64.extend_i32_u (i32.add (i32.div_u (local.get $n) (i32.const 10)) (i32.rem_u (local.get $n) (i32.const 10))))
      (i64.add (i64.div_s (local.get $m) (i64.const 1000)) (i64.rem_u (local.get $m) (i64.const 16)))))
  ;; RUN: --asm --tier opt --func digits
  ;; CHECK: i32.div_u
  ;; CHECK: 0xcccccccd
  ;; CHECK: i32.rem_u
  ;; CHECK: i64.div_s
  ;; CHECK: imul r
  ;; CHECK: i64.rem_u
  ;; CHECK: and r
  ;; CHECK: return
  ;; CHECK-COUNT-0: div e
  ;; CHECK-COUNT-0: div r
)
