# steady.gp: written by the lab; `gnuplot steady.gp` redraws steady.png and .svg
set datafile missing 'NaN'
set key outside right top
set grid ytics
set terminal pngcairo size 1200,600 font ',10'
set output 'steady.png'
set title 'steady: whole-process wall time (median, 95% CI)'
set ylabel 'ms (log scale)'
set style data histograms
set style histogram errorbars gap 2 lw 1
set style fill solid 0.7 border -1
set boxwidth 0.9
set logscale y
set xtics rotate by -30

plot 'steady.dat' using 2:3:4:xtic(1) title 'native', 'steady.dat' using 5:6:7 title 'runc', 'steady.dat' using 8:9:10 title 'crun', 'steady.dat' using 11:12:13 title 'wasmlab-interp', 'steady.dat' using 14:15:16 title 'node-liftoff', 'steady.dat' using 17:18:19 title 'node-turbofan', 'steady.dat' using 20:21:22 title 'node'
unset arrow
set terminal svg size 1200,600 dynamic
set output 'steady.svg'
set title 'steady: whole-process wall time (median, 95% CI)'
set ylabel 'ms (log scale)'
set style data histograms
set style histogram errorbars gap 2 lw 1
set style fill solid 0.7 border -1
set boxwidth 0.9
set logscale y
set xtics rotate by -30

plot 'steady.dat' using 2:3:4:xtic(1) title 'native', 'steady.dat' using 5:6:7 title 'runc', 'steady.dat' using 8:9:10 title 'crun', 'steady.dat' using 11:12:13 title 'wasmlab-interp', 'steady.dat' using 14:15:16 title 'node-liftoff', 'steady.dat' using 17:18:19 title 'node-turbofan', 'steady.dat' using 20:21:22 title 'node'
unset arrow
