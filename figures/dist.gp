# dist.gp - the distributions figure of one long run (loaded by fig_dist_kohonen.gp,
# fig_dist_istdp.gp and fig_dist_hebb.gp, which set):
#   DEXP    the experiment (without the profile)      DNAME   the figure's name
#   DBLOCK  the plastic block: "ee" or "ei"           DLABEL  the rule, for the title
#   DTH     the theory fixed point's name in table theory (e.g. "jee_star")
#   DEXTRA  "" or the experiment of a second raster (panel i; else the input histogram)
# Panels: (a) raster of the last second (200 E and 50 I cells); (b) rates of every cell;
# (c) covariances and (d) correlations of 1000 random pairs per type (250 ms windows,
# second half); (e) the recorded weights at T/4, T/2, 3T/4 and T (table synapses);
# (f) recorded synapses and the mean weight against time, with the theory's fixed point;
# (g) mean inputs to E cells and (h) rates against time; (i) the second raster, or the
# distribution of each E cell's mean total input.
load figsrc . "/common.gp"
E = ex(DEXP)
r = values(sprintf("SELECT r.id || ' ' || r.N || ' ' || r.Ne || ' ' || r.T_ms || ' ' || coalesce((SELECT value FROM theory WHERE run_id = r.id AND name = '%s'), 'NaN') FROM runs r WHERE r.experiment = '%s' AND r.status = 'ok' ORDER BY r.id LIMIT 1", DTH, E))
@CHECK
if (words(r) < 5) { exit error sprintf("%s: no complete run of %s", DNAME, E) }
RID = int(word(r, 1)); NN = int(word(r, 2)); NE = int(word(r, 3)); TT = real(word(r, 4)); JTH = real(word(r, 5))
RASTER(id, ne) = sprintf("SELECT t_ms / 1000.0 AS t_s, neuron, neuron >= %d AS inh FROM raster WHERE run_id = %d AND (neuron < 200 OR (neuron >= %d AND neuron < %d))", ne, id, ne, ne + 50)
RA = fetch("raster.tsv", RASTER(RID, NE))
@CHECK
NEU = fetch("neurons.tsv", sprintf("SELECT pop = 'i' AS inh, rate_hz, in_e + in_i + in_x AS total FROM neurons WHERE run_id = %d", RID))
@CHECK
PA = fetch("pairs.tsv", sprintf("SELECT CASE kind WHEN 'ee' THEN 0 WHEN 'ei' THEN 1 ELSE 2 END AS k, cov, corr FROM pairs WHERE run_id = %d", RID))
@CHECK
NB = int(values(sprintf("SELECT max(bin) + 1 FROM synapses WHERE run_id = %d AND block = '%s'", RID, DBLOCK)))
array WB[4]
array WT[4]
do for [q = 1:4] {
    WB[q] = q * NB / 4 - 1
    WT[q] = fetch(sprintf("w%d.tsv", q), sprintf("SELECT j FROM synapses WHERE run_id = %d AND block = '%s' AND bin = %d", RID, DBLOCK, WB[q]))
    @CHECK
}
SY = fetch("sy.tsv", sprintf("SELECT t_ms / 1000.0 AS t_s, j FROM synapses WHERE run_id = %d AND block = '%s' AND k < 100 ORDER BY k, bin", RID, DBLOCK))
@CHECK
TC = fetch("tc.tsv", sprintf("SELECT t_ms / 1000.0 AS t_s, %s AS j, rate_e_hz, rate_i_hz, epop_input_e, epop_input_i, epop_input_x FROM timecourse WHERE run_id = %d ORDER BY bin", "j" . DBLOCK, RID))
@CHECK
if (DEXTRA ne "") {
    r2 = values(sprintf("SELECT r.id || ' ' || r.Ne || ' ' || r.N FROM runs r WHERE r.experiment = '%s' AND r.status = 'ok' ORDER BY r.id LIMIT 1", ex(DEXTRA)))
    @CHECK
    if (words(r2) < 3) { exit error sprintf("%s: no complete run of %s", DNAME, ex(DEXTRA)) }
    NE2 = int(word(r2, 2))
    RA2 = fetch("raster2.tsv", RASTER(int(word(r2, 1)), NE2))
    @CHECK
}
wrange = values(sprintf("SELECT min(j) || ' ' || max(j) FROM synapses WHERE run_id = %d AND block = '%s'", RID, DBLOCK))
WLO = real(word(wrange, 1)); WHI = real(word(wrange, 2))
WBIN = (WHI - WLO) > 0 ? (WHI - WLO) / 40 : 0.1
bin(x, w) = w * floor(x / w) + w / 2
# covariance and correlation bins: 1/40 of the 1st-99th percentile range of the pairs
prange(col) = values(sprintf("WITH v AS (SELECT %s AS x FROM pairs WHERE run_id = %d AND %s IS NOT NULL), n AS (SELECT count(*) AS n FROM v) SELECT (SELECT x FROM v ORDER BY x LIMIT 1 OFFSET (SELECT n / 100 FROM n)) || ' ' || (SELECT x FROM v ORDER BY x DESC LIMIT 1 OFFSET (SELECT n / 100 FROM n))", col, RID, col))
cr = prange("cov"); CBIN = (real(word(cr, 2)) - real(word(cr, 1))) / 40; CLO = real(word(cr, 1)); CHI = real(word(cr, 2))
rr = prange("corr"); RBIN = (real(word(rr, 2)) - real(word(rr, 1))) / 40; RLO = real(word(rr, 1)); RHI = real(word(rr, 2))
CBIN = CBIN > 0 ? CBIN : 0.01; RBIN = RBIN > 0 ? RBIN : 0.001
tr = values(sprintf("SELECT min(in_e + in_i + in_x) || ' ' || max(in_e + in_i + in_x) FROM neurons WHERE run_id = %d AND pop = 'e'", RID))
TBIN = (real(word(tr, 2)) - real(word(tr, 1))) / 40; TBIN = TBIN > 0 ? TBIN : 0.01
array wcol[4] = ["#c6dbef", "#6baed6", "#2171b5", "#08306b"]
set style fill transparent solid 0.5 noborder

