# fig_hebb_variants - the Hebbian rules on E->E side by side (experiment hebb_variants:
# one network, from jee 25, jei -150, cx 0): "classic" additive without bounds (R2, runs
# away), additive with hard bounds [0, 50] (R2) and the soft bound (R1, jmax 30).  Columns:
# the three variants.  Rows: (1) the distribution of the final E->E weights (a sample of
# n_weight_samples synapses, table weights); (2) the recorded individual synapses (dots,
# table synapses) and the mean weight (line); (3) the E and I rates and the mean inputs
# to E cells (E, I, X and total; mV/ms) against time.  A run that ran away is drawn up to
# where it was stopped (status diverged).
load figsrc . "/common.gp"
E = ex("hebb_variants")
array P[3] = ["classic", "hard", "soft"]
array PL[3] = ["additive, no bounds (classic)", "additive, hard bounds [0, 50]", "soft bound, j_{max} 30"]
array RID[3]
array ST[3]
array INFO[3]
array TC[3]
array SY[3]
array WF[3]
array BW[3]
do for [k = 1:3] {
    r = values(sprintf("SELECT r.id || ' ' || r.status || ' ' || (SELECT value FROM params WHERE run_id = r.id AND key = 'eta_ee') || ' ' || r.N || ' ' || (SELECT value FROM metrics WHERE run_id = r.id AND name = 't_end_ms') FROM runs r WHERE r.experiment = '%s' AND r.point = '%s' AND r.status IN ('ok', 'diverged') ORDER BY r.id LIMIT 1", E, P[k]))
    @CHECK
    if (words(r) < 5) { exit error sprintf("fig_hebb_variants: no complete run of %s point %s", E, P[k]) }
    RID[k] = word(r, 1); ST[k] = word(r, 2)
    INFO[k] = sprintf("η %.3g, N %s%s", real(word(r, 3)), word(r, 4), ST[k] eq "diverged" ? sprintf(": ran away at %.3g s (stored as diverged)", real(word(r, 5)) / 1000) : "")
    TC[k] = fetch(sprintf("tc%d.tsv", k), sprintf("SELECT t_ms / 1000.0 AS t_s, jee, rate_e_hz, rate_i_hz, epop_input_e, epop_input_i, epop_input_x FROM timecourse WHERE run_id = %d ORDER BY bin", int(real(RID[k]))))
    @CHECK
    SY[k] = fetch(sprintf("sy%d.tsv", k), sprintf("SELECT t_ms / 1000.0 AS t_s, j FROM synapses WHERE run_id = %d AND block = 'ee' AND k < 200 ORDER BY k, bin", int(real(RID[k]))))
    @CHECK
    WF[k] = fetch(sprintf("wf%d.tsv", k), sprintf("SELECT j FROM weights WHERE run_id = %d AND block = 'ee'", int(real(RID[k]))))
    @CHECK
    # histogram bin width: 1/40 of the sample's range (at least 0.05)
    rng = values(sprintf("SELECT max(j) - min(j) FROM weights WHERE run_id = %d AND block = 'ee'", int(real(RID[k]))))
    BW[k] = real(rng) > 2 ? real(rng) / 40 : 0.05
}
bin(x, w) = w * floor(x / w) + w / 2

do for [fmt in "png pdf"] {
    eval setterm(fmt, "fig_hebb_variants", 1500, 1100)
    set multiplot layout 3,3 margins 0.05, 0.95, 0.06, 0.90 spacing 0.09, 0.09 title sprintf("Hebbian rules on E→E side by side, one network, from j_{ee} 25, j_{ei} -150, profile %s", profile) font ",12"
    do for [k = 1:3] {
        set title sprintf("(%s) %s\nfinal weights; %s", k == 1 ? "a" : k == 2 ? "b" : "c", PL[k], INFO[k]) font ",10"
        set xlabel "final j_{ee} (unscaled)"
        set ylabel "fraction of synapses"
        set xrange [*:*]; set yrange [0:*]; set offsets 0, 0, graph 0.05, 0
        set style fill solid 0.6 noborder
        set format x "%.3g"
        set key inside top right font ",9"
        n = int(values(sprintf("SELECT count(*) FROM weights WHERE run_id = %d AND block = 'ee'", int(real(RID[k])))))
        plot WF[k] using (bin(column("j"), BW[k])):(1.0 / n) smooth frequency with boxes lc rgb cE title sprintf("%d sampled synapses", n)
    }
    do for [k = 1:3] {
        set title sprintf("(%s) weights against time", k == 1 ? "d" : k == 2 ? "e" : "f") font ",10"
        set format x "%g"
        set xlabel "time (s)"
        set ylabel "j_{ee} (unscaled)"
        set xrange [*:*]; set yrange [*:*]; set offsets 0, 0, graph 0.05, graph 0.05
        plot SY[k] using "t_s":"j" with dots lc rgb "#aaaaaa" title "200 recorded synapses", \
             TC[k] using "t_s":"jee" with lines lc rgb cE lw 2 title "mean"
    }
    do for [k = 1:3] {
        set title sprintf("(%s) rates (left axis, Hz) and mean inputs to E cells (right, mV/ms)", k == 1 ? "g" : k == 2 ? "h" : "i") font ",10"
        set xlabel "time (s)"
        set ylabel "rate (Hz)"
        set y2tics; set ytics nomirror
        set yrange [0:*]; set y2range [*:*]; set offsets 0, 0, graph 0.05, graph 0.05
        set key inside top left font ",8" maxrows 3
        plot TC[k] using "t_s":"rate_e_hz" with lines lc rgb cE lw 1.5 title "E rate", \
             TC[k] using "t_s":"rate_i_hz" with lines lc rgb cI lw 1.5 title "I rate", \
             TC[k] using "t_s":"epop_input_e" axes x1y2 with lines lc rgb cB lw 1 title "input E", \
             TC[k] using "t_s":"epop_input_i" axes x1y2 with lines lc rgb cEI lw 1 title "input I", \
             TC[k] using "t_s":"epop_input_x" axes x1y2 with lines lc rgb cA lw 1 title "input X", \
             TC[k] using "t_s":(column("epop_input_e") + column("epop_input_i") + column("epop_input_x")) axes x1y2 with lines lc rgb cK lw 1.5 title "total"
        unset y2tics; set ytics mirror
    }
    unset multiplot
}
