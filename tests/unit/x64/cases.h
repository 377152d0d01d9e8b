/* cases.h: one row per encoder form: the call, what a disassembler prints, the expected bytes. */
/*
 * CASE(call, text, bytes...) with the buffer in `b`, emitted at address 0. The bytes come from
 * the Intel SDM opcode tables, or, for the memory-destination, BMI2, rip-relative and data rows
 * and every row from "SSE: movdqa" on, from an independent assembler, llvm-mc 14 (Intel syntax,
 * --show-encoding); the text is what capstone 4 prints for those bytes (instructions joined by
 * "; "). test_asm.c checks the bytes, test_asm_capstone.c the text: two independent witnesses.
 * Addressing forms are exercised on mov r64, m64; every other memory form reuses that code.
 * check_forms.sh fails when a form declared in x64/asm.h has no row here. capstone prints the
 * sign-extended imm32 of mov as a negative number, but that of and/xor as its 64-bit pattern.
 */

/* moves */
CASE(x64_mov_r32_r32(b, X64_RAX, X64_RCX), "mov eax, ecx", 0x89, 0xC8)
CASE(x64_mov_r32_r32(b, X64_R8, X64_R15), "mov r8d, r15d", 0x45, 0x89, 0xF8)
CASE(x64_mov_r64_r64(b, X64_RAX, X64_RCX), "mov rax, rcx", 0x48, 0x89, 0xC8)
CASE(x64_mov_r64_r64(b, X64_R12, X64_RSP), "mov r12, rsp", 0x49, 0x89, 0xE4)
CASE(x64_mov_r32_imm32(b, X64_RAX, 0x12345678), "mov eax, 0x12345678", 0xB8, 0x78, 0x56, 0x34, 0x12)
CASE(x64_mov_r32_imm32(b, X64_R9, 1), "mov r9d, 1", 0x41, 0xB9, 0x01, 0x00, 0x00, 0x00)
CASE(x64_mov_r64_simm32(b, X64_RAX, -1), "mov rax, -1", 0x48, 0xC7, 0xC0, 0xFF, 0xFF, 0xFF, 0xFF)
CASE(x64_mov_r64_simm32(b, X64_R13, 0x100), "mov r13, 0x100", 0x49, 0xC7, 0xC5, 0x00, 0x01, 0x00, 0x00)
CASE(x64_mov_r64_imm64(b, X64_RAX, 0x1122334455667788), "movabs rax, 0x1122334455667788",
     0x48, 0xB8, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11)
CASE(x64_mov_r64_imm64(b, X64_R15, 1), "movabs r15, 1", 0x49, 0xBF, 1, 0, 0, 0, 0, 0, 0, 0)
CASE(x64_mov_r64_imm(b, X64_RCX, 5), "mov ecx, 5", 0xB9, 0x05, 0x00, 0x00, 0x00)
CASE(x64_mov_r64_imm(b, X64_RCX, UINT64_MAX - 1), "mov rcx, -2", 0x48, 0xC7, 0xC1, 0xFE, 0xFF, 0xFF, 0xFF)
CASE(x64_mov_r64_imm(b, X64_RCX, 0x100000000), "movabs rcx, 0x100000000", 0x48, 0xB9, 0, 0, 0, 0, 1, 0, 0, 0)

/* addressing: every base, index, scale and displacement size */
CASE(x64_mov_r64_m64(b, X64_RCX, MB(X64_RAX, 0)), "mov rcx, qword ptr [rax]", 0x48, 0x8B, 0x08)
CASE(x64_mov_r64_m64(b, X64_RCX, MB(X64_RAX, 8)), "mov rcx, qword ptr [rax + 8]", 0x48, 0x8B, 0x48, 0x08)
CASE(x64_mov_r64_m64(b, X64_RCX, MB(X64_RAX, -8)), "mov rcx, qword ptr [rax - 8]", 0x48, 0x8B, 0x48, 0xF8)
CASE(x64_mov_r64_m64(b, X64_RCX, MB(X64_RAX, 127)), "mov rcx, qword ptr [rax + 0x7f]", 0x48, 0x8B, 0x48, 0x7F)
CASE(x64_mov_r64_m64(b, X64_RCX, MB(X64_RAX, 128)), "mov rcx, qword ptr [rax + 0x80]", 0x48, 0x8B, 0x88, 0x80, 0x00, 0x00, 0x00)
CASE(x64_mov_r64_m64(b, X64_RCX, MB(X64_RAX, -128)), "mov rcx, qword ptr [rax - 0x80]", 0x48, 0x8B, 0x48, 0x80)
CASE(x64_mov_r64_m64(b, X64_RCX, MB(X64_RAX, -129)), "mov rcx, qword ptr [rax - 0x81]", 0x48, 0x8B, 0x88, 0x7F, 0xFF, 0xFF, 0xFF)
CASE(x64_mov_r64_m64(b, X64_RCX, MB(X64_RSP, 0)), "mov rcx, qword ptr [rsp]", 0x48, 0x8B, 0x0C, 0x24)
CASE(x64_mov_r64_m64(b, X64_RCX, MB(X64_RSP, 16)), "mov rcx, qword ptr [rsp + 0x10]", 0x48, 0x8B, 0x4C, 0x24, 0x10)
CASE(x64_mov_r64_m64(b, X64_RCX, MB(X64_R12, 0)), "mov rcx, qword ptr [r12]", 0x49, 0x8B, 0x0C, 0x24)
CASE(x64_mov_r64_m64(b, X64_RCX, MB(X64_R12, 8)), "mov rcx, qword ptr [r12 + 8]", 0x49, 0x8B, 0x4C, 0x24, 0x08)
CASE(x64_mov_r64_m64(b, X64_RCX, MB(X64_RBP, 0)), "mov rcx, qword ptr [rbp]", 0x48, 0x8B, 0x4D, 0x00)
CASE(x64_mov_r64_m64(b, X64_RCX, MB(X64_RBP, 8)), "mov rcx, qword ptr [rbp + 8]", 0x48, 0x8B, 0x4D, 0x08)
CASE(x64_mov_r64_m64(b, X64_RCX, MB(X64_R13, 0)), "mov rcx, qword ptr [r13]", 0x49, 0x8B, 0x4D, 0x00)
CASE(x64_mov_r64_m64(b, X64_RCX, MB(X64_R13, 0x1000)), "mov rcx, qword ptr [r13 + 0x1000]", 0x49, 0x8B, 0x8D, 0x00, 0x10, 0x00, 0x00)
CASE(x64_mov_r64_m64(b, X64_RCX, MX(X64_RAX, X64_RDX, 8, 0)), "mov rcx, qword ptr [rax + rdx*8]", 0x48, 0x8B, 0x0C, 0xD0)
CASE(x64_mov_r64_m64(b, X64_RCX, MX(X64_RBX, X64_R9, 4, 0x20)), "mov rcx, qword ptr [rbx + r9*4 + 0x20]", 0x4A, 0x8B, 0x4C, 0x8B, 0x20)
CASE(x64_mov_r64_m64(b, X64_RCX, MX(X64_R13, X64_R12, 1, 0)), "mov rcx, qword ptr [r13 + r12]", 0x4B, 0x8B, 0x4C, 0x25, 0x00)
CASE(x64_mov_r64_m64(b, X64_RCX, MX(X64_RSP, X64_RAX, 2, 0)), "mov rcx, qword ptr [rsp + rax*2]", 0x48, 0x8B, 0x0C, 0x44)
CASE(x64_mov_r64_m64(b, X64_RCX, MX(X64_RBP, X64_RCX, 1, 0)), "mov rcx, qword ptr [rbp + rcx]", 0x48, 0x8B, 0x4C, 0x0D, 0x00)
CASE(x64_mov_r64_m64(b, X64_RCX, MX(X64_R8, X64_R15, 8, 0x12345678)), "mov rcx, qword ptr [r8 + r15*8 + 0x12345678]",
     0x4B, 0x8B, 0x8C, 0xF8, 0x78, 0x56, 0x34, 0x12)
CASE(x64_mov_r64_m64(b, X64_R10, MB(X64_RAX, 0)), "mov r10, qword ptr [rax]", 0x4C, 0x8B, 0x10)
CASE(x64_mov_r32_m32(b, X64_RAX, MB(X64_RDI, 4)), "mov eax, dword ptr [rdi + 4]", 0x8B, 0x47, 0x04)
CASE(x64_mov_r32_m32(b, X64_R11, MB(X64_R12, 0)), "mov r11d, dword ptr [r12]", 0x45, 0x8B, 0x1C, 0x24)

/* stores; byte registers 4-7 need an empty REX to mean spl..dil instead of ah..bh */
CASE(x64_mov_m8_r8(b, MB(X64_RDI, 0), X64_RAX), "mov byte ptr [rdi], al", 0x88, 0x07)
CASE(x64_mov_m8_r8(b, MB(X64_RDI, 0), X64_RBX), "mov byte ptr [rdi], bl", 0x88, 0x1F)
CASE(x64_mov_m8_r8(b, MB(X64_RDI, 0), X64_RSP), "mov byte ptr [rdi], spl", 0x40, 0x88, 0x27)
CASE(x64_mov_m8_r8(b, MB(X64_RDI, 0), X64_RBP), "mov byte ptr [rdi], bpl", 0x40, 0x88, 0x2F)
CASE(x64_mov_m8_r8(b, MB(X64_RDI, 0), X64_RSI), "mov byte ptr [rdi], sil", 0x40, 0x88, 0x37)
CASE(x64_mov_m8_r8(b, MB(X64_RDI, 0), X64_RDI), "mov byte ptr [rdi], dil", 0x40, 0x88, 0x3F)
CASE(x64_mov_m8_r8(b, MB(X64_RAX, 0), X64_R9), "mov byte ptr [rax], r9b", 0x44, 0x88, 0x08)
CASE(x64_mov_m16_r16(b, MB(X64_RDI, 2), X64_RAX), "mov word ptr [rdi + 2], ax", 0x66, 0x89, 0x47, 0x02)
CASE(x64_mov_m16_r16(b, MB(X64_R8, 0), X64_R9), "mov word ptr [r8], r9w", 0x66, 0x45, 0x89, 0x08)
CASE(x64_mov_m32_r32(b, MB(X64_RSI, 0), X64_RCX), "mov dword ptr [rsi], ecx", 0x89, 0x0E)
CASE(x64_mov_m64_r64(b, MB(X64_RSP, 8), X64_RAX), "mov qword ptr [rsp + 8], rax", 0x48, 0x89, 0x44, 0x24, 0x08)
CASE(x64_mov_m64_r64(b, MX(X64_R14, X64_RAX, 8, -16), X64_R15), "mov qword ptr [r14 + rax*8 - 0x10], r15",
     0x4D, 0x89, 0x7C, 0xC6, 0xF0)
CASE(x64_mov_m8_imm8(b, MB(X64_RAX, 0), 0x7F), "mov byte ptr [rax], 0x7f", 0xC6, 0x00, 0x7F)
CASE(x64_mov_m16_imm16(b, MB(X64_RAX, 0), 0x1234), "mov word ptr [rax], 0x1234", 0x66, 0xC7, 0x00, 0x34, 0x12)
CASE(x64_mov_m32_imm32(b, MB(X64_RAX, 4), 0xDEADBEEF), "mov dword ptr [rax + 4], 0xdeadbeef",
     0xC7, 0x40, 0x04, 0xEF, 0xBE, 0xAD, 0xDE)
CASE(x64_mov_m64_simm32(b, MB(X64_R12, 0), -2), "mov qword ptr [r12], -2",
     0x49, 0xC7, 0x04, 0x24, 0xFE, 0xFF, 0xFF, 0xFF)

/* widening loads and extensions */
CASE(x64_movzx_r32_m8(b, X64_RAX, MB(X64_RDI, 0)), "movzx eax, byte ptr [rdi]", 0x0F, 0xB6, 0x07)
CASE(x64_movzx_r32_m16(b, X64_RAX, MB(X64_RDI, 0)), "movzx eax, word ptr [rdi]", 0x0F, 0xB7, 0x07)
CASE(x64_movsx_r32_m8(b, X64_RAX, MB(X64_RDI, 0)), "movsx eax, byte ptr [rdi]", 0x0F, 0xBE, 0x07)
CASE(x64_movsx_r32_m16(b, X64_RAX, MB(X64_RDI, 0)), "movsx eax, word ptr [rdi]", 0x0F, 0xBF, 0x07)
CASE(x64_movsx_r64_m8(b, X64_RAX, MB(X64_RDI, 0)), "movsx rax, byte ptr [rdi]", 0x48, 0x0F, 0xBE, 0x07)
CASE(x64_movsx_r64_m16(b, X64_RAX, MB(X64_RDI, 0)), "movsx rax, word ptr [rdi]", 0x48, 0x0F, 0xBF, 0x07)
CASE(x64_movsxd_r64_m32(b, X64_RAX, MB(X64_RDI, 0)), "movsxd rax, dword ptr [rdi]", 0x48, 0x63, 0x07)
CASE(x64_movzx_r32_m8(b, X64_R8, MX(X64_R13, X64_RSI, 1, 0)), "movzx r8d, byte ptr [r13 + rsi]",
     0x45, 0x0F, 0xB6, 0x44, 0x35, 0x00)
