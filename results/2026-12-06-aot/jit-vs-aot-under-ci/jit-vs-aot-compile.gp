# jit-vs-aot-compile.gp: written by the lab; `gnuplot jit-vs-aot-compile.gp` redraws jit-vs-aot-compile.png and .svg
set datafile missing 'NaN'
set key outside right top
set grid ytics
set terminal pngcairo size 1200,600 font ',10'
set output 'jit-vs-aot-compile.png'
set title 'compile time per configuration'
set ylabel 'ms (log scale)'
set style data histograms
set style histogram errorbars gap 2 lw 1
set style fill solid 0.7 border -1
set boxwidth 0.9
set logscale y
set xtics rotate by -30

plot 'jit-vs-aot-compile.dat' using 2:3:4:xtic(1) title 'wasmlab-tiered', 'jit-vs-aot-compile.dat' using 5:6:7 title 'wasmlab-interp', 'jit-vs-aot-compile.dat' using 8:9:10 title 'wasmlab-baseline', 'jit-vs-aot-compile.dat' using 11:12:13 title 'wasmlab-opt', 'jit-vs-aot-compile.dat' using 14:15:16 title 'wasmlab-aot', 'jit-vs-aot-compile.dat' using 17:18:19 title 'wasmlab-aot-baseline'
unset arrow
set terminal svg size 1200,600 dynamic
set output 'jit-vs-aot-compile.svg'
set title 'compile time per configuration'
set ylabel 'ms (log scale)'
set style data histograms
set style histogram errorbars gap 2 lw 1
set style fill solid 0.7 border -1
set boxwidth 0.9
set logscale y
set xtics rotate by -30

plot 'jit-vs-aot-compile.dat' using 2:3:4:xtic(1) title 'wasmlab-tiered', 'jit-vs-aot-compile.dat' using 5:6:7 title 'wasmlab-interp', 'jit-vs-aot-compile.dat' using 8:9:10 title 'wasmlab-baseline', 'jit-vs-aot-compile.dat' using 11:12:13 title 'wasmlab-opt', 'jit-vs-aot-compile.dat' using 14:15:16 title 'wasmlab-aot', 'jit-vs-aot-compile.dat' using 17:18:19 title 'wasmlab-aot-baseline'
unset arrow
