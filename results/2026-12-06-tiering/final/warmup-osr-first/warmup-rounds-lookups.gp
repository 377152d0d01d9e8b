# warmup-rounds-lookups.gp: written by the lab; `gnuplot warmup-rounds-lookups.gp` redraws warmup-rounds-lookups.png and .svg
set datafile missing 'NaN'
set key outside right top
set grid ytics
set terminal pngcairo size 1200,600 font ',10'
set output 'warmup-rounds-lookups.png'
set title 'warmup/lookups (small): time per round, median of 7 runs'
set xlabel 'round (log scale)'
set ylabel 'ms per round (log scale)'
set logscale y
set logscale x
set xrange [1:200]

plot 'warmup-rounds-lookups.dat' using 1:2 with lines lw 1.5 title 'native', 'warmup-rounds-lookups.dat' using 1:3 with lines lw 1.5 title 'wasmlab-interp', 'warmup-rounds-lookups.dat' using 1:4 with lines lw 1.5 title 'wasmlab-baseline', 'warmup-rounds-lookups.dat' using 1:5 with lines lw 1.5 title 'wasmlab-opt', 'warmup-rounds-lookups.dat' using 1:6 with lines lw 1.5 title 'wasmlab-tiered', 'warmup-rounds-lookups.dat' using 1:7 with lines lw 1.5 title 'wasmlab-tiered-interp-baseline', 'warmup-rounds-lookups.dat' using 1:8 with lines lw 1.5 title 'wasmlab-tiered-no-osr'
unset arrow
set terminal svg size 1200,600 dynamic
set output 'warmup-rounds-lookups.svg'
set title 'warmup/lookups (small): time per round, median of 7 runs'
set xlabel 'round (log scale)'
set ylabel 'ms per round (log scale)'
set logscale y
set logscale x
set xrange [1:200]

plot 'warmup-rounds-lookups.dat' using 1:2 with lines lw 1.5 title 'native', 'warmup-rounds-lookups.dat' using 1:3 with lines lw 1.5 title 'wasmlab-interp', 'warmup-rounds-lookups.dat' using 1:4 with lines lw 1.5 title 'wasmlab-baseline', 'warmup-rounds-lookups.dat' using 1:5 with lines lw 1.5 title 'wasmlab-opt', 'warmup-rounds-lookups.dat' using 1:6 with lines lw 1.5 title 'wasmlab-tiered', 'warmup-rounds-lookups.dat' using 1:7 with lines lw 1.5 title 'wasmlab-tiered-interp-baseline', 'warmup-rounds-lookups.dat' using 1:8 with lines lw 1.5 title 'wasmlab-tiered-no-osr'
unset arrow