CASE(x64_movzx_r32_r8(b, X64_RAX, X64_RCX), "movzx eax, cl", 0x0F, 0xB6, 0xC1)
CASE(x64_movzx_r32_r8(b, X64_RAX, X64_RSI), "movzx eax, sil", 0x40, 0x0F, 0xB6, 0xC6)
CASE(x64_movzx_r32_r8(b, X64_RSI, X64_RAX), "movzx esi, al", 0x0F, 0xB6, 0xF0)
CASE(x64_movzx_r32_r8(b, X64_R8, X64_R9), "movzx r8d, r9b", 0x45, 0x0F, 0xB6, 0xC1)
CASE(x64_movzx_r32_r16(b, X64_RAX, X64_RCX), "movzx eax, cx", 0x0F, 0xB7, 0xC1)
CASE(x64_movsx_r32_r8(b, X64_RAX, X64_RDI), "movsx eax, dil", 0x40, 0x0F, 0xBE, 0xC7)
CASE(x64_movsx_r32_r16(b, X64_RAX, X64_RCX), "movsx eax, cx", 0x0F, 0xBF, 0xC1)
CASE(x64_movsx_r64_r8(b, X64_RAX, X64_RBP), "movsx rax, bpl", 0x48, 0x0F, 0xBE, 0xC5)
CASE(x64_movsx_r64_r16(b, X64_RAX, X64_RCX), "movsx rax, cx", 0x48, 0x0F, 0xBF, 0xC1)
CASE(x64_movsxd_r64_r32(b, X64_RAX, X64_RCX), "movsxd rax, ecx", 0x48, 0x63, 0xC1)
CASE(x64_movsxd_r64_r32(b, X64_R8, X64_R9), "movsxd r8, r9d", 0x4D, 0x63, 0xC1)
CASE(x64_lea_r64_m(b, X64_RAX, MX(X64_RBX, X64_RCX, 4, 8)), "lea rax, [rbx + rcx*4 + 8]", 0x48, 0x8D, 0x44, 0x8B, 0x08)
CASE(x64_lea_r32_m(b, X64_RAX, MX(X64_RDI, X64_RSI, 1, 0)), "lea eax, [rdi + rsi]", 0x8D, 0x04, 0x37)
/* no base (x64_mem_isd): mod 00, SIB.base 101 and always a disp32, REX.B clear */
CASE(x64_lea_r32_m(b, X64_RAX, x64_mem_isd(X64_RAX, 4, 0x1060)), "lea eax, [rax*4 + 0x1060]",
     0x8D, 0x04, 0x85, 0x60, 0x10, 0x00, 0x00)
CASE(x64_lea_r64_m(b, X64_R9, x64_mem_isd(X64_R13, 8, 0)), "lea r9, [r13*8]",
     0x4E, 0x8D, 0x0C, 0xED, 0x00, 0x00, 0x00, 0x00)
CASE(x64_lea_r32_m(b, X64_RDX, x64_mem_isd(X64_RCX, 2, -8)), "lea edx, [rcx*2 - 8]",
     0x8D, 0x14, 0x4D, 0xF8, 0xFF, 0xFF, 0xFF)

/* ALU: r, r / r, imm (imm8 when it fits) / r, m */
CASE(x64_add_r32_r32(b, X64_RAX, X64_RCX), "add eax, ecx", 0x01, 0xC8)
CASE(x64_add_r64_r64(b, X64_RAX, X64_R8), "add rax, r8", 0x4C, 0x01, 0xC0)
CASE(x64_add_r32_imm32(b, X64_RAX, 1), "add eax, 1", 0x83, 0xC0, 0x01)
CASE(x64_add_r32_imm32(b, X64_RAX, 0x1000), "add eax, 0x1000", 0x81, 0xC0, 0x00, 0x10, 0x00, 0x00)
CASE(x64_add_r64_imm32(b, X64_RSP, 8), "add rsp, 8", 0x48, 0x83, 0xC4, 0x08)
CASE(x64_add_r64_imm32(b, X64_R15, 127), "add r15, 0x7f", 0x49, 0x83, 0xC7, 0x7F)
CASE(x64_add_r64_imm32(b, X64_R15, 128), "add r15, 0x80", 0x49, 0x81, 0xC7, 0x80, 0x00, 0x00, 0x00)
CASE(x64_add_r64_imm32(b, X64_RAX, -128), "add rax, -0x80", 0x48, 0x83, 0xC0, 0x80)
CASE(x64_add_r64_imm32(b, X64_RAX, -129), "add rax, -0x81", 0x48, 0x81, 0xC0, 0x7F, 0xFF, 0xFF, 0xFF)
CASE(x64_add_r32_m32(b, X64_RAX, MB(X64_RBP, -4)), "add eax, dword ptr [rbp - 4]", 0x03, 0x45, 0xFC)
CASE(x64_add_r64_m64(b, X64_RAX, MB(X64_R14, 16)), "add rax, qword ptr [r14 + 0x10]", 0x49, 0x03, 0x46, 0x10)
CASE(x64_sub_r32_r32(b, X64_RAX, X64_RCX), "sub eax, ecx", 0x29, 0xC8)
CASE(x64_sub_r64_r64(b, X64_RAX, X64_RCX), "sub rax, rcx", 0x48, 0x29, 0xC8)
CASE(x64_sub_r32_imm32(b, X64_RAX, 5), "sub eax, 5", 0x83, 0xE8, 0x05)
CASE(x64_sub_r64_imm32(b, X64_RSP, 0x100), "sub rsp, 0x100", 0x48, 0x81, 0xEC, 0x00, 0x01, 0x00, 0x00)
CASE(x64_sub_r32_m32(b, X64_RCX, MB(X64_RAX, 0)), "sub ecx, dword ptr [rax]", 0x2B, 0x08)
CASE(x64_sub_r64_m64(b, X64_RCX, MB(X64_RAX, 0)), "sub rcx, qword ptr [rax]", 0x48, 0x2B, 0x08)
CASE(x64_and_r32_r32(b, X64_RAX, X64_RCX), "and eax, ecx", 0x21, 0xC8)
CASE(x64_and_r64_r64(b, X64_RAX, X64_RCX), "and rax, rcx", 0x48, 0x21, 0xC8)
CASE(x64_and_r32_imm32(b, X64_RAX, 0xFF), "and eax, 0xff", 0x81, 0xE0, 0xFF, 0x00, 0x00, 0x00)
CASE(x64_and_r64_imm32(b, X64_RAX, -16), "and rax, 0xfffffffffffffff0", 0x48, 0x83, 0xE0, 0xF0)
CASE(x64_and_r32_m32(b, X64_RCX, MB(X64_RAX, 0)), "and ecx, dword ptr [rax]", 0x23, 0x08)
CASE(x64_and_r64_m64(b, X64_RCX, MB(X64_RAX, 0)), "and rcx, qword ptr [rax]", 0x48, 0x23, 0x08)
CASE(x64_or_r32_r32(b, X64_RAX, X64_RCX), "or eax, ecx", 0x09, 0xC8)
CASE(x64_or_r64_r64(b, X64_RAX, X64_RCX), "or rax, rcx", 0x48, 0x09, 0xC8)
CASE(x64_or_r32_imm32(b, X64_RCX, 1), "or ecx, 1", 0x83, 0xC9, 0x01)
CASE(x64_or_r64_imm32(b, X64_RDX, 0x10000), "or rdx, 0x10000", 0x48, 0x81, 0xCA, 0x00, 0x00, 0x01, 0x00)
CASE(x64_or_r32_m32(b, X64_RCX, MB(X64_RAX, 0)), "or ecx, dword ptr [rax]", 0x0B, 0x08)
CASE(x64_or_r64_m64(b, X64_RCX, MB(X64_RAX, 0)), "or rcx, qword ptr [rax]", 0x48, 0x0B, 0x08)
CASE(x64_xor_r32_r32(b, X64_RAX, X64_RCX), "xor eax, ecx", 0x31, 0xC8)
CASE(x64_xor_r64_r64(b, X64_R11, X64_R11), "xor r11, r11", 0x4D, 0x31, 0xDB)
CASE(x64_xor_r32_imm32(b, X64_RAX, -1), "xor eax, 0xffffffff", 0x83, 0xF0, 0xFF)
CASE(x64_xor_r64_imm32(b, X64_RAX, 0x7FFFFFFF), "xor rax, 0x7fffffff", 0x48, 0x81, 0xF0, 0xFF, 0xFF, 0xFF, 0x7F)
CASE(x64_xor_r32_m32(b, X64_RCX, MB(X64_RAX, 0)), "xor ecx, dword ptr [rax]", 0x33, 0x08)
CASE(x64_xor_r64_m64(b, X64_RCX, MB(X64_RAX, 0)), "xor rcx, qword ptr [rax]", 0x48, 0x33, 0x08)
CASE(x64_cmp_r32_r32(b, X64_RAX, X64_RCX), "cmp eax, ecx", 0x39, 0xC8)
CASE(x64_cmp_r64_r64(b, X64_RSP, X64_R10), "cmp rsp, r10", 0x4C, 0x39, 0xD4)
CASE(x64_cmp_r32_imm32(b, X64_RDI, 0), "cmp edi, 0", 0x83, 0xFF, 0x00)
CASE(x64_cmp_r64_imm32(b, X64_RAX, 1000), "cmp rax, 0x3e8", 0x48, 0x81, 0xF8, 0xE8, 0x03, 0x00, 0x00)
CASE(x64_cmp_r32_m32(b, X64_RAX, MB(X64_RSI, 0)), "cmp eax, dword ptr [rsi]", 0x3B, 0x06)
CASE(x64_cmp_r64_m64(b, X64_RSP, MB(X64_R14, 8)), "cmp rsp, qword ptr [r14 + 8]", 0x49, 0x3B, 0x66, 0x08)
CASE(x64_test_r32_r32(b, X64_RAX, X64_RAX), "test eax, eax", 0x85, 0xC0)
CASE(x64_test_r64_r64(b, X64_RDI, X64_R9), "test rdi, r9", 0x4C, 0x85, 0xCF)
CASE(x64_test_r32_imm32(b, X64_RCX, 1), "test ecx, 1", 0xF7, 0xC1, 0x01, 0x00, 0x00, 0x00)
CASE(x64_test_r64_imm32(b, X64_RAX, 0x100), "test rax, 0x100", 0x48, 0xF7, 0xC0, 0x00, 0x01, 0x00, 0x00)
CASE(x64_test_m32_r32(b, MB(X64_RDI, 0), X64_RAX), "test dword ptr [rdi], eax", 0x85, 0x07)
CASE(x64_test_m64_r64(b, MB(X64_RSP, 8), X64_R8), "test qword ptr [rsp + 8], r8", 0x4C, 0x85, 0x44, 0x24, 0x08)

/* memory destinations and memory-first compares (imm8 when it fits), xchg (capstone prints the
   ModRM.rm operand first, the assemblers put dst in ModRM.reg), cmovcc from memory */
CASE(x64_xchg_r64_r64(b, X64_R8, X64_RCX), "xchg rcx, r8", 0x4C, 0x87, 0xC1)
CASE(x64_xchg_r64_r64(b, X64_RDX, X64_R15), "xchg r15, rdx", 0x49, 0x87, 0xD7)
CASE(x64_add_m64_imm32(b, MB(X64_R14, 8), 1), "add qword ptr [r14 + 8], 1", 0x49, 0x83, 0x46, 0x08, 0x01)
CASE(x64_add_m64_imm32(b, MX(X64_RAX, X64_R9, 8, 0), 0x1000), "add qword ptr [rax + r9*8], 0x1000",
     0x4A, 0x81, 0x04, 0xC8, 0x00, 0x10, 0x00, 0x00)
CASE(x64_add_m32_imm32(b, MX(X64_R14, X64_RAX, 1, 0), 1), "add dword ptr [r14 + rax], 1", 0x41, 0x83, 0x04, 0x06, 0x01)
CASE(x64_sub_m32_imm32(b, MB(X64_R15, 0x40), 1), "sub dword ptr [r15 + 0x40], 1", 0x41, 0x83, 0x6F, 0x40, 0x01)
CASE(x64_sub_m32_imm32(b, MB(X64_R12, 0), -200), "sub dword ptr [r12], 0xffffff38",
     0x41, 0x81, 0x2C, 0x24, 0x38, 0xFF, 0xFF, 0xFF)
CASE(x64_cmp_m32_imm32(b, MB(X64_R13, 4), 127), "cmp dword ptr [r13 + 4], 0x7f", 0x41, 0x83, 0x7D, 0x04, 0x7F)
CASE(x64_cmp_m32_imm32(b, MX(X64_RSP, X64_R8, 1, 0), 0x12345678), "cmp dword ptr [rsp + r8], 0x12345678",
     0x42, 0x81, 0x3C, 0x04, 0x78, 0x56, 0x34, 0x12)
CASE(x64_cmp_m32_imm32(b, MB(X64_R8, 0), 128), "cmp dword ptr [r8], 0x80", 0x41, 0x81, 0x38, 0x80, 0x00, 0x00, 0x00)
CASE(x64_cmp_m64_imm32(b, MB(X64_R11, 0x10), -128), "cmp qword ptr [r11 + 0x10], -0x80", 0x49, 0x83, 0x7B, 0x10, 0x80)
CASE(x64_cmp_m64_imm32(b, MB(X64_R13, -8), -129), "cmp qword ptr [r13 - 8], -0x81",
     0x49, 0x81, 0x7D, 0xF8, 0x7F, 0xFF, 0xFF, 0xFF)
CASE(x64_cmp_m64_imm32(b, MB(X64_R9, 0), 0), "cmp qword ptr [r9], 0", 0x49, 0x83, 0x39, 0x00)
CASE(x64_cmp_m64_r64(b, MB(X64_R14, 0x18), X64_RSP), "cmp qword ptr [r14 + 0x18], rsp", 0x49, 0x39, 0x66, 0x18)
CASE(x64_cmp_m64_r64(b, MX(X64_RDI, X64_RSI, 8, 0), X64_R10), "cmp qword ptr [rdi + rsi*8], r10",
     0x4C, 0x39, 0x14, 0xF7)