do for [fmt in "png pdf"] {
    eval setterm(fmt, DNAME, 1500, 1200)
    set multiplot layout 3,3 margins 0.06, 0.98, 0.05, 0.91 spacing 0.07, 0.09 title sprintf("Distributions under %s, one run: N %d, T %g s, profile %s", DLABEL, NN, TT / 1000, profile) font ",12"
    set key inside top right font ",9"

    set title "(a) raster, last second (200 E, 50 I cells)" font ",10"
    set xlabel "time (s)"; set ylabel "neuron"
    set xrange [*:*]; set yrange [*:*]; set offsets 0, 0, 0, 0
    set xtics 0.25; set format x "%.2f"
    plot RA using "t_s":(column("inh") > 0.5 ? NaN : column("neuron")) with dots lc rgb cE title "E", \
         RA using "t_s":(column("inh") > 0.5 ? 200 + column("neuron") - NE : NaN) with dots lc rgb cI title "I"

    set xtics autofreq; set format x "%g"
    set title "(b) firing rates of every cell (second half)" font ",10"
    set xlabel "rate (Hz)"; set ylabel "cells"
    set xrange [0:*]; set yrange [0:*]; set offsets 0, 0, graph 0.05, 0
    set boxwidth 1 absolute
    plot NEU using (column("inh") == 0 ? bin(column("rate_hz"), 1) : NaN):(1) smooth frequency with boxes lc rgb cE title "E", \
         NEU using (column("inh") == 1 ? bin(column("rate_hz"), 1) : NaN):(1) smooth frequency with boxes lc rgb cI title "I"

    set title "(c) spike-count covariances, 1000 pairs per type" font ",10"
    set xlabel "covariance (counts^2; 1st-99th percentile)"; set ylabel "pairs"
    set xrange [CLO:CHI]
    set boxwidth CBIN absolute
    plot PA using (column("k") == 0 ? bin(column("cov"), CBIN) : NaN):(1) smooth frequency with boxes lc rgb cE title "EE", \
         PA using (column("k") == 1 ? bin(column("cov"), CBIN) : NaN):(1) smooth frequency with boxes lc rgb cEI title "EI", \
         PA using (column("k") == 2 ? bin(column("cov"), CBIN) : NaN):(1) smooth frequency with boxes lc rgb cI title "II"

    set title "(d) spike-count correlations" font ",10"
    set xlabel "correlation (1st-99th percentile)"
    set xrange [RLO:RHI]
    set boxwidth RBIN absolute
    plot PA using (column("k") == 0 ? bin(column("corr"), RBIN) : NaN):(1) smooth frequency with boxes lc rgb cE title "EE", \
         PA using (column("k") == 1 ? bin(column("corr"), RBIN) : NaN):(1) smooth frequency with boxes lc rgb cEI title "EI", \
         PA using (column("k") == 2 ? bin(column("corr"), RBIN) : NaN):(1) smooth frequency with boxes lc rgb cI title "II"

    set title sprintf("(e) recorded %s weights at four times", DBLOCK eq "ee" ? "E→E" : "I→E") font ",10"
    set xlabel "weight (unscaled)"; set ylabel "synapses"
    set xrange [*:*]
    set boxwidth WBIN absolute
    plot for [q = 1:4] WT[q] using (bin(column("j"), WBIN)):(1) smooth frequency with boxes lc rgb wcol[q] title sprintf("t = %g s", (WB[q] + 1) * TT / NB / 1000)

    set title "(f) recorded synapses (100) and the mean weight" font ",10"
    set xlabel "time (s)"; set ylabel "weight (unscaled)"
    set xrange [*:*]; set yrange [*:*]; set offsets 0, 0, graph 0.05, graph 0.05
    plot SY using "t_s":"j" with dots lc rgb "#aaaaaa" notitle, \
         TC using "t_s":"j" with lines lc rgb cK lw 2 title "mean", \
         JTH with lines ls 40 lw 2 title sprintf("theory fixed point %.4g", JTH)

    set title "(g) mean inputs to E cells" font ",10"
    set ylabel "input (mV/ms)"
    plot TC using "t_s":"epop_input_e" with lines lc rgb cB title "E", \
         TC using "t_s":"epop_input_i" with lines lc rgb cEI title "I", \
         TC using "t_s":"epop_input_x" with lines lc rgb cA title "X", \
         TC using "t_s":(column("epop_input_e") + column("epop_input_i") + column("epop_input_x")) with lines lc rgb cK lw 2 title "total"

    set title "(h) population rates" font ",10"
    set ylabel "rate (Hz)"
    set yrange [0:*]
    plot TC using "t_s":"rate_e_hz" with lines lc rgb cE title "E", \
         TC using "t_s":"rate_i_hz" with lines lc rgb cI title "I"

    if (DEXTRA ne "") {
        set title "(i) raster under correlated input (Kohonen, c_x 0.1), last second" font ",10"
        set xlabel "time (s)"; set ylabel "neuron"
        set xtics 0.25; set format x "%.2f"
        set yrange [*:*]; set offsets 0, 0, 0, 0
        plot RA2 using "t_s":(column("inh") > 0.5 ? NaN : column("neuron")) with dots lc rgb cE title "E", \
             RA2 using "t_s":(column("inh") > 0.5 ? 200 + column("neuron") - NE2 : NaN) with dots lc rgb cI title "I"
    } else {
        set title "(i) mean total input of each E cell (second half)" font ",10"
        set xlabel "input (mV/ms)"; set ylabel "cells"
        set xrange [*:*]; set yrange [0:*]
        set boxwidth TBIN absolute
        plot NEU using (column("inh") == 0 ? bin(column("total"), TBIN) : NaN):(1) smooth frequency with boxes lc rgb cE title "E cells"
    }
    unset multiplot
}
