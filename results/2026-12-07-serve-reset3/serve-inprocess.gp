# serve-inprocess.gp: written by the lab; `gnuplot serve-inprocess.gp` redraws serve-inprocess.png and .svg
set datafile missing 'NaN'
set key outside right top
set grid ytics
set terminal pngcairo size 1200,600 font ',10'
set output 'serve-inprocess.png'
set title 'in-process acquire+release per request against memory size (median, p10-p90)'
set xlabel 'MiB of linear memory'
set ylabel 'µs per request (log scale)'
set logscale x 2
set xrange [0.75:384]
set xtics ('1.125' 1.125, '16' 16, '64' 64, '256' 256)
set logscale y
plot 'serve-inprocess.dat' using 1:2:3:4 with yerrorlines title 'cow', 'serve-inprocess.dat' using 1:5:6:7 with yerrorlines title 'copy'
set terminal svg size 1200,600 dynamic
set output 'serve-inprocess.svg'
set title 'in-process acquire+release per request against memory size (median, p10-p90)'
set xlabel 'MiB of linear memory'
set ylabel 'µs per request (log scale)'
set logscale x 2
set xrange [0.75:384]
set xtics ('1.125' 1.125, '16' 16, '64' 64, '256' 256)
set logscale y
plot 'serve-inprocess.dat' using 1:2:3:4 with yerrorlines title 'cow', 'serve-inprocess.dat' using 1:5:6:7 with yerrorlines title 'copy'