CASE(x64_cmovcc_r32_m32(b, X64_CC_L, X64_R9, MB(X64_RAX, 4)), "cmovl r9d, dword ptr [rax + 4]",
     0x44, 0x0F, 0x4C, 0x48, 0x04)
CASE(x64_cmovcc_r32_m32(b, X64_CC_E, X64_RAX, MB(X64_R13, 0)), "cmove eax, dword ptr [r13]",
     0x41, 0x0F, 0x44, 0x45, 0x00)
CASE(x64_cmovcc_r64_m64(b, X64_CC_A, X64_R8, MX(X64_RSP, X64_RCX, 8, 0)), "cmova r8, qword ptr [rsp + rcx*8]",
     0x4C, 0x0F, 0x47, 0x04, 0xCC)

/* multiply, divide, negate */
CASE(x64_imul_r32_r32(b, X64_RAX, X64_RCX), "imul eax, ecx", 0x0F, 0xAF, 0xC1)
CASE(x64_imul_r64_r64(b, X64_R8, X64_RAX), "imul r8, rax", 0x4C, 0x0F, 0xAF, 0xC0)
CASE(x64_imul_r32_m32(b, X64_RAX, MB(X64_RDI, 0)), "imul eax, dword ptr [rdi]", 0x0F, 0xAF, 0x07)
CASE(x64_imul_r64_m64(b, X64_RAX, MB(X64_RBP, 16)), "imul rax, qword ptr [rbp + 0x10]", 0x48, 0x0F, 0xAF, 0x45, 0x10)
CASE(x64_imul_r32_r32_imm32(b, X64_RAX, X64_RCX, 10), "imul eax, ecx, 0xa", 0x6B, 0xC1, 0x0A)
CASE(x64_imul_r64_r64_imm32(b, X64_RAX, X64_RBX, 1000), "imul rax, rbx, 0x3e8", 0x48, 0x69, 0xC3, 0xE8, 0x03, 0x00, 0x00)
CASE(x64_cdq(b), "cdq", 0x99)
CASE(x64_cqo(b), "cqo", 0x48, 0x99)
CASE(x64_div_r32(b, X64_RCX), "div ecx", 0xF7, 0xF1)
CASE(x64_div_r64(b, X64_R9), "div r9", 0x49, 0xF7, 0xF1)
CASE(x64_mul_r64(b, X64_RDX), "mul rdx", 0x48, 0xF7, 0xE2)
CASE(x64_mul_r64(b, X64_R11), "mul r11", 0x49, 0xF7, 0xE3)
CASE(x64_imul_r64(b, X64_RDX), "imul rdx", 0x48, 0xF7, 0xEA)
CASE(x64_imul_r64(b, X64_R11), "imul r11", 0x49, 0xF7, 0xEB)
CASE(x64_idiv_r32(b, X64_RBX), "idiv ebx", 0xF7, 0xFB)
CASE(x64_idiv_r64(b, X64_RCX), "idiv rcx", 0x48, 0xF7, 0xF9)
CASE(x64_neg_r32(b, X64_RAX), "neg eax", 0xF7, 0xD8)
CASE(x64_neg_r64(b, X64_R12), "neg r12", 0x49, 0xF7, 0xDC)
CASE(x64_not_r32(b, X64_RDX), "not edx", 0xF7, 0xD2)
CASE(x64_not_r64(b, X64_RAX), "not rax", 0x48, 0xF7, 0xD0)

/* shifts and rotates */
CASE(x64_shl_r32_cl(b, X64_RAX), "shl eax, cl", 0xD3, 0xE0)
CASE(x64_shl_r64_cl(b, X64_R8), "shl r8, cl", 0x49, 0xD3, 0xE0)
CASE(x64_shl_r32_imm8(b, X64_RCX, 3), "shl ecx, 3", 0xC1, 0xE1, 0x03)
CASE(x64_shl_r64_imm8(b, X64_RAX, 63), "shl rax, 0x3f", 0x48, 0xC1, 0xE0, 0x3F)
CASE(x64_shr_r32_cl(b, X64_RAX), "shr eax, cl", 0xD3, 0xE8)
CASE(x64_shr_r64_cl(b, X64_RDX), "shr rdx, cl", 0x48, 0xD3, 0xEA)
CASE(x64_shr_r32_imm8(b, X64_RAX, 1), "shr eax, 1", 0xC1, 0xE8, 0x01)
CASE(x64_shr_r64_imm8(b, X64_R11, 32), "shr r11, 0x20", 0x49, 0xC1, 0xEB, 0x20)
CASE(x64_sar_r32_cl(b, X64_RSI), "sar esi, cl", 0xD3, 0xFE)
CASE(x64_sar_r64_cl(b, X64_RAX), "sar rax, cl", 0x48, 0xD3, 0xF8)
CASE(x64_sar_r32_imm8(b, X64_RAX, 31), "sar eax, 0x1f", 0xC1, 0xF8, 0x1F)
CASE(x64_sar_r64_imm8(b, X64_RDI, 2), "sar rdi, 2", 0x48, 0xC1, 0xFF, 0x02)
CASE(x64_rol_r32_cl(b, X64_RAX), "rol eax, cl", 0xD3, 0xC0)
CASE(x64_rol_r64_cl(b, X64_RBX), "rol rbx, cl", 0x48, 0xD3, 0xC3)
CASE(x64_rol_r32_imm8(b, X64_RCX, 8), "rol ecx, 8", 0xC1, 0xC1, 0x08)
CASE(x64_rol_r64_imm8(b, X64_R10, 16), "rol r10, 0x10", 0x49, 0xC1, 0xC2, 0x10)
CASE(x64_ror_r32_cl(b, X64_RAX), "ror eax, cl", 0xD3, 0xC8)
CASE(x64_ror_r64_cl(b, X64_R15), "ror r15, cl", 0x49, 0xD3, 0xCF)
CASE(x64_ror_r32_imm8(b, X64_RDX, 4), "ror edx, 4", 0xC1, 0xCA, 0x04)
CASE(x64_ror_r64_imm8(b, X64_RAX, 1), "ror rax, 1", 0x48, 0xC1, 0xC8, 0x01)

/* bit counts: the mandatory F3 goes before REX */
CASE(x64_lzcnt_r32_r32(b, X64_RAX, X64_RCX), "lzcnt eax, ecx", 0xF3, 0x0F, 0xBD, 0xC1)
CASE(x64_lzcnt_r64_r64(b, X64_R8, X64_RAX), "lzcnt r8, rax", 0xF3, 0x4C, 0x0F, 0xBD, 0xC0)
CASE(x64_tzcnt_r32_r32(b, X64_RAX, X64_RCX), "tzcnt eax, ecx", 0xF3, 0x0F, 0xBC, 0xC1)
CASE(x64_tzcnt_r64_r64(b, X64_RAX, X64_R9), "tzcnt rax, r9", 0xF3, 0x49, 0x0F, 0xBC, 0xC1)
CASE(x64_popcnt_r32_r32(b, X64_RAX, X64_RCX), "popcnt eax, ecx", 0xF3, 0x0F, 0xB8, 0xC1)
CASE(x64_popcnt_r64_r64(b, X64_RAX, X64_RCX), "popcnt rax, rcx", 0xF3, 0x48, 0x0F, 0xB8, 0xC1)
CASE(x64_bsr_r32_r32(b, X64_RAX, X64_RCX), "bsr eax, ecx", 0x0F, 0xBD, 0xC1)
CASE(x64_bsr_r64_r64(b, X64_RAX, X64_R8), "bsr rax, r8", 0x49, 0x0F, 0xBD, 0xC0)
CASE(x64_bsf_r32_r32(b, X64_RAX, X64_RCX), "bsf eax, ecx", 0x0F, 0xBC, 0xC1)
CASE(x64_bsf_r64_r64(b, X64_RDX, X64_RAX), "bsf rdx, rax", 0x48, 0x0F, 0xBC, 0xD0)

/* BMI2: always a three-byte VEX (map 0F38/0F3A); the shift count is VEX.vvvv, stored inverted */
CASE(x64_shlx_r32_r32_r32(b, X64_R8, X64_R9, X64_R10), "shlx r8d, r9d, r10d", 0xC4, 0x42, 0x29, 0xF7, 0xC1)
CASE(x64_shlx_r64_r64_r64(b, X64_RAX, X64_R12, X64_R15), "shlx rax, r12, r15", 0xC4, 0xC2, 0x81, 0xF7, 0xC4)
CASE(x64_shrx_r32_r32_r32(b, X64_R11, X64_RSI, X64_RCX), "shrx r11d, esi, ecx", 0xC4, 0x62, 0x73, 0xF7, 0xDE)
CASE(x64_shrx_r64_r64_r64(b, X64_RDX, X64_RDI, X64_R9), "shrx rdx, rdi, r9", 0xC4, 0xE2, 0xB3, 0xF7, 0xD7)
CASE(x64_sarx_r32_r32_r32(b, X64_RAX, X64_R13, X64_RBX), "sarx eax, r13d, ebx", 0xC4, 0xC2, 0x62, 0xF7, 0xC5)
CASE(x64_sarx_r64_r64_r64(b, X64_R14, X64_R14, X64_RCX), "sarx r14, r14, rcx", 0xC4, 0x42, 0xF2, 0xF7, 0xF6)
CASE(x64_rorx_r32_r32_imm8(b, X64_R8, X64_RAX, 7), "rorx r8d, eax, 7", 0xC4, 0x63, 0x7B, 0xF0, 0xC0, 0x07)
CASE(x64_rorx_r64_r64_imm8(b, X64_RCX, X64_R15, 63), "rorx rcx, r15, 0x3f", 0xC4, 0xC3, 0xFB, 0xF0, 0xCF, 0x3F)
CASE(x64_andn_r32_r32_r32(b, X64_RAX, X64_RDI, X64_RBP), "andn eax, edi, ebp", 0xC4, 0xE2, 0x40, 0xF2, 0xC5)
CASE(x64_andn_r64_r64_r64(b, X64_R8, X64_RAX, X64_R13), "andn r8, rax, r13", 0xC4, 0x42, 0xF8, 0xF2, 0xC5)
CASE(x64_andn_r32_r32_m32(b, X64_R11, X64_R12, MX(X64_R14, X64_RAX, 4, 0x1000)), "andn r11d, r12d, dword ptr [r14 + rax*4 + 0x1000]", 0xC4, 0x42, 0x18, 0xF2, 0x9C, 0x86, 0x00, 0x10, 0x00, 0x00)
CASE(x64_andn_r64_r64_m64(b, X64_R9, X64_RDX, MB(X64_RSP, 16)), "andn r9, rdx, qword ptr [rsp + 0x10]", 0xC4, 0x62, 0xE8, 0xF2, 0x4C, 0x24, 0x10)

/* flags to values (every condition code is covered by test_asm.c's loops) */
CASE(x64_setcc_r8(b, X64_CC_E, X64_RAX), "sete al", 0x0F, 0x94, 0xC0)
CASE(x64_setcc_r8(b, X64_CC_G, X64_RCX), "setg cl", 0x0F, 0x9F, 0xC1)
CASE(x64_setcc_r8(b, X64_CC_A, X64_RSP), "seta spl", 0x40, 0x0F, 0x97, 0xC4)
CASE(x64_setcc_r8(b, X64_CC_L, X64_RBP), "setl bpl", 0x40, 0x0F, 0x9C, 0xC5)
CASE(x64_setcc_r8(b, X64_CC_NE, X64_RSI), "setne sil", 0x40, 0x0F, 0x95, 0xC6)
CASE(x64_setcc_r8(b, X64_CC_P, X64_RDI), "setp dil", 0x40, 0x0F, 0x9A, 0xC7)
CASE(x64_setcc_r8(b, X64_CC_B, X64_R10), "setb r10b", 0x41, 0x0F, 0x92, 0xC2)
CASE(x64_cmovcc_r32_r32(b, X64_CC_L, X64_RAX, X64_RCX), "cmovl eax, ecx", 0x0F, 0x4C, 0xC1)
CASE(x64_cmovcc_r64_r64(b, X64_CC_AE, X64_R8, X64_R9), "cmovae r8, r9", 0x4D, 0x0F, 0x43, 0xC1)
CASE(x64_cmovcc_r64_r64(b, X64_CC_NE, X64_RAX, X64_RCX), "cmovne rax, rcx", 0x48, 0x0F, 0x45, 0xC1)

/* control flow (targets print as absolute addresses from 0) */
CASE(x64_jmp_rel32(b, 0x10), "jmp 0x15", 0xE9, 0x10, 0x00, 0x00, 0x00)
CASE(x64_jcc_rel32(b, X64_CC_NE, -6), "jne 0", 0x0F, 0x85, 0xFA, 0xFF, 0xFF, 0xFF)
CASE(x64_call_rel32(b, 0), "call 5", 0xE8, 0x00, 0x00, 0x00, 0x00)
CASE({ x64_label_id l = x64_label(b); x64_jmp_label(b, l); x64_bind(b, l); }, "jmp 5", 0xE9, 0x00, 0x00, 0x00, 0x00)
CASE({ x64_label_id l = x64_label(b); x64_bind(b, l); x64_jcc_label(b, X64_CC_L, l); }, "jl 0", 0x0F, 0x8C, 0xFA, 0xFF, 0xFF, 0xFF)
CASE({ x64_label_id l = x64_label(b); x64_call_label(b, l); x64_int3(b); x64_bind(b, l); }, "call 6; int3",
     0xE8, 0x01, 0x00, 0x00, 0x00, 0xCC)
