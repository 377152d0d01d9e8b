# steady-ratios.gp: written by the lab; `gnuplot steady-ratios.gp` redraws steady-ratios.png and .svg
set datafile missing 'NaN'
set key outside right top
set grid ytics
set terminal pngcairo size 1200,600 font ',10'
set output 'steady-ratios.png'
set title 'steady state: time / native (median, conservative 95% CI)'
set ylabel 'x native (log scale)'
set style data histograms
set style histogram errorbars gap 2 lw 1
set style fill solid 0.7 border -1
set boxwidth 0.9
set logscale y
set xtics rotate by -30
set arrow from graph 0, first 1 to graph 1, first 1 nohead dt 2
plot 'steady-ratios.dat' using 2:3:4:xtic(1) title 'runc', 'steady-ratios.dat' using 5:6:7 title 'crun', 'steady-ratios.dat' using 8:9:10 title 'wasmlab-interp', 'steady-ratios.dat' using 11:12:13 title 'node-liftoff', 'steady-ratios.dat' using 14:15:16 title 'node-turbofan', 'steady-ratios.dat' using 17:18:19 title 'node', 'steady-ratios.dat' using 20:21:22 title 'wasmlab-interp (in-process)'
unset arrow
set terminal svg size 1200,600 dynamic
set output 'steady-ratios.svg'
set title 'steady state: time / native (median, conservative 95% CI)'
set ylabel 'x native (log scale)'
set style data histograms
set style histogram errorbars gap 2 lw 1
set style fill solid 0.7 border -1
set boxwidth 0.9
set logscale y
set xtics rotate by -30
set arrow from graph 0, first 1 to graph 1, first 1 nohead dt 2
plot 'steady-ratios.dat' using 2:3:4:xtic(1) title 'runc', 'steady-ratios.dat' using 5:6:7 title 'crun', 'steady-ratios.dat' using 8:9:10 title 'wasmlab-interp', 'steady-ratios.dat' using 11:12:13 title 'node-liftoff', 'steady-ratios.dat' using 14:15:16 title 'node-turbofan', 'steady-ratios.dat' using 17:18:19 title 'node', 'steady-ratios.dat' using 20:21:22 title 'wasmlab-interp (in-process)'
unset arrow
