# coldstart.gp: written by the lab; `gnuplot coldstart.gp` redraws coldstart.png and .svg
set datafile missing 'NaN'
set key outside right top
set grid ytics
set terminal pngcairo size 1200,600 font ',10'
set output 'coldstart.png'
set title 'coldstart: whole-process wall time (median, 95% CI)'
set ylabel 'ms (log scale)'
set style data histograms
set style histogram errorbars gap 2 lw 1
set style fill solid 0.7 border -1
set boxwidth 0.9
set logscale y
set xtics rotate by -30

plot 'coldstart.dat' using 2:3:4:xtic(1) title 'native', 'coldstart.dat' using 5:6:7 title 'runc', 'coldstart.dat' using 8:9:10 title 'crun', 'coldstart.dat' using 11:12:13 title 'wasmlab-interp', 'coldstart.dat' using 14:15:16 title 'node-liftoff', 'coldstart.dat' using 17:18:19 title 'node-turbofan', 'coldstart.dat' using 20:21:22 title 'node'
unset arrow
set terminal svg size 1200,600 dynamic
set output 'coldstart.svg'
set title 'coldstart: whole-process wall time (median, 95% CI)'
set ylabel 'ms (log scale)'
set style data histograms
set style histogram errorbars gap 2 lw 1
set style fill solid 0.7 border -1
set boxwidth 0.9
set logscale y
set xtics rotate by -30

plot 'coldstart.dat' using 2:3:4:xtic(1) title 'native', 'coldstart.dat' using 5:6:7 title 'runc', 'coldstart.dat' using 8:9:10 title 'crun', 'coldstart.dat' using 11:12:13 title 'wasmlab-interp', 'coldstart.dat' using 14:15:16 title 'node-liftoff', 'coldstart.dat' using 17:18:19 title 'node-turbofan', 'coldstart.dat' using 20:21:22 title 'node'
unset arrow
