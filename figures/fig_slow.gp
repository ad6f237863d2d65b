# fig_slow - slow learning is required (experiments slow_kohonen, slow_istdp, slow_hebb:
# one network per rule, one run per learning rate).  Top: the final mean weight (the
# second-half mean) against eta, with the theory's fixed point and its 5 % band; runs
# that ran away (stored as diverged) are marked at the top.  Bottom: the second-half
# rates with the theory at the fixed point.
load figsrc . "/common.gp"
array EXP[3] = ["slow_kohonen", "slow_istdp", "slow_hebb"]
array LBL[3] = ["Kohonen (R3) on E→E", "iSTDP (R4) on I→E", "soft-bound Hebbian (R1) on E→E"]
array W[3] = ["jee", "jei", "jee"]
array D[3]
array DV[3]
array NDIV[3]
do for [k = 1:3] {
    E = ex(EXP[k])
    D[k] = fetch(sprintf("d%d.tsv", k), points_sql(E, sprintf("eta_%s", k == 2 ? "ei" : "ee"), "", sprintf("%s_mean rate_e_hz rate_i_hz", W[k]), sprintf("%s_star rate_e_hz rate_i_hz", W[k])))
    @CHECK
    DV[k] = fetch(sprintf("dv%d.tsv", k), sprintf("SELECT p.value AS eta FROM runs r JOIN params p ON p.run_id = r.id AND p.key = '%s' WHERE r.experiment = '%s' AND r.status = 'diverged'", k == 2 ? "eta_ei" : "eta_ee", E))
    @CHECK
    NDIV[k] = int(values(sprintf("SELECT count(*) FROM runs WHERE experiment = '%s' AND status = 'diverged'", E)))
}

do for [fmt in "png pdf"] {
    eval setterm(fmt, "fig_slow", 1500, 900)
    set multiplot layout 2,3 margins 0.06, 0.98, 0.08, 0.88 spacing 0.07, 0.12 title sprintf("Slow learning is required: final weights and rates against the learning rate, one network per rule, profile %s\npoints: simulation (one run per η); lines: the mean-field fixed point (dashed: ±5 %%); crosses at the top: runs that ran away", profile) font ",12"
    set logscale x
    set xrange [5e-5:2]
    set format x "10^{%L}"
    set xlabel "learning rate η"
    set key inside bottom left font ",9"
    set y2range [0:1]; unset y2tics
    do for [k = 1:3] {
        set title sprintf("(%s) %s: mean weight", k == 1 ? "a" : k == 2 ? "b" : "c", LBL[k]) font ",10"
        set ylabel sprintf("mean weight j_{%s} (unscaled)", k == 2 ? "EI" : "EE")
        set yrange [*:*]; set offsets 0, 0, graph 0.12, graph 0.05
        wm = W[k] . "_mean"; ws = "t_" . W[k] . "_star"
        if (NDIV[k] > 0) {
            plot D[k] using "x":ws with lines lc rgb cK lw 2 title "theory", \
                 D[k] using "x":(column(ws) * 1.05) with lines lc rgb "#999999" dt 2 notitle, \
                 D[k] using "x":(column(ws) * 0.95) with lines lc rgb "#999999" dt 2 notitle, \
                 D[k] using "x":wm with linespoints ls (k == 2 ? 3 : 1) title "simulation", \
                 DV[k] using "eta":(0.93) with points pt 2 ps 1.5 lw 2 lc rgb cK axes x1y2 title "ran away"
        } else {
            plot D[k] using "x":ws with lines lc rgb cK lw 2 title "theory", \
                 D[k] using "x":(column(ws) * 1.05) with lines lc rgb "#999999" dt 2 notitle, \
                 D[k] using "x":(column(ws) * 0.95) with lines lc rgb "#999999" dt 2 notitle, \
                 D[k] using "x":wm with linespoints ls (k == 2 ? 3 : 1) title "simulation"
        }
    }
    do for [k = 1:3] {
        set title sprintf("(%s) %s: rates (second half)", k == 1 ? "d" : k == 2 ? "e" : "f", LBL[k]) font ",10"
        set ylabel "rate (Hz)"
        set yrange [0:*]; set offsets 0, 0, graph 0.05, 0
        plot D[k] using "x":"rate_e_hz" with linespoints ls 1 title "E", \
             D[k] using "x":"rate_i_hz" with linespoints ls 2 title "I", \
             D[k] using "x":"t_rate_e_hz" with lines ls 11 title "E, theory", \
             D[k] using "x":"t_rate_i_hz" with lines ls 12 title "I, theory"
    }
    unset multiplot
}
