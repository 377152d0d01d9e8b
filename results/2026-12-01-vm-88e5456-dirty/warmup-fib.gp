# warmup-fib.gp: written by the lab; `gnuplot warmup-fib.gp` redraws warmup-fib.png and .svg
set datafile missing 'NaN'
set key outside right top
set grid ytics
set terminal pngcairo size 1200,600 font ',10'
set output 'warmup-fib.png'
set title 'compute/fib: in-process time per iteration'
set xlabel 'iteration'
set ylabel 'ms per iteration'
set yrange [0:*]
set arrow from 2.5, graph 0 to 2.5, graph 1 nohead dt 3
plot 'warmup-fib.dat' using 1:2 with linespoints title 'wasmlab-interp'
unset arrow
set terminal svg size 1200,600 dynamic
set output 'warmup-fib.svg'
set title 'compute/fib: in-process time per iteration'
set xlabel 'iteration'
set ylabel 'ms per iteration'
set yrange [0:*]
set arrow from 2.5, graph 0 to 2.5, graph 1 nohead dt 3
plot 'warmup-fib.dat' using 1:2 with linespoints title 'wasmlab-interp'
unset arrow
