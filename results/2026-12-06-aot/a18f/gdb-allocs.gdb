set pagination off
break malloc
commands
silent
printf "malloc %lu\n", $rdi
bt 3
cont
end
break calloc
commands
silent
printf "calloc %lu %lu\n", $rdi, $rsi
bt 3
cont
end
break realloc
commands
silent
printf "realloc %lu\n", $rsi
bt 3
cont
end
run