CASE(x64_jmp_r64(b, X64_RAX), "jmp rax", 0xFF, 0xE0)
CASE(x64_jmp_r64(b, X64_R11), "jmp r11", 0x41, 0xFF, 0xE3)
CASE(x64_call_r64(b, X64_RAX), "call rax", 0xFF, 0xD0)
CASE(x64_call_r64(b, X64_R11), "call r11", 0x41, 0xFF, 0xD3)
CASE(x64_jmp_m64(b, MB(X64_RAX, 8)), "jmp qword ptr [rax + 8]", 0xFF, 0x60, 0x08)
CASE(x64_call_m64(b, MX(X64_R14, X64_RCX, 8, 0)), "call qword ptr [r14 + rcx*8]", 0x41, 0xFF, 0x14, 0xCE)
CASE(x64_call_abs(b, (const void *)(uintptr_t)0x1122334455667788, X64_R11), "movabs r11, 0x1122334455667788; call r11",
     0x49, 0xBB, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x41, 0xFF, 0xD3)
CASE(x64_push_r64(b, X64_RBP), "push rbp", 0x55)
CASE(x64_push_r64(b, X64_R12), "push r12", 0x41, 0x54)
CASE(x64_pop_r64(b, X64_RBP), "pop rbp", 0x5D)
CASE(x64_pop_r64(b, X64_R15), "pop r15", 0x41, 0x5F)
CASE(x64_ret(b), "ret", 0xC3)
CASE(x64_ud2(b), "ud2", 0x0F, 0x0B)
CASE(x64_int3(b), "int3", 0xCC)
CASE(x64_nop(b), "nop", 0x90)

/* rip-relative lea to a label (backward, forward, and into an aligned constant pool), int3
   padding, little-endian data */
CASE({ x64_label_id l = x64_label(b); x64_bind(b, l); x64_lea_r64_label(b, X64_R8, l); }, "lea r8, [rip - 7]",
     0x4C, 0x8D, 0x05, 0xF9, 0xFF, 0xFF, 0xFF)
CASE({ x64_label_id l = x64_label(b); x64_lea_r64_label(b, X64_R15, l); x64_int3(b); x64_bind(b, l); },
     "lea r15, [rip + 1]; int3", 0x4C, 0x8D, 0x3D, 0x01, 0x00, 0x00, 0x00, 0xCC)
CASE({ x64_label_id l = x64_label(b); x64_lea_r64_label(b, X64_R9, l); x64_ret(b); x64_align(b, 16); x64_bind(b, l);
       x64_emit_u32(b, 0xCCCCCCCC); },
     "lea r9, [rip + 9]; ret; int3; int3; int3; int3; int3; int3; int3; int3; int3; int3; int3; int3",
     0x4C, 0x8D, 0x0D, 0x09, 0x00, 0x00, 0x00, 0xC3, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC,
     0xCC, 0xCC, 0xCC, 0xCC)
CASE({ x64_label_id l = x64_label(b); x64_call_m64_label(b, l); x64_int3(b); x64_bind(b, l); },
     "call qword ptr [rip + 1]; int3", 0xFF, 0x15, 0x01, 0x00, 0x00, 0x00, 0xCC)
CASE({ x64_label_id l = x64_label(b); x64_bind(b, l); x64_jmp_m64_label(b, l); }, "jmp qword ptr [rip - 6]",
     0xFF, 0x25, 0xFA, 0xFF, 0xFF, 0xFF)
CASE({ x64_ret(b); x64_align(b, 8); }, "ret; int3; int3; int3; int3; int3; int3; int3",
     0xC3, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC)
CASE(x64_emit_u32(b, 0x90C3CC90), "nop; int3; ret; nop", 0x90, 0xCC, 0xC3, 0x90)
/* executable padding: a 9-byte and a 6-byte nop make 15; a 3-byte one; none when aligned */
CASE({ x64_ret(b); x64_align_nops(b, 16); }, "ret; nop word ptr [rax + rax]; nop word ptr [rax + rax]",
     0xC3, 0x66, 0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00, 0x66, 0x0F, 0x1F, 0x44, 0x00, 0x00)
CASE({ x64_ret(b); x64_align_nops(b, 4); x64_align_nops(b, 4); }, "ret; nop dword ptr [rax]", 0xC3, 0x0F, 0x1F, 0x00)
CASE(x64_emit_u64(b, 0x0B0F90CCC3909090), "nop; nop; nop; ret; int3; nop; ud2",
     0x90, 0x90, 0x90, 0xC3, 0xCC, 0x90, 0x0F, 0x0B)

/* general <-> SSE */
CASE(x64_movd_xmm_r32(b, X64_XMM0, X64_RAX), "movd xmm0, eax", 0x66, 0x0F, 0x6E, 0xC0)
CASE(x64_movd_xmm_r32(b, X64_XMM8, X64_R9), "movd xmm8, r9d", 0x66, 0x45, 0x0F, 0x6E, 0xC1)
CASE(x64_movq_xmm_r64(b, X64_XMM1, X64_RAX), "movq xmm1, rax", 0x66, 0x48, 0x0F, 0x6E, 0xC8)
CASE(x64_movd_r32_xmm(b, X64_RAX, X64_XMM0), "movd eax, xmm0", 0x66, 0x0F, 0x7E, 0xC0)
CASE(x64_movq_r64_xmm(b, X64_R8, X64_XMM9), "movq r8, xmm9", 0x66, 0x4D, 0x0F, 0x7E, 0xC8)

/* SSE moves */
CASE(x64_movss_xmm_xmm(b, X64_XMM0, X64_XMM1), "movss xmm0, xmm1", 0xF3, 0x0F, 0x10, 0xC1)
CASE(x64_movss_xmm_m32(b, X64_XMM2, MB(X64_RAX, 4)), "movss xmm2, dword ptr [rax + 4]", 0xF3, 0x0F, 0x10, 0x50, 0x04)
CASE(x64_movss_m32_xmm(b, MB(X64_RSP, 0), X64_XMM15), "movss dword ptr [rsp], xmm15", 0xF3, 0x44, 0x0F, 0x11, 0x3C, 0x24)
CASE(x64_movsd_xmm_xmm(b, X64_XMM8, X64_XMM0), "movsd xmm8, xmm0", 0xF2, 0x44, 0x0F, 0x10, 0xC0)
CASE(x64_movsd_xmm_m64(b, X64_XMM0, MB(X64_R13, 0)), "movsd xmm0, qword ptr [r13]", 0xF2, 0x41, 0x0F, 0x10, 0x45, 0x00)
CASE(x64_movsd_m64_xmm(b, MX(X64_RDI, X64_RSI, 8, 0), X64_XMM1), "movsd qword ptr [rdi + rsi*8], xmm1",
     0xF2, 0x0F, 0x11, 0x0C, 0xF7)
CASE(x64_movaps_xmm_xmm(b, X64_XMM1, X64_XMM2), "movaps xmm1, xmm2", 0x0F, 0x28, 0xCA)
CASE(x64_movaps_xmm_m128(b, X64_XMM0, MB(X64_RSP, 16)), "movaps xmm0, xmmword ptr [rsp + 0x10]", 0x0F, 0x28, 0x44, 0x24, 0x10)
CASE(x64_movaps_m128_xmm(b, MB(X64_RSP, 0), X64_XMM9), "movaps xmmword ptr [rsp], xmm9", 0x44, 0x0F, 0x29, 0x0C, 0x24)
CASE(x64_movups_xmm_m128(b, X64_XMM3, MB(X64_RAX, 0)), "movups xmm3, xmmword ptr [rax]", 0x0F, 0x10, 0x18)
CASE(x64_movups_m128_xmm(b, MB(X64_RAX, 0), X64_XMM3), "movups xmmword ptr [rax], xmm3", 0x0F, 0x11, 0x18)
CASE(x64_movdqu_xmm_m128(b, X64_XMM0, MB(X64_RSI, 0)), "movdqu xmm0, xmmword ptr [rsi]", 0xF3, 0x0F, 0x6F, 0x06)
CASE(x64_movdqu_m128_xmm(b, MB(X64_RDI, 0), X64_XMM10), "movdqu xmmword ptr [rdi], xmm10", 0xF3, 0x44, 0x0F, 0x7F, 0x17)

/* SSE scalar arithmetic */
CASE(x64_addss_xmm_xmm(b, X64_XMM0, X64_XMM1), "addss xmm0, xmm1", 0xF3, 0x0F, 0x58, 0xC1)
CASE(x64_addsd_xmm_xmm(b, X64_XMM2, X64_XMM3), "addsd xmm2, xmm3", 0xF2, 0x0F, 0x58, 0xD3)
CASE(x64_subss_xmm_xmm(b, X64_XMM0, X64_XMM1), "subss xmm0, xmm1", 0xF3, 0x0F, 0x5C, 0xC1)
CASE(x64_subsd_xmm_xmm(b, X64_XMM9, X64_XMM10), "subsd xmm9, xmm10", 0xF2, 0x45, 0x0F, 0x5C, 0xCA)
CASE(x64_mulss_xmm_xmm(b, X64_XMM0, X64_XMM1), "mulss xmm0, xmm1", 0xF3, 0x0F, 0x59, 0xC1)
CASE(x64_mulsd_xmm_xmm(b, X64_XMM0, X64_XMM1), "mulsd xmm0, xmm1", 0xF2, 0x0F, 0x59, 0xC1)
CASE(x64_divss_xmm_xmm(b, X64_XMM0, X64_XMM1), "divss xmm0, xmm1", 0xF3, 0x0F, 0x5E, 0xC1)
CASE(x64_divsd_xmm_xmm(b, X64_XMM0, X64_XMM1), "divsd xmm0, xmm1", 0xF2, 0x0F, 0x5E, 0xC1)
CASE(x64_sqrtss_xmm_xmm(b, X64_XMM0, X64_XMM1), "sqrtss xmm0, xmm1", 0xF3, 0x0F, 0x51, 0xC1)
CASE(x64_sqrtsd_xmm_xmm(b, X64_XMM0, X64_XMM1), "sqrtsd xmm0, xmm1", 0xF2, 0x0F, 0x51, 0xC1)
CASE(x64_minss_xmm_xmm(b, X64_XMM0, X64_XMM1), "minss xmm0, xmm1", 0xF3, 0x0F, 0x5D, 0xC1)
CASE(x64_minsd_xmm_xmm(b, X64_XMM0, X64_XMM1), "minsd xmm0, xmm1", 0xF2, 0x0F, 0x5D, 0xC1)
CASE(x64_maxss_xmm_xmm(b, X64_XMM0, X64_XMM1), "maxss xmm0, xmm1", 0xF3, 0x0F, 0x5F, 0xC1)
CASE(x64_maxsd_xmm_xmm(b, X64_XMM0, X64_XMM1), "maxsd xmm0, xmm1", 0xF2, 0x0F, 0x5F, 0xC1)
CASE(x64_ucomiss_xmm_xmm(b, X64_XMM0, X64_XMM1), "ucomiss xmm0, xmm1", 0x0F, 0x2E, 0xC1)
CASE(x64_ucomisd_xmm_xmm(b, X64_XMM0, X64_XMM15), "ucomisd xmm0, xmm15", 0x66, 0x41, 0x0F, 0x2E, 0xC7)
CASE(x64_roundss_xmm_xmm(b, X64_XMM0, X64_XMM1, X64_ROUND_FLOOR), "roundss xmm0, xmm1, 9", 0x66, 0x0F, 0x3A, 0x0A, 0xC1, 0x09)
CASE(x64_roundsd_xmm_xmm(b, X64_XMM8, X64_XMM2, X64_ROUND_TRUNC), "roundsd xmm8, xmm2, 0xb",
     0x66, 0x44, 0x0F, 0x3A, 0x0B, 0xC2, 0x0B)

/* conversions */
CASE(x64_cvtsi2ss_xmm_r32(b, X64_XMM0, X64_RAX), "cvtsi2ss xmm0, eax", 0xF3, 0x0F, 0x2A, 0xC0)
CASE(x64_cvtsi2ss_xmm_r64(b, X64_XMM1, X64_R8), "cvtsi2ss xmm1, r8", 0xF3, 0x49, 0x0F, 0x2A, 0xC8)
CASE(x64_cvtsi2sd_xmm_r32(b, X64_XMM0, X64_RCX), "cvtsi2sd xmm0, ecx", 0xF2, 0x0F, 0x2A, 0xC1)
CASE(x64_cvtsi2sd_xmm_r64(b, X64_XMM0, X64_RAX), "cvtsi2sd xmm0, rax", 0xF2, 0x48, 0x0F, 0x2A, 0xC0)
CASE(x64_cvttss2si_r32_xmm(b, X64_RAX, X64_XMM0), "cvttss2si eax, xmm0", 0xF3, 0x0F, 0x2C, 0xC0)
CASE(x64_cvttss2si_r64_xmm(b, X64_RAX, X64_XMM1), "cvttss2si rax, xmm1", 0xF3, 0x48, 0x0F, 0x2C, 0xC1)
CASE(x64_cvttsd2si_r32_xmm(b, X64_RCX, X64_XMM8), "cvttsd2si ecx, xmm8", 0xF2, 0x41, 0x0F, 0x2C, 0xC8)
CASE(x64_cvttsd2si_r64_xmm(b, X64_R9, X64_XMM0), "cvttsd2si r9, xmm0", 0xF2, 0x4C, 0x0F, 0x2C, 0xC8)
CASE(x64_cvtss2sd_xmm_xmm(b, X64_XMM0, X64_XMM1), "cvtss2sd xmm0, xmm1", 0xF3, 0x0F, 0x5A, 0xC1)
CASE(x64_cvtsd2ss_xmm_xmm(b, X64_XMM0, X64_XMM1), "cvtsd2ss xmm0, xmm1", 0xF2, 0x0F, 0x5A, 0xC1)

