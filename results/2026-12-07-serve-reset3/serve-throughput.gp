# serve-throughput.gp: written by the lab; `gnuplot serve-throughput.gp` redraws serve-throughput.png and .svg
set datafile missing 'NaN'
set key outside right top
set grid ytics
set terminal pngcairo size 1200,600 font ',10'
set output 'serve-throughput.png'
set title 'serve: requests/s against concurrency (median, min-max over rounds)'
set xlabel 'connections'
set ylabel 'requests/s (log scale)'
set logscale x 2
set xrange [0.666667:96]
set xtics ('1' 1, '4' 4, '16' 16, '64' 64)
set logscale y
plot 'serve-throughput.dat' using 1:2:3:4 with yerrorlines title 'process', 'serve-throughput.dat' using 1:5:6:7 with yerrorlines title 'crun', 'serve-throughput.dat' using 1:8:9:10 with yerrorlines title 'node', 'serve-throughput.dat' using 1:11:12:13 with yerrorlines title 'wasmlab'
set terminal svg size 1200,600 dynamic
set output 'serve-throughput.svg'
set title 'serve: requests/s against concurrency (median, min-max over rounds)'
set xlabel 'connections'
set ylabel 'requests/s (log scale)'
set logscale x 2
set xrange [0.666667:96]
set xtics ('1' 1, '4' 4, '16' 16, '64' 64)
set logscale y
plot 'serve-throughput.dat' using 1:2:3:4 with yerrorlines title 'process', 'serve-throughput.dat' using 1:5:6:7 with yerrorlines title 'crun', 'serve-throughput.dat' using 1:8:9:10 with yerrorlines title 'node', 'serve-throughput.dat' using 1:11:12:13 with yerrorlines title 'wasmlab'
