# serve-p99.gp: written by the lab; `gnuplot serve-p99.gp` redraws serve-p99.png and .svg
set datafile missing 'NaN'
set key outside right top
set grid ytics
set terminal pngcairo size 1200,600 font ',10'
set output 'serve-p99.png'
set title 'serve: p99 latency against concurrency (median, min-max over rounds)'
set xlabel 'connections'
set ylabel 'ms (log scale)'
set logscale x 2
set xrange [0.666667:96]
set xtics ('1' 1, '4' 4, '16' 16, '64' 64)
set logscale y
plot 'serve-p99.dat' using 1:2:3:4 with yerrorlines title 'process', 'serve-p99.dat' using 1:5:6:7 with yerrorlines title 'crun', 'serve-p99.dat' using 1:8:9:10 with yerrorlines title 'node', 'serve-p99.dat' using 1:11:12:13 with yerrorlines title 'wasmlab'
set terminal svg size 1200,600 dynamic
set output 'serve-p99.svg'
set title 'serve: p99 latency against concurrency (median, min-max over rounds)'
set xlabel 'connections'
set ylabel 'ms (log scale)'
set logscale x 2
set xrange [0.666667:96]
set xtics ('1' 1, '4' 4, '16' 16, '64' 64)
set logscale y
plot 'serve-p99.dat' using 1:2:3:4 with yerrorlines title 'process', 'serve-p99.dat' using 1:5:6:7 with yerrorlines title 'crun', 'serve-p99.dat' using 1:8:9:10 with yerrorlines title 'node', 'serve-p99.dat' using 1:11:12:13 with yerrorlines title 'wasmlab'