/* SSE bitwise */
CASE(x64_andps_xmm_xmm(b, X64_XMM0, X64_XMM1), "andps xmm0, xmm1", 0x0F, 0x54, 0xC1)
CASE(x64_andpd_xmm_xmm(b, X64_XMM0, X64_XMM1), "andpd xmm0, xmm1", 0x66, 0x0F, 0x54, 0xC1)
CASE(x64_andnps_xmm_xmm(b, X64_XMM0, X64_XMM1), "andnps xmm0, xmm1", 0x0F, 0x55, 0xC1)
CASE(x64_andnpd_xmm_xmm(b, X64_XMM0, X64_XMM1), "andnpd xmm0, xmm1", 0x66, 0x0F, 0x55, 0xC1)
CASE(x64_orps_xmm_xmm(b, X64_XMM0, X64_XMM1), "orps xmm0, xmm1", 0x0F, 0x56, 0xC1)
CASE(x64_orpd_xmm_xmm(b, X64_XMM0, X64_XMM1), "orpd xmm0, xmm1", 0x66, 0x0F, 0x56, 0xC1)
CASE(x64_xorps_xmm_xmm(b, X64_XMM0, X64_XMM0), "xorps xmm0, xmm0", 0x0F, 0x57, 0xC0)
CASE(x64_xorpd_xmm_xmm(b, X64_XMM8, X64_XMM8), "xorpd xmm8, xmm8", 0x66, 0x45, 0x0F, 0x57, 0xC0)

/* SSE: movdqa, and the loads and moves that zero the rest of the register */
CASE(x64_movdqa_xmm_xmm(b, X64_XMM8, X64_XMM1), "movdqa xmm8, xmm1", 0x66, 0x44, 0x0F, 0x6F, 0xC1)
CASE(x64_movq_xmm_xmm(b, X64_XMM0, X64_XMM9), "movq xmm0, xmm9", 0xF3, 0x41, 0x0F, 0x7E, 0xC1)
CASE(x64_movd_xmm_m32(b, X64_XMM8, MB(X64_R9, 0x10)), "movd xmm8, dword ptr [r9 + 0x10]",
     0x66, 0x45, 0x0F, 0x6E, 0x41, 0x10)
CASE(x64_movq_xmm_m64(b, X64_XMM1, MX(X64_RBX, X64_R12, 4, 0x20)), "movq xmm1, qword ptr [rbx + r12*4 + 0x20]",
     0xF3, 0x42, 0x0F, 0x7E, 0x4C, 0xA3, 0x20)
CASE(x64_movq_m64_xmm(b, MB(X64_RSP, 8), X64_XMM12), "movq qword ptr [rsp + 8], xmm12",
     0x66, 0x44, 0x0F, 0xD6, 0x64, 0x24, 0x08)

/* SSE scalar arithmetic and compares with a memory source */
CASE(x64_addss_xmm_m32(b, X64_XMM0, MB(X64_R13, 0)), "addss xmm0, dword ptr [r13]", 0xF3, 0x41, 0x0F, 0x58, 0x45, 0x00)
CASE(x64_addsd_xmm_m64(b, X64_XMM15, MX(X64_R15, X64_RCX, 8, -8)), "addsd xmm15, qword ptr [r15 + rcx*8 - 8]",
     0xF2, 0x45, 0x0F, 0x58, 0x7C, 0xCF, 0xF8)
CASE(x64_subss_xmm_m32(b, X64_XMM3, MB(X64_R12, 0)), "subss xmm3, dword ptr [r12]", 0xF3, 0x41, 0x0F, 0x5C, 0x1C, 0x24)
CASE(x64_subsd_xmm_m64(b, X64_XMM9, MX(X64_RSI, X64_R10, 2, 4)), "subsd xmm9, qword ptr [rsi + r10*2 + 4]",
     0xF2, 0x46, 0x0F, 0x5C, 0x4C, 0x56, 0x04)
CASE(x64_mulss_xmm_m32(b, X64_XMM14, MB(X64_R9, 0x10)), "mulss xmm14, dword ptr [r9 + 0x10]",
     0xF3, 0x45, 0x0F, 0x59, 0x71, 0x10)
CASE(x64_mulsd_xmm_m64(b, X64_XMM2, MX(X64_RBX, X64_R12, 4, 0x20)), "mulsd xmm2, qword ptr [rbx + r12*4 + 0x20]",
     0xF2, 0x42, 0x0F, 0x59, 0x54, 0xA3, 0x20)
CASE(x64_divss_xmm_m32(b, X64_XMM10, MB(X64_RSP, 8)), "divss xmm10, dword ptr [rsp + 8]",
     0xF3, 0x44, 0x0F, 0x5E, 0x54, 0x24, 0x08)
CASE(x64_divsd_xmm_m64(b, X64_XMM8, MB(X64_R13, 0)), "divsd xmm8, qword ptr [r13]", 0xF2, 0x45, 0x0F, 0x5E, 0x45, 0x00)
CASE(x64_ucomiss_xmm_m32(b, X64_XMM1, MX(X64_R15, X64_RCX, 8, -8)), "ucomiss xmm1, dword ptr [r15 + rcx*8 - 8]",
     0x41, 0x0F, 0x2E, 0x4C, 0xCF, 0xF8)
CASE(x64_ucomisd_xmm_m64(b, X64_XMM12, MB(X64_RBP, -0x80)), "ucomisd xmm12, qword ptr [rbp - 0x80]",
     0x66, 0x44, 0x0F, 0x2E, 0x65, 0x80)

/* SSE bitwise with a memory mask */
CASE(x64_andps_xmm_m128(b, X64_XMM0, MB(X64_R12, 0)), "andps xmm0, xmmword ptr [r12]", 0x41, 0x0F, 0x54, 0x04, 0x24)
CASE(x64_andpd_xmm_m128(b, X64_XMM15, MX(X64_RSI, X64_R10, 2, 4)), "andpd xmm15, xmmword ptr [rsi + r10*2 + 4]",
     0x66, 0x46, 0x0F, 0x54, 0x7C, 0x56, 0x04)
CASE(x64_andnps_xmm_m128(b, X64_XMM3, MB(X64_R9, 0x10)), "andnps xmm3, xmmword ptr [r9 + 0x10]",
     0x41, 0x0F, 0x55, 0x59, 0x10)
CASE(x64_orps_xmm_m128(b, X64_XMM9, MB(X64_RAX, 0)), "orps xmm9, xmmword ptr [rax]", 0x44, 0x0F, 0x56, 0x08)
CASE(x64_xorps_xmm_m128(b, X64_XMM14, MX(X64_RBX, X64_R12, 4, 0x20)), "xorps xmm14, xmmword ptr [rbx + r12*4 + 0x20]",
     0x46, 0x0F, 0x57, 0x74, 0xA3, 0x20)
CASE(x64_xorpd_xmm_m128(b, X64_XMM2, MB(X64_R13, 0)), "xorpd xmm2, xmmword ptr [r13]",
     0x66, 0x41, 0x0F, 0x57, 0x55, 0x00)

/* SSE compares into masks, all eight predicates (capstone spells the predicate in the mnemonic) */
CASE(x64_cmpps_xmm_xmm_imm8(b, X64_XMM10, X64_XMM11, X64_FCMP_EQ), "cmpeqps xmm10, xmm11", 0x45, 0x0F, 0xC2, 0xD3, 0x00)
CASE(x64_cmpps_xmm_xmm_imm8(b, X64_XMM15, X64_XMM7, X64_FCMP_LT), "cmpltps xmm15, xmm7", 0x44, 0x0F, 0xC2, 0xFF, 0x01)
CASE(x64_cmppd_xmm_xmm_imm8(b, X64_XMM3, X64_XMM12, X64_FCMP_LE), "cmplepd xmm3, xmm12",
     0x66, 0x41, 0x0F, 0xC2, 0xDC, 0x02)
CASE(x64_cmppd_xmm_xmm_imm8(b, X64_XMM13, X64_XMM2, X64_FCMP_UNORD), "cmpunordpd xmm13, xmm2",
     0x66, 0x44, 0x0F, 0xC2, 0xEA, 0x03)
CASE(x64_cmpss_xmm_xmm_imm8(b, X64_XMM9, X64_XMM14, X64_FCMP_NEQ), "cmpneqss xmm9, xmm14",
     0xF3, 0x45, 0x0F, 0xC2, 0xCE, 0x04)
CASE(x64_cmpss_xmm_xmm_imm8(b, X64_XMM6, X64_XMM15, X64_FCMP_NLT), "cmpnltss xmm6, xmm15",
     0xF3, 0x41, 0x0F, 0xC2, 0xF7, 0x05)
CASE(x64_cmpsd_xmm_xmm_imm8(b, X64_XMM11, X64_XMM4, X64_FCMP_NLE), "cmpnlesd xmm11, xmm4",
     0xF2, 0x44, 0x0F, 0xC2, 0xDC, 0x06)
CASE(x64_cmpsd_xmm_xmm_imm8(b, X64_XMM1, X64_XMM13, X64_FCMP_ORD), "cmpordsd xmm1, xmm13",
     0xF2, 0x41, 0x0F, 0xC2, 0xCD, 0x07)

/* SSE packed float (capstone leaves blendvps/blendvpd's implicit xmm0 unprinted) */
CASE(x64_addps_xmm_xmm(b, X64_XMM8, X64_XMM1), "addps xmm8, xmm1", 0x44, 0x0F, 0x58, 0xC1)
CASE(x64_addpd_xmm_xmm(b, X64_XMM0, X64_XMM9), "addpd xmm0, xmm9", 0x66, 0x41, 0x0F, 0x58, 0xC1)
CASE(x64_subps_xmm_xmm(b, X64_XMM10, X64_XMM11), "subps xmm10, xmm11", 0x45, 0x0F, 0x5C, 0xD3)
CASE(x64_subpd_xmm_xmm(b, X64_XMM15, X64_XMM7), "subpd xmm15, xmm7", 0x66, 0x44, 0x0F, 0x5C, 0xFF)
CASE(x64_mulps_xmm_xmm(b, X64_XMM3, X64_XMM12), "mulps xmm3, xmm12", 0x41, 0x0F, 0x59, 0xDC)
CASE(x64_mulpd_xmm_xmm(b, X64_XMM13, X64_XMM2), "mulpd xmm13, xmm2", 0x66, 0x44, 0x0F, 0x59, 0xEA)
CASE(x64_divps_xmm_xmm(b, X64_XMM9, X64_XMM14), "divps xmm9, xmm14", 0x45, 0x0F, 0x5E, 0xCE)
CASE(x64_divpd_xmm_xmm(b, X64_XMM6, X64_XMM15), "divpd xmm6, xmm15", 0x66, 0x41, 0x0F, 0x5E, 0xF7)
CASE(x64_sqrtps_xmm_xmm(b, X64_XMM11, X64_XMM4), "sqrtps xmm11, xmm4", 0x44, 0x0F, 0x51, 0xDC)
CASE(x64_sqrtpd_xmm_xmm(b, X64_XMM1, X64_XMM13), "sqrtpd xmm1, xmm13", 0x66, 0x41, 0x0F, 0x51, 0xCD)
CASE(x64_minps_xmm_xmm(b, X64_XMM8, X64_XMM1), "minps xmm8, xmm1", 0x44, 0x0F, 0x5D, 0xC1)
CASE(x64_minpd_xmm_xmm(b, X64_XMM0, X64_XMM9), "minpd xmm0, xmm9", 0x66, 0x41, 0x0F, 0x5D, 0xC1)
CASE(x64_maxps_xmm_xmm(b, X64_XMM10, X64_XMM11), "maxps xmm10, xmm11", 0x45, 0x0F, 0x5F, 0xD3)
CASE(x64_maxpd_xmm_xmm(b, X64_XMM15, X64_XMM7), "maxpd xmm15, xmm7", 0x66, 0x44, 0x0F, 0x5F, 0xFF)
CASE(x64_roundps_xmm_xmm_imm8(b, X64_XMM3, X64_XMM12, X64_ROUND_FLOOR), "roundps xmm3, xmm12, 9",
     0x66, 0x41, 0x0F, 0x3A, 0x08, 0xDC, 0x09)
CASE(x64_roundpd_xmm_xmm_imm8(b, X64_XMM13, X64_XMM2, X64_ROUND_TRUNC), "roundpd xmm13, xmm2, 0xb",
     0x66, 0x44, 0x0F, 0x3A, 0x09, 0xEA, 0x0B)
