# jit-vs-aot.gp: written by the lab; `gnuplot jit-vs-aot.gp` redraws jit-vs-aot.png and .svg
set datafile missing 'NaN'
set key outside right top
set grid ytics
set terminal pngcairo size 1200,600 font ',10'
set output 'jit-vs-aot.png'
set title 'jit-vs-aot: whole-process wall time (median, 95% CI)'
set ylabel 'ms (log scale)'
set style data histograms
set style histogram errorbars gap 2 lw 1
set style fill solid 0.7 border -1
set boxwidth 0.9
set logscale y
set xtics rotate by -30

plot 'jit-vs-aot.dat' using 2:3:4:xtic(1) title 'native', 'jit-vs-aot.dat' using 5:6:7 title 'wasmlab-tiered', 'jit-vs-aot.dat' using 8:9:10 title 'wasmlab-interp', 'jit-vs-aot.dat' using 11:12:13 title 'wasmlab-baseline', 'jit-vs-aot.dat' using 14:15:16 title 'wasmlab-opt', 'jit-vs-aot.dat' using 17:18:19 title 'wasmlab-aot', 'jit-vs-aot.dat' using 20:21:22 title 'wasmlab-aot-baseline'
unset arrow
set terminal svg size 1200,600 dynamic
set output 'jit-vs-aot.svg'
set title 'jit-vs-aot: whole-process wall time (median, 95% CI)'
set ylabel 'ms (log scale)'
set style data histograms
set style histogram errorbars gap 2 lw 1
set style fill solid 0.7 border -1
set boxwidth 0.9
set logscale y
set xtics rotate by -30

plot 'jit-vs-aot.dat' using 2:3:4:xtic(1) title 'native', 'jit-vs-aot.dat' using 5:6:7 title 'wasmlab-tiered', 'jit-vs-aot.dat' using 8:9:10 title 'wasmlab-interp', 'jit-vs-aot.dat' using 11:12:13 title 'wasmlab-baseline', 'jit-vs-aot.dat' using 14:15:16 title 'wasmlab-opt', 'jit-vs-aot.dat' using 17:18:19 title 'wasmlab-aot', 'jit-vs-aot.dat' using 20:21:22 title 'wasmlab-aot-baseline'
unset arrow
