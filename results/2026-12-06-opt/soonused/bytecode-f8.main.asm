func 8  ; opt: 3328 bytes of machine code, 2994 in the body; 102 blocks; 176 spill bytes, 24 splits; guard-page memory
  ; prologue
          0000  lea r10, [r15 + 0xa0]
          0007  cmp r10, qword ptr [r12 + 8]
          000c  ja 0xbb2
          0012  cmp rsp, qword ptr [r12]
          0016  jb 0xbb2
          001c  push rbx
          001d  push rbp
          001e  push r13
          0020  sub rsp, 0xb0
          0027  mov ecx, dword ptr [r15]
          002a  mov eax, dword ptr [r15 + 8]
          002e  mov edx, dword ptr [r15 + 0x10]
  b0(v1:i32, v2:i32, v3:i32):    ; entry
          0032  mov dword ptr [rsp + 0x30], ecx
    v766:i32 = const -1
    v765:i32 = const -16
    v764:i32 = const -32
    v700:i32 = const 2955
    v592:i32 = const 4094
    v572:i32 = const 34
    v571:i32 = const 2989
    v566:i32 = const 33
    v565:i32 = const 3024
    v560:i32 = const 30
    v559:i32 = const 2924
    v554:i32 = const 3058
    v536:i32 = const 3089
    v534:i32 = const 3548
    v527:i64 = const 29
    v525:i64 = const -7046029254386353131
    v522:i64 = const 32
    v520:i64 = const 1099511628211
    v472:i32 = const 6248
    v346:i32 = const 170096
    v343:i32 = const 170100
    v337:i32 = const 16385
    v327:i32 = const 1024
    v208:i32 = const 7
    v204:i64 = const -1
    v202:i64 = const -9223372036854775808
    v163:i32 = const 6240
    v126:i32 = const 6256
    v115:i64 = const 1
    v95:i32 = const 3
    v85:i32 = const 2
    v80:i64 = const 0
    v69:i32 = const 16
    v58:i32 = const 8
    v49:i32 = const 39032
    v33:i32 = const 39024
    v29:i32 = const -2
    v24:i32 = const 40
    v22:i32 = const 1
    v19:i32 = const 0
    v16:i32 = const 44
    v10:i32 = const 36
    v5:i32 = global.get g0    ; @0x2d4
          ; v5 in rsi
          0036  mov r11, qword ptr [r13 + 0x168]
          003d  mov esi, dword ptr [r11]
          0040  mov dword ptr [rsp + 0x28], esi
    v7:i32 = i32.add v5, v764    ; @0x2d8
          ; v7 in rbx
          0044  lea ebx, [rsi - 0x20]
          0047  mov dword ptr [rsp + 8], ebx
    global.set g0 v7    ; @0x2db
          004b  mov r11, qword ptr [r13 + 0x168]
          0052  mov dword ptr [r11], ebx
    v9:i32 = i32.load v1 offset=0    ; @0x2df
          ; v9 in rdi
          0055  mov edi, dword ptr [r14 + rcx]
          0059  mov dword ptr [rsp + 0x20], edi
    v11:i32 = i32.mul v2, v10    ; @0x2e8
          ; v11 in rax
          005d  imul eax, eax, 0x24
    v12:i32 = i32.add v9, v11    ; @0x2e9
          ; v12 in rax
          0060  add eax, edi
    v13:i32 = i32.add v12, v10    ; @0x2ee
          ; v13 in r8
          0062  lea r8d, [rax + 0x24]
    v14:i32 = i32.load v13 offset=0    ; @0x2ef
          ; v14 in r8
          0066  mov r8d, dword ptr [r14 + r8]
    v15:i32 = i32.load v9 offset=0    ; @0x2f6
          ; v15 in r9
          006a  mov r9d, dword ptr [r14 + rdi]
          006e  mov dword ptr [rsp + 0x38], r9d
    v17:i32 = i32.add v12, v16    ; @0x301
          ; v17 in rbp
          0073  lea ebp, [rax + 0x2c]
    v18:i32 = i32.load v17 offset=0    ; @0x302
          ; v18 in rbp
          0076  mov ebp, dword ptr [r14 + rbp]
    v20:i32 = i32.le_s v18, v19    ; @0x309
          ; v20 in [rsp+0]
          007a  cmp ebp, 0
    br_if v20, b113, b2    ; @0x30a
          007d  jle 0x164
  b2:    ; preds b0, idom b0
    v23:i32 = i32.and v18, v22    ; @0x310
          ; v23 in rbx
          0083  mov ebx, ebp
          0085  and ebx, 1
    v25:i32 = i32.add v12, v24    ; @0x317
          ; v25 in rax
          0088  add eax, 0x28
    v26:i32 = i32.load v25 offset=0    ; @0x318
          ; v26 in rax
          008b  mov eax, dword ptr [r14 + rax]
    v27:i32 = i32.ne v18, v22    ; @0x325
          ; v27 in [rsp+16]
          008f  cmp ebp, 1
    br_if v27, b3, b114    ; @0x326
          0092  jne 0x9f
  b114:    ; preds b2, idom b2
    br b12(v19)    ; @0x326
          0098  xor esi, esi
          009a  jmp 0x116
  b3:    ; preds b2, idom b2
    v30:i32 = i32.and v18, v29    ; @0x32c
          ; v30 in [rsp+24]
          009f  mov r10d, ebp
          00a2  and r10d, 0xfffffffe
          00a6  mov dword ptr [rsp + 0x18], r10d
    br b4(v19, v19)    ; @0x32c
          00ab  xor edi, edi
          00ad  xor esi, esi
  b4(v32:i32, v35:i32):    ; preds b3 b115, idom b3, loop header, depth 1, IR loop 0
    v34:i32 = i32.add v32, v33    ; @0x337
          ; v34 in rcx
          00af  lea ecx, [rdi + 0x9870]
    v37:i32 = i32.gt_s v26, v35    ; @0x33e
          ; v37 in r9
          00b5  cmp eax, esi
    br_if v37, b5, b6    ; @0x33f
          00b7  jg 0xc5
  b6:    ; preds b4, idom b4, depth 1
    br b7(v80)    ; @0x34c
          00bd  xor r9d, r9d
          00c0  jmp 0xcd
  b5:    ; preds b4, idom b4, depth 1
    v40:i32 = i32.add v32, v3    ; @0x345
          ; v40 in r9
          00c5  lea r9d, [rdi + rdx]
    v41:i64 = i64.load v40 offset=0    ; @0x346
          ; v41 in r9
          00c9  mov r9, qword ptr [r14 + r9]
    br b7(v41)    ; @0x349
  b7(v46:i64):    ; preds b6 b5, idom b4, depth 1
    i64.store v34, v46 offset=0    ; @0x34d
          00cd  mov qword ptr [r14 + rcx], r9
    v50:i32 = i32.add v32, v49    ; @0x356
          ; v50 in rcx
          00d1  lea ecx, [rdi + 0x9878]
    v52:i32 = i32.add v35, v22    ; @0x35d
          ; v52 in r9
          00d7  lea r9d, [rsi + 1]
    v54:i32 = i32.gt_s v26, v52    ; @0x360
          ; v54 in r9
          00db  cmp eax, r9d
    br_if v54, b8, b9    ; @0x361
          00de  jg 0xec
  b9:    ; preds b7, idom b7, depth 1
    br b10(v80)    ; @0x371
          00e4  xor r9d, r9d
          00e7  jmp 0xf8
  b8:    ; preds b7, idom b7, depth 1
    v57:i32 = i32.add v32, v3    ; @0x367
          ; v57 in r9
          00ec  lea r9d, [rdi + rdx]
    v59:i32 = i32.add v57, v58    ; @0x36a
          ; v59 in r9
          00f0  add r9d, 8
    v60:i64 = i64.load v59 offset=0    ; @0x36b
          ; v60 in r9
          00f4  mov r9, qword ptr [r14 + r9]
    br b10(v60)    ; @0x36e
  b10(v66:i64):    ; preds b9 b8, idom b7, depth 1
    i64.store v50, v66 offset=0    ; @0x372
          00f8  mov qword ptr [r14 + rcx], r9
    v70:i32 = i32.add v32, v69    ; @0x379
          ; v70 in rdi
          00fc  add edi, 0x10
    v72:i32 = i32.add v35, v85    ; @0x380
          ; v72 in rsi
          00ff  add esi, 2
    v76:i32 = i32.ne v72, v30    ; @0x385
          ; v76 in rcx
          0102  cmp esi, dword ptr [rsp + 0x18]
    br_if v76, b115, b11    ; @0x386
          0106  jne 0xaf
          010c  jmp 0x116
  b115:    ; preds b10, idom b10, depth 1
    br b4(v70, v72)    ; @0x386
          0111  jmp 0xaf
  b11:    ; preds b10, idom b10
    br b12(v72)    ; @0x38d
  b12(v94:i32):    ; preds b114 b11, idom b2
    br_if v23, b13, b116    ; @0x394
          0116  test ebx, ebx
          0118  jne 0x12c
  b116:    ; preds b12, idom b12
    br b17    ; @0x394
          011e  mov ecx, dword ptr [rsp + 0x30]
          0122  mov r9d, dword ptr [rsp + 0x38]
          0127  jmp 0x16d
  b13:    ; preds b12, idom b12
    v96:i32 = i32.shl v94, v95    ; @0x39a
          ; v96 in rcx
    v97:i32 = i32.add v96, v33    ; @0x39f
          ; v97 in rcx
          012c  lea ecx, [rsi*8 + 0x9870]
    v99:i32 = i32.lt_s v94, v26    ; @0x3a4
          ; v99 in rax
          0133  cmp esi, eax
    br_if v99, b14, b15    ; @0x3a5
          0135  jl 0x142
  b15:    ; preds b13, idom b13
    br b16(v80)    ; @0x3b5
          013b  xor eax, eax
          013d  jmp 0x14a
  b14:    ; preds b13, idom b13
    v104:i64 = i64.load v3, v94 offset=0 indexed scale=8    ; @0x3af
          ; v104 in rax
          0142  lea r11d, [rdx + rsi*8]
          0146  mov rax, qword ptr [r14 + r11]
    br b16(v104)    ; @0x3b2
  b16(v109:i64):    ; preds b15 b14, idom b13
    i64.store v97, v109 offset=0    ; @0x3b6
          014a  mov qword ptr [r14 + rcx], rax
    br b18(v18, v80, v14, v19, v19, v19)    ; @0x3b6
          014e  xor eax, eax
          0150  mov r9d, dword ptr [rsp + 0x38]
          0155  mov ecx, dword ptr [rsp + 0x30]
          0159  xor edi, edi
          015b  xor esi, esi
          015d  xor edx, edx
          015f  jmp 0x175
  b113:    ; preds b0, idom b0
    br b17    ; @0x30a
          0164  mov ecx, dword ptr [rsp + 0x30]
          0168  mov r9d, dword ptr [rsp + 0x38]
  b17:    ; preds b116 b113, idom b0
    br b18(v18, v80, v14, v19, v19, v19)    ; @0x3c0
          016d  xor eax, eax
          016f  xor edi, edi
          0171  xor esi, esi
          0173  xor edx, edx
  b18(v113:i32, v114:i64, v117:i32, v124:i32, v135:i32, v326:i32):    ; preds b16 b17 b131, idom b0, loop header, depth 1, IR loop 1
          0175  mov dword ptr [rsp + 0x48], r8d
          017a  mov dword ptr [rsp + 0x88], edi
    v116:i64 = i64.add v114, v115    ; @0x3cc
          ; v116 in rbx
          0181  lea rbx, [rax + 1]
          0185  mov qword ptr [rsp + 0x68], rbx
    v118:i32 = i32.add v117, v95    ; @0x3d3
          ; v118 in rax
          018a  lea eax, [r8 + 3]
    v119:i32 = i32.shl v117, v85    ; @0x424
          ; v119 in [rsp+64]
    v121:i32 = i32.add v15, v119    ; @0x425
          ; v121 in r9
          018e  lea r9d, [r9 + r8*4]
    v122:i32 = i32.load v121 offset=0    ; @0x428
          ; v122 in r8
          0192  mov r8d, dword ptr [r14 + r9]
    br_table v122 [b19, b20, b21, b22, b23, b24, b25, b26 x2, b31, b32, b33, b34, b35, b36, b37, b38, b39, b117, b40, b42, b44, b63, b65, b66, b67, b70, b73, default b74]    ; @0x42d
          0196  cmp r8d, 0x1b
          019a  ja 0xb33
          01a0  lea r11, [rip + 0xae9]
          01a7  movsxd r10, dword ptr [r11 + r8*4]
          01ab  add r10, r11
          01ae  jmp r10
  b73:    ; preds b18, idom b18, depth 1
    v514:i32 = i32.add v124, v766    ; @0x978
          ; v514 in rdx
          01b1  add edx, -1
    v515:i32 = i32.shl v514, v95    ; @0x97d
          ; v515 in r8
    v516:i32 = i32.add v515, v126    ; @0x981
          ; v516 in r8
          01b4  lea r8d, [rdx*8 + 0x1870]
    v517:i64 = i64.load v516 offset=0    ; @0x982
          ; v517 in r8
          01bc  mov r8, qword ptr [r14 + r8]
    v518:i64 = i64.load v1 offset=16    ; @0x987
          ; v518 in r9
          01c0  mov r9, qword ptr [r14 + rcx + 0x10]
    v519:i64 = i64.xor v517, v518    ; @0x98a
          ; v519 in r8
          01c5  xor r8, r9
    v521:i64 = i64.mul v519, v520    ; @0x992
          ; v521 in r8
          01c8  movabs r11, 0x100000001b3
          01d2  imul r8, r11
    v523:i64 = i64.shr_u v521, v522    ; @0x997
          ; v523 in r9
          01d6  mov r9, r8
          01d9  shr r9, 0x20
    v524:i64 = i64.xor v523, v521    ; @0x99a
          ; v524 in r9
          01dd  xor r9, r8
    v526:i64 = i64.mul v524, v525    ; @0x9a6
          ; v526 in r9
          01e0  movabs r11, 0x9e3779b97f4a7c15
          01ea  imul r9, r11
    v528:i64 = i64.shr_u v526, v527    ; @0x9ab
          ; v528 in r8
          01ee  mov r8, r9
          01f1  shr r8, 0x1d
    v529:i64 = i64.xor v528, v526    ; @0x9ae
          ; v529 in r8
          01f5  xor r8, r9
    i64.store v1, v529 offset=16    ; @0x9af
          01f8  mov qword ptr [r14 + rcx + 0x10], r8
    br b83(v514, v113, v118, v135, v326)    ; @0x9b2
          01fd  mov ebx, dword ptr [rsp + 8]
          0201  jmp 0xaaa
  b70:    ; preds b18, idom b18, depth 1
    v496:i32 = i32.add v124, v29    ; @0x92a
          ; v496 in r8
          0206  lea r8d, [rdx - 2]
    v497:i32 = i32.shl v496, v95    ; @0x92f
          ; v497 in r9
    v498:i32 = i32.add v497, v126    ; @0x933
          ; v498 in r9
          020a  lea r9d, [r8*8 + 0x1870]
    v499:i64 = i64.load v498 offset=0    ; @0x934
          ; v499 in r9
          0212  mov r9, qword ptr [r14 + r9]
    v500:i32 = i64.lt_s v499, v80    ; @0x93b
          ; v500 in [rsp+80]
          0216  cmp r9, 0
    br_if v500, b129, b71    ; @0x93c
          021a  jl 0x25c
  b71:    ; preds b70, idom b70, depth 1
    v502:i64 = i64.load32_s v1 offset=8    ; @0x942
          ; v502 in [rsp+88]
          0220  movsxd r10, dword ptr [r14 + rcx + 8]
          0225  mov qword ptr [rsp + 0x58], r10
    v503:i32 = i64.ge_s v499, v502    ; @0x945
          ; v503 in [rsp+96]
          022a  cmp r9, qword ptr [rsp + 0x58]
    br_if v503, b130, b72    ; @0x946
          022f  jge 0x25c
  b72:    ; preds b71, idom b71, depth 1
    v505:i32 = i32.load v1 offset=4    ; @0x94a
          ; v505 in rbx
          0235  mov ebx, dword ptr [r14 + rcx + 4]
    v506:i32 = i32.wrap_i64 v499    ; @0x94f
          ; v506 in r9
          023a  mov r9d, r9d
    v509:i32 = i32.shl v124, v95    ; @0x958
          ; v509 in rdx
    v510:i32 = i32.add v509, v472    ; @0x95c
          ; v510 in rdx
          023d  lea edx, [rdx*8 + 0x1868]
    v511:i64 = i64.load v510 offset=0    ; @0x95d
          ; v511 in rdx
          0244  mov rdx, qword ptr [r14 + rdx]
    i64.store v505, v511, v506 offset=0 indexed scale=8    ; @0x960
          0248  lea r11d, [rbx + r9*8]
          024c  mov qword ptr [r14 + r11], rdx
    br b83(v496, v113, v118, v135, v326)    ; @0x96f
          0250  mov edx, r8d
          0253  mov ebx, dword ptr [rsp + 8]
          0257  jmp 0xaaa
  b130:    ; preds b71, idom b71
    br b79    ; @0x946
  b129:    ; preds b70, idom b70
    br b79    ; @0x93c
  b79:    ; preds b130 b129, idom b70
    v570:i32 = i32.load v534 offset=0    ; @0xa46
          ; v570 in rax
          025c  mov eax, dword ptr [r14 + 0xddc]
    call f19 v571, v572, v22, v570    ; @0xa49
          0263  mov dword ptr [r15], 0xbad
          026a  mov dword ptr [r15 + 8], 0x22
          0272  mov dword ptr [r15 + 0x10], 1
          027a  mov dword ptr [r15 + 0x18], eax
          027e  call qword ptr [rip + 0x9dc]
    call f16    ; @0x2ad4 in f14
          0284  call qword ptr [rip + 0x9e6]
    call f6 v22    ; @0x2ace in f13
          028a  mov dword ptr [r15], 1
          0291  mov rax, qword ptr [r13 + 0x40]
          0295  mov rcx, qword ptr [rax + 0x48]
          0299  mov r13, qword ptr [rax + 0x50]
          029d  mov r14, qword ptr [r13]
          02a1  mov r14, qword ptr [r14]
          02a4  test rcx, rcx
          02a7  je 0xbbc
          02ad  call rcx
          02af  mov r13, qword ptr [rsp + 0xb0]
          02b7  mov r14, qword ptr [r13]
          02bb  mov r14, qword ptr [r14]
    unreachable    ; @0x2ad0 in f13
          02be  jmp 0xbc6
  b67:    ; preds b18, idom b18, depth 1
    v480:i32 = i32.shl v124, v95    ; @0x8f4
          ; v480 in r8
    v481:i32 = i32.add v480, v472    ; @0x8f8
          ; v481 in r8
          02c3  lea r8d, [rdx*8 + 0x1868]
    v482:i64 = i64.load v481 offset=0    ; @0x8fb
          ; v482 in r9
          02cb  mov r9, qword ptr [r14 + r8]
    v483:i32 = i64.lt_s v482, v80    ; @0x902
          ; v483 in rbx
          02cf  cmp r9, 0
    br_if v483, b127, b68    ; @0x903
          02d3  jl 0x304
  b68:    ; preds b67, idom b67, depth 1
    v486:i64 = i64.load32_s v1 offset=8    ; @0x909
          ; v486 in rbx
          02d9  movsxd rbx, dword ptr [r14 + rcx + 8]
    v487:i32 = i64.ge_s v482, v486    ; @0x90c
          ; v487 in rbx
          02de  cmp r9, rbx
    br_if v487, b128, b69    ; @0x90d
          02e1  jge 0x304
  b69:    ; preds b68, idom b68, depth 1
    v489:i32 = i32.load v1 offset=4    ; @0x913
          ; v489 in rbx
          02e7  mov ebx, dword ptr [r14 + rcx + 4]
    v490:i32 = i32.wrap_i64 v482    ; @0x918
          ; v490 in r9
          02ec  mov r9d, r9d
    v493:i64 = i64.load v489, v490 offset=0 indexed scale=8    ; @0x91d
          ; v493 in r9
          02ef  lea r11d, [rbx + r9*8]
          02f3  mov r9, qword ptr [r14 + r11]
    i64.store v481, v493 offset=0    ; @0x920
          02f7  mov qword ptr [r14 + r8], r9
    br b83(v124, v113, v118, v135, v326)    ; @0x923
          02fb  mov ebx, dword ptr [rsp + 8]
          02ff  jmp 0xaaa
  b128:    ; preds b68, idom b68
    br b78    ; @0x90d
  b127:    ; preds b67, idom b67
    br b78    ; @0x903
  b78:    ; preds b128 b127, idom b67
    v564:i32 = i32.load v534 offset=0    ; @0xa31
          ; v564 in rax
          0304  mov eax, dword ptr [r14 + 0xddc]
    call f19 v565, v566, v22, v564    ; @0xa34
          030b  mov dword ptr [r15], 0xbd0
          0312  mov dword ptr [r15 + 8], 0x21
          031a  mov dword ptr [r15 + 0x10], 1
          0322  mov dword ptr [r15 + 0x18], eax
          0326  call qword ptr [rip + 0x934]
    call f16    ; @0x2ad4 in f14
          032c  call qword ptr [rip + 0x93e]
    call f6 v22    ; @0x2ace in f13
          0332  mov dword ptr [r15], 1
          0339  mov rax, qword ptr [r13 + 0x40]
          033d  mov rcx, qword ptr [rax + 0x48]
          0341  mov r13, qword ptr [rax + 0x50]
          0345  mov r14, qword ptr [r13]
          0349  mov r14, qword ptr [r14]
          034c  test rcx, rcx
          034f  je 0xbd0
          0355  call rcx
          0357  mov r13, qword ptr [rsp + 0xb0]
          035f  mov r14, qword ptr [r13]
          0363  mov r14, qword ptr [r14]
    unreachable    ; @0x2ad0 in f13
          0366  jmp 0xbda
  b66:    ; preds b18, idom b18, depth 1
    v478:i32 = i32.add v124, v766    ; @0x8ea
          ; v478 in rdx
          036b  add edx, -1
    br b83(v478, v113, v118, v135, v326)    ; @0x8ed
          036e  mov ebx, dword ptr [rsp + 8]
          0372  jmp 0xaaa
  b65:    ; preds b18, idom b18, depth 1
    v470:i32 = i32.shl v124, v95    ; @0x8c9
          ; v470 in r8
          0377  mov r8d, edx
          037a  shl r8d, 3
    v471:i32 = i32.add v470, v126    ; @0x8cf
          ; v471 in r9
          037e  lea r9d, [r8 + 0x1870]
    v473:i32 = i32.add v470, v472    ; @0x8d5
          ; v473 in r8
          0385  add r8d, 0x1868
    v474:i64 = i64.load v473 offset=0    ; @0x8d6
          ; v474 in r8
          038c  mov r8, qword ptr [r14 + r8]
    i64.store v471, v474 offset=0    ; @0x8d9
          0390  mov qword ptr [r14 + r9], r8
    v476:i32 = i32.add v124, v22    ; @0x8e0
          ; v476 in rdx
          0394  add edx, 1
    br b83(v476, v113, v118, v135, v326)    ; @0x8e3
          0397  mov ebx, dword ptr [rsp + 8]
          039b  jmp 0xaaa
  b63:    ; preds b18, idom b18, depth 1
    br_if v326, b64, b75    ; @0x89a
          03a0  test edi, edi
          03a2  je 0x3d9
  b64:    ; preds b63, idom b63, depth 1
    v463:i32 = i32.add v326, v766    ; @0x8a0
          ; v463 in rdi
          03a8  add edi, -1
    v464:i32 = i32.shl v463, v95    ; @0x8a5
          ; v464 in rax
          03ab  mov eax, edi
          03ad  shl eax, 3
    v465:i32 = i32.add v464, v346    ; @0x8ac
          ; v465 in r8
          03b0  lea r8d, [rax + 0x29870]
    v466:i32 = i32.load v465 offset=0    ; @0x8ad
          ; v466 in r8
          03b7  mov r8d, dword ptr [r14 + r8]
    v467:i32 = i32.add v464, v343    ; @0x8bc
          ; v467 in rax
          03bb  add eax, 0x29874
    v468:i32 = i32.load v467 offset=0    ; @0x8bd
          ; v468 in rbp
          03c1  mov ebp, dword ptr [r14 + rax]
    br b83(v124, v135, v466, v468, v463)    ; @0x8c2
          03c5  mov eax, r8d
          03c8  mov ebx, dword ptr [rsp + 8]
          03cc  mov r11d, ebp
          03cf  mov ebp, esi
          03d1  mov esi, r11d
          03d4  jmp 0xaaa
  b75:    ; preds b63, idom b63
    v540:i64 = i64.load v1 offset=24    ; @0x9d3
          ; v540 in rax
          03d9  mov rax, qword ptr [r14 + rcx + 0x18]
    v541:i64 = i64.add v540, v116    ; @0x9d8
          ; v541 in rax
          03de  add rax, qword ptr [rsp + 0x68]
    i64.store v1, v541 offset=24    ; @0x9d9
          03e3  mov qword ptr [r14 + rcx + 0x18], rax
    v543:i32 = i32.shl v124, v95    ; @0x9e0
          ; v543 in rdx
    v544:i32 = i32.add v543, v472    ; @0x9e4
          ; v544 in rdx
          03e8  lea edx, [rdx*8 + 0x1868]
    v545:i64 = i64.load v544 offset=0    ; @0x9e5
          ; v545 in rax
          03ef  mov rax, qword ptr [r14 + rdx]
    global.set g0 v5    ; @0x9ef
          03f3  mov r10d, dword ptr [rsp + 0x28]
          03f8  mov r11, qword ptr [r13 + 0x168]
          03ff  mov dword ptr [r11], r10d
    return v545    ; @0x9f3
          0402  mov qword ptr [r15], rax
          0405  add rsp, 0xb0
          040c  pop r13
          040e  pop rbp
          040f  pop rbx
          0410  ret
  b44:    ; preds b18, idom b18, depth 1
          0411  mov ebx, dword ptr [rsp + 0x20]
    v328:i32 = i32.eq v326, v327    ; @0x750
          ; v328 in r8
          0415  cmp edi, 0x400
    br_if v328, b121, b45    ; @0x751
          041b  je 0x580
  b45:    ; preds b44, idom b44, depth 1
    v330:i32 = i32.load v121 offset=4    ; @0x757
          ; v330 in r8
          0421  mov r8d, dword ptr [r14 + r9 + 4]
    v331:i32 = i32.mul v330, v10    ; @0x75e
          ; v331 in r8
          0426  imul r8d, r8d, 0x24
    v333:i32 = i32.add v9, v331    ; @0x75f
          ; v333 in r8
          042a  add r8d, ebx
          042d  mov dword ptr [rsp + 0x80], r8d
    v334:i32 = i32.add v333, v16    ; @0x764
          ; v334 in r9
          0435  lea r9d, [r8 + 0x2c]
    v335:i32 = i32.load v334 offset=0    ; @0x765
          ; v335 in r9
          0439  mov r9d, dword ptr [r14 + r9]
    v336:i32 = i32.add v335, v113    ; @0x76c
          ; v336 in rcx
          043d  lea ecx, [r9 + rbp]
          0441  mov dword ptr [rsp + 0x78], ecx
    v338:i32 = i32.ge_s v336, v337    ; @0x773
          ; v338 in [rsp+112]
          0445  cmp ecx, 0x4001
    br_if v338, b122, b46    ; @0x774
          044b  jge 0x580
  b46:    ; preds b45, idom b45, depth 1
    v340:i32 = i32.add v333, v24    ; @0x77a
          ; v340 in rbx
          0451  lea ebx, [r8 + 0x28]
    v341:i32 = i32.load v340 offset=0    ; @0x77b
          ; v341 in rbx
          0455  mov ebx, dword ptr [r14 + rbx]
    v342:i32 = i32.shl v326, v95    ; @0x784
          ; v342 in rcx
          0459  mov ecx, edi
          045b  shl ecx, 3
    v344:i32 = i32.add v342, v343    ; @0x78b
          ; v344 in r8
          045e  lea r8d, [rcx + 0x29874]
    i32.store v344, v135 offset=0    ; @0x78e
          0465  mov dword ptr [r14 + r8], esi
    v347:i32 = i32.add v342, v346    ; @0x797
          ; v347 in rcx
          0469  add ecx, 0x29870
    i32.store v347, v118 offset=0    ; @0x79a
          046f  mov dword ptr [r14 + rcx], eax
    v349:i32 = i32.sub v124, v341    ; @0x7a1
          ; v349 in rdx
          0473  sub edx, ebx
          0475  mov dword ptr [rsp + 0x90], edx
    v350:i32 = i32.le_s v335, v19    ; @0x7aa
          ; v350 in rax
          047c  cmp r9d, 0
    br_if v350, b123, b47    ; @0x7ab
          0480  jle 0x557
  b47:    ; preds b46, idom b46, depth 1
    v352:i32 = i32.and v335, v22    ; @0x7b1
          ; v352 in rax
          0486  mov eax, r9d
          0489  and eax, 1
    v353:i32 = i32.ne v335, v22    ; @0x7bc
          ; v353 in rcx
          048c  cmp r9d, 1
    br_if v353, b48, b124    ; @0x7bd
          0490  jne 0x49d
  b124:    ; preds b47, idom b47, depth 1
    br b57(v19)    ; @0x7bd
          0496  xor ecx, ecx
          0498  jmp 0x50b
  b48:    ; preds b47, idom b47, depth 1
    v355:i32 = i32.and v335, v29    ; @0x7c3
          ; v355 in r9
          049d  and r9d, 0xfffffffe
    v356:i32 = i32.shl v113, v95    ; @0x7ca
          ; v356 in rcx
    v357:i32 = i32.add v356, v33    ; @0x7cf
          ; v357 in rcx
          04a1  lea ecx, [rbp*8 + 0x9870]
    v358:i32 = i32.shl v349, v95    ; @0x7d6
          ; v358 in rsi
    v359:i32 = i32.add v358, v126    ; @0x7da
          ; v359 in rsi
          04a8  lea esi, [rdx*8 + 0x1870]
    br b49(v19, v357, v359)    ; @0x7df
          04af  mov r8d, esi
          04b2  mov esi, ecx
          04b4  xor ecx, ecx
  b49(v361:i32, v364:i32, v366:i32):    ; preds b48 b125, idom b48, loop header, depth 2, IR loop 2
    v363:i32 = i32.gt_s v341, v361    ; @0x7f3
          ; v363 in rdi
          04b6  cmp ebx, ecx
    br_if v363, b50, b51    ; @0x7f4
          04b8  jg 0x4c5
  b51:    ; preds b49, idom b49, depth 2
    br b52(v80)    ; @0x7fe
          04be  xor edi, edi
          04c0  jmp 0x4c9
  b50:    ; preds b49, idom b49, depth 2
    v367:i64 = i64.load v366 offset=0    ; @0x7f8
          ; v367 in rdi
          04c5  mov rdi, qword ptr [r14 + r8]
    br b52(v367)    ; @0x7fb
  b52(v371:i64):    ; preds b51 b50, idom b49, depth 2
    i64.store v364, v371 offset=0    ; @0x7ff
          04c9  mov qword ptr [r14 + rsi], rdi
    v374:i32 = i32.add v364, v58    ; @0x806
          ; v374 in rdi
          04cd  lea edi, [rsi + 8]
    v376:i32 = i32.add v361, v22    ; @0x80d
          ; v376 in rdx
          04d0  lea edx, [rcx + 1]
    v378:i32 = i32.gt_s v341, v376    ; @0x810
          ; v378 in rdx
          04d3  cmp ebx, edx
    br_if v378, b53, b54    ; @0x811
          04d5  jg 0x4e2
  b54:    ; preds b52, idom b52, depth 2
    br b55(v80)    ; @0x81e
          04db  xor edx, edx
          04dd  jmp 0x4ea
  b53:    ; preds b52, idom b52, depth 2
    v381:i32 = i32.add v366, v58    ; @0x817
          ; v381 in rdx
          04e2  lea edx, [r8 + 8]
    v382:i64 = i64.load v381 offset=0    ; @0x818
          ; v382 in rdx
          04e6  mov rdx, qword ptr [r14 + rdx]
    br b55(v382)    ; @0x81b
  b55(v387:i64):    ; preds b54 b53, idom b52, depth 2
    i64.store v374, v387 offset=0    ; @0x81f
          04ea  mov qword ptr [r14 + rdi], rdx
    v390:i32 = i32.add v364, v69    ; @0x826
          ; v390 in rsi
          04ee  add esi, 0x10
    v392:i32 = i32.add v366, v69    ; @0x82d
          ; v392 in r8
          04f1  add r8d, 0x10
    v394:i32 = i32.add v361, v85    ; @0x834
          ; v394 in rcx
          04f5  add ecx, 2
    v398:i32 = i32.ne v394, v355    ; @0x839
          ; v398 in rdx
          04f8  cmp ecx, r9d
    br_if v398, b125, b56    ; @0x83a
          04fb  jne 0x4b6
          0501  jmp 0x50b
  b125:    ; preds b55, idom b55, depth 2
    br b49(v394, v390, v392)    ; @0x83a
          0506  jmp 0x4b6
  b56:    ; preds b55, idom b55, depth 1
    br b57(v394)    ; @0x841
  b57(v410:i32):    ; preds b124 b56, idom b47, depth 1
    br_if v352, b58, b126    ; @0x848
          050b  test eax, eax
          050d  jne 0x51f
  b126:    ; preds b57, idom b57, depth 1
    br b62    ; @0x848
          0513  mov edx, dword ptr [rsp + 0x90]
          051a  jmp 0x557
  b58:    ; preds b57, idom b57, depth 1
    v415:i32 = i32.add v410, v113    ; @0x852
          ; v415 in rax
          051f  lea eax, [rcx + rbp]
    v416:i32 = i32.shl v415, v95    ; @0x855
          ; v416 in rax
    v417:i32 = i32.add v416, v33    ; @0x85a
          ; v417 in rax
          0522  lea eax, [rax*8 + 0x9870]
    v419:i32 = i32.lt_s v410, v341    ; @0x85f
          ; v419 in rdx
          0529  cmp ecx, ebx
    br_if v419, b59, b60    ; @0x860
          052b  jl 0x53f
  b60:    ; preds b58, idom b58, depth 1
    br b61(v80)    ; @0x874
          0531  xor ecx, ecx
          0533  mov edx, dword ptr [rsp + 0x90]
          053a  jmp 0x553
  b59:    ; preds b58, idom b58, depth 1
          053f  mov edx, dword ptr [rsp + 0x90]
    v425:i32 = i32.add v349, v410    ; @0x866
          ; v425 in rcx
          0546  add ecx, edx
    v426:i32 = i32.shl v425, v95    ; @0x869
          ; v426 in rcx
    v427:i32 = i32.add v426, v126    ; @0x86d
          ; v427 in rcx
          0548  lea ecx, [rcx*8 + 0x1870]
    v428:i64 = i64.load v427 offset=0    ; @0x86e
          ; v428 in rcx
          054f  mov rcx, qword ptr [r14 + rcx]
    br b61(v428)    ; @0x871
  b61(v432:i64):    ; preds b60 b59, idom b58, depth 1
    i64.store v417, v432 offset=0    ; @0x875
          0553  mov qword ptr [r14 + rax], rcx
    br b62    ; @0x875
  b123:    ; preds b46, idom b46, depth 1
    br b62    ; @0x7ab
  b62:    ; preds b126 b61 b123, idom b46, depth 1
          0557  mov edi, dword ptr [rsp + 0x88]
    v441:i32 = i32.add v326, v22    ; @0x87d
          ; v441 in rdi
          055e  add edi, 1
          0561  mov r8d, dword ptr [rsp + 0x80]
    v456:i32 = i32.add v333, v10    ; @0x88a
          ; v456 in r8
          0569  add r8d, 0x24
    v457:i32 = i32.load v456 offset=0    ; @0x88b
          ; v457 in rax
          056d  mov eax, dword ptr [r14 + r8]
    br b83(v349, v336, v457, v113, v441)    ; @0x894
          0571  mov esi, ebp
          0573  mov ebx, dword ptr [rsp + 8]
          0577  mov ebp, dword ptr [rsp + 0x78]
          057b  jmp 0xaaa
  b122:    ; preds b45, idom b45
    br b77    ; @0x774
  b121:    ; preds b44, idom b44
    br b77    ; @0x751
  b77:    ; preds b122 b121, idom b44
    v558:i32 = i32.load v534 offset=0    ; @0xa1c
          ; v558 in rax
          0580  mov eax, dword ptr [r14 + 0xddc]
    call f19 v559, v560, v22, v558    ; @0xa1f
          0587  mov dword ptr [r15], 0xb6c
          058e  mov dword ptr [r15 + 8], 0x1e
          0596  mov dword ptr [r15 + 0x10], 1
          059e  mov dword ptr [r15 + 0x18], eax
          05a2  call qword ptr [rip + 0x6b8]
    call f16    ; @0x2ad4 in f14
          05a8  call qword ptr [rip + 0x6c2]
    call f6 v22    ; @0x2ace in f13
          05ae  mov dword ptr [r15], 1
          05b5  mov rax, qword ptr [r13 + 0x40]
          05b9  mov rcx, qword ptr [rax + 0x48]
          05bd  mov r13, qword ptr [rax + 0x50]
          05c1  mov r14, qword ptr [r13]
          05c5  mov r14, qword ptr [r14]
          05c8  test rcx, rcx
          05cb  je 0xbe4
          05d1  call rcx
          05d3  mov r13, qword ptr [rsp + 0xb0]
          05db  mov r14, qword ptr [r13]
          05df  mov r14, qword ptr [r14]
    unreachable    ; @0x2ad0 in f13
          05e2  jmp 0xbee
  b42:    ; preds b18, idom b18, depth 1
          05e7  mov ecx, eax
    v318:i32 = i32.add v124, v766    ; @0x737
          ; v318 in rdx
          05e9  add edx, -1
    v319:i32 = i32.shl v318, v95    ; @0x73c
          ; v319 in rax
    v320:i32 = i32.add v319, v126    ; @0x740
          ; v320 in rax
          05ec  lea eax, [rdx*8 + 0x1870]
    v321:i64 = i64.load v320 offset=0    ; @0x741
          ; v321 in rax
          05f3  mov rax, qword ptr [r14 + rax]
    v322:i32 = i64.eqz v321    ; @0x744
          ; v322 in rax
          05f7  test rax, rax
    br_if v322, b43, b120    ; @0x746
          05fa  je 0x60a
          0600  jmp 0x643
  b120:    ; preds b42, idom b42, depth 1
    br b81(v318)    ; @0x746
          0605  jmp 0x643
  b43:    ; preds b42, idom b42, depth 1
    br b83(v318, v113, v118, v135, v326)    ; @0x748
          060a  mov eax, ecx
          060c  mov ebx, dword ptr [rsp + 8]
          0610  jmp 0xaaa
  b40:    ; preds b18, idom b18, depth 1
          0615  mov ecx, eax
    v311:i32 = i32.add v124, v766    ; @0x71e
          ; v311 in rdx
          0617  add edx, -1
    v312:i32 = i32.shl v311, v95    ; @0x723
          ; v312 in rax
    v313:i32 = i32.add v312, v126    ; @0x727
          ; v313 in rax
          061a  lea eax, [rdx*8 + 0x1870]
    v314:i64 = i64.load v313 offset=0    ; @0x728
          ; v314 in rax
          0621  mov rax, qword ptr [r14 + rax]
    v315:i32 = i64.ne v314, v80    ; @0x72d
          ; v315 in rax
          0625  test rax, rax
    br_if v315, b80(v311), b41    ; @0x72e
          0628  jne 0x638
          062e  jmp 0x643
  b41:    ; preds b40, idom b40, depth 1
    br b81(v311)    ; @0x730
          0633  jmp 0x643
  b80(v590:i32):    ; preds b40, idom b40, depth 1
    br b83(v590, v113, v118, v135, v326)    ; @0xa59
          0638  mov eax, ecx
          063a  mov ebx, dword ptr [rsp + 8]
          063e  jmp 0xaaa
  b117:    ; preds b18, idom b18, depth 1
    br b81(v124)    ; @0x42d
  b81(v591:i32):    ; preds b120 b41 b117, idom b18, depth 1
    v580:i32 = i32.load v121 offset=4    ; @0xa5e
          ; v580 in rax
          0643  mov eax, dword ptr [r14 + r9 + 4]
    br b83(v591, v113, v580, v135, v326)    ; @0xa67
          0648  mov ebx, dword ptr [rsp + 8]
          064c  jmp 0xaaa
  b39:    ; preds b18, idom b18, depth 1
          0651  mov ecx, eax
    v300:i32 = i32.shl v124, v95    ; @0x6f5
          ; v300 in rax
    v301:i32 = i32.add v300, v163    ; @0x6f9
          ; v301 in rax
          0653  lea eax, [rdx*8 + 0x1860]
    v302:i64 = i64.load v301 offset=0    ; @0x6fe
          ; v302 in r8
          065a  mov r8, qword ptr [r14 + rax]
    v303:i32 = i32.add v124, v766    ; @0x705
          ; v303 in rdx
          065e  add edx, -1
    v304:i32 = i32.shl v303, v95    ; @0x70a
          ; v304 in r9
    v305:i32 = i32.add v304, v126    ; @0x70e
          ; v305 in r9
          0661  lea r9d, [rdx*8 + 0x1870]
    v306:i64 = i64.load v305 offset=0    ; @0x70f
          ; v306 in r9
          0669  mov r9, qword ptr [r14 + r9]
    v307:i32 = i64.ne v302, v306    ; @0x712
          ; v307 in r8
          066d  cmp r8, r9
          0670  setne r8b
          0674  movzx r8d, r8b
    v308:i64 = i64.extend_i32_u v307    ; @0x713
          ; v308 in r8
          0678  mov r8d, r8d
    i64.store v301, v308 offset=0    ; @0x714
          067b  mov qword ptr [r14 + rax], r8
    br b83(v303, v113, v118, v135, v326)    ; @0x717
          067f  mov eax, ecx
          0681  mov ebx, dword ptr [rsp + 8]
          0685  jmp 0xaaa
  b38:    ; preds b18, idom b18, depth 1
          068a  mov ecx, eax
    v289:i32 = i32.shl v124, v95    ; @0x6cc
          ; v289 in rax
    v290:i32 = i32.add v289, v163    ; @0x6d0
          ; v290 in rax
          068c  lea eax, [rdx*8 + 0x1860]
    v291:i64 = i64.load v290 offset=0    ; @0x6d5
          ; v291 in r8
          0693  mov r8, qword ptr [r14 + rax]
    v292:i32 = i32.add v124, v766    ; @0x6dc
          ; v292 in rdx
          0697  add edx, -1
    v293:i32 = i32.shl v292, v95    ; @0x6e1
          ; v293 in r9
    v294:i32 = i32.add v293, v126    ; @0x6e5
          ; v294 in r9
          069a  lea r9d, [rdx*8 + 0x1870]
    v295:i64 = i64.load v294 offset=0    ; @0x6e6
          ; v295 in r9
          06a2  mov r9, qword ptr [r14 + r9]
    v296:i32 = i64.eq v291, v295    ; @0x6e9
          ; v296 in r8
          06a6  cmp r8, r9
          06a9  sete r8b
          06ad  movzx r8d, r8b
    v297:i64 = i64.extend_i32_u v296    ; @0x6ea
          ; v297 in r8
          06b1  mov r8d, r8d
    i64.store v290, v297 offset=0    ; @0x6eb
          06b4  mov qword ptr [r14 + rax], r8
    br b83(v292, v113, v118, v135, v326)    ; @0x6ee
          06b8  mov eax, ecx
          06ba  mov ebx, dword ptr [rsp + 8]
          06be  jmp 0xaaa
  b37:    ; preds b18, idom b18, depth 1
          06c3  mov ecx, eax
    v278:i32 = i32.shl v124, v95    ; @0x6a3
          ; v278 in rax
    v279:i32 = i32.add v278, v163    ; @0x6a7
          ; v279 in rax
          06c5  lea eax, [rdx*8 + 0x1860]
    v280:i64 = i64.load v279 offset=0    ; @0x6ac
          ; v280 in r8
          06cc  mov r8, qword ptr [r14 + rax]
    v281:i32 = i32.add v124, v766    ; @0x6b3
          ; v281 in rdx
          06d0  add edx, -1
    v282:i32 = i32.shl v281, v95    ; @0x6b8
          ; v282 in r9
    v283:i32 = i32.add v282, v126    ; @0x6bc
          ; v283 in r9
          06d3  lea r9d, [rdx*8 + 0x1870]
    v284:i64 = i64.load v283 offset=0    ; @0x6bd
          ; v284 in r9
          06db  mov r9, qword ptr [r14 + r9]
    v285:i32 = i64.gt_s v280, v284    ; @0x6c0
          ; v285 in r8
          06df  cmp r8, r9
          06e2  setg r8b
          06e6  movzx r8d, r8b
    v286:i64 = i64.extend_i32_u v285    ; @0x6c1
          ; v286 in r8
          06ea  mov r8d, r8d
    i64.store v279, v286 offset=0    ; @0x6c2
          06ed  mov qword ptr [r14 + rax], r8
    br b83(v281, v113, v118, v135, v326)    ; @0x6c5
          06f1  mov eax, ecx
          06f3  mov ebx, dword ptr [rsp + 8]
          06f7  jmp 0xaaa
  b36:    ; preds b18, idom b18, depth 1
          06fc  mov ecx, eax
    v267:i32 = i32.shl v124, v95    ; @0x67a
          ; v267 in rax
    v268:i32 = i32.add v267, v163    ; @0x67e
          ; v268 in rax
          06fe  lea eax, [rdx*8 + 0x1860]
    v269:i64 = i64.load v268 offset=0    ; @0x683
          ; v269 in r8
          0705  mov r8, qword ptr [r14 + rax]
    v270:i32 = i32.add v124, v766    ; @0x68a
          ; v270 in rdx
          0709  add edx, -1
    v271:i32 = i32.shl v270, v95    ; @0x68f
          ; v271 in r9
    v272:i32 = i32.add v271, v126    ; @0x693
          ; v272 in r9
          070c  lea r9d, [rdx*8 + 0x1870]
    v273:i64 = i64.load v272 offset=0    ; @0x694
          ; v273 in r9
          0714  mov r9, qword ptr [r14 + r9]
    v274:i32 = i64.lt_s v269, v273    ; @0x697
          ; v274 in r8
          0718  cmp r8, r9
          071b  setl r8b
          071f  movzx r8d, r8b
    v275:i64 = i64.extend_i32_u v274    ; @0x698
          ; v275 in r8
          0723  mov r8d, r8d
    i64.store v268, v275 offset=0    ; @0x699
          0726  mov qword ptr [r14 + rax], r8
    br b83(v270, v113, v118, v135, v326)    ; @0x69c
          072a  mov eax, ecx
          072c  mov ebx, dword ptr [rsp + 8]
          0730  jmp 0xaaa
  b35:    ; preds b18, idom b18, depth 1
          0735  mov ecx, eax
    v257:i32 = i32.shl v124, v95    ; @0x652
          ; v257 in rax
    v258:i32 = i32.add v257, v163    ; @0x656
          ; v258 in rax
          0737  lea eax, [rdx*8 + 0x1860]
    v259:i64 = i64.load v258 offset=0    ; @0x65b
          ; v259 in r8
          073e  mov r8, qword ptr [r14 + rax]
    v260:i32 = i32.add v124, v766    ; @0x662
          ; v260 in rdx
          0742  add edx, -1
    v261:i32 = i32.shl v260, v95    ; @0x667
          ; v261 in r9
    v262:i32 = i32.add v261, v126    ; @0x66b
          ; v262 in r9
          0745  lea r9d, [rdx*8 + 0x1870]
    v263:i64 = i64.load v262 offset=0    ; @0x66c
          ; v263 in r9
          074d  mov r9, qword ptr [r14 + r9]
    v264:i64 = i64.shr_u v259, v263    ; @0x66f
          ; v264 in r8
          0751  shrx r8, r8, r9
    i64.store v258, v264 offset=0    ; @0x670
          0756  mov qword ptr [r14 + rax], r8
    br b83(v260, v113, v118, v135, v326)    ; @0x673
          075a  mov eax, ecx
          075c  mov ebx, dword ptr [rsp + 8]
          0760  jmp 0xaaa
  b34:    ; preds b18, idom b18, depth 1
          0765  mov ecx, eax
    v247:i32 = i32.shl v124, v95    ; @0x62a
          ; v247 in rax
    v248:i32 = i32.add v247, v163    ; @0x62e
          ; v248 in rax
          0767  lea eax, [rdx*8 + 0x1860]
    v249:i64 = i64.load v248 offset=0    ; @0x633
          ; v249 in r8
          076e  mov r8, qword ptr [r14 + rax]
    v250:i32 = i32.add v124, v766    ; @0x63a
          ; v250 in rdx
          0772  add edx, -1
    v251:i32 = i32.shl v250, v95    ; @0x63f
          ; v251 in r9
    v252:i32 = i32.add v251, v126    ; @0x643
          ; v252 in r9
          0775  lea r9d, [rdx*8 + 0x1870]
    v253:i64 = i64.load v252 offset=0    ; @0x644
          ; v253 in r9
          077d  mov r9, qword ptr [r14 + r9]
    v254:i64 = i64.shl v249, v253    ; @0x647
          ; v254 in r8
          0781  shlx r8, r8, r9
    i64.store v248, v254 offset=0    ; @0x648
          0786  mov qword ptr [r14 + rax], r8
    br b83(v250, v113, v118, v135, v326)    ; @0x64b
          078a  mov eax, ecx
          078c  mov ebx, dword ptr [rsp + 8]
          0790  jmp 0xaaa
  b33:    ; preds b18, idom b18, depth 1
          0795  mov ecx, eax
    v237:i32 = i32.shl v124, v95    ; @0x602
          ; v237 in rax
    v238:i32 = i32.add v237, v163    ; @0x606
          ; v238 in rax
          0797  lea eax, [rdx*8 + 0x1860]
    v239:i64 = i64.load v238 offset=0    ; @0x60b
          ; v239 in r8
          079e  mov r8, qword ptr [r14 + rax]
    v240:i32 = i32.add v124, v766    ; @0x612
          ; v240 in rdx
          07a2  add edx, -1
    v241:i32 = i32.shl v240, v95    ; @0x617
          ; v241 in r9
    v242:i32 = i32.add v241, v126    ; @0x61b
          ; v242 in r9
          07a5  lea r9d, [rdx*8 + 0x1870]
    v243:i64 = i64.load v242 offset=0    ; @0x61c
          ; v243 in r9
          07ad  mov r9, qword ptr [r14 + r9]
    v244:i64 = i64.xor v239, v243    ; @0x61f
          ; v244 in r8
          07b1  xor r8, r9
    i64.store v238, v244 offset=0    ; @0x620
          07b4  mov qword ptr [r14 + rax], r8
    br b83(v240, v113, v118, v135, v326)    ; @0x623
          07b8  mov eax, ecx
          07ba  mov ebx, dword ptr [rsp + 8]
          07be  jmp 0xaaa
  b32:    ; preds b18, idom b18, depth 1
          07c3  mov ecx, eax
    v227:i32 = i32.shl v124, v95    ; @0x5da
          ; v227 in rax
    v228:i32 = i32.add v227, v163    ; @0x5de
          ; v228 in rax
          07c5  lea eax, [rdx*8 + 0x1860]
    v229:i64 = i64.load v228 offset=0    ; @0x5e3
          ; v229 in r8
          07cc  mov r8, qword ptr [r14 + rax]
    v230:i32 = i32.add v124, v766    ; @0x5ea
          ; v230 in rdx
          07d0  add edx, -1
    v231:i32 = i32.shl v230, v95    ; @0x5ef
          ; v231 in r9
    v232:i32 = i32.add v231, v126    ; @0x5f3
          ; v232 in r9
          07d3  lea r9d, [rdx*8 + 0x1870]
    v233:i64 = i64.load v232 offset=0    ; @0x5f4
          ; v233 in r9
          07db  mov r9, qword ptr [r14 + r9]
    v234:i64 = i64.or v229, v233    ; @0x5f7
          ; v234 in r8
          07df  or r8, r9
    i64.store v228, v234 offset=0    ; @0x5f8
          07e2  mov qword ptr [r14 + rax], r8
    br b83(v230, v113, v118, v135, v326)    ; @0x5fb
          07e6  mov eax, ecx
          07e8  mov ebx, dword ptr [rsp + 8]
          07ec  jmp 0xaaa
  b31:    ; preds b18, idom b18, depth 1
          07f1  mov ecx, eax
    v217:i32 = i32.shl v124, v95    ; @0x5b2
          ; v217 in rax
    v218:i32 = i32.add v217, v163    ; @0x5b6
          ; v218 in rax
          07f3  lea eax, [rdx*8 + 0x1860]
    v219:i64 = i64.load v218 offset=0    ; @0x5bb
          ; v219 in r8
          07fa  mov r8, qword ptr [r14 + rax]
    v220:i32 = i32.add v124, v766    ; @0x5c2
          ; v220 in rdx
          07fe  add edx, -1
    v221:i32 = i32.shl v220, v95    ; @0x5c7
          ; v221 in r9
    v222:i32 = i32.add v221, v126    ; @0x5cb
          ; v222 in r9
          0801  lea r9d, [rdx*8 + 0x1870]
    v223:i64 = i64.load v222 offset=0    ; @0x5cc
          ; v223 in r9
          0809  mov r9, qword ptr [r14 + r9]
    v224:i64 = i64.and v219, v223    ; @0x5cf
          ; v224 in r8
          080d  and r8, r9
    i64.store v218, v224 offset=0    ; @0x5d0
          0810  mov qword ptr [r14 + rax], r8
    br b83(v220, v113, v118, v135, v326)    ; @0x5d3
          0814  mov eax, ecx
          0816  mov ebx, dword ptr [rsp + 8]
          081a  jmp 0xaaa
  b26:    ; preds b18, idom b18, depth 1
          081f  mov ecx, eax
    v193:i32 = i32.add v124, v766    ; @0x557
          ; v193 in r9
          0821  lea r9d, [rdx - 1]
    v194:i32 = i32.shl v193, v95    ; @0x55c
          ; v194 in rax
    v195:i32 = i32.add v194, v126    ; @0x560
          ; v195 in rax
          0825  lea eax, [r9*8 + 0x1870]
    v196:i64 = i64.load v195 offset=0    ; @0x561
          ; v196 in rax
          082d  mov rax, qword ptr [r14 + rax]
    v197:i32 = i64.eqz v196    ; @0x566
          ; v197 in rbx
          0831  test rax, rax
    br_if v197, b118, b27    ; @0x567
          0834  je 0x8e9
  b27:    ; preds b26, idom b26, depth 1
    v199:i32 = i32.shl v124, v95    ; @0x56d
          ; v199 in rdx
    v200:i32 = i32.add v199, v163    ; @0x571
          ; v200 in rbx
          083a  lea ebx, [rdx*8 + 0x1860]
    v201:i64 = i64.load v200 offset=0    ; @0x574
          ; v201 in rdx
          0841  mov rdx, qword ptr [r14 + rbx]
    v203:i32 = i64.eq v201, v202    ; @0x584
          ; v203 in [rsp+152]
          0845  movabs r11, 0x8000000000000000
          084f  cmp rdx, r11
          0852  jne 0x862
    v205:i32 = i64.eq v196, v204    ; @0x589
          ; v205 in [rsp+160]
          0858  cmp rax, -1
    v206:i32 = i32.and v203, v205    ; @0x58a
          ; v206 in [rsp+168]
    br_if v206, b119, b28    ; @0x58b
          085c  je 0x8e9
  b28:    ; preds b27, idom b27, depth 1
    v209:i32 = i32.eq v122, v208    ; @0x591
          ; v209 in r8
          0862  cmp r8d, 7
    br_if v209, b29, b30    ; @0x592
          0866  je 0x8a6
  b30:    ; preds b28, idom b28, depth 1
    v214:i64 = i64.rem_s v201, v196    ; @0x5a7
          ; v214 in rax
          086c  mov r11, rax
          086f  mov rax, rdx
          0872  test r11, r11
          0875  je 0xbf8
          087b  cmp r11, -1
          087f  jne 0x88c
          0885  xor edx, edx
          0887  jmp 0x891
          088c  cqo
          088e  idiv r11
          0891  mov rax, rdx
    i64.store v200, v214 offset=0    ; @0x5a8
          0894  mov qword ptr [r14 + rbx], rax
    br b83(v193, v113, v118, v135, v326)    ; @0x5ab
          0898  mov edx, r9d
          089b  mov ebx, dword ptr [rsp + 8]
          089f  mov eax, ecx
          08a1  jmp 0xaaa
  b29:    ; preds b28, idom b28, depth 1
    v211:i64 = i64.div_s v201, v196    ; @0x59a
          ; v211 in rax
          08a6  mov r11, rax
          08a9  mov rax, rdx
          08ac  test r11, r11
          08af  je 0xc02
          08b5  cmp r11, -1
          08b9  jne 0x8d2
          08bf  movabs r10, 0x8000000000000000
          08c9  cmp rax, r10
          08cc  je 0xc0c
          08d2  cqo
          08d4  idiv r11
    i64.store v200, v211 offset=0    ; @0x59b
          08d7  mov qword ptr [r14 + rbx], rax
    br b83(v193, v113, v118, v135, v326)    ; @0x59e
          08db  mov edx, r9d
          08de  mov ebx, dword ptr [rsp + 8]
          08e2  mov eax, ecx
          08e4  jmp 0xaaa
  b119:    ; preds b27, idom b27
    br b76    ; @0x58b
  b118:    ; preds b26, idom b26
    br b76    ; @0x567
  b76:    ; preds b119 b118, idom b26
          08e9  mov ebx, dword ptr [rsp + 8]
    i32.store v7, v117 offset=16    ; @0x9f9
          08ed  mov r10d, dword ptr [rsp + 0x48]
          08f2  mov dword ptr [r14 + rbx + 0x10], r10d
    v552:i32 = i32.load v534 offset=0    ; @0x9ff
          ; v552 in rax
          08f7  mov eax, dword ptr [r14 + 0xddc]
          08fe  mov r8d, dword ptr [rsp + 0x28]
    v553:i32 = i32.add v5, v765    ; @0xa09
          ; v553 in r8
          0903  add r8d, -0x10
    v714:i32 = i32.add v7, v765    ; @0x2ae4 in f15
          ; v714 in rcx
          0907  lea ecx, [rbx - 0x10]
    global.set g0 v714    ; @0x2ae7 in f15
          090a  mov r11, qword ptr [r13 + 0x168]
          0911  mov dword ptr [r11], ecx
    i32.store v714, v553 offset=12    ; @0x2aed in f15
          0914  mov dword ptr [r14 + rcx + 0xc], r8d
    call f26 v552, v554, v553    ; @0x2af6 in f15
          0919  mov dword ptr [r15], eax
          091c  mov dword ptr [r15 + 8], 0xbf2
          0924  mov dword ptr [r15 + 0x10], r8d
          0928  call qword ptr [rip + 0x352]
    global.set g0 v7    ; @0x2afd in f15
          092e  mov r11, qword ptr [r13 + 0x168]
          0935  mov dword ptr [r11], ebx
    call f16    ; @0x2ad4 in f14
          0938  call qword ptr [rip + 0x332]
    call f6 v22    ; @0x2ace in f13
          093e  mov dword ptr [r15], 1
          0945  mov rax, qword ptr [r13 + 0x40]
          0949  mov rcx, qword ptr [rax + 0x48]
          094d  mov r13, qword ptr [rax + 0x50]
          0951  mov r14, qword ptr [r13]
          0955  mov r14, qword ptr [r14]
          0958  test rcx, rcx
          095b  je 0xc16
          0961  call rcx
          0963  mov r13, qword ptr [rsp + 0xb0]
          096b  mov r14, qword ptr [r13]
          096f  mov r14, qword ptr [r14]
    unreachable    ; @0x2ad0 in f13
          0972  jmp 0xc20
  b25:    ; preds b18, idom b18, depth 1
          0977  mov r8d, dword ptr [rsp + 0x28]
          097c  mov ecx, eax
          097e  mov ebx, dword ptr [rsp + 8]
    v183:i32 = i32.shl v124, v95    ; @0x52f
          ; v183 in rax
    v184:i32 = i32.add v183, v163    ; @0x533
          ; v184 in rax
          0982  lea eax, [rdx*8 + 0x1860]
    v185:i64 = i64.load v184 offset=0    ; @0x538
          ; v185 in r9
          0989  mov r9, qword ptr [r14 + rax]
    v186:i32 = i32.add v124, v766    ; @0x53f
          ; v186 in rdx
          098d  add edx, -1
    v187:i32 = i32.shl v186, v95    ; @0x544
          ; v187 in r8
    v188:i32 = i32.add v187, v126    ; @0x548
          ; v188 in r8
          0990  lea r8d, [rdx*8 + 0x1870]
    v189:i64 = i64.load v188 offset=0    ; @0x549
          ; v189 in r8
          0998  mov r8, qword ptr [r14 + r8]
    v190:i64 = i64.mul v185, v189    ; @0x54c
          ; v190 in r9
          099c  imul r9, r8
    i64.store v184, v190 offset=0    ; @0x54d
          09a0  mov qword ptr [r14 + rax], r9
    br b83(v186, v113, v118, v135, v326)    ; @0x550
          09a4  mov eax, ecx
          09a6  jmp 0xaaa
  b24:    ; preds b18, idom b18, depth 1
          09ab  mov ebx, dword ptr [rsp + 8]
          09af  mov ecx, eax
    v173:i32 = i32.shl v124, v95    ; @0x507
          ; v173 in rax
    v174:i32 = i32.add v173, v163    ; @0x50b
          ; v174 in rax
          09b1  lea eax, [rdx*8 + 0x1860]
    v175:i64 = i64.load v174 offset=0    ; @0x510
          ; v175 in r8
          09b8  mov r8, qword ptr [r14 + rax]
    v176:i32 = i32.add v124, v766    ; @0x517
          ; v176 in rdx
          09bc  add edx, -1
    v177:i32 = i32.shl v176, v95    ; @0x51c
          ; v177 in r9
    v178:i32 = i32.add v177, v126    ; @0x520
          ; v178 in r9
          09bf  lea r9d, [rdx*8 + 0x1870]
    v179:i64 = i64.load v178 offset=0    ; @0x521
          ; v179 in r9
          09c7  mov r9, qword ptr [r14 + r9]
    v180:i64 = i64.sub v175, v179    ; @0x524
          ; v180 in r8
          09cb  sub r8, r9
    i64.store v174, v180 offset=0    ; @0x525
          09ce  mov qword ptr [r14 + rax], r8
    br b83(v176, v113, v118, v135, v326)    ; @0x528
          09d2  mov eax, ecx
          09d4  jmp 0xaaa
  b23:    ; preds b18, idom b18, depth 1
          09d9  mov ebx, dword ptr [rsp + 8]
          09dd  mov ecx, eax
    v162:i32 = i32.shl v124, v95    ; @0x4df
          ; v162 in rax
    v164:i32 = i32.add v162, v163    ; @0x4e3
          ; v164 in rax
          09df  lea eax, [rdx*8 + 0x1860]
    v165:i64 = i64.load v164 offset=0    ; @0x4e8
          ; v165 in r8
          09e6  mov r8, qword ptr [r14 + rax]
    v166:i32 = i32.add v124, v766    ; @0x4ef
          ; v166 in rdx
          09ea  add edx, -1
    v167:i32 = i32.shl v166, v95    ; @0x4f4
          ; v167 in r9
    v168:i32 = i32.add v167, v126    ; @0x4f8
          ; v168 in r9
          09ed  lea r9d, [rdx*8 + 0x1870]
    v169:i64 = i64.load v168 offset=0    ; @0x4f9
          ; v169 in r9
          09f5  mov r9, qword ptr [r14 + r9]
    v170:i64 = i64.add v165, v169    ; @0x4fc
          ; v170 in r8
          09f9  add r8, r9
    i64.store v164, v170 offset=0    ; @0x4fd
          09fc  mov qword ptr [r14 + rax], r8
    br b83(v166, v113, v118, v135, v326)    ; @0x500
          0a00  mov eax, ecx
          0a02  jmp 0xaaa
  b22:    ; preds b18, idom b18, depth 1
          0a07  mov ebx, dword ptr [rsp + 8]
          0a0b  mov ecx, eax
    v153:i32 = i32.load v121 offset=4    ; @0x4ba
          ; v153 in rax
          0a0d  mov eax, dword ptr [r14 + r9 + 4]
    v154:i32 = i32.add v153, v135    ; @0x4bf
          ; v154 in rax
          0a12  add eax, esi
    v155:i32 = i32.shl v154, v95    ; @0x4c2
          ; v155 in rax
    v156:i32 = i32.add v155, v33    ; @0x4c7
          ; v156 in rax
          0a14  lea eax, [rax*8 + 0x9870]
    v157:i64 = i64.load v156 offset=0    ; @0x4cc
          ; v157 in r8
          0a1b  mov r8, qword ptr [r14 + rax]
    v158:i64 = i64.load32_s v121 offset=8    ; @0x4d1
          ; v158 in r9
          0a1f  movsxd r9, dword ptr [r14 + r9 + 8]
    v159:i64 = i64.add v157, v158    ; @0x4d4
          ; v159 in r8
          0a24  add r8, r9
    i64.store v156, v159 offset=0    ; @0x4d5
          0a27  mov qword ptr [r14 + rax], r8
    br b83(v124, v113, v118, v135, v326)    ; @0x4d8
          0a2b  mov eax, ecx
          0a2d  jmp 0xaaa
  b21:    ; preds b18, idom b18, depth 1
          0a32  mov ebx, dword ptr [rsp + 8]
          0a36  mov ecx, eax
    v143:i32 = i32.load v121 offset=4    ; @0x493
          ; v143 in rax
          0a38  mov eax, dword ptr [r14 + r9 + 4]
    v144:i32 = i32.add v143, v135    ; @0x498
          ; v144 in rax
          0a3d  add eax, esi
    v145:i32 = i32.shl v144, v95    ; @0x49b
          ; v145 in rax
    v146:i32 = i32.add v145, v33    ; @0x4a0
          ; v146 in rax
          0a3f  lea eax, [rax*8 + 0x9870]
    v147:i32 = i32.add v124, v766    ; @0x4a5
          ; v147 in rdx
          0a46  add edx, -1
    v148:i32 = i32.shl v147, v95    ; @0x4aa
          ; v148 in r8
    v149:i32 = i32.add v148, v126    ; @0x4ae
          ; v149 in r8
          0a49  lea r8d, [rdx*8 + 0x1870]
    v150:i64 = i64.load v149 offset=0    ; @0x4af
          ; v150 in r8
          0a51  mov r8, qword ptr [r14 + r8]
    i64.store v146, v150 offset=0    ; @0x4b2
          0a55  mov qword ptr [r14 + rax], r8
    br b83(v147, v113, v118, v135, v326)    ; @0x4b5
          0a59  mov eax, ecx
          0a5b  jmp 0xaaa
  b20:    ; preds b18, idom b18, depth 1
          0a60  mov ebx, dword ptr [rsp + 8]
          0a64  mov ecx, eax
    v132:i32 = i32.shl v124, v95    ; @0x46c
          ; v132 in rax
    v133:i32 = i32.add v132, v126    ; @0x470
          ; v133 in rax
          0a66  lea eax, [rdx*8 + 0x1870]
    v134:i32 = i32.load v121 offset=4    ; @0x473
          ; v134 in r8
          0a6d  mov r8d, dword ptr [r14 + r9 + 4]
    v136:i32 = i32.add v134, v135    ; @0x478
          ; v136 in r8
          0a72  add r8d, esi
    v137:i32 = i32.shl v136, v95    ; @0x47b
          ; v137 in r8
    v138:i32 = i32.add v137, v33    ; @0x480
          ; v138 in r8
          0a75  lea r8d, [r8*8 + 0x9870]
    v139:i64 = i64.load v138 offset=0    ; @0x481
          ; v139 in r8
          0a7d  mov r8, qword ptr [r14 + r8]
    i64.store v133, v139 offset=0    ; @0x484
          0a81  mov qword ptr [r14 + rax], r8
    v141:i32 = i32.add v124, v22    ; @0x48b
          ; v141 in rdx
          0a85  add edx, 1
    br b83(v141, v113, v118, v135, v326)    ; @0x48e
          0a88  mov eax, ecx
          0a8a  jmp 0xaaa
  b19:    ; preds b18, idom b18, depth 1
          0a8f  mov ebx, dword ptr [rsp + 8]
          0a93  mov ecx, eax
    v125:i32 = i32.shl v124, v95    ; @0x451
          ; v125 in rax
    v127:i32 = i32.add v125, v126    ; @0x455
          ; v127 in rax
          0a95  lea eax, [rdx*8 + 0x1870]
    v128:i64 = i64.load32_s v121 offset=4    ; @0x458
          ; v128 in r8
          0a9c  movsxd r8, dword ptr [r14 + r9 + 4]
    i64.store v127, v128 offset=0    ; @0x45b
          0aa1  mov qword ptr [r14 + rax], r8
    v130:i32 = i32.add v124, v22    ; @0x462
          ; v130 in rdx
          0aa5  add edx, 1
    br b83(v130, v113, v118, v135, v326)    ; @0x465
          0aa8  mov eax, ecx
  b83(v587:i32, v601:i32, v626:i32, v643:i32, v653:i32):    ; preds b73 b72 b69 b66 b65 b64 b62 b43 b80 b81 b39 b38 b37 b36 b35 b34 b33 b32 b31 b30 b29 b25 b24 b23 b22 b21 b20 b19, idom b18, depth 1
    v593:i32 = i32.lt_u v587, v592    ; @0xa7c
          ; v593 in rcx
          0aaa  cmp edx, 0xffe
    br_if v593, b131, b84    ; @0xa7d
          0ab0  jae 0xacc
  b131:    ; preds b83, idom b83, depth 1
    br b18(v601, v116, v626, v587, v643, v653)    ; @0xa7d
          0ab6  mov r8d, eax
          0ab9  mov r9d, dword ptr [rsp + 0x38]
          0abe  mov ecx, dword ptr [rsp + 0x30]
          0ac2  mov rax, qword ptr [rsp + 0x68]
          0ac7  jmp 0x175
  b84:    ; preds b83, idom b83
    v699:i32 = i32.load v534 offset=0    ; @0xa8a
          ; v699 in rax
          0acc  mov eax, dword ptr [r14 + 0xddc]
    call f19 v700, v566, v22, v699    ; @0xa8d
          0ad3  mov dword ptr [r15], 0xb8b
          0ada  mov dword ptr [r15 + 8], 0x21
          0ae2  mov dword ptr [r15 + 0x10], 1
          0aea  mov dword ptr [r15 + 0x18], eax
          0aee  call qword ptr [rip + 0x16c]
    call f16    ; @0x2ad4 in f14
          0af4  call qword ptr [rip + 0x176]
    call f6 v22    ; @0x2ace in f13
          0afa  mov dword ptr [r15], 1
          0b01  mov rax, qword ptr [r13 + 0x40]
          0b05  mov rcx, qword ptr [rax + 0x48]
          0b09  mov r13, qword ptr [rax + 0x50]
          0b0d  mov r14, qword ptr [r13]
          0b11  mov r14, qword ptr [r14]
          0b14  test rcx, rcx
          0b17  je 0xc2a
          0b1d  call rcx
          0b1f  mov r13, qword ptr [rsp + 0xb0]
          0b27  mov r14, qword ptr [r13]
          0b2b  mov r14, qword ptr [r14]
    unreachable    ; @0x2ad0 in f13
          0b2e  jmp 0xc34
  b74:    ; preds b18, idom b18
          0b33  mov ebx, dword ptr [rsp + 8]
    i32.store v7, v122 offset=0    ; @0x9b9
          0b37  mov dword ptr [r14 + rbx], r8d
    v535:i32 = i32.load v534 offset=0    ; @0x9bf
          ; v535 in rax
          0b3b  mov eax, dword ptr [r14 + 0xddc]
    v739:i32 = i32.add v7, v765    ; @0x2ae4 in f15
          ; v739 in rcx
          0b42  lea ecx, [rbx - 0x10]
    global.set g0 v739    ; @0x2ae7 in f15
          0b45  mov r11, qword ptr [r13 + 0x168]
          0b4c  mov dword ptr [r11], ecx
    i32.store v739, v7 offset=12    ; @0x2aed in f15
          0b4f  mov dword ptr [r14 + rcx + 0xc], ebx
    call f26 v535, v536, v7    ; @0x2af6 in f15
          0b54  mov dword ptr [r15], eax
          0b57  mov dword ptr [r15 + 8], 0xc11
          0b5f  mov dword ptr [r15 + 0x10], ebx
          0b63  call qword ptr [rip + 0x117]
    global.set g0 v7    ; @0x2afd in f15
          0b69  mov r11, qword ptr [r13 + 0x168]
          0b70  mov dword ptr [r11], ebx
    call f16    ; @0x2ad4 in f14
          0b73  call qword ptr [rip + 0xf7]
    call f6 v22    ; @0x2ace in f13
          0b79  mov dword ptr [r15], 1
          0b80  mov rax, qword ptr [r13 + 0x40]
          0b84  mov rcx, qword ptr [rax + 0x48]
          0b88  mov r13, qword ptr [rax + 0x50]
          0b8c  mov r14, qword ptr [r13]
          0b90  mov r14, qword ptr [r14]
          0b93  test rcx, rcx
          0b96  je 0xc3e
          0b9c  call rcx
          0b9e  mov r13, qword ptr [rsp + 0xb0]
          0ba6  mov r14, qword ptr [r13]
          0baa  mov r14, qword ptr [r14]
    unreachable    ; @0x2ad0 in f13
          0bad  jmp 0xc48
  ; out of line: stubs, constants, helper data
          0bb2  mov edi, 0xa
          0bb7  call qword ptr [r12 + 0x38]
          0bbc  call qword ptr [r12 + 0x40]
          0bc1  jmp 0x2af
          0bc6  mov edi, 1
          0bcb  call qword ptr [r12 + 0x38]
          0bd0  call qword ptr [r12 + 0x40]
          0bd5  jmp 0x357
          0bda  mov edi, 1
          0bdf  call qword ptr [r12 + 0x38]
          0be4  call qword ptr [r12 + 0x40]
          0be9  jmp 0x5d3
          0bee  mov edi, 1
          0bf3  call qword ptr [r12 + 0x38]
          0bf8  mov edi, 4
          0bfd  call qword ptr [r12 + 0x38]
          0c02  mov edi, 4
          0c07  call qword ptr [r12 + 0x38]
          0c0c  mov edi, 5
          0c11  call qword ptr [r12 + 0x38]
          0c16  call qword ptr [r12 + 0x40]
          0c1b  jmp 0x963
          0c20  mov edi, 1
          0c25  call qword ptr [r12 + 0x38]
          0c2a  call qword ptr [r12 + 0x40]
          0c2f  jmp 0xb1f
          0c34  mov edi, 1
          0c39  call qword ptr [r12 + 0x38]
          0c3e  call qword ptr [r12 + 0x40]
          0c43  jmp 0xb9e
          0c48  mov edi, 1
          0c4d  call qword ptr [r12 + 0x38]
          0c52  int3 x14
          0c60  adc al, 0
          0c62  add byte ptr [rax], al
          0c64  add byte ptr [rax], al
          0c66  add byte ptr [rax], al
          0c68  add byte ptr [rax], al
          0c6a  add byte ptr [rax], al
          0c6c  add byte ptr [rax], al
          0c6e  add byte ptr [rax], al
          0c70  adc dword ptr [rax], eax
          0c72  add byte ptr [rax], al
          0c74  add byte ptr [rax], al
          0c76  add byte ptr [rax], al
          0c78  add byte ptr [rax], al
          0c7a  add byte ptr [rax], al
          0c7c  add byte ptr [rax], al
          0c7e  add byte ptr [rax], al
          0c80  sbb eax, dword ptr [rax]
          0c82  add byte ptr [rax], al
          0c84  add byte ptr [rax], al
          0c86  add byte ptr [rax], al
          0c88  add byte ptr [rax], al
          0c8a  add byte ptr [rax], al
          0c8c  add byte ptr [rax], al
          0c8e  add byte ptr [rax], al
          0c90  (data) ff
          0c91  std
          0c92  (data) ff
          0c93  call rax
          0c95  std
          0c96  (data) ff
          0c97  jmp qword ptr [rdx + 0x77fffffd]
          0c9d  std
          0c9e  (data) ff
          0c9f  dec dword ptr [rcx - 3]
          0ca2  (data) ff
          0ca3  lcall [rbx]
          0ca5  std
          0ca6  (data) ff
          0ca7  jmp rdi
          0ca9  cld
          0caa  (data) ff
          0cab  dec dword ptr [rdi - 0x70000005]
          0cb1  sti
          0cb2  (data) ff
          0cb3  jmp qword ptr [rcx - 5]
          0cb6  (data) ff
          0cb7  push qword ptr [rbx]
          0cb9  sti
          0cba  (data) ff
          0cbb  inc dword ptr [rip - 0x2a000005]
          0cc1  cli
          0cc2  (data) ff
          0cc3  jmp qword ptr [rbp + 0x6cfffffa]
          0cc9  cli
          0cca  (data) ff
          0ccb  push qword ptr [rbx]
          0ccd  cli
          0cce  (data) ff
          0ccf  (data) ff
          0cd0  cli
          0cd1  stc
          0cd2  (data) ff
          0cd3  inc ecx
          0cd5  stc
          0cd6  (data) ff
          0cd7  push qword ptr [rbx - 0x7a000007]
          0cdd  stc
          0cde  (data) ff
          0cdf  call qword ptr [rdi - 7]
          0ce2  (data) ff
          0ce3  inc dword ptr [rcx + 0x10fffff7]
          0ce9  idiv edi
          0ceb  jmp rdi
          0ced  idiv bh
          0cef  (data) ff
          0cf0  fcomi st(6)
          0cf2  (data) ff
          0cf3  push qword ptr [rbx]
          0cf5  idiv bh
          0cf7  push qword ptr [rsi - 0xb]
          0cfa  (data) ff
          0cfb  jmp qword ptr [rcx]
          0cfd  cmc
          0cfe  (data) ff
          0cff  (data) ff