CASE(x64_cvtdq2ps_xmm_xmm(b, X64_XMM9, X64_XMM14), "cvtdq2ps xmm9, xmm14", 0x45, 0x0F, 0x5B, 0xCE)
CASE(x64_cvttps2dq_xmm_xmm(b, X64_XMM6, X64_XMM15), "cvttps2dq xmm6, xmm15", 0xF3, 0x41, 0x0F, 0x5B, 0xF7)
CASE(x64_cvtps2pd_xmm_xmm(b, X64_XMM11, X64_XMM4), "cvtps2pd xmm11, xmm4", 0x44, 0x0F, 0x5A, 0xDC)
CASE(x64_cvtpd2ps_xmm_xmm(b, X64_XMM1, X64_XMM13), "cvtpd2ps xmm1, xmm13", 0x66, 0x41, 0x0F, 0x5A, 0xCD)
CASE(x64_cvtdq2pd_xmm_xmm(b, X64_XMM8, X64_XMM1), "cvtdq2pd xmm8, xmm1", 0xF3, 0x44, 0x0F, 0xE6, 0xC1)
CASE(x64_cvttpd2dq_xmm_xmm(b, X64_XMM0, X64_XMM9), "cvttpd2dq xmm0, xmm9", 0x66, 0x41, 0x0F, 0xE6, 0xC1)
CASE(x64_unpcklps_xmm_xmm(b, X64_XMM10, X64_XMM11), "unpcklps xmm10, xmm11", 0x45, 0x0F, 0x14, 0xD3)
CASE(x64_unpckhps_xmm_xmm(b, X64_XMM15, X64_XMM7), "unpckhps xmm15, xmm7", 0x44, 0x0F, 0x15, 0xFF)
CASE(x64_unpcklpd_xmm_xmm(b, X64_XMM3, X64_XMM12), "unpcklpd xmm3, xmm12", 0x66, 0x41, 0x0F, 0x14, 0xDC)
CASE(x64_unpckhpd_xmm_xmm(b, X64_XMM13, X64_XMM2), "unpckhpd xmm13, xmm2", 0x66, 0x44, 0x0F, 0x15, 0xEA)
CASE(x64_movlhps_xmm_xmm(b, X64_XMM9, X64_XMM14), "movlhps xmm9, xmm14", 0x45, 0x0F, 0x16, 0xCE)
CASE(x64_movhlps_xmm_xmm(b, X64_XMM6, X64_XMM15), "movhlps xmm6, xmm15", 0x41, 0x0F, 0x12, 0xF7)
CASE(x64_movddup_xmm_xmm(b, X64_XMM11, X64_XMM4), "movddup xmm11, xmm4", 0xF2, 0x44, 0x0F, 0x12, 0xDC)
CASE(x64_movddup_xmm_m64(b, X64_XMM10, MX(X64_R15, X64_RCX, 8, -8)), "movddup xmm10, qword ptr [r15 + rcx*8 - 8]",
     0xF2, 0x45, 0x0F, 0x12, 0x54, 0xCF, 0xF8)
CASE(x64_shufps_xmm_xmm_imm8(b, X64_XMM1, X64_XMM13, 0x1b), "shufps xmm1, xmm13, 0x1b", 0x41, 0x0F, 0xC6, 0xCD, 0x1B)
CASE(x64_shufpd_xmm_xmm_imm8(b, X64_XMM8, X64_XMM1, 3), "shufpd xmm8, xmm1, 3", 0x66, 0x44, 0x0F, 0xC6, 0xC1, 0x03)
CASE(x64_blendps_xmm_xmm_imm8(b, X64_XMM0, X64_XMM9, 0xe4), "blendps xmm0, xmm9, 0xe4",
     0x66, 0x41, 0x0F, 0x3A, 0x0C, 0xC1, 0xE4)
CASE(x64_blendpd_xmm_xmm_imm8(b, X64_XMM10, X64_XMM11, 0x4e), "blendpd xmm10, xmm11, 0x4e",
     0x66, 0x45, 0x0F, 0x3A, 0x0D, 0xD3, 0x4E)
CASE(x64_blendvps_xmm_xmm(b, X64_XMM15, X64_XMM7), "blendvps xmm15, xmm7", 0x66, 0x44, 0x0F, 0x38, 0x14, 0xFF)
CASE(x64_blendvpd_xmm_xmm(b, X64_XMM3, X64_XMM12), "blendvpd xmm3, xmm12", 0x66, 0x41, 0x0F, 0x38, 0x15, 0xDC)
CASE(x64_insertps_xmm_xmm_imm8(b, X64_XMM13, X64_XMM2, 1), "insertps xmm13, xmm2, 1",
     0x66, 0x44, 0x0F, 0x3A, 0x21, 0xEA, 0x01)

/* SSE packed integer: SSE2, SSSE3, SSE4.1, SSE4.2 (pblendvb's xmm0 is implicit too) */
CASE(x64_paddb_xmm_xmm(b, X64_XMM9, X64_XMM14), "paddb xmm9, xmm14", 0x66, 0x45, 0x0F, 0xFC, 0xCE)
CASE(x64_paddw_xmm_xmm(b, X64_XMM6, X64_XMM15), "paddw xmm6, xmm15", 0x66, 0x41, 0x0F, 0xFD, 0xF7)
CASE(x64_paddd_xmm_xmm(b, X64_XMM11, X64_XMM4), "paddd xmm11, xmm4", 0x66, 0x44, 0x0F, 0xFE, 0xDC)
CASE(x64_paddq_xmm_xmm(b, X64_XMM1, X64_XMM13), "paddq xmm1, xmm13", 0x66, 0x41, 0x0F, 0xD4, 0xCD)
CASE(x64_psubb_xmm_xmm(b, X64_XMM8, X64_XMM1), "psubb xmm8, xmm1", 0x66, 0x44, 0x0F, 0xF8, 0xC1)
CASE(x64_psubw_xmm_xmm(b, X64_XMM0, X64_XMM9), "psubw xmm0, xmm9", 0x66, 0x41, 0x0F, 0xF9, 0xC1)
CASE(x64_psubd_xmm_xmm(b, X64_XMM10, X64_XMM11), "psubd xmm10, xmm11", 0x66, 0x45, 0x0F, 0xFA, 0xD3)
CASE(x64_psubq_xmm_xmm(b, X64_XMM15, X64_XMM7), "psubq xmm15, xmm7", 0x66, 0x44, 0x0F, 0xFB, 0xFF)
CASE(x64_pmullw_xmm_xmm(b, X64_XMM3, X64_XMM12), "pmullw xmm3, xmm12", 0x66, 0x41, 0x0F, 0xD5, 0xDC)
CASE(x64_pmulld_xmm_xmm(b, X64_XMM13, X64_XMM2), "pmulld xmm13, xmm2", 0x66, 0x44, 0x0F, 0x38, 0x40, 0xEA)
CASE(x64_pmuludq_xmm_xmm(b, X64_XMM9, X64_XMM14), "pmuludq xmm9, xmm14", 0x66, 0x45, 0x0F, 0xF4, 0xCE)
CASE(x64_pmuldq_xmm_xmm(b, X64_XMM6, X64_XMM15), "pmuldq xmm6, xmm15", 0x66, 0x41, 0x0F, 0x38, 0x28, 0xF7)
CASE(x64_pmulhw_xmm_xmm(b, X64_XMM11, X64_XMM4), "pmulhw xmm11, xmm4", 0x66, 0x44, 0x0F, 0xE5, 0xDC)
CASE(x64_pmulhuw_xmm_xmm(b, X64_XMM1, X64_XMM13), "pmulhuw xmm1, xmm13", 0x66, 0x41, 0x0F, 0xE4, 0xCD)
CASE(x64_pmulhrsw_xmm_xmm(b, X64_XMM8, X64_XMM1), "pmulhrsw xmm8, xmm1", 0x66, 0x44, 0x0F, 0x38, 0x0B, 0xC1)
CASE(x64_pmaddwd_xmm_xmm(b, X64_XMM0, X64_XMM9), "pmaddwd xmm0, xmm9", 0x66, 0x41, 0x0F, 0xF5, 0xC1)
CASE(x64_pmaddubsw_xmm_xmm(b, X64_XMM10, X64_XMM11), "pmaddubsw xmm10, xmm11", 0x66, 0x45, 0x0F, 0x38, 0x04, 0xD3)
CASE(x64_psadbw_xmm_xmm(b, X64_XMM2, X64_XMM9), "psadbw xmm2, xmm9", 0x66, 0x41, 0x0F, 0xF6, 0xD1)
CASE(x64_paddsb_xmm_xmm(b, X64_XMM15, X64_XMM7), "paddsb xmm15, xmm7", 0x66, 0x44, 0x0F, 0xEC, 0xFF)
CASE(x64_paddsw_xmm_xmm(b, X64_XMM3, X64_XMM12), "paddsw xmm3, xmm12", 0x66, 0x41, 0x0F, 0xED, 0xDC)
CASE(x64_paddusb_xmm_xmm(b, X64_XMM13, X64_XMM2), "paddusb xmm13, xmm2", 0x66, 0x44, 0x0F, 0xDC, 0xEA)
CASE(x64_paddusw_xmm_xmm(b, X64_XMM9, X64_XMM14), "paddusw xmm9, xmm14", 0x66, 0x45, 0x0F, 0xDD, 0xCE)
CASE(x64_psubsb_xmm_xmm(b, X64_XMM6, X64_XMM15), "psubsb xmm6, xmm15", 0x66, 0x41, 0x0F, 0xE8, 0xF7)
CASE(x64_psubsw_xmm_xmm(b, X64_XMM11, X64_XMM4), "psubsw xmm11, xmm4", 0x66, 0x44, 0x0F, 0xE9, 0xDC)
CASE(x64_psubusb_xmm_xmm(b, X64_XMM1, X64_XMM13), "psubusb xmm1, xmm13", 0x66, 0x41, 0x0F, 0xD8, 0xCD)
CASE(x64_psubusw_xmm_xmm(b, X64_XMM8, X64_XMM1), "psubusw xmm8, xmm1", 0x66, 0x44, 0x0F, 0xD9, 0xC1)
CASE(x64_pminsb_xmm_xmm(b, X64_XMM0, X64_XMM9), "pminsb xmm0, xmm9", 0x66, 0x41, 0x0F, 0x38, 0x38, 0xC1)
CASE(x64_pminsw_xmm_xmm(b, X64_XMM10, X64_XMM11), "pminsw xmm10, xmm11", 0x66, 0x45, 0x0F, 0xEA, 0xD3)
CASE(x64_pminsd_xmm_xmm(b, X64_XMM15, X64_XMM7), "pminsd xmm15, xmm7", 0x66, 0x44, 0x0F, 0x38, 0x39, 0xFF)
CASE(x64_pminub_xmm_xmm(b, X64_XMM3, X64_XMM12), "pminub xmm3, xmm12", 0x66, 0x41, 0x0F, 0xDA, 0xDC)
CASE(x64_pminuw_xmm_xmm(b, X64_XMM13, X64_XMM2), "pminuw xmm13, xmm2", 0x66, 0x44, 0x0F, 0x38, 0x3A, 0xEA)
CASE(x64_pminud_xmm_xmm(b, X64_XMM9, X64_XMM14), "pminud xmm9, xmm14", 0x66, 0x45, 0x0F, 0x38, 0x3B, 0xCE)
CASE(x64_pmaxsb_xmm_xmm(b, X64_XMM6, X64_XMM15), "pmaxsb xmm6, xmm15", 0x66, 0x41, 0x0F, 0x38, 0x3C, 0xF7)
CASE(x64_pmaxsw_xmm_xmm(b, X64_XMM11, X64_XMM4), "pmaxsw xmm11, xmm4", 0x66, 0x44, 0x0F, 0xEE, 0xDC)
CASE(x64_pmaxsd_xmm_xmm(b, X64_XMM1, X64_XMM13), "pmaxsd xmm1, xmm13", 0x66, 0x41, 0x0F, 0x38, 0x3D, 0xCD)
CASE(x64_pmaxub_xmm_xmm(b, X64_XMM8, X64_XMM1), "pmaxub xmm8, xmm1", 0x66, 0x44, 0x0F, 0xDE, 0xC1)
CASE(x64_pmaxuw_xmm_xmm(b, X64_XMM0, X64_XMM9), "pmaxuw xmm0, xmm9", 0x66, 0x41, 0x0F, 0x38, 0x3E, 0xC1)
CASE(x64_pmaxud_xmm_xmm(b, X64_XMM10, X64_XMM11), "pmaxud xmm10, xmm11", 0x66, 0x45, 0x0F, 0x38, 0x3F, 0xD3)
CASE(x64_pavgb_xmm_xmm(b, X64_XMM15, X64_XMM7), "pavgb xmm15, xmm7", 0x66, 0x44, 0x0F, 0xE0, 0xFF)
CASE(x64_pavgw_xmm_xmm(b, X64_XMM3, X64_XMM12), "pavgw xmm3, xmm12", 0x66, 0x41, 0x0F, 0xE3, 0xDC)
CASE(x64_pabsb_xmm_xmm(b, X64_XMM13, X64_XMM2), "pabsb xmm13, xmm2", 0x66, 0x44, 0x0F, 0x38, 0x1C, 0xEA)
CASE(x64_pabsw_xmm_xmm(b, X64_XMM9, X64_XMM14), "pabsw xmm9, xmm14", 0x66, 0x45, 0x0F, 0x38, 0x1D, 0xCE)
CASE(x64_pabsd_xmm_xmm(b, X64_XMM6, X64_XMM15), "pabsd xmm6, xmm15", 0x66, 0x41, 0x0F, 0x38, 0x1E, 0xF7)
CASE(x64_pand_xmm_xmm(b, X64_XMM11, X64_XMM4), "pand xmm11, xmm4", 0x66, 0x44, 0x0F, 0xDB, 0xDC)
CASE(x64_pandn_xmm_xmm(b, X64_XMM1, X64_XMM13), "pandn xmm1, xmm13", 0x66, 0x41, 0x0F, 0xDF, 0xCD)
CASE(x64_por_xmm_xmm(b, X64_XMM8, X64_XMM1), "por xmm8, xmm1", 0x66, 0x44, 0x0F, 0xEB, 0xC1)
CASE(x64_pxor_xmm_xmm(b, X64_XMM0, X64_XMM9), "pxor xmm0, xmm9", 0x66, 0x41, 0x0F, 0xEF, 0xC1)
CASE(x64_pcmpeqb_xmm_xmm(b, X64_XMM10, X64_XMM11), "pcmpeqb xmm10, xmm11", 0x66, 0x45, 0x0F, 0x74, 0xD3)
CASE(x64_pcmpeqw_xmm_xmm(b, X64_XMM15, X64_XMM7), "pcmpeqw xmm15, xmm7", 0x66, 0x44, 0x0F, 0x75, 0xFF)
CASE(x64_pcmpeqd_xmm_xmm(b, X64_XMM3, X64_XMM12), "pcmpeqd xmm3, xmm12", 0x66, 0x41, 0x0F, 0x76, 0xDC)
CASE(x64_pcmpeqq_xmm_xmm(b, X64_XMM13, X64_XMM2), "pcmpeqq xmm13, xmm2", 0x66, 0x44, 0x0F, 0x38, 0x29, 0xEA)
CASE(x64_pcmpgtb_xmm_xmm(b, X64_XMM9, X64_XMM14), "pcmpgtb xmm9, xmm14", 0x66, 0x45, 0x0F, 0x64, 0xCE)
CASE(x64_pcmpgtw_xmm_xmm(b, X64_XMM6, X64_XMM15), "pcmpgtw xmm6, xmm15", 0x66, 0x41, 0x0F, 0x65, 0xF7)
CASE(x64_pcmpgtd_xmm_xmm(b, X64_XMM11, X64_XMM4), "pcmpgtd xmm11, xmm4", 0x66, 0x44, 0x0F, 0x66, 0xDC)
CASE(x64_pcmpgtq_xmm_xmm(b, X64_XMM1, X64_XMM13), "pcmpgtq xmm1, xmm13", 0x66, 0x41, 0x0F, 0x38, 0x37, 0xCD)
CASE(x64_ptest_xmm_xmm(b, X64_XMM8, X64_XMM1), "ptest xmm8, xmm1", 0x66, 0x44, 0x0F, 0x38, 0x17, 0xC1)
CASE(x64_pand_xmm_m128(b, X64_XMM8, MB(X64_RBP, -0x80)), "pand xmm8, xmmword ptr [rbp - 0x80]",
     0x66, 0x44, 0x0F, 0xDB, 0x45, 0x80)
