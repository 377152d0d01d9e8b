func 8  ; opt: 3392 bytes of machine code, 3059 in the body; 102 blocks; 112 spill bytes, 26 splits; guard-page memory
  ; prologue
          0000  lea r10, [r15 + 0xa0]
          0007  cmp r10, qword ptr [r12 + 8]
          000c  ja 0xbf3
          0012  cmp rsp, qword ptr [r12]
          0016  jb 0xbf3
          001c  push rbx
          001d  push rbp
          001e  push r13
          0020  sub rsp, 0x70
          0024  mov ecx, dword ptr [r15]
          0027  mov eax, dword ptr [r15 + 8]
          002b  mov edx, dword ptr [r15 + 0x10]
  b0(v1:i32, v2:i32, v3:i32):    ; entry
          002f  mov dword ptr [rsp + 0x18], ecx
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
          0033  mov r11, qword ptr [r13 + 0x168]
          003a  mov esi, dword ptr [r11]
          003d  mov dword ptr [rsp + 0x10], esi
    v7:i32 = i32.add v5, v764    ; @0x2d8
          ; v7 in rbx
          0041  lea ebx, [rsi - 0x20]
          0044  mov dword ptr [rsp], ebx
    global.set g0 v7    ; @0x2db
          0047  mov r11, qword ptr [r13 + 0x168]
          004e  mov dword ptr [r11], ebx
    v9:i32 = i32.load v1 offset=0    ; @0x2df
          ; v9 in rdi
          0051  mov edi, dword ptr [r14 + rcx]
          0055  mov dword ptr [rsp + 8], edi
    v11:i32 = i32.mul v2, v10    ; @0x2e8
          ; v11 in rax
          0059  imul eax, eax, 0x24
    v12:i32 = i32.add v9, v11    ; @0x2e9
          ; v12 in rax
          005c  add eax, edi
    v13:i32 = i32.add v12, v10    ; @0x2ee
          ; v13 in r8
          005e  lea r8d, [rax + 0x24]
    v14:i32 = i32.load v13 offset=0    ; @0x2ef
          ; v14 in r8
          0062  mov r8d, dword ptr [r14 + r8]
    v15:i32 = i32.load v9 offset=0    ; @0x2f6
          ; v15 in r9
          0066  mov r9d, dword ptr [r14 + rdi]
          006a  mov dword ptr [rsp + 0x20], r9d
    v17:i32 = i32.add v12, v16    ; @0x301
          ; v17 in rbp
          006f  lea ebp, [rax + 0x2c]
    v18:i32 = i32.load v17 offset=0    ; @0x302
          ; v18 in rbp
          0072  mov ebp, dword ptr [r14 + rbp]
          0076  mov dword ptr [rsp + 0x28], ebp
    v20:i32 = i32.le_s v18, v19    ; @0x309
          ; v20 in rbx
          007a  cmp ebp, 0
    br_if v20, b113, b2    ; @0x30a
          007d  jle 0x15a
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
          ; v27 in rdi
          008f  cmp ebp, 1
    br_if v27, b3, b114    ; @0x326
          0092  jne 0x9f
  b114:    ; preds b2, idom b2
    br b12(v19)    ; @0x326
          0098  xor ecx, ecx
          009a  jmp 0x108
  b3:    ; preds b2, idom b2
    v30:i32 = i32.and v18, v29    ; @0x32c
          ; v30 in rdi
          009f  mov edi, ebp
          00a1  and edi, 0xfffffffe
    br b4(v19, v19)    ; @0x32c
          00a4  xor esi, esi
          00a6  xor ecx, ecx
  b4(v32:i32, v35:i32):    ; preds b3 b115, idom b3, loop header, depth 1, IR loop 0
    v34:i32 = i32.add v32, v33    ; @0x337
          ; v34 in r9
          00a8  lea r9d, [rsi + 0x9870]
    v37:i32 = i32.gt_s v26, v35    ; @0x33e
          ; v37 in rbp
          00af  cmp eax, ecx
    br_if v37, b5, b6    ; @0x33f
          00b1  jg 0xbe
  b6:    ; preds b4, idom b4, depth 1
    br b7(v80)    ; @0x34c
          00b7  xor ebp, ebp
          00b9  jmp 0xc5
  b5:    ; preds b4, idom b4, depth 1
    v40:i32 = i32.add v32, v3    ; @0x345
          ; v40 in rbp
          00be  lea ebp, [rsi + rdx]
    v41:i64 = i64.load v40 offset=0    ; @0x346
          ; v41 in rbp
          00c1  mov rbp, qword ptr [r14 + rbp]
    br b7(v41)    ; @0x349
  b7(v46:i64):    ; preds b6 b5, idom b4, depth 1
    i64.store v34, v46 offset=0    ; @0x34d
          00c5  mov qword ptr [r14 + r9], rbp
    v50:i32 = i32.add v32, v49    ; @0x356
          ; v50 in r9
          00c9  lea r9d, [rsi + 0x9878]
    v52:i32 = i32.add v35, v22    ; @0x35d
          ; v52 in rbp
          00d0  lea ebp, [rcx + 1]
    v54:i32 = i32.gt_s v26, v52    ; @0x360
          ; v54 in rbp
          00d3  cmp eax, ebp
    br_if v54, b8, b9    ; @0x361
          00d5  jg 0xe2
  b9:    ; preds b7, idom b7, depth 1
    br b10(v80)    ; @0x371
          00db  xor ebp, ebp
          00dd  jmp 0xec
  b8:    ; preds b7, idom b7, depth 1
    v57:i32 = i32.add v32, v3    ; @0x367
          ; v57 in rbp
          00e2  lea ebp, [rsi + rdx]
    v59:i32 = i32.add v57, v58    ; @0x36a
          ; v59 in rbp
          00e5  add ebp, 8
    v60:i64 = i64.load v59 offset=0    ; @0x36b
          ; v60 in rbp
          00e8  mov rbp, qword ptr [r14 + rbp]
    br b10(v60)    ; @0x36e
  b10(v66:i64):    ; preds b9 b8, idom b7, depth 1
    i64.store v50, v66 offset=0    ; @0x372
          00ec  mov qword ptr [r14 + r9], rbp
    v70:i32 = i32.add v32, v69    ; @0x379
          ; v70 in rsi
          00f0  add esi, 0x10
    v72:i32 = i32.add v35, v85    ; @0x380
          ; v72 in rcx
          00f3  add ecx, 2
    v76:i32 = i32.ne v72, v30    ; @0x385
          ; v76 in r9
          00f6  cmp ecx, edi
    br_if v76, b115, b11    ; @0x386
          00f8  jne 0xa8
          00fe  jmp 0x108
  b115:    ; preds b10, idom b10, depth 1
    br b4(v70, v72)    ; @0x386
          0103  jmp 0xa8
  b11:    ; preds b10, idom b10
    br b12(v72)    ; @0x38d
  b12(v94:i32):    ; preds b114 b11, idom b2
    br_if v23, b13, b116    ; @0x394
          0108  test ebx, ebx
          010a  jne 0x11e
  b116:    ; preds b12, idom b12
    br b17    ; @0x394
          0110  mov ecx, dword ptr [rsp + 0x18]
          0114  mov r9d, dword ptr [rsp + 0x20]
          0119  jmp 0x163
  b13:    ; preds b12, idom b12
    v96:i32 = i32.shl v94, v95    ; @0x39a
          ; v96 in rsi
    v97:i32 = i32.add v96, v33    ; @0x39f
          ; v97 in rsi
          011e  lea esi, [rcx*8 + 0x9870]
    v99:i32 = i32.lt_s v94, v26    ; @0x3a4
          ; v99 in rax
          0125  cmp ecx, eax
    br_if v99, b14, b15    ; @0x3a5
          0127  jl 0x134
  b15:    ; preds b13, idom b13
    br b16(v80)    ; @0x3b5
          012d  xor eax, eax
          012f  jmp 0x13c
  b14:    ; preds b13, idom b13
    v104:i64 = i64.load v3, v94 offset=0 indexed scale=8    ; @0x3af
          ; v104 in rax
          0134  lea r11d, [rdx + rcx*8]
          0138  mov rax, qword ptr [r14 + r11]
    br b16(v104)    ; @0x3b2
  b16(v109:i64):    ; preds b15 b14, idom b13
    i64.store v97, v109 offset=0    ; @0x3b6
          013c  mov qword ptr [r14 + rsi], rax
    br b18(v18, v80, v14, v19, v19, v19)    ; @0x3b6
          0140  mov ebp, dword ptr [rsp + 0x28]
          0144  mov r9d, dword ptr [rsp + 0x20]
          0149  mov ecx, dword ptr [rsp + 0x18]
          014d  xor edi, edi
          014f  xor esi, esi
          0151  xor edx, edx
          0153  xor eax, eax
          0155  jmp 0x16f
  b113:    ; preds b0, idom b0
    br b17    ; @0x30a
          015a  mov ecx, dword ptr [rsp + 0x18]
          015e  mov r9d, dword ptr [rsp + 0x20]
  b17:    ; preds b116 b113, idom b0
    br b18(v18, v80, v14, v19, v19, v19)    ; @0x3c0
          0163  mov ebp, dword ptr [rsp + 0x28]
          0167  xor edi, edi
          0169  xor esi, esi
          016b  xor edx, edx
          016d  xor eax, eax
  b18(v113:i32, v114:i64, v117:i32, v124:i32, v135:i32, v326:i32):    ; preds b16 b17 b131, idom b0, loop header, depth 1, IR loop 1
          016f  mov dword ptr [rsp + 0x68], ebp
          0173  mov dword ptr [rsp + 0x50], edi
          0177  mov dword ptr [rsp + 0x30], r8d
    v116:i64 = i64.add v114, v115    ; @0x3cc
          ; v116 in rbx
          017c  lea rbx, [rax + 1]
          0180  mov qword ptr [rsp + 0x38], rbx
    v118:i32 = i32.add v117, v95    ; @0x3d3
          ; v118 in rax
          0185  lea eax, [r8 + 3]
          0189  mov dword ptr [rsp + 0x60], eax
    v119:i32 = i32.shl v117, v85    ; @0x424
          ; v119 in r8
    v121:i32 = i32.add v15, v119    ; @0x425
          ; v121 in r8
          018d  lea r8d, [r9 + r8*4]
    v122:i32 = i32.load v121 offset=0    ; @0x428
          ; v122 in r9
          0191  mov r9d, dword ptr [r14 + r8]
    br_table v122 [b19, b20, b21, b22, b23, b24, b25, b26 x2, b31, b32, b33, b34, b35, b36, b37, b38, b39, b117, b40, b42, b44, b63, b65, b66, b67, b70, b73, default b74]    ; @0x42d
          0195  cmp r9d, 0x1b
          0199  ja 0xb78
          019f  lea r11, [rip + 0xb2a]
          01a6  movsxd r10, dword ptr [r11 + r9*4]
          01aa  add r10, r11
          01ad  jmp r10
  b73:    ; preds b18, idom b18, depth 1
    v514:i32 = i32.add v124, v766    ; @0x978
          ; v514 in rdx
          01b0  add edx, -1
    v515:i32 = i32.shl v514, v95    ; @0x97d
          ; v515 in r8
    v516:i32 = i32.add v515, v126    ; @0x981
          ; v516 in r8
          01b3  lea r8d, [rdx*8 + 0x1870]
    v517:i64 = i64.load v516 offset=0    ; @0x982
          ; v517 in r8
          01bb  mov r8, qword ptr [r14 + r8]
    v518:i64 = i64.load v1 offset=16    ; @0x987
          ; v518 in r9
          01bf  mov r9, qword ptr [r14 + rcx + 0x10]
    v519:i64 = i64.xor v517, v518    ; @0x98a
          ; v519 in r8
          01c4  xor r8, r9
    v521:i64 = i64.mul v519, v520    ; @0x992
          ; v521 in r8
          01c7  movabs r11, 0x100000001b3
          01d1  imul r8, r11
    v523:i64 = i64.shr_u v521, v522    ; @0x997
          ; v523 in r9
          01d5  mov r9, r8
          01d8  shr r9, 0x20
    v524:i64 = i64.xor v523, v521    ; @0x99a
          ; v524 in r9
          01dc  xor r9, r8
    v526:i64 = i64.mul v524, v525    ; @0x9a6
          ; v526 in r9
          01df  movabs r11, 0x9e3779b97f4a7c15
          01e9  imul r9, r11
    v528:i64 = i64.shr_u v526, v527    ; @0x9ab
          ; v528 in r8
          01ed  mov r8, r9
          01f0  shr r8, 0x1d
    v529:i64 = i64.xor v528, v526    ; @0x9ae
          ; v529 in r8
          01f4  xor r8, r9
    i64.store v1, v529 offset=16    ; @0x9af
          01f7  mov qword ptr [r14 + rcx + 0x10], r8
    br b83(v514, v113, v118, v135, v326)    ; @0x9b2
          01fc  mov ecx, dword ptr [rsp + 0x10]
          0200  mov ebx, dword ptr [rsp]
          0203  jmp 0xaf2
  b70:    ; preds b18, idom b18, depth 1
    v496:i32 = i32.add v124, v29    ; @0x92a
          ; v496 in r8
          0208  lea r8d, [rdx - 2]
    v497:i32 = i32.shl v496, v95    ; @0x92f
          ; v497 in r9
    v498:i32 = i32.add v497, v126    ; @0x933
          ; v498 in r9
          020c  lea r9d, [r8*8 + 0x1870]
    v499:i64 = i64.load v498 offset=0    ; @0x934
          ; v499 in r9
          0214  mov r9, qword ptr [r14 + r9]
    v500:i32 = i64.lt_s v499, v80    ; @0x93b
          ; v500 in rbx
          0218  cmp r9, 0
    br_if v500, b129, b71    ; @0x93c
          021c  jl 0x25a
  b71:    ; preds b70, idom b70, depth 1
    v502:i64 = i64.load32_s v1 offset=8    ; @0x942
          ; v502 in rbx
          0222  movsxd rbx, dword ptr [r14 + rcx + 8]
    v503:i32 = i64.ge_s v499, v502    ; @0x945
          ; v503 in rbx
          0227  cmp r9, rbx
    br_if v503, b130, b72    ; @0x946
          022a  jge 0x25a
  b72:    ; preds b71, idom b71, depth 1
    v505:i32 = i32.load v1 offset=4    ; @0x94a
          ; v505 in rbx
          0230  mov ebx, dword ptr [r14 + rcx + 4]
    v506:i32 = i32.wrap_i64 v499    ; @0x94f
          ; v506 in r9
          0235  mov r9d, r9d
    v509:i32 = i32.shl v124, v95    ; @0x958
          ; v509 in rdx
    v510:i32 = i32.add v509, v472    ; @0x95c
          ; v510 in rdx
          0238  lea edx, [rdx*8 + 0x1868]
    v511:i64 = i64.load v510 offset=0    ; @0x95d
          ; v511 in rdx
          023f  mov rdx, qword ptr [r14 + rdx]
    i64.store v505, v511, v506 offset=0 indexed scale=8    ; @0x960
          0243  lea r11d, [rbx + r9*8]
          0247  mov qword ptr [r14 + r11], rdx
    br b83(v496, v113, v118, v135, v326)    ; @0x96f
          024b  mov edx, r8d
          024e  mov ebx, dword ptr [rsp]
          0251  mov ecx, dword ptr [rsp + 0x10]
          0255  jmp 0xaf2
  b130:    ; preds b71, idom b71
    br b79    ; @0x946
  b129:    ; preds b70, idom b70
    br b79    ; @0x93c
  b79:    ; preds b130 b129, idom b70
    v570:i32 = i32.load v534 offset=0    ; @0xa46
          ; v570 in rax
          025a  mov eax, dword ptr [r14 + 0xddc]
    call f19 v571, v572, v22, v570    ; @0xa49
          0261  mov dword ptr [r15], 0xbad
          0268  mov dword ptr [r15 + 8], 0x22
          0270  mov dword ptr [r15 + 0x10], 1
          0278  mov dword ptr [r15 + 0x18], eax
          027c  call qword ptr [rip + 0xa1e]
    call f16    ; @0x2ad4 in f14
          0282  call qword ptr [rip + 0xa28]
    call f6 v22    ; @0x2ace in f13
          0288  mov dword ptr [r15], 1
          028f  mov rax, qword ptr [r13 + 0x40]
          0293  mov rcx, qword ptr [rax + 0x48]
          0297  mov r13, qword ptr [rax + 0x50]
          029b  mov r14, qword ptr [r13]
          029f  mov r14, qword ptr [r14]
          02a2  test rcx, rcx
          02a5  je 0xbfd
          02ab  call rcx
          02ad  mov r13, qword ptr [rsp + 0x70]
          02b2  mov r14, qword ptr [r13]
          02b6  mov r14, qword ptr [r14]
    unreachable    ; @0x2ad0 in f13
          02b9  jmp 0xc07
  b67:    ; preds b18, idom b18, depth 1
    v480:i32 = i32.shl v124, v95    ; @0x8f4
          ; v480 in r8
    v481:i32 = i32.add v480, v472    ; @0x8f8
          ; v481 in r8
          02be  lea r8d, [rdx*8 + 0x1868]
    v482:i64 = i64.load v481 offset=0    ; @0x8fb
          ; v482 in r9
          02c6  mov r9, qword ptr [r14 + r8]
    v483:i32 = i64.lt_s v482, v80    ; @0x902
          ; v483 in rbx
          02ca  cmp r9, 0
    br_if v483, b127, b68    ; @0x903
          02ce  jl 0x302
  b68:    ; preds b67, idom b67, depth 1
    v486:i64 = i64.load32_s v1 offset=8    ; @0x909
          ; v486 in rbx
          02d4  movsxd rbx, dword ptr [r14 + rcx + 8]
    v487:i32 = i64.ge_s v482, v486    ; @0x90c
          ; v487 in rbx
          02d9  cmp r9, rbx
    br_if v487, b128, b69    ; @0x90d
          02dc  jge 0x302
  b69:    ; preds b68, idom b68, depth 1
    v489:i32 = i32.load v1 offset=4    ; @0x913
          ; v489 in rbx
          02e2  mov ebx, dword ptr [r14 + rcx + 4]
    v490:i32 = i32.wrap_i64 v482    ; @0x918
          ; v490 in r9
          02e7  mov r9d, r9d
    v493:i64 = i64.load v489, v490 offset=0 indexed scale=8    ; @0x91d
          ; v493 in r9
          02ea  lea r11d, [rbx + r9*8]
          02ee  mov r9, qword ptr [r14 + r11]
    i64.store v481, v493 offset=0    ; @0x920
          02f2  mov qword ptr [r14 + r8], r9
    br b83(v124, v113, v118, v135, v326)    ; @0x923
          02f6  mov ecx, dword ptr [rsp + 0x10]
          02fa  mov ebx, dword ptr [rsp]
          02fd  jmp 0xaf2
  b128:    ; preds b68, idom b68
    br b78    ; @0x90d
  b127:    ; preds b67, idom b67
    br b78    ; @0x903
  b78:    ; preds b128 b127, idom b67
    v564:i32 = i32.load v534 offset=0    ; @0xa31
          ; v564 in rax
          0302  mov eax, dword ptr [r14 + 0xddc]
    call f19 v565, v566, v22, v564    ; @0xa34
          0309  mov dword ptr [r15], 0xbd0
          0310  mov dword ptr [r15 + 8], 0x21
          0318  mov dword ptr [r15 + 0x10], 1
          0320  mov dword ptr [r15 + 0x18], eax
          0324  call qword ptr [rip + 0x976]
    call f16    ; @0x2ad4 in f14
          032a  call qword ptr [rip + 0x980]
    call f6 v22    ; @0x2ace in f13
          0330  mov dword ptr [r15], 1
          0337  mov rax, qword ptr [r13 + 0x40]
          033b  mov rcx, qword ptr [rax + 0x48]
          033f  mov r13, qword ptr [rax + 0x50]
          0343  mov r14, qword ptr [r13]
          0347  mov r14, qword ptr [r14]
          034a  test rcx, rcx
          034d  je 0xc11
          0353  call rcx
          0355  mov r13, qword ptr [rsp + 0x70]
          035a  mov r14, qword ptr [r13]
          035e  mov r14, qword ptr [r14]
    unreachable    ; @0x2ad0 in f13
          0361  jmp 0xc1b
  b66:    ; preds b18, idom b18, depth 1
    v478:i32 = i32.add v124, v766    ; @0x8ea
          ; v478 in rdx
          0366  add edx, -1
    br b83(v478, v113, v118, v135, v326)    ; @0x8ed
          0369  mov ecx, dword ptr [rsp + 0x10]
          036d  mov ebx, dword ptr [rsp]
          0370  jmp 0xaf2
  b65:    ; preds b18, idom b18, depth 1
    v470:i32 = i32.shl v124, v95    ; @0x8c9
          ; v470 in r8
          0375  mov r8d, edx
          0378  shl r8d, 3
    v471:i32 = i32.add v470, v126    ; @0x8cf
          ; v471 in r9
          037c  lea r9d, [r8 + 0x1870]
    v473:i32 = i32.add v470, v472    ; @0x8d5
          ; v473 in r8
          0383  add r8d, 0x1868
    v474:i64 = i64.load v473 offset=0    ; @0x8d6
          ; v474 in r8
          038a  mov r8, qword ptr [r14 + r8]
    i64.store v471, v474 offset=0    ; @0x8d9
          038e  mov qword ptr [r14 + r9], r8
    v476:i32 = i32.add v124, v22    ; @0x8e0
          ; v476 in rdx
          0392  add edx, 1
    br b83(v476, v113, v118, v135, v326)    ; @0x8e3
          0395  mov ecx, dword ptr [rsp + 0x10]
          0399  mov ebx, dword ptr [rsp]
          039c  jmp 0xaf2
  b63:    ; preds b18, idom b18, depth 1
    br_if v326, b64, b75    ; @0x89a
          03a1  test edi, edi
          03a3  je 0x3dd
  b64:    ; preds b63, idom b63, depth 1
    v463:i32 = i32.add v326, v766    ; @0x8a0
          ; v463 in rdi
          03a9  add edi, -1
    v464:i32 = i32.shl v463, v95    ; @0x8a5
          ; v464 in rax
          03ac  mov eax, edi
          03ae  shl eax, 3
    v465:i32 = i32.add v464, v346    ; @0x8ac
          ; v465 in r8
          03b1  lea r8d, [rax + 0x29870]
    v466:i32 = i32.load v465 offset=0    ; @0x8ad
          ; v466 in r8
          03b8  mov r8d, dword ptr [r14 + r8]
    v467:i32 = i32.add v464, v343    ; @0x8bc
          ; v467 in rax
          03bc  add eax, 0x29874
    v468:i32 = i32.load v467 offset=0    ; @0x8bd
          ; v468 in rbp
          03c2  mov ebp, dword ptr [r14 + rax]
    br b83(v124, v135, v466, v468, v463)    ; @0x8c2
          03c6  mov eax, r8d
          03c9  mov ebx, dword ptr [rsp]
          03cc  mov ecx, dword ptr [rsp + 0x10]
          03d0  mov r11d, ebp
          03d3  mov ebp, esi
          03d5  mov esi, r11d
          03d8  jmp 0xaf2
  b75:    ; preds b63, idom b63
    v540:i64 = i64.load v1 offset=24    ; @0x9d3
          ; v540 in rax
          03dd  mov rax, qword ptr [r14 + rcx + 0x18]
    v541:i64 = i64.add v540, v116    ; @0x9d8
          ; v541 in rax
          03e2  add rax, qword ptr [rsp + 0x38]
    i64.store v1, v541 offset=24    ; @0x9d9
          03e7  mov qword ptr [r14 + rcx + 0x18], rax
    v543:i32 = i32.shl v124, v95    ; @0x9e0
          ; v543 in rdx
    v544:i32 = i32.add v543, v472    ; @0x9e4
          ; v544 in rdx
          03ec  lea edx, [rdx*8 + 0x1868]
    v545:i64 = i64.load v544 offset=0    ; @0x9e5
          ; v545 in rax
          03f3  mov rax, qword ptr [r14 + rdx]
    global.set g0 v5    ; @0x9ef
          03f7  mov r10d, dword ptr [rsp + 0x10]
          03fc  mov r11, qword ptr [r13 + 0x168]
          0403  mov dword ptr [r11], r10d
    return v545    ; @0x9f3
          0406  mov qword ptr [r15], rax
          0409  add rsp, 0x70
          040d  pop r13
          040f  pop rbp
          0410  pop rbx
          0411  ret
  b44:    ; preds b18, idom b18, depth 1
          0412  mov ebx, dword ptr [rsp + 8]
    v328:i32 = i32.eq v326, v327    ; @0x750
          ; v328 in r9
          0416  cmp edi, 0x400
    br_if v328, b121, b45    ; @0x751
          041c  je 0x56f
  b45:    ; preds b44, idom b44, depth 1
    v330:i32 = i32.load v121 offset=4    ; @0x757
          ; v330 in r8
          0422  mov r8d, dword ptr [r14 + r8 + 4]
    v331:i32 = i32.mul v330, v10    ; @0x75e
          ; v331 in r8
          0427  imul r8d, r8d, 0x24
    v333:i32 = i32.add v9, v331    ; @0x75f
          ; v333 in r8
          042b  add r8d, ebx
          042e  mov dword ptr [rsp + 0x48], r8d
    v334:i32 = i32.add v333, v16    ; @0x764
          ; v334 in r9
          0433  lea r9d, [r8 + 0x2c]
    v335:i32 = i32.load v334 offset=0    ; @0x765
          ; v335 in r9
          0437  mov r9d, dword ptr [r14 + r9]
    v336:i32 = i32.add v335, v113    ; @0x76c
          ; v336 in rcx
          043b  lea ecx, [r9 + rbp]
          043f  mov dword ptr [rsp + 0x40], ecx
    v338:i32 = i32.ge_s v336, v337    ; @0x773
          ; v338 in rbx
          0443  cmp ecx, 0x4001
    br_if v338, b122, b46    ; @0x774
          0449  jge 0x56f
  b46:    ; preds b45, idom b45, depth 1
    v340:i32 = i32.add v333, v24    ; @0x77a
          ; v340 in rbx
          044f  lea ebx, [r8 + 0x28]
    v341:i32 = i32.load v340 offset=0    ; @0x77b
          ; v341 in rbx
          0453  mov ebx, dword ptr [r14 + rbx]
    v342:i32 = i32.shl v326, v95    ; @0x784
          ; v342 in rcx
          0457  mov ecx, edi
          0459  shl ecx, 3
    v344:i32 = i32.add v342, v343    ; @0x78b
          ; v344 in r8
          045c  lea r8d, [rcx + 0x29874]
    i32.store v344, v135 offset=0    ; @0x78e
          0463  mov dword ptr [r14 + r8], esi
    v347:i32 = i32.add v342, v346    ; @0x797
          ; v347 in rcx
          0467  add ecx, 0x29870
    i32.store v347, v118 offset=0    ; @0x79a
          046d  mov dword ptr [r14 + rcx], eax
    v349:i32 = i32.sub v124, v341    ; @0x7a1
          ; v349 in rdx
          0471  sub edx, ebx
          0473  mov dword ptr [rsp + 0x58], edx
    v350:i32 = i32.le_s v335, v19    ; @0x7aa
          ; v350 in rax
          0477  cmp r9d, 0
    br_if v350, b123, b47    ; @0x7ab
          047b  jle 0x549
  b47:    ; preds b46, idom b46, depth 1
    v352:i32 = i32.and v335, v22    ; @0x7b1
          ; v352 in rax
          0481  mov eax, r9d
          0484  and eax, 1
    v353:i32 = i32.ne v335, v22    ; @0x7bc
          ; v353 in rcx
          0487  cmp r9d, 1
    br_if v353, b48, b124    ; @0x7bd
          048b  jne 0x498
  b124:    ; preds b47, idom b47, depth 1
    br b57(v19)    ; @0x7bd
          0491  xor ecx, ecx
          0493  jmp 0x506
  b48:    ; preds b47, idom b47, depth 1
    v355:i32 = i32.and v335, v29    ; @0x7c3
          ; v355 in r9
          0498  and r9d, 0xfffffffe
    v356:i32 = i32.shl v113, v95    ; @0x7ca
          ; v356 in rcx
    v357:i32 = i32.add v356, v33    ; @0x7cf
          ; v357 in rcx
          049c  lea ecx, [rbp*8 + 0x9870]
    v358:i32 = i32.shl v349, v95    ; @0x7d6
          ; v358 in rsi
    v359:i32 = i32.add v358, v126    ; @0x7da
          ; v359 in rsi
          04a3  lea esi, [rdx*8 + 0x1870]
    br b49(v19, v357, v359)    ; @0x7df
          04aa  mov r8d, esi
          04ad  mov esi, ecx
          04af  xor ecx, ecx
  b49(v361:i32, v364:i32, v366:i32):    ; preds b48 b125, idom b48, loop header, depth 2, IR loop 2
    v363:i32 = i32.gt_s v341, v361    ; @0x7f3
          ; v363 in rdi
          04b1  cmp ebx, ecx
    br_if v363, b50, b51    ; @0x7f4
          04b3  jg 0x4c0
  b51:    ; preds b49, idom b49, depth 2
    br b52(v80)    ; @0x7fe
          04b9  xor edi, edi
          04bb  jmp 0x4c4
  b50:    ; preds b49, idom b49, depth 2
    v367:i64 = i64.load v366 offset=0    ; @0x7f8
          ; v367 in rdi
          04c0  mov rdi, qword ptr [r14 + r8]
    br b52(v367)    ; @0x7fb
  b52(v371:i64):    ; preds b51 b50, idom b49, depth 2
    i64.store v364, v371 offset=0    ; @0x7ff
          04c4  mov qword ptr [r14 + rsi], rdi
    v374:i32 = i32.add v364, v58    ; @0x806
          ; v374 in rdi
          04c8  lea edi, [rsi + 8]
    v376:i32 = i32.add v361, v22    ; @0x80d
          ; v376 in rdx
          04cb  lea edx, [rcx + 1]
    v378:i32 = i32.gt_s v341, v376    ; @0x810
          ; v378 in rdx
          04ce  cmp ebx, edx
    br_if v378, b53, b54    ; @0x811
          04d0  jg 0x4dd
  b54:    ; preds b52, idom b52, depth 2
    br b55(v80)    ; @0x81e
          04d6  xor edx, edx
          04d8  jmp 0x4e5
  b53:    ; preds b52, idom b52, depth 2
    v381:i32 = i32.add v366, v58    ; @0x817
          ; v381 in rdx
          04dd  lea edx, [r8 + 8]
    v382:i64 = i64.load v381 offset=0    ; @0x818
          ; v382 in rdx
          04e1  mov rdx, qword ptr [r14 + rdx]
    br b55(v382)    ; @0x81b
  b55(v387:i64):    ; preds b54 b53, idom b52, depth 2
    i64.store v374, v387 offset=0    ; @0x81f
          04e5  mov qword ptr [r14 + rdi], rdx
    v390:i32 = i32.add v364, v69    ; @0x826
          ; v390 in rsi
          04e9  add esi, 0x10
    v392:i32 = i32.add v366, v69    ; @0x82d
          ; v392 in r8
          04ec  add r8d, 0x10
    v394:i32 = i32.add v361, v85    ; @0x834
          ; v394 in rcx
          04f0  add ecx, 2
    v398:i32 = i32.ne v394, v355    ; @0x839
          ; v398 in rdx
          04f3  cmp ecx, r9d
    br_if v398, b125, b56    ; @0x83a
          04f6  jne 0x4b1
          04fc  jmp 0x506
  b125:    ; preds b55, idom b55, depth 2
    br b49(v394, v390, v392)    ; @0x83a
          0501  jmp 0x4b1
  b56:    ; preds b55, idom b55, depth 1
    br b57(v394)    ; @0x841
  b57(v410:i32):    ; preds b124 b56, idom b47, depth 1
    br_if v352, b58, b126    ; @0x848
          0506  test eax, eax
          0508  jne 0x517
  b126:    ; preds b57, idom b57, depth 1
    br b62    ; @0x848
          050e  mov edx, dword ptr [rsp + 0x58]
          0512  jmp 0x549
  b58:    ; preds b57, idom b57, depth 1
    v415:i32 = i32.add v410, v113    ; @0x852
          ; v415 in rax
          0517  lea eax, [rcx + rbp]
    v416:i32 = i32.shl v415, v95    ; @0x855
          ; v416 in rax
    v417:i32 = i32.add v416, v33    ; @0x85a
          ; v417 in rax
          051a  lea eax, [rax*8 + 0x9870]
    v419:i32 = i32.lt_s v410, v341    ; @0x85f
          ; v419 in rdx
          0521  cmp ecx, ebx
    br_if v419, b59, b60    ; @0x860
          0523  jl 0x534
  b60:    ; preds b58, idom b58, depth 1
    br b61(v80)    ; @0x874
          0529  xor ecx, ecx
          052b  mov edx, dword ptr [rsp + 0x58]
          052f  jmp 0x545
  b59:    ; preds b58, idom b58, depth 1
          0534  mov edx, dword ptr [rsp + 0x58]
    v425:i32 = i32.add v349, v410    ; @0x866
          ; v425 in rcx
          0538  add ecx, edx
    v426:i32 = i32.shl v425, v95    ; @0x869
          ; v426 in rcx
    v427:i32 = i32.add v426, v126    ; @0x86d
          ; v427 in rcx
          053a  lea ecx, [rcx*8 + 0x1870]
    v428:i64 = i64.load v427 offset=0    ; @0x86e
          ; v428 in rcx
          0541  mov rcx, qword ptr [r14 + rcx]
    br b61(v428)    ; @0x871
  b61(v432:i64):    ; preds b60 b59, idom b58, depth 1
    i64.store v417, v432 offset=0    ; @0x875
          0545  mov qword ptr [r14 + rax], rcx
    br b62    ; @0x875
  b123:    ; preds b46, idom b46, depth 1
    br b62    ; @0x7ab
  b62:    ; preds b126 b61 b123, idom b46, depth 1
          0549  mov edi, dword ptr [rsp + 0x50]
    v441:i32 = i32.add v326, v22    ; @0x87d
          ; v441 in rdi
          054d  add edi, 1
          0550  mov r8d, dword ptr [rsp + 0x48]
    v456:i32 = i32.add v333, v10    ; @0x88a
          ; v456 in r8
          0555  add r8d, 0x24
    v457:i32 = i32.load v456 offset=0    ; @0x88b
          ; v457 in rax
          0559  mov eax, dword ptr [r14 + r8]
    br b83(v349, v336, v457, v113, v441)    ; @0x894
          055d  mov esi, ebp
          055f  mov ebx, dword ptr [rsp]
          0562  mov ecx, dword ptr [rsp + 0x10]
          0566  mov ebp, dword ptr [rsp + 0x40]
          056a  jmp 0xaf2
  b122:    ; preds b45, idom b45
    br b77    ; @0x774
  b121:    ; preds b44, idom b44
    br b77    ; @0x751
  b77:    ; preds b122 b121, idom b44
    v558:i32 = i32.load v534 offset=0    ; @0xa1c
          ; v558 in rax
          056f  mov eax, dword ptr [r14 + 0xddc]
    call f19 v559, v560, v22, v558    ; @0xa1f
          0576  mov dword ptr [r15], 0xb6c
          057d  mov dword ptr [r15 + 8], 0x1e
          0585  mov dword ptr [r15 + 0x10], 1
          058d  mov dword ptr [r15 + 0x18], eax
          0591  call qword ptr [rip + 0x709]
    call f16    ; @0x2ad4 in f14
          0597  call qword ptr [rip + 0x713]
    call f6 v22    ; @0x2ace in f13
          059d  mov dword ptr [r15], 1
          05a4  mov rax, qword ptr [r13 + 0x40]
          05a8  mov rcx, qword ptr [rax + 0x48]
          05ac  mov r13, qword ptr [rax + 0x50]
          05b0  mov r14, qword ptr [r13]
          05b4  mov r14, qword ptr [r14]
          05b7  test rcx, rcx
          05ba  je 0xc25
          05c0  call rcx
          05c2  mov r13, qword ptr [rsp + 0x70]
          05c7  mov r14, qword ptr [r13]
          05cb  mov r14, qword ptr [r14]
    unreachable    ; @0x2ad0 in f13
          05ce  jmp 0xc2f
  b42:    ; preds b18, idom b18, depth 1
          05d3  mov ecx, eax
    v318:i32 = i32.add v124, v766    ; @0x737
          ; v318 in rdx
          05d5  add edx, -1
    v319:i32 = i32.shl v318, v95    ; @0x73c
          ; v319 in rax
    v320:i32 = i32.add v319, v126    ; @0x740
          ; v320 in rax
          05d8  lea eax, [rdx*8 + 0x1870]
    v321:i64 = i64.load v320 offset=0    ; @0x741
          ; v321 in rax
          05df  mov rax, qword ptr [r14 + rax]
    v322:i32 = i64.eqz v321    ; @0x744
          ; v322 in rax
          05e3  test rax, rax
    br_if v322, b43, b120    ; @0x746
          05e6  je 0x5f6
          05ec  jmp 0x635
  b120:    ; preds b42, idom b42, depth 1
    br b81(v318)    ; @0x746
          05f1  jmp 0x635
  b43:    ; preds b42, idom b42, depth 1
    br b83(v318, v113, v118, v135, v326)    ; @0x748
          05f6  mov eax, ecx
          05f8  mov ebx, dword ptr [rsp]
          05fb  mov ecx, dword ptr [rsp + 0x10]
          05ff  jmp 0xaf2
  b40:    ; preds b18, idom b18, depth 1
          0604  mov ecx, eax
    v311:i32 = i32.add v124, v766    ; @0x71e
          ; v311 in rdx
          0606  add edx, -1
    v312:i32 = i32.shl v311, v95    ; @0x723
          ; v312 in rax
    v313:i32 = i32.add v312, v126    ; @0x727
          ; v313 in rax
          0609  lea eax, [rdx*8 + 0x1870]
    v314:i64 = i64.load v313 offset=0    ; @0x728
          ; v314 in rax
          0610  mov rax, qword ptr [r14 + rax]
    v315:i32 = i64.ne v314, v80    ; @0x72d
          ; v315 in rax
          0614  test rax, rax
    br_if v315, b80(v311), b41    ; @0x72e
          0617  jne 0x627
          061d  jmp 0x635
  b41:    ; preds b40, idom b40, depth 1
    br b81(v311)    ; @0x730
          0622  jmp 0x635
  b80(v590:i32):    ; preds b40, idom b40, depth 1
    br b83(v590, v113, v118, v135, v326)    ; @0xa59
          0627  mov eax, ecx
          0629  mov ebx, dword ptr [rsp]
          062c  mov ecx, dword ptr [rsp + 0x10]
          0630  jmp 0xaf2
  b117:    ; preds b18, idom b18, depth 1
    br b81(v124)    ; @0x42d
  b81(v591:i32):    ; preds b120 b41 b117, idom b18, depth 1
    v580:i32 = i32.load v121 offset=4    ; @0xa5e
          ; v580 in rax
          0635  mov eax, dword ptr [r14 + r8 + 4]
    br b83(v591, v113, v580, v135, v326)    ; @0xa67
          063a  mov ecx, dword ptr [rsp + 0x10]
          063e  mov ebx, dword ptr [rsp]
          0641  jmp 0xaf2
  b39:    ; preds b18, idom b18, depth 1
          0646  mov ecx, eax
    v300:i32 = i32.shl v124, v95    ; @0x6f5
          ; v300 in rax
    v301:i32 = i32.add v300, v163    ; @0x6f9
          ; v301 in rax
          0648  lea eax, [rdx*8 + 0x1860]
    v302:i64 = i64.load v301 offset=0    ; @0x6fe
          ; v302 in r8
          064f  mov r8, qword ptr [r14 + rax]
    v303:i32 = i32.add v124, v766    ; @0x705
          ; v303 in rdx
          0653  add edx, -1
    v304:i32 = i32.shl v303, v95    ; @0x70a
          ; v304 in r9
    v305:i32 = i32.add v304, v126    ; @0x70e
          ; v305 in r9
          0656  lea r9d, [rdx*8 + 0x1870]
    v306:i64 = i64.load v305 offset=0    ; @0x70f
          ; v306 in r9
          065e  mov r9, qword ptr [r14 + r9]
    v307:i32 = i64.ne v302, v306    ; @0x712
          ; v307 in r8
          0662  cmp r8, r9
          0665  setne r8b
          0669  movzx r8d, r8b
    v308:i64 = i64.extend_i32_u v307    ; @0x713
          ; v308 in r8
          066d  mov r8d, r8d
    i64.store v301, v308 offset=0    ; @0x714
          0670  mov qword ptr [r14 + rax], r8
    br b83(v303, v113, v118, v135, v326)    ; @0x717
          0674  mov eax, ecx
          0676  mov ebx, dword ptr [rsp]
          0679  mov ecx, dword ptr [rsp + 0x10]
          067d  jmp 0xaf2
  b38:    ; preds b18, idom b18, depth 1
          0682  mov ecx, eax
    v289:i32 = i32.shl v124, v95    ; @0x6cc
          ; v289 in rax
    v290:i32 = i32.add v289, v163    ; @0x6d0
          ; v290 in rax
          0684  lea eax, [rdx*8 + 0x1860]
    v291:i64 = i64.load v290 offset=0    ; @0x6d5
          ; v291 in r8
          068b  mov r8, qword ptr [r14 + rax]
    v292:i32 = i32.add v124, v766    ; @0x6dc
          ; v292 in rdx
          068f  add edx, -1
    v293:i32 = i32.shl v292, v95    ; @0x6e1
          ; v293 in r9
    v294:i32 = i32.add v293, v126    ; @0x6e5
          ; v294 in r9
          0692  lea r9d, [rdx*8 + 0x1870]
    v295:i64 = i64.load v294 offset=0    ; @0x6e6
          ; v295 in r9
          069a  mov r9, qword ptr [r14 + r9]
    v296:i32 = i64.eq v291, v295    ; @0x6e9
          ; v296 in r8
          069e  cmp r8, r9
          06a1  sete r8b
          06a5  movzx r8d, r8b
    v297:i64 = i64.extend_i32_u v296    ; @0x6ea
          ; v297 in r8
          06a9  mov r8d, r8d
    i64.store v290, v297 offset=0    ; @0x6eb
          06ac  mov qword ptr [r14 + rax], r8
    br b83(v292, v113, v118, v135, v326)    ; @0x6ee
          06b0  mov eax, ecx
          06b2  mov ebx, dword ptr [rsp]
          06b5  mov ecx, dword ptr [rsp + 0x10]
          06b9  jmp 0xaf2
  b37:    ; preds b18, idom b18, depth 1
          06be  mov ecx, eax
    v278:i32 = i32.shl v124, v95    ; @0x6a3
          ; v278 in rax
    v279:i32 = i32.add v278, v163    ; @0x6a7
          ; v279 in rax
          06c0  lea eax, [rdx*8 + 0x1860]
    v280:i64 = i64.load v279 offset=0    ; @0x6ac
          ; v280 in r8
          06c7  mov r8, qword ptr [r14 + rax]
    v281:i32 = i32.add v124, v766    ; @0x6b3
          ; v281 in rdx
          06cb  add edx, -1
    v282:i32 = i32.shl v281, v95    ; @0x6b8
          ; v282 in r9
    v283:i32 = i32.add v282, v126    ; @0x6bc
          ; v283 in r9
          06ce  lea r9d, [rdx*8 + 0x1870]
    v284:i64 = i64.load v283 offset=0    ; @0x6bd
          ; v284 in r9
          06d6  mov r9, qword ptr [r14 + r9]
    v285:i32 = i64.gt_s v280, v284    ; @0x6c0
          ; v285 in r8
          06da  cmp r8, r9
          06dd  setg r8b
          06e1  movzx r8d, r8b
    v286:i64 = i64.extend_i32_u v285    ; @0x6c1
          ; v286 in r8
          06e5  mov r8d, r8d
    i64.store v279, v286 offset=0    ; @0x6c2
          06e8  mov qword ptr [r14 + rax], r8
    br b83(v281, v113, v118, v135, v326)    ; @0x6c5
          06ec  mov eax, ecx
          06ee  mov ebx, dword ptr [rsp]
          06f1  mov ecx, dword ptr [rsp + 0x10]
          06f5  jmp 0xaf2
  b36:    ; preds b18, idom b18, depth 1
          06fa  mov ecx, eax
    v267:i32 = i32.shl v124, v95    ; @0x67a
          ; v267 in rax
    v268:i32 = i32.add v267, v163    ; @0x67e
          ; v268 in rax
          06fc  lea eax, [rdx*8 + 0x1860]
    v269:i64 = i64.load v268 offset=0    ; @0x683
          ; v269 in r8
          0703  mov r8, qword ptr [r14 + rax]
    v270:i32 = i32.add v124, v766    ; @0x68a
          ; v270 in rdx
          0707  add edx, -1
    v271:i32 = i32.shl v270, v95    ; @0x68f
          ; v271 in r9
    v272:i32 = i32.add v271, v126    ; @0x693
          ; v272 in r9
          070a  lea r9d, [rdx*8 + 0x1870]
    v273:i64 = i64.load v272 offset=0    ; @0x694
          ; v273 in r9
          0712  mov r9, qword ptr [r14 + r9]
    v274:i32 = i64.lt_s v269, v273    ; @0x697
          ; v274 in r8
          0716  cmp r8, r9
          0719  setl r8b
          071d  movzx r8d, r8b
    v275:i64 = i64.extend_i32_u v274    ; @0x698
          ; v275 in r8
          0721  mov r8d, r8d
    i64.store v268, v275 offset=0    ; @0x699
          0724  mov qword ptr [r14 + rax], r8
    br b83(v270, v113, v118, v135, v326)    ; @0x69c
          0728  mov eax, ecx
          072a  mov ebx, dword ptr [rsp]
          072d  mov ecx, dword ptr [rsp + 0x10]
          0731  jmp 0xaf2
  b35:    ; preds b18, idom b18, depth 1
          0736  mov ecx, eax
    v257:i32 = i32.shl v124, v95    ; @0x652
          ; v257 in rax
    v258:i32 = i32.add v257, v163    ; @0x656
          ; v258 in rax
          0738  lea eax, [rdx*8 + 0x1860]
    v259:i64 = i64.load v258 offset=0    ; @0x65b
          ; v259 in r8
          073f  mov r8, qword ptr [r14 + rax]
    v260:i32 = i32.add v124, v766    ; @0x662
          ; v260 in rdx
          0743  add edx, -1
    v261:i32 = i32.shl v260, v95    ; @0x667
          ; v261 in r9
    v262:i32 = i32.add v261, v126    ; @0x66b
          ; v262 in r9
          0746  lea r9d, [rdx*8 + 0x1870]
    v263:i64 = i64.load v262 offset=0    ; @0x66c
          ; v263 in r9
          074e  mov r9, qword ptr [r14 + r9]
    v264:i64 = i64.shr_u v259, v263    ; @0x66f
          ; v264 in r8
          0752  shrx r8, r8, r9
    i64.store v258, v264 offset=0    ; @0x670
          0757  mov qword ptr [r14 + rax], r8
    br b83(v260, v113, v118, v135, v326)    ; @0x673
          075b  mov eax, ecx
          075d  mov ebx, dword ptr [rsp]
          0760  mov ecx, dword ptr [rsp + 0x10]
          0764  jmp 0xaf2
  b34:    ; preds b18, idom b18, depth 1
          0769  mov ecx, eax
    v247:i32 = i32.shl v124, v95    ; @0x62a
          ; v247 in rax
    v248:i32 = i32.add v247, v163    ; @0x62e
          ; v248 in rax
          076b  lea eax, [rdx*8 + 0x1860]
    v249:i64 = i64.load v248 offset=0    ; @0x633
          ; v249 in r8
          0772  mov r8, qword ptr [r14 + rax]
    v250:i32 = i32.add v124, v766    ; @0x63a
          ; v250 in rdx
          0776  add edx, -1
    v251:i32 = i32.shl v250, v95    ; @0x63f
          ; v251 in r9
    v252:i32 = i32.add v251, v126    ; @0x643
          ; v252 in r9
          0779  lea r9d, [rdx*8 + 0x1870]
    v253:i64 = i64.load v252 offset=0    ; @0x644
          ; v253 in r9
          0781  mov r9, qword ptr [r14 + r9]
    v254:i64 = i64.shl v249, v253    ; @0x647
          ; v254 in r8
          0785  shlx r8, r8, r9
    i64.store v248, v254 offset=0    ; @0x648
          078a  mov qword ptr [r14 + rax], r8
    br b83(v250, v113, v118, v135, v326)    ; @0x64b
          078e  mov eax, ecx
          0790  mov ebx, dword ptr [rsp]
          0793  mov ecx, dword ptr [rsp + 0x10]
          0797  jmp 0xaf2
  b33:    ; preds b18, idom b18, depth 1
          079c  mov ecx, eax
    v237:i32 = i32.shl v124, v95    ; @0x602
          ; v237 in rax
    v238:i32 = i32.add v237, v163    ; @0x606
          ; v238 in rax
          079e  lea eax, [rdx*8 + 0x1860]
    v239:i64 = i64.load v238 offset=0    ; @0x60b
          ; v239 in r8
          07a5  mov r8, qword ptr [r14 + rax]
    v240:i32 = i32.add v124, v766    ; @0x612
          ; v240 in rdx
          07a9  add edx, -1
    v241:i32 = i32.shl v240, v95    ; @0x617
          ; v241 in r9
    v242:i32 = i32.add v241, v126    ; @0x61b
          ; v242 in r9
          07ac  lea r9d, [rdx*8 + 0x1870]
    v243:i64 = i64.load v242 offset=0    ; @0x61c
          ; v243 in r9
          07b4  mov r9, qword ptr [r14 + r9]
    v244:i64 = i64.xor v239, v243    ; @0x61f
          ; v244 in r8
          07b8  xor r8, r9
    i64.store v238, v244 offset=0    ; @0x620
          07bb  mov qword ptr [r14 + rax], r8
    br b83(v240, v113, v118, v135, v326)    ; @0x623
          07bf  mov eax, ecx
          07c1  mov ebx, dword ptr [rsp]
          07c4  mov ecx, dword ptr [rsp + 0x10]
          07c8  jmp 0xaf2
  b32:    ; preds b18, idom b18, depth 1
          07cd  mov ecx, eax
    v227:i32 = i32.shl v124, v95    ; @0x5da
          ; v227 in rax
    v228:i32 = i32.add v227, v163    ; @0x5de
          ; v228 in rax
          07cf  lea eax, [rdx*8 + 0x1860]
    v229:i64 = i64.load v228 offset=0    ; @0x5e3
          ; v229 in r8
          07d6  mov r8, qword ptr [r14 + rax]
    v230:i32 = i32.add v124, v766    ; @0x5ea
          ; v230 in rdx
          07da  add edx, -1
    v231:i32 = i32.shl v230, v95    ; @0x5ef
          ; v231 in r9
    v232:i32 = i32.add v231, v126    ; @0x5f3
          ; v232 in r9
          07dd  lea r9d, [rdx*8 + 0x1870]
    v233:i64 = i64.load v232 offset=0    ; @0x5f4
          ; v233 in r9
          07e5  mov r9, qword ptr [r14 + r9]
    v234:i64 = i64.or v229, v233    ; @0x5f7
          ; v234 in r8
          07e9  or r8, r9
    i64.store v228, v234 offset=0    ; @0x5f8
          07ec  mov qword ptr [r14 + rax], r8
    br b83(v230, v113, v118, v135, v326)    ; @0x5fb
          07f0  mov eax, ecx
          07f2  mov ebx, dword ptr [rsp]
          07f5  mov ecx, dword ptr [rsp + 0x10]
          07f9  jmp 0xaf2
  b31:    ; preds b18, idom b18, depth 1
          07fe  mov ecx, eax
    v217:i32 = i32.shl v124, v95    ; @0x5b2
          ; v217 in rax
    v218:i32 = i32.add v217, v163    ; @0x5b6
          ; v218 in rax
          0800  lea eax, [rdx*8 + 0x1860]
    v219:i64 = i64.load v218 offset=0    ; @0x5bb
          ; v219 in r8
          0807  mov r8, qword ptr [r14 + rax]
    v220:i32 = i32.add v124, v766    ; @0x5c2
          ; v220 in rdx
          080b  add edx, -1
    v221:i32 = i32.shl v220, v95    ; @0x5c7
          ; v221 in r9
    v222:i32 = i32.add v221, v126    ; @0x5cb
          ; v222 in r9
          080e  lea r9d, [rdx*8 + 0x1870]
    v223:i64 = i64.load v222 offset=0    ; @0x5cc
          ; v223 in r9
          0816  mov r9, qword ptr [r14 + r9]
    v224:i64 = i64.and v219, v223    ; @0x5cf
          ; v224 in r8
          081a  and r8, r9
    i64.store v218, v224 offset=0    ; @0x5d0
          081d  mov qword ptr [r14 + rax], r8
    br b83(v220, v113, v118, v135, v326)    ; @0x5d3
          0821  mov eax, ecx
          0823  mov ebx, dword ptr [rsp]
          0826  mov ecx, dword ptr [rsp + 0x10]
          082a  jmp 0xaf2
  b26:    ; preds b18, idom b18, depth 1
          082f  mov ecx, eax
    v193:i32 = i32.add v124, v766    ; @0x557
          ; v193 in r8
          0831  lea r8d, [rdx - 1]
    v194:i32 = i32.shl v193, v95    ; @0x55c
          ; v194 in rax
    v195:i32 = i32.add v194, v126    ; @0x560
          ; v195 in rax
          0835  lea eax, [r8*8 + 0x1870]
    v196:i64 = i64.load v195 offset=0    ; @0x561
          ; v196 in rax
          083d  mov rax, qword ptr [r14 + rax]
    v197:i32 = i64.eqz v196    ; @0x566
          ; v197 in rbx
          0841  test rax, rax
    br_if v197, b118, b27    ; @0x567
          0844  je 0x90b
  b27:    ; preds b26, idom b26, depth 1
    v199:i32 = i32.shl v124, v95    ; @0x56d
          ; v199 in rdx
    v200:i32 = i32.add v199, v163    ; @0x571
          ; v200 in rbx
          084a  lea ebx, [rdx*8 + 0x1860]
    v201:i64 = i64.load v200 offset=0    ; @0x574
          ; v201 in rdx
          0851  mov rdx, qword ptr [r14 + rbx]
    v203:i32 = i64.eq v201, v202    ; @0x584
          ; v203 in rcx
          0855  movabs r11, 0x8000000000000000
          085f  cmp rdx, r11
          0862  jne 0x872
    v205:i32 = i64.eq v196, v204    ; @0x589
          ; v205 in rbp
          0868  cmp rax, -1
    v206:i32 = i32.and v203, v205    ; @0x58a
          ; v206 in rcx
    br_if v206, b119, b28    ; @0x58b
          086c  je 0x90b
  b28:    ; preds b27, idom b27, depth 1
    v209:i32 = i32.eq v122, v208    ; @0x591
          ; v209 in rcx
          0872  cmp r9d, 7
    br_if v209, b29, b30    ; @0x592
          0876  je 0x8bf
  b30:    ; preds b28, idom b28, depth 1
    v214:i64 = i64.rem_s v201, v196    ; @0x5a7
          ; v214 in rax
          087c  mov r11, rax
          087f  mov rax, rdx
          0882  test r11, r11
          0885  je 0xc39
          088b  cmp r11, -1
          088f  jne 0x89c
          0895  xor edx, edx
          0897  jmp 0x8a1
          089c  cqo
          089e  idiv r11
          08a1  mov rax, rdx
    i64.store v200, v214 offset=0    ; @0x5a8
          08a4  mov qword ptr [r14 + rbx], rax
    br b83(v193, v113, v118, v135, v326)    ; @0x5ab
          08a8  mov edx, r8d
          08ab  mov ebx, dword ptr [rsp]
          08ae  mov ecx, dword ptr [rsp + 0x10]
          08b2  mov eax, dword ptr [rsp + 0x60]
          08b6  mov ebp, dword ptr [rsp + 0x68]
          08ba  jmp 0xaf2
  b29:    ; preds b28, idom b28, depth 1
    v211:i64 = i64.div_s v201, v196    ; @0x59a
          ; v211 in rax
          08bf  mov r11, rax
          08c2  mov rax, rdx
          08c5  test r11, r11
          08c8  je 0xc43
          08ce  cmp r11, -1
          08d2  jne 0x8eb
          08d8  movabs r10, 0x8000000000000000
          08e2  cmp rax, r10
          08e5  je 0xc4d
          08eb  cqo
          08ed  idiv r11
    i64.store v200, v211 offset=0    ; @0x59b
          08f0  mov qword ptr [r14 + rbx], rax
    br b83(v193, v113, v118, v135, v326)    ; @0x59e
          08f4  mov edx, r8d
          08f7  mov ebx, dword ptr [rsp]
          08fa  mov ecx, dword ptr [rsp + 0x10]
          08fe  mov eax, dword ptr [rsp + 0x60]
          0902  mov ebp, dword ptr [rsp + 0x68]
          0906  jmp 0xaf2
  b119:    ; preds b27, idom b27
    br b76    ; @0x58b
  b118:    ; preds b26, idom b26
    br b76    ; @0x567
  b76:    ; preds b119 b118, idom b26
          090b  mov ebx, dword ptr [rsp]
    i32.store v7, v117 offset=16    ; @0x9f9
          090e  mov r10d, dword ptr [rsp + 0x30]
          0913  mov dword ptr [r14 + rbx + 0x10], r10d
    v552:i32 = i32.load v534 offset=0    ; @0x9ff
          ; v552 in rax
          0918  mov eax, dword ptr [r14 + 0xddc]
          091f  mov ecx, dword ptr [rsp + 0x10]
    v553:i32 = i32.add v5, v765    ; @0xa09
          ; v553 in rcx
          0923  add ecx, -0x10
    v714:i32 = i32.add v7, v765    ; @0x2ae4 in f15
          ; v714 in rdx
          0926  lea edx, [rbx - 0x10]
    global.set g0 v714    ; @0x2ae7 in f15
          0929  mov r11, qword ptr [r13 + 0x168]
          0930  mov dword ptr [r11], edx
    i32.store v714, v553 offset=12    ; @0x2aed in f15
          0933  mov dword ptr [r14 + rdx + 0xc], ecx
    call f26 v552, v554, v553    ; @0x2af6 in f15
          0938  mov dword ptr [r15], eax
          093b  mov dword ptr [r15 + 8], 0xbf2
          0943  mov dword ptr [r15 + 0x10], ecx
          0947  call qword ptr [rip + 0x373]
    global.set g0 v7    ; @0x2afd in f15
          094d  mov r11, qword ptr [r13 + 0x168]
          0954  mov dword ptr [r11], ebx
    call f16    ; @0x2ad4 in f14
          0957  call qword ptr [rip + 0x353]
    call f6 v22    ; @0x2ace in f13
          095d  mov dword ptr [r15], 1
          0964  mov rax, qword ptr [r13 + 0x40]
          0968  mov rcx, qword ptr [rax + 0x48]
          096c  mov r13, qword ptr [rax + 0x50]
          0970  mov r14, qword ptr [r13]
          0974  mov r14, qword ptr [r14]
          0977  test rcx, rcx
          097a  je 0xc57
          0980  call rcx
          0982  mov r13, qword ptr [rsp + 0x70]
          0987  mov r14, qword ptr [r13]
          098b  mov r14, qword ptr [r14]
    unreachable    ; @0x2ad0 in f13
          098e  jmp 0xc61
  b25:    ; preds b18, idom b18, depth 1
          0993  mov ecx, dword ptr [rsp + 0x10]
          0997  mov ebx, dword ptr [rsp]
    v183:i32 = i32.shl v124, v95    ; @0x52f
          ; v183 in rax
    v184:i32 = i32.add v183, v163    ; @0x533
          ; v184 in rax
          099a  lea eax, [rdx*8 + 0x1860]
    v185:i64 = i64.load v184 offset=0    ; @0x538
          ; v185 in r8
          09a1  mov r8, qword ptr [r14 + rax]
    v186:i32 = i32.add v124, v766    ; @0x53f
          ; v186 in rdx
          09a5  add edx, -1
    v187:i32 = i32.shl v186, v95    ; @0x544
          ; v187 in r9
    v188:i32 = i32.add v187, v126    ; @0x548
          ; v188 in r9
          09a8  lea r9d, [rdx*8 + 0x1870]
    v189:i64 = i64.load v188 offset=0    ; @0x549
          ; v189 in r9
          09b0  mov r9, qword ptr [r14 + r9]
    v190:i64 = i64.mul v185, v189    ; @0x54c
          ; v190 in r8
          09b4  imul r8, r9
    i64.store v184, v190 offset=0    ; @0x54d
          09b8  mov qword ptr [r14 + rax], r8
    br b83(v186, v113, v118, v135, v326)    ; @0x550
          09bc  mov ebp, dword ptr [rsp + 0x68]
          09c0  mov eax, dword ptr [rsp + 0x60]
          09c4  jmp 0xaf2
  b24:    ; preds b18, idom b18, depth 1
          09c9  mov ecx, dword ptr [rsp + 0x10]
          09cd  mov ebx, dword ptr [rsp]
    v173:i32 = i32.shl v124, v95    ; @0x507
          ; v173 in rax
    v174:i32 = i32.add v173, v163    ; @0x50b
          ; v174 in rax
          09d0  lea eax, [rdx*8 + 0x1860]
    v175:i64 = i64.load v174 offset=0    ; @0x510
          ; v175 in r8
          09d7  mov r8, qword ptr [r14 + rax]
    v176:i32 = i32.add v124, v766    ; @0x517
          ; v176 in rdx
          09db  add edx, -1
    v177:i32 = i32.shl v176, v95    ; @0x51c
          ; v177 in r9
    v178:i32 = i32.add v177, v126    ; @0x520
          ; v178 in r9
          09de  lea r9d, [rdx*8 + 0x1870]
    v179:i64 = i64.load v178 offset=0    ; @0x521
          ; v179 in r9
          09e6  mov r9, qword ptr [r14 + r9]
    v180:i64 = i64.sub v175, v179    ; @0x524
          ; v180 in r8
          09ea  sub r8, r9
    i64.store v174, v180 offset=0    ; @0x525
          09ed  mov qword ptr [r14 + rax], r8
    br b83(v176, v113, v118, v135, v326)    ; @0x528
          09f1  mov ebp, dword ptr [rsp + 0x68]
          09f5  mov eax, dword ptr [rsp + 0x60]
          09f9  jmp 0xaf2
  b23:    ; preds b18, idom b18, depth 1
          09fe  mov ecx, dword ptr [rsp + 0x10]
          0a02  mov ebx, dword ptr [rsp]
    v162:i32 = i32.shl v124, v95    ; @0x4df
          ; v162 in rax
    v164:i32 = i32.add v162, v163    ; @0x4e3
          ; v164 in rax
          0a05  lea eax, [rdx*8 + 0x1860]
    v165:i64 = i64.load v164 offset=0    ; @0x4e8
          ; v165 in r8
          0a0c  mov r8, qword ptr [r14 + rax]
    v166:i32 = i32.add v124, v766    ; @0x4ef
          ; v166 in rdx
          0a10  add edx, -1
    v167:i32 = i32.shl v166, v95    ; @0x4f4
          ; v167 in r9
    v168:i32 = i32.add v167, v126    ; @0x4f8
          ; v168 in r9
          0a13  lea r9d, [rdx*8 + 0x1870]
    v169:i64 = i64.load v168 offset=0    ; @0x4f9
          ; v169 in r9
          0a1b  mov r9, qword ptr [r14 + r9]
    v170:i64 = i64.add v165, v169    ; @0x4fc
          ; v170 in r8
          0a1f  add r8, r9
    i64.store v164, v170 offset=0    ; @0x4fd
          0a22  mov qword ptr [r14 + rax], r8
    br b83(v166, v113, v118, v135, v326)    ; @0x500
          0a26  mov ebp, dword ptr [rsp + 0x68]
          0a2a  mov eax, dword ptr [rsp + 0x60]
          0a2e  jmp 0xaf2
  b22:    ; preds b18, idom b18, depth 1
          0a33  mov ecx, dword ptr [rsp + 0x10]
          0a37  mov ebx, dword ptr [rsp]
    v153:i32 = i32.load v121 offset=4    ; @0x4ba
          ; v153 in rax
          0a3a  mov eax, dword ptr [r14 + r8 + 4]
    v154:i32 = i32.add v153, v135    ; @0x4bf
          ; v154 in rax
          0a3f  add eax, esi
    v155:i32 = i32.shl v154, v95    ; @0x4c2
          ; v155 in rax
    v156:i32 = i32.add v155, v33    ; @0x4c7
          ; v156 in rax
          0a41  lea eax, [rax*8 + 0x9870]
    v157:i64 = i64.load v156 offset=0    ; @0x4cc
          ; v157 in r9
          0a48  mov r9, qword ptr [r14 + rax]
    v158:i64 = i64.load32_s v121 offset=8    ; @0x4d1
          ; v158 in r8
          0a4c  movsxd r8, dword ptr [r14 + r8 + 8]
    v159:i64 = i64.add v157, v158    ; @0x4d4
          ; v159 in r9
          0a51  add r9, r8
    i64.store v156, v159 offset=0    ; @0x4d5
          0a54  mov qword ptr [r14 + rax], r9
    br b83(v124, v113, v118, v135, v326)    ; @0x4d8
          0a58  mov ebp, dword ptr [rsp + 0x68]
          0a5c  mov eax, dword ptr [rsp + 0x60]
          0a60  jmp 0xaf2
  b21:    ; preds b18, idom b18, depth 1
          0a65  mov ecx, dword ptr [rsp + 0x10]
          0a69  mov ebx, dword ptr [rsp]
    v143:i32 = i32.load v121 offset=4    ; @0x493
          ; v143 in rax
          0a6c  mov eax, dword ptr [r14 + r8 + 4]
    v144:i32 = i32.add v143, v135    ; @0x498
          ; v144 in rax
          0a71  add eax, esi
    v145:i32 = i32.shl v144, v95    ; @0x49b
          ; v145 in rax
    v146:i32 = i32.add v145, v33    ; @0x4a0
          ; v146 in rax
          0a73  lea eax, [rax*8 + 0x9870]
    v147:i32 = i32.add v124, v766    ; @0x4a5
          ; v147 in rdx
          0a7a  add edx, -1
    v148:i32 = i32.shl v147, v95    ; @0x4aa
          ; v148 in r8
    v149:i32 = i32.add v148, v126    ; @0x4ae
          ; v149 in r8
          0a7d  lea r8d, [rdx*8 + 0x1870]
    v150:i64 = i64.load v149 offset=0    ; @0x4af
          ; v150 in r8
          0a85  mov r8, qword ptr [r14 + r8]
    i64.store v146, v150 offset=0    ; @0x4b2
          0a89  mov qword ptr [r14 + rax], r8
    br b83(v147, v113, v118, v135, v326)    ; @0x4b5
          0a8d  mov ebp, dword ptr [rsp + 0x68]
          0a91  mov eax, dword ptr [rsp + 0x60]
          0a95  jmp 0xaf2
  b20:    ; preds b18, idom b18, depth 1
          0a9a  mov ecx, dword ptr [rsp + 0x10]
          0a9e  mov ebx, dword ptr [rsp]
    v132:i32 = i32.shl v124, v95    ; @0x46c
          ; v132 in rax
    v133:i32 = i32.add v132, v126    ; @0x470
          ; v133 in rax
          0aa1  lea eax, [rdx*8 + 0x1870]
    v134:i32 = i32.load v121 offset=4    ; @0x473
          ; v134 in r8
          0aa8  mov r8d, dword ptr [r14 + r8 + 4]
    v136:i32 = i32.add v134, v135    ; @0x478
          ; v136 in r8
          0aad  add r8d, esi
    v137:i32 = i32.shl v136, v95    ; @0x47b
          ; v137 in r8
    v138:i32 = i32.add v137, v33    ; @0x480
          ; v138 in r8
          0ab0  lea r8d, [r8*8 + 0x9870]
    v139:i64 = i64.load v138 offset=0    ; @0x481
          ; v139 in r8
          0ab8  mov r8, qword ptr [r14 + r8]
    i64.store v133, v139 offset=0    ; @0x484
          0abc  mov qword ptr [r14 + rax], r8
    v141:i32 = i32.add v124, v22    ; @0x48b
          ; v141 in rdx
          0ac0  add edx, 1
    br b83(v141, v113, v118, v135, v326)    ; @0x48e
          0ac3  mov ebp, dword ptr [rsp + 0x68]
          0ac7  mov eax, dword ptr [rsp + 0x60]
          0acb  jmp 0xaf2
  b19:    ; preds b18, idom b18, depth 1
          0ad0  mov ecx, dword ptr [rsp + 0x10]
          0ad4  mov ebx, dword ptr [rsp]
    v125:i32 = i32.shl v124, v95    ; @0x451
          ; v125 in rax
    v127:i32 = i32.add v125, v126    ; @0x455
          ; v127 in rax
          0ad7  lea eax, [rdx*8 + 0x1870]
    v128:i64 = i64.load32_s v121 offset=4    ; @0x458
          ; v128 in r8
          0ade  movsxd r8, dword ptr [r14 + r8 + 4]
    i64.store v127, v128 offset=0    ; @0x45b
          0ae3  mov qword ptr [r14 + rax], r8
    v130:i32 = i32.add v124, v22    ; @0x462
          ; v130 in rdx
          0ae7  add edx, 1
    br b83(v130, v113, v118, v135, v326)    ; @0x465
          0aea  mov ebp, dword ptr [rsp + 0x68]
          0aee  mov eax, dword ptr [rsp + 0x60]
  b83(v587:i32, v601:i32, v626:i32, v643:i32, v653:i32):    ; preds b73 b72 b69 b66 b65 b64 b62 b43 b80 b81 b39 b38 b37 b36 b35 b34 b33 b32 b31 b30 b29 b25 b24 b23 b22 b21 b20 b19, idom b18, depth 1
    v593:i32 = i32.lt_u v587, v592    ; @0xa7c
          ; v593 in r8
          0af2  cmp edx, 0xffe
    br_if v593, b131, b84    ; @0xa7d
          0af8  jae 0xb14
  b131:    ; preds b83, idom b83, depth 1
    br b18(v601, v116, v626, v587, v643, v653)    ; @0xa7d
          0afe  mov r8d, eax
          0b01  mov r9d, dword ptr [rsp + 0x20]
          0b06  mov ecx, dword ptr [rsp + 0x18]
          0b0a  mov rax, qword ptr [rsp + 0x38]
          0b0f  jmp 0x16f
  b84:    ; preds b83, idom b83
    v699:i32 = i32.load v534 offset=0    ; @0xa8a
          ; v699 in rax
          0b14  mov eax, dword ptr [r14 + 0xddc]
    call f19 v700, v566, v22, v699    ; @0xa8d
          0b1b  mov dword ptr [r15], 0xb8b
          0b22  mov dword ptr [r15 + 8], 0x21
          0b2a  mov dword ptr [r15 + 0x10], 1
          0b32  mov dword ptr [r15 + 0x18], eax
          0b36  call qword ptr [rip + 0x164]
    call f16    ; @0x2ad4 in f14
          0b3c  call qword ptr [rip + 0x16e]
    call f6 v22    ; @0x2ace in f13
          0b42  mov dword ptr [r15], 1
          0b49  mov rax, qword ptr [r13 + 0x40]
          0b4d  mov rcx, qword ptr [rax + 0x48]
          0b51  mov r13, qword ptr [rax + 0x50]
          0b55  mov r14, qword ptr [r13]
          0b59  mov r14, qword ptr [r14]
          0b5c  test rcx, rcx
          0b5f  je 0xc6b
          0b65  call rcx
          0b67  mov r13, qword ptr [rsp + 0x70]
          0b6c  mov r14, qword ptr [r13]
          0b70  mov r14, qword ptr [r14]
    unreachable    ; @0x2ad0 in f13
          0b73  jmp 0xc75
  b74:    ; preds b18, idom b18
          0b78  mov ebx, dword ptr [rsp]
    i32.store v7, v122 offset=0    ; @0x9b9
          0b7b  mov dword ptr [r14 + rbx], r9d
    v535:i32 = i32.load v534 offset=0    ; @0x9bf
          ; v535 in rax
          0b7f  mov eax, dword ptr [r14 + 0xddc]
    v739:i32 = i32.add v7, v765    ; @0x2ae4 in f15
          ; v739 in rcx
          0b86  lea ecx, [rbx - 0x10]
    global.set g0 v739    ; @0x2ae7 in f15
          0b89  mov r11, qword ptr [r13 + 0x168]
          0b90  mov dword ptr [r11], ecx
    i32.store v739, v7 offset=12    ; @0x2aed in f15
          0b93  mov dword ptr [r14 + rcx + 0xc], ebx
    call f26 v535, v536, v7    ; @0x2af6 in f15
          0b98  mov dword ptr [r15], eax
          0b9b  mov dword ptr [r15 + 8], 0xc11
          0ba3  mov dword ptr [r15 + 0x10], ebx
          0ba7  call qword ptr [rip + 0x113]
    global.set g0 v7    ; @0x2afd in f15
          0bad  mov r11, qword ptr [r13 + 0x168]
          0bb4  mov dword ptr [r11], ebx
    call f16    ; @0x2ad4 in f14
          0bb7  call qword ptr [rip + 0xf3]
    call f6 v22    ; @0x2ace in f13
          0bbd  mov dword ptr [r15], 1
          0bc4  mov rax, qword ptr [r13 + 0x40]
          0bc8  mov rcx, qword ptr [rax + 0x48]
          0bcc  mov r13, qword ptr [rax + 0x50]
          0bd0  mov r14, qword ptr [r13]
          0bd4  mov r14, qword ptr [r14]
          0bd7  test rcx, rcx
          0bda  je 0xc7f
          0be0  call rcx
          0be2  mov r13, qword ptr [rsp + 0x70]
          0be7  mov r14, qword ptr [r13]
          0beb  mov r14, qword ptr [r14]
    unreachable    ; @0x2ad0 in f13
          0bee  jmp 0xc89
  ; out of line: stubs, constants, helper data
          0bf3  mov edi, 0xa
          0bf8  call qword ptr [r12 + 0x38]
          0bfd  call qword ptr [r12 + 0x40]
          0c02  jmp 0x2ad
          0c07  mov edi, 1
          0c0c  call qword ptr [r12 + 0x38]
          0c11  call qword ptr [r12 + 0x40]
          0c16  jmp 0x355
          0c1b  mov edi, 1
          0c20  call qword ptr [r12 + 0x38]
          0c25  call qword ptr [r12 + 0x40]
          0c2a  jmp 0x5c2
          0c2f  mov edi, 1
          0c34  call qword ptr [r12 + 0x38]
          0c39  mov edi, 4
          0c3e  call qword ptr [r12 + 0x38]
          0c43  mov edi, 4
          0c48  call qword ptr [r12 + 0x38]
          0c4d  mov edi, 5
          0c52  call qword ptr [r12 + 0x38]
          0c57  call qword ptr [r12 + 0x40]
          0c5c  jmp 0x982
          0c61  mov edi, 1
          0c66  call qword ptr [r12 + 0x38]
          0c6b  call qword ptr [r12 + 0x40]
          0c70  jmp 0xb67
          0c75  mov edi, 1
          0c7a  call qword ptr [r12 + 0x38]
          0c7f  call qword ptr [r12 + 0x40]
          0c84  jmp 0xbe2
          0c89  mov edi, 1
          0c8e  call qword ptr [r12 + 0x38]
          0c93  int3 x13
          0ca0  adc al, 0
          0ca2  add byte ptr [rax], al
          0ca4  add byte ptr [rax], al
          0ca6  add byte ptr [rax], al
          0ca8  add byte ptr [rax], al
          0caa  add byte ptr [rax], al
          0cac  add byte ptr [rax], al
          0cae  add byte ptr [rax], al
          0cb0  adc dword ptr [rax], eax
          0cb2  add byte ptr [rax], al
          0cb4  add byte ptr [rax], al
          0cb6  add byte ptr [rax], al
          0cb8  add byte ptr [rax], al
          0cba  add byte ptr [rax], al
          0cbc  add byte ptr [rax], al
          0cbe  add byte ptr [rax], al
          0cc0  sbb eax, dword ptr [rax]
          0cc2  add byte ptr [rax], al
          0cc4  add byte ptr [rax], al
          0cc6  add byte ptr [rax], al
          0cc8  add byte ptr [rax], al
          0cca  add byte ptr [rax], al
          0ccc  add byte ptr [rax], al
          0cce  add byte ptr [rax], al
          0cd0  add dh, bh
          0cd2  (data) ff
          0cd3  dec edx
          0cd5  std
          0cd6  (data) ff
          0cd7  call qword ptr [rbp + 0x63fffffd]
          0cdd  std
          0cde  (data) ff
          0cdf  ljmp [rsi]
          0ce1  std
          0ce2  (data) ff
          0ce3  (data) ff
          0ce4  stc
          0ce5  cld
          0ce6  (data) ff
          0ce7  inc ebx
          0ce9  cld
          0cea  (data) ff
          0ceb  lcall [rdi - 5]
          0cee  (data) ff
          0cef  lcall [rdi - 5]
          0cf2  (data) ff
          0cf3  ljmp [rsi]
          0cf5  sti
          0cf6  (data) ff
          0cf7  (data) ff
          0cf8  std
          0cf9  cli
          0cfa  (data) ff
          0cfb  dec esp
          0cfd  cli
          0cfe  (data) ff
          0cff  lcall [rcx + 0x66fffffa]
          0d05  cli
          0d06  (data) ff
          0d07  ljmp [rdx]
          0d09  cli
          0d0a  (data) ff
          0d0b  (data) ff
          0d0c  out dx, al
          0d0d  stc
          0d0e  (data) ff
          0d0f  push qword ptr [rdx + 0x76fffff9]
          0d15  stc
          0d16  (data) ff
          0d17  jmp qword ptr [rbp - 7]
          0d1a  (data) ff
          0d1b  push qword ptr [rcx + rdi*8]
          0d1e  (data) ff
          0d1f  inc dword ptr [rbx]
          0d21  stc
          0d22  (data) ff
          0d23  inc dword ptr [rdx - 9]
          0d26  (data) ff
          0d27  call rcx
          0d29  idiv bh
          0d2b  jmp qword ptr [rbp - 0x6900000a]
          0d31  idiv bh
          0d33  (data) ff
          0d34  out dx, al
          0d35  cmc
          0d36  (data) ff
          0d37  (data) ff
          0d38  cmp ch, dh
          0d3a  (data) ff
          0d3b  jmp rax
          0d3d  hlt
          0d3e  (data) ff
          0d3f  (data) ff
