# warmup-rounds-recursion.gp: written by the lab; `gnuplot warmup-rounds-recursion.gp` redraws warmup-rounds-recursion.png and .svg
set datafile missing 'NaN'
set key outside right top
set grid ytics
set terminal pngcairo size 1200,600 font ',10'
set output 'warmup-rounds-recursion.png'
set title 'warmup/recursion (small): time per round, median of 7 runs'
set xlabel 'round (log scale)'
set ylabel 'ms per round (log scale)'
set logscale y
set logscale x
set xrange [1:200]

plot 'warmup-rounds-recursion.dat' using 1:2 with lines lw 1.5 title 'native', 'warmup-rounds-recursion.dat' using 1:3 with lines lw 1.5 title 'wasmlab-interp', 'warmup-rounds-recursion.dat' using 1:4 with lines lw 1.5 title 'wasmlab-baseline', 'warmup-rounds-recursion.dat' using 1:5 with lines lw 1.5 title 'wasmlab-opt', 'warmup-rounds-recursion.dat' using 1:6 with lines lw 1.5 title 'wasmlab-tiered', 'warmup-rounds-recursion.dat' using 1:7 with lines lw 1.5 title 'wasmlab-tiered-interp-baseline', 'warmup-rounds-recursion.dat' using 1:8 with lines lw 1.5 title 'wasmlab-tiered-no-osr'
unset arrow
set terminal svg size 1200,600 dynamic
set output 'warmup-rounds-recursion.svg'
set title 'warmup/recursion (small): time per round, median of 7 runs'
set xlabel 'round (log scale)'
set ylabel 'ms per round (log scale)'
set logscale y
set logscale x
set xrange [1:200]

plot 'warmup-rounds-recursion.dat' using 1:2 with lines lw 1.5 title 'native', 'warmup-rounds-recursion.dat' using 1:3 with lines lw 1.5 title 'wasmlab-interp', 'warmup-rounds-recursion.dat' using 1:4 with lines lw 1.5 title 'wasmlab-baseline', 'warmup-rounds-recursion.dat' using 1:5 with lines lw 1.5 title 'wasmlab-opt', 'warmup-rounds-recursion.dat' using 1:6 with lines lw 1.5 title 'wasmlab-tiered', 'warmup-rounds-recursion.dat' using 1:7 with lines lw 1.5 title 'wasmlab-tiered-interp-baseline', 'warmup-rounds-recursion.dat' using 1:8 with lines lw 1.5 title 'wasmlab-tiered-no-osr'
unset arrow