CASE(x64_pandn_xmm_m128(b, X64_XMM1, MB(X64_R12, 0)), "pandn xmm1, xmmword ptr [r12]",
     0x66, 0x41, 0x0F, 0xDF, 0x0C, 0x24)
CASE(x64_por_xmm_m128(b, X64_XMM12, MX(X64_RSI, X64_R10, 2, 4)), "por xmm12, xmmword ptr [rsi + r10*2 + 4]",
     0x66, 0x46, 0x0F, 0xEB, 0x64, 0x56, 0x04)
CASE(x64_pxor_xmm_m128(b, X64_XMM0, MB(X64_R9, 0x10)), "pxor xmm0, xmmword ptr [r9 + 0x10]",
     0x66, 0x41, 0x0F, 0xEF, 0x41, 0x10)
CASE(x64_pcmpeqb_xmm_m128(b, X64_XMM15, MB(X64_RAX, 0)), "pcmpeqb xmm15, xmmword ptr [rax]",
     0x66, 0x44, 0x0F, 0x74, 0x38)
CASE(x64_paddd_xmm_m128(b, X64_XMM3, MX(X64_RBX, X64_R12, 4, 0x20)), "paddd xmm3, xmmword ptr [rbx + r12*4 + 0x20]",
     0x66, 0x42, 0x0F, 0xFE, 0x5C, 0xA3, 0x20)
CASE(x64_psubd_xmm_m128(b, X64_XMM9, MB(X64_RSP, 8)), "psubd xmm9, xmmword ptr [rsp + 8]",
     0x66, 0x44, 0x0F, 0xFA, 0x4C, 0x24, 0x08)
CASE(x64_pmulld_xmm_m128(b, X64_XMM14, MB(X64_R13, 0)), "pmulld xmm14, xmmword ptr [r13]",
     0x66, 0x45, 0x0F, 0x38, 0x40, 0x75, 0x00)
CASE(x64_pminsw_xmm_m128(b, X64_XMM2, MX(X64_R15, X64_RCX, 8, -8)), "pminsw xmm2, xmmword ptr [r15 + rcx*8 - 8]",
     0x66, 0x41, 0x0F, 0xEA, 0x54, 0xCF, 0xF8)
CASE(x64_pshufb_xmm_m128(b, X64_XMM10, MB(X64_RBP, -0x80)), "pshufb xmm10, xmmword ptr [rbp - 0x80]",
     0x66, 0x44, 0x0F, 0x38, 0x00, 0x55, 0x80)
CASE(x64_pmaddwd_xmm_m128(b, X64_XMM9, MB(X64_RSP, 8)), "pmaddwd xmm9, xmmword ptr [rsp + 8]",
     0x66, 0x44, 0x0F, 0xF5, 0x4C, 0x24, 0x08)
CASE(x64_pmaddubsw_xmm_m128(b, X64_XMM3, MB(X64_R11, 0)), "pmaddubsw xmm3, xmmword ptr [r11]",
     0x66, 0x41, 0x0F, 0x38, 0x04, 0x1B)
CASE(x64_packsswb_xmm_xmm(b, X64_XMM0, X64_XMM9), "packsswb xmm0, xmm9", 0x66, 0x41, 0x0F, 0x63, 0xC1)
CASE(x64_packssdw_xmm_xmm(b, X64_XMM10, X64_XMM11), "packssdw xmm10, xmm11", 0x66, 0x45, 0x0F, 0x6B, 0xD3)
CASE(x64_packuswb_xmm_xmm(b, X64_XMM15, X64_XMM7), "packuswb xmm15, xmm7", 0x66, 0x44, 0x0F, 0x67, 0xFF)
CASE(x64_packusdw_xmm_xmm(b, X64_XMM3, X64_XMM12), "packusdw xmm3, xmm12", 0x66, 0x41, 0x0F, 0x38, 0x2B, 0xDC)
CASE(x64_punpcklbw_xmm_xmm(b, X64_XMM13, X64_XMM2), "punpcklbw xmm13, xmm2", 0x66, 0x44, 0x0F, 0x60, 0xEA)
CASE(x64_punpcklwd_xmm_xmm(b, X64_XMM9, X64_XMM14), "punpcklwd xmm9, xmm14", 0x66, 0x45, 0x0F, 0x61, 0xCE)
CASE(x64_punpckldq_xmm_xmm(b, X64_XMM6, X64_XMM15), "punpckldq xmm6, xmm15", 0x66, 0x41, 0x0F, 0x62, 0xF7)
CASE(x64_punpcklqdq_xmm_xmm(b, X64_XMM11, X64_XMM4), "punpcklqdq xmm11, xmm4", 0x66, 0x44, 0x0F, 0x6C, 0xDC)
CASE(x64_punpckhbw_xmm_xmm(b, X64_XMM1, X64_XMM13), "punpckhbw xmm1, xmm13", 0x66, 0x41, 0x0F, 0x68, 0xCD)
CASE(x64_punpckhwd_xmm_xmm(b, X64_XMM8, X64_XMM1), "punpckhwd xmm8, xmm1", 0x66, 0x44, 0x0F, 0x69, 0xC1)
CASE(x64_punpckhdq_xmm_xmm(b, X64_XMM0, X64_XMM9), "punpckhdq xmm0, xmm9", 0x66, 0x41, 0x0F, 0x6A, 0xC1)
CASE(x64_punpckhqdq_xmm_xmm(b, X64_XMM10, X64_XMM11), "punpckhqdq xmm10, xmm11", 0x66, 0x45, 0x0F, 0x6D, 0xD3)
CASE(x64_pmovsxbw_xmm_xmm(b, X64_XMM15, X64_XMM7), "pmovsxbw xmm15, xmm7", 0x66, 0x44, 0x0F, 0x38, 0x20, 0xFF)
CASE(x64_pmovsxwd_xmm_xmm(b, X64_XMM3, X64_XMM12), "pmovsxwd xmm3, xmm12", 0x66, 0x41, 0x0F, 0x38, 0x23, 0xDC)
CASE(x64_pmovsxdq_xmm_xmm(b, X64_XMM13, X64_XMM2), "pmovsxdq xmm13, xmm2", 0x66, 0x44, 0x0F, 0x38, 0x25, 0xEA)
CASE(x64_pmovzxbw_xmm_xmm(b, X64_XMM9, X64_XMM14), "pmovzxbw xmm9, xmm14", 0x66, 0x45, 0x0F, 0x38, 0x30, 0xCE)
CASE(x64_pmovzxwd_xmm_xmm(b, X64_XMM6, X64_XMM15), "pmovzxwd xmm6, xmm15", 0x66, 0x41, 0x0F, 0x38, 0x33, 0xF7)
CASE(x64_pmovzxdq_xmm_xmm(b, X64_XMM11, X64_XMM4), "pmovzxdq xmm11, xmm4", 0x66, 0x44, 0x0F, 0x38, 0x35, 0xDC)
CASE(x64_pmovsxbw_xmm_m64(b, X64_XMM8, MB(X64_RDI, 0x1000)), "pmovsxbw xmm8, qword ptr [rdi + 0x1000]",
     0x66, 0x44, 0x0F, 0x38, 0x20, 0x87, 0x00, 0x10, 0x00, 0x00)
CASE(x64_pmovsxwd_xmm_m64(b, X64_XMM1, MB(X64_R12, 0)), "pmovsxwd xmm1, qword ptr [r12]",
     0x66, 0x41, 0x0F, 0x38, 0x23, 0x0C, 0x24)
CASE(x64_pmovsxdq_xmm_m64(b, X64_XMM12, MX(X64_RSI, X64_R10, 2, 4)), "pmovsxdq xmm12, qword ptr [rsi + r10*2 + 4]",
     0x66, 0x46, 0x0F, 0x38, 0x25, 0x64, 0x56, 0x04)
CASE(x64_pmovzxbw_xmm_m64(b, X64_XMM0, MB(X64_R9, 0x10)), "pmovzxbw xmm0, qword ptr [r9 + 0x10]",
     0x66, 0x41, 0x0F, 0x38, 0x30, 0x41, 0x10)
CASE(x64_pmovzxwd_xmm_m64(b, X64_XMM15, MB(X64_RAX, 0)), "pmovzxwd xmm15, qword ptr [rax]",
     0x66, 0x44, 0x0F, 0x38, 0x33, 0x38)
CASE(x64_pmovzxdq_xmm_m64(b, X64_XMM3, MX(X64_RBX, X64_R12, 4, 0x20)), "pmovzxdq xmm3, qword ptr [rbx + r12*4 + 0x20]",
     0x66, 0x42, 0x0F, 0x38, 0x35, 0x5C, 0xA3, 0x20)
CASE(x64_pshufb_xmm_xmm(b, X64_XMM1, X64_XMM13), "pshufb xmm1, xmm13", 0x66, 0x41, 0x0F, 0x38, 0x00, 0xCD)
CASE(x64_pshufd_xmm_xmm_imm8(b, X64_XMM8, X64_XMM1, 0xb1), "pshufd xmm8, xmm1, 0xb1",
     0x66, 0x44, 0x0F, 0x70, 0xC1, 0xB1)
CASE(x64_pshuflw_xmm_xmm_imm8(b, X64_XMM0, X64_XMM9, 7), "pshuflw xmm0, xmm9, 7", 0xF2, 0x41, 0x0F, 0x70, 0xC1, 0x07)
CASE(x64_pshufhw_xmm_xmm_imm8(b, X64_XMM10, X64_XMM11, 0x39), "pshufhw xmm10, xmm11, 0x39",
     0xF3, 0x45, 0x0F, 0x70, 0xD3, 0x39)
CASE(x64_palignr_xmm_xmm_imm8(b, X64_XMM15, X64_XMM7, 0xa5), "palignr xmm15, xmm7, 0xa5",
     0x66, 0x44, 0x0F, 0x3A, 0x0F, 0xFF, 0xA5)
CASE(x64_pblendw_xmm_xmm_imm8(b, X64_XMM3, X64_XMM12, 2), "pblendw xmm3, xmm12, 2",
     0x66, 0x41, 0x0F, 0x3A, 0x0E, 0xDC, 0x02)
CASE(x64_pblendvb_xmm_xmm(b, X64_XMM13, X64_XMM2), "pblendvb xmm13, xmm2", 0x66, 0x44, 0x0F, 0x38, 0x10, 0xEA)

