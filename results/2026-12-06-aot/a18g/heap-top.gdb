# heap-top.gdb: where malloc's top chunk starts at exit (the end of the heap a run used) and the
# heap's mapping; gdb runs without address randomisation, so the break starts at a page boundary.
#   gdb -batch -x heap-top.gdb --args ./wasmlab run hello.cwasm
set pagination off
break _exit
run
printf "top %p\n", *(void**)((char*)&main_arena+0x60)
info proc mappings
