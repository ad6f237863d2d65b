# fig_initjei_corr - iSTDP on I->E (R4) under correlated input (cx = 0.1) from many
# initial I->E weights on one network per N (shared+ seeding); paper/model.md section 7,
# initjei_corr.  One panel per N:
#   points   the final mean weight jei_final (filled) and its second-half time average
#            jei_mean (open), against the initial weight;
#   lines    the plain mean-field fixed point jei_star and its input-correlation
#            correction jei_star_cx (both the same for every start: flat), and the
#            corrected manifold theory solved per run from the run's own measured mean
#            inputs (jei_star_manifold, and jei_star_manifold_cx with the correlation
#            term); dotted grey: final = initial (no learning).
load figsrc . "/common.gp"
E = ex("initjei_corr")
Ns = values(sprintf("SELECT DISTINCT N FROM runs WHERE experiment = '%s' AND status = 'ok' ORDER BY N", E))
@CHECK
N1 = int(word(Ns, 1)); N2 = int(word(Ns, words(Ns)))
SIMS = "jei_final jei_mean"
THS = "jei_star jei_star_cx jei_star_manifold jei_star_manifold_cx"
D1 = fetch("d1.tsv", points_sql(E, "jei", where_param(E, "N", N1), SIMS, THS))
@CHECK
D2 = fetch("d2.tsv", points_sql(E, "jei", where_param(E, "N", N2), SIMS, THS))
@CHECK
stats D1 using "x" nooutput
jlo = STATS_min; jhi = STATS_max

do for [fmt in "png pdf"] {
    eval setterm(fmt, "fig_initjei_corr", 1400, 560)
    set multiplot layout 1,2 title sprintf("Initial-weight sweep, inhibitory STDP on I→E under correlated input (c_x = 0.1), profile %s\n%s", profile, se_note(1)) font ",12"
    set xlabel "initial mean I→E weight j_{EI}(0) (unscaled)"
    set ylabel "mean I→E weight j_{EI} (unscaled, j = J √N)"
    set xrange [jlo - 10:jhi + 10]
    do for [k = 1:2] {
        F = k == 1 ? D1 : D2
        set title sprintf("(%s) N = %d", k == 1 ? "a" : "b", k == 1 ? N1 : N2)
        set yrange [*:*]; set offsets 0, 0, graph 0.05, graph 0.05
        plot F using "x":"jei_final" with points ls 2 title "simulation, final", \
             F using "x":"jei_mean" with points lc rgb cI pt 4 ps 1.3 title "simulation, second-half mean", \
             F using "x":"t_jei_star" with lines lc rgb cK lw 2 title "plain theory j_{EI}^*", \
             F using "x":"t_jei_star_cx" with lines lc rgb cK lw 1.5 dt 4 title "plain, input-correlation term", \
             F using "x":"t_jei_star_manifold" with linespoints lc rgb cB lw 2 pt 1 ps 0.8 title "corrected (manifold) theory", \
             F using "x":"t_jei_star_manifold_cx" with linespoints lc rgb cB lw 1.5 dt 4 pt 2 ps 0.8 title "corrected, input-correlation term", \
             F using "x":"x" with lines ls 40 noautoscale title "final = initial"
    }
    unset multiplot
}