/* packed shifts: by an immediate (66 0F 71-73 /digit: the register is ModRM.rm) and by an xmm */
CASE(x64_psllw_xmm_imm8(b, X64_XMM12, 0xf), "psllw xmm12, 0xf", 0x66, 0x41, 0x0F, 0x71, 0xF4, 0x0F)
CASE(x64_pslld_xmm_imm8(b, X64_XMM13, 0x1f), "pslld xmm13, 0x1f", 0x66, 0x41, 0x0F, 0x72, 0xF5, 0x1F)
CASE(x64_psllq_xmm_imm8(b, X64_XMM14, 0x3f), "psllq xmm14, 0x3f", 0x66, 0x41, 0x0F, 0x73, 0xF6, 0x3F)
CASE(x64_psrlw_xmm_imm8(b, X64_XMM15, 0xf), "psrlw xmm15, 0xf", 0x66, 0x41, 0x0F, 0x71, 0xD7, 0x0F)
CASE(x64_psrld_xmm_imm8(b, X64_XMM8, 0x1f), "psrld xmm8, 0x1f", 0x66, 0x41, 0x0F, 0x72, 0xD0, 0x1F)
CASE(x64_psrlq_xmm_imm8(b, X64_XMM9, 0x3f), "psrlq xmm9, 0x3f", 0x66, 0x41, 0x0F, 0x73, 0xD1, 0x3F)
CASE(x64_psraw_xmm_imm8(b, X64_XMM10, 0xf), "psraw xmm10, 0xf", 0x66, 0x41, 0x0F, 0x71, 0xE2, 0x0F)
CASE(x64_psrad_xmm_imm8(b, X64_XMM11, 0x1f), "psrad xmm11, 0x1f", 0x66, 0x41, 0x0F, 0x72, 0xE3, 0x1F)
CASE(x64_pslldq_xmm_imm8(b, X64_XMM12, 8), "pslldq xmm12, 8", 0x66, 0x41, 0x0F, 0x73, 0xFC, 0x08)
CASE(x64_psrldq_xmm_imm8(b, X64_XMM13, 8), "psrldq xmm13, 8", 0x66, 0x41, 0x0F, 0x73, 0xDD, 0x08)
CASE(x64_psllw_xmm_xmm(b, X64_XMM9, X64_XMM14), "psllw xmm9, xmm14", 0x66, 0x45, 0x0F, 0xF1, 0xCE)
CASE(x64_pslld_xmm_xmm(b, X64_XMM6, X64_XMM15), "pslld xmm6, xmm15", 0x66, 0x41, 0x0F, 0xF2, 0xF7)
CASE(x64_psllq_xmm_xmm(b, X64_XMM11, X64_XMM4), "psllq xmm11, xmm4", 0x66, 0x44, 0x0F, 0xF3, 0xDC)
CASE(x64_psrlw_xmm_xmm(b, X64_XMM1, X64_XMM13), "psrlw xmm1, xmm13", 0x66, 0x41, 0x0F, 0xD1, 0xCD)
CASE(x64_psrld_xmm_xmm(b, X64_XMM8, X64_XMM1), "psrld xmm8, xmm1", 0x66, 0x44, 0x0F, 0xD2, 0xC1)
CASE(x64_psrlq_xmm_xmm(b, X64_XMM0, X64_XMM9), "psrlq xmm0, xmm9", 0x66, 0x41, 0x0F, 0xD3, 0xC1)
CASE(x64_psraw_xmm_xmm(b, X64_XMM10, X64_XMM11), "psraw xmm10, xmm11", 0x66, 0x45, 0x0F, 0xE1, 0xD3)
CASE(x64_psrad_xmm_xmm(b, X64_XMM15, X64_XMM7), "psrad xmm15, xmm7", 0x66, 0x44, 0x0F, 0xE2, 0xFF)

/* lane inserts and extracts; pextrw r32 is 0F C5 (xmm in ModRM.rm), pextrw m16 the 0F 3A 15 form */
CASE(x64_pinsrb_xmm_r32_imm8(b, X64_XMM8, X64_RAX, 15), "pinsrb xmm8, eax, 0xf",
     0x66, 0x44, 0x0F, 0x3A, 0x20, 0xC0, 0x0F)
CASE(x64_pinsrw_xmm_r32_imm8(b, X64_XMM1, X64_R9, 7), "pinsrw xmm1, r9d, 7", 0x66, 0x41, 0x0F, 0xC4, 0xC9, 0x07)
CASE(x64_pinsrd_xmm_r32_imm8(b, X64_XMM12, X64_R10, 3), "pinsrd xmm12, r10d, 3",
     0x66, 0x45, 0x0F, 0x3A, 0x22, 0xE2, 0x03)
CASE(x64_pinsrq_xmm_r64_imm8(b, X64_XMM15, X64_RDX, 1), "pinsrq xmm15, rdx, 1",
     0x66, 0x4C, 0x0F, 0x3A, 0x22, 0xFA, 0x01)
CASE(x64_pinsrb_xmm_m8_imm8(b, X64_XMM9, MB(X64_RSP, 8), 9), "pinsrb xmm9, byte ptr [rsp + 8], 9",
     0x66, 0x44, 0x0F, 0x3A, 0x20, 0x4C, 0x24, 0x08, 0x09)
CASE(x64_pinsrw_xmm_m16_imm8(b, X64_XMM14, MB(X64_R13, 0), 5), "pinsrw xmm14, word ptr [r13], 5",
     0x66, 0x45, 0x0F, 0xC4, 0x75, 0x00, 0x05)
CASE(x64_pinsrd_xmm_m32_imm8(b, X64_XMM2, MX(X64_R15, X64_RCX, 8, -8), 2),
     "pinsrd xmm2, dword ptr [r15 + rcx*8 - 8], 2", 0x66, 0x41, 0x0F, 0x3A, 0x22, 0x54, 0xCF, 0xF8, 0x02)
CASE(x64_pinsrq_xmm_m64_imm8(b, X64_XMM10, MB(X64_RBP, -0x80), 1), "pinsrq xmm10, qword ptr [rbp - 0x80], 1",
     0x66, 0x4C, 0x0F, 0x3A, 0x22, 0x55, 0x80, 0x01)
CASE(x64_pextrb_r32_xmm_imm8(b, X64_R11, X64_XMM3, 15), "pextrb r11d, xmm3, 0xf",
     0x66, 0x41, 0x0F, 0x3A, 0x14, 0xDB, 0x0F)
CASE(x64_pextrw_r32_xmm_imm8(b, X64_RSI, X64_XMM9, 7), "pextrw esi, xmm9, 7", 0x66, 0x41, 0x0F, 0xC5, 0xF1, 0x07)
CASE(x64_pextrd_r32_xmm_imm8(b, X64_R13, X64_XMM0, 3), "pextrd r13d, xmm0, 3", 0x66, 0x41, 0x0F, 0x3A, 0x16, 0xC5, 0x03)
CASE(x64_pextrq_r64_xmm_imm8(b, X64_R15, X64_XMM14, 1), "pextrq r15, xmm14, 1",
     0x66, 0x4D, 0x0F, 0x3A, 0x16, 0xF7, 0x01)
CASE(x64_pextrb_m8_xmm_imm8(b, MB(X64_RDI, 0x1000), X64_XMM8, 9), "pextrb byte ptr [rdi + 0x1000], xmm8, 9",
     0x66, 0x44, 0x0F, 0x3A, 0x14, 0x87, 0x00, 0x10, 0x00, 0x00, 0x09)
CASE(x64_pextrw_m16_xmm_imm8(b, MB(X64_R12, 0), X64_XMM1, 5), "pextrw word ptr [r12], xmm1, 5",
     0x66, 0x41, 0x0F, 0x3A, 0x15, 0x0C, 0x24, 0x05)
CASE(x64_pextrd_m32_xmm_imm8(b, MX(X64_RSI, X64_R10, 2, 4), X64_XMM12, 2),
     "pextrd dword ptr [rsi + r10*2 + 4], xmm12, 2", 0x66, 0x46, 0x0F, 0x3A, 0x16, 0x64, 0x56, 0x04, 0x02)
CASE(x64_pextrq_m64_xmm_imm8(b, MB(X64_R9, 0x10), X64_XMM0, 1), "pextrq qword ptr [r9 + 0x10], xmm0, 1",
     0x66, 0x49, 0x0F, 0x3A, 0x16, 0x41, 0x10, 0x01)
CASE(x64_extractps_r32_xmm_imm8(b, X64_RAX, X64_XMM8, 2), "extractps eax, xmm8, 2",
     0x66, 0x44, 0x0F, 0x3A, 0x17, 0xC0, 0x02)
CASE(x64_pmovmskb_r32_xmm(b, X64_R9, X64_XMM1), "pmovmskb r9d, xmm1", 0x66, 0x44, 0x0F, 0xD7, 0xC9)
CASE(x64_movmskps_r32_xmm(b, X64_R10, X64_XMM12), "movmskps r10d, xmm12", 0x45, 0x0F, 0x50, 0xD4)
CASE(x64_movmskpd_r32_xmm(b, X64_RDX, X64_XMM15), "movmskpd edx, xmm15", 0x66, 0x41, 0x0F, 0x50, 0xD7)

/* AVX2 broadcasts (map 0F38: always the three-byte VEX), and AVX three-operand forms twice: once
   with the two-byte VEX, once with xmm8-15 in ModRM.rm, which needs VEX.B and so the three-byte one */
CASE(x64_vpbroadcastb_xmm_xmm(b, X64_XMM8, X64_XMM1), "vpbroadcastb xmm8, xmm1", 0xC4, 0x62, 0x79, 0x78, 0xC1)
CASE(x64_vpbroadcastb_xmm_xmm(b, X64_XMM2, X64_XMM13), "vpbroadcastb xmm2, xmm13", 0xC4, 0xC2, 0x79, 0x78, 0xD5)
CASE(x64_vpbroadcastw_xmm_xmm(b, X64_XMM8, X64_XMM1), "vpbroadcastw xmm8, xmm1", 0xC4, 0x62, 0x79, 0x79, 0xC1)
CASE(x64_vpbroadcastw_xmm_xmm(b, X64_XMM2, X64_XMM13), "vpbroadcastw xmm2, xmm13", 0xC4, 0xC2, 0x79, 0x79, 0xD5)
CASE(x64_vpbroadcastd_xmm_xmm(b, X64_XMM8, X64_XMM1), "vpbroadcastd xmm8, xmm1", 0xC4, 0x62, 0x79, 0x58, 0xC1)
CASE(x64_vpbroadcastd_xmm_xmm(b, X64_XMM2, X64_XMM13), "vpbroadcastd xmm2, xmm13", 0xC4, 0xC2, 0x79, 0x58, 0xD5)
CASE(x64_vpbroadcastq_xmm_xmm(b, X64_XMM8, X64_XMM1), "vpbroadcastq xmm8, xmm1", 0xC4, 0x62, 0x79, 0x59, 0xC1)
CASE(x64_vpbroadcastq_xmm_xmm(b, X64_XMM2, X64_XMM13), "vpbroadcastq xmm2, xmm13", 0xC4, 0xC2, 0x79, 0x59, 0xD5)
CASE(x64_vpaddd_xmm_xmm_xmm(b, X64_XMM8, X64_XMM9, X64_XMM1), "vpaddd xmm8, xmm9, xmm1", 0xC5, 0x31, 0xFE, 0xC1)
CASE(x64_vpaddd_xmm_xmm_xmm(b, X64_XMM0, X64_XMM15, X64_XMM10), "vpaddd xmm0, xmm15, xmm10",
     0xC4, 0xC1, 0x01, 0xFE, 0xC2)
CASE(x64_vpxor_xmm_xmm_xmm(b, X64_XMM8, X64_XMM9, X64_XMM1), "vpxor xmm8, xmm9, xmm1", 0xC5, 0x31, 0xEF, 0xC1)
CASE(x64_vpxor_xmm_xmm_xmm(b, X64_XMM0, X64_XMM15, X64_XMM10), "vpxor xmm0, xmm15, xmm10", 0xC4, 0xC1, 0x01, 0xEF, 0xC2)
CASE(x64_vex66_xmm_xmm_xmm(b, 0x0FD8, X64_XMM3, X64_XMM1, X64_XMM2), "vpsubusb xmm3, xmm1, xmm2", 0xC5, 0xF1, 0xD8, 0xDA)
CASE(x64_vex66_xmm_xmm_xmm(b, 0x0FF6, X64_XMM0, X64_XMM5, X64_XMM12), "vpsadbw xmm0, xmm5, xmm12", 0xC4, 0xC1, 0x51, 0xF6, 0xC4)
CASE(x64_vex66_xmm_xmm_xmm(b, 0x0F3838, X64_XMM8, X64_XMM9, X64_XMM10), "vpminsb xmm8, xmm9, xmm10", 0xC4, 0x42, 0x31,
     0x38, 0xC2)
CASE(x64_vaddps_xmm_xmm_xmm(b, X64_XMM8, X64_XMM9, X64_XMM1), "vaddps xmm8, xmm9, xmm1", 0xC5, 0x30, 0x58, 0xC1)
CASE(x64_vaddps_xmm_xmm_xmm(b, X64_XMM0, X64_XMM15, X64_XMM10), "vaddps xmm0, xmm15, xmm10",
     0xC4, 0xC1, 0x00, 0x58, 0xC2)
CASE(x64_vaddsd_xmm_xmm_xmm(b, X64_XMM8, X64_XMM9, X64_XMM1), "vaddsd xmm8, xmm9, xmm1", 0xC5, 0x33, 0x58, 0xC1)
CASE(x64_vaddss_xmm_xmm_xmm(b, X64_XMM8, X64_XMM9, X64_XMM1), "vaddss xmm8, xmm9, xmm1", 0xC5, 0x32, 0x58, 0xC1)
CASE(x64_vmulsd_xmm_xmm_xmm(b, X64_XMM0, X64_XMM15, X64_XMM10), "vmulsd xmm0, xmm15, xmm10",
     0xC4, 0xC1, 0x03, 0x59, 0xC2)
CASE(x64_vmulss_xmm_xmm_xmm(b, X64_XMM8, X64_XMM9, X64_XMM1), "vmulss xmm8, xmm9, xmm1", 0xC5, 0x32, 0x59, 0xC1)
CASE(x64_vsubss_xmm_xmm_xmm(b, X64_XMM0, X64_XMM15, X64_XMM10), "vsubss xmm0, xmm15, xmm10",
     0xC4, 0xC1, 0x02, 0x5C, 0xC2)
CASE(x64_vsubsd_xmm_xmm_xmm(b, X64_XMM2, X64_XMM3, X64_XMM4), "vsubsd xmm2, xmm3, xmm4", 0xC5, 0xE3, 0x5C, 0xD4)
CASE(x64_vdivsd_xmm_xmm_xmm(b, X64_XMM8, X64_XMM9, X64_XMM1), "vdivsd xmm8, xmm9, xmm1", 0xC5, 0x33, 0x5E, 0xC1)
CASE(x64_vdivss_xmm_xmm_xmm(b, X64_XMM2, X64_XMM3, X64_XMM4), "vdivss xmm2, xmm3, xmm4", 0xC5, 0xE2, 0x5E, 0xD4)
