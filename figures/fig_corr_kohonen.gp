# fig_corr_kohonen - input-correlation sweep under Kohonen plasticity on E->E (R3, b = 2,
# from (jee, jei) = (5, -100), eta 0.25), one run per cx at a small and a large N (one
# network per N, shared across cx); paper/model.md section 7, corr_kohonen.
#   (a) the mean E->E weight against cx with the plain fixed point jee_star (independent
#       of cx) and the input-correlation-corrected one jee_star_cx;
#   (b) second-half rates with the theory at the plain and the corrected fixed point;
#   (c), (d) mean covariances of distinct pairs at each cx (stored per cx, unlike the
#       original), with the theory C = Tw s v v^T at the plain fixed point (s = cx rx for
#       cx > 0, rx/Nx at cx = 0: the originals' input term).
load figsrc . "/common.gp"
E = ex("corr_kohonen")
Ns = values(sprintf("SELECT DISTINCT N FROM runs WHERE experiment = '%s' AND status = 'ok' ORDER BY N", E))
@CHECK
N1 = int(word(Ns, 1)); N2 = int(word(Ns, words(Ns)))
SIMS = "rate_e_hz rate_i_hz jee_mean cov_ee cov_ei cov_ii"
THS = "rate_e_hz rate_i_hz rate_e_cx_hz rate_i_cx_hz jee_star jee_star_cx cov_ee cov_ei cov_ii"
D1 = fetch("d1.tsv", points_sql(E, "cx", where_param(E, "N", N1), SIMS, THS))
@CHECK
D2 = fetch("d2.tsv", points_sql(E, "cx", where_param(E, "N", N2), SIMS, THS))
@CHECK

do for [fmt in "png pdf"] {
    eval setterm(fmt, "fig_corr_kohonen", 1400, 950)
    set multiplot layout 2,2 title sprintf("Input-correlation sweep, Kohonen rule on E→E (b = 2), N = %d (circles) and %d (triangles), profile %s\n%s", N1, N2, profile, se_note(1)) font ",12"
    set xlabel "input correlation c_x"
    set xrange [-0.05:1.05]
    set xtics 0.2

    set title "(a) mean E→E weight (second-half time average)"
    set ylabel "mean weight j_{EE} (unscaled, j = J √N)"
    set yrange [*:*]; set offsets 0, 0, graph 0.05, graph 0.05
    plot D1 using "x":"jee_mean" with points ls 1 title sprintf("simulation, N = %d", N1), \
         D2 using "x":"jee_mean" with points ls 6 title sprintf("simulation, N = %d", N2), \
         D1 using "x":"t_jee_star" with lines ls 11 title "plain fixed point j_{EE}^*", \
         D1 using "x":"t_jee_star_cx" with lines ls 31 title sprintf("with input correlations, N = %d", N1), \
         D2 using "x":"t_jee_star_cx" with lines lc rgb cK lw 1.5 dt 4 title sprintf("with input correlations, N = %d", N2)

    set title "(b) firing rates (second half)"
    set ylabel "rate (Hz)"
    set yrange [0:*]; set offsets 0, 0, graph 0.05, 0
    plot D1 using "x":"rate_e_hz" with points ls 1 title sprintf("E, N = %d", N1), \
         D2 using "x":"rate_e_hz" with points ls 6 title sprintf("E, N = %d", N2), \
         D1 using "x":"t_rate_e_hz" with lines ls 11 title "E, theory at j_{EE}^*", \
         D1 using "x":"t_rate_e_cx_hz" with lines ls 31 title "E, theory at j_{EE}^* with corr.", \
         D1 using "x":"rate_i_hz" with points ls 2 title sprintf("I, N = %d", N1), \
         D2 using "x":"rate_i_hz" with points ls 7 title sprintf("I, N = %d", N2), \
         D1 using "x":"t_rate_i_hz" with lines ls 12 title "I, theory at j_{EE}^*", \
         D1 using "x":"t_rate_i_cx_hz" with lines ls 32 title "I, theory at j_{EE}^* with corr."

    do for [k = 1:2] {
        F = k == 1 ? D1 : D2
        set title sprintf("(%s) mean spike-count covariance, distinct pairs, N = %d", k == 1 ? "c" : "d", k == 1 ? N1 : N2)
        set ylabel "covariance (spike counts^2)"
        set yrange [*:*]; set offsets 0, 0, graph 0.05, graph 0.05
        plot F using "x":"cov_ee" with points ls 1 title "EE", \
             F using "x":"cov_ei" with points ls 3 title "EI", \
             F using "x":"cov_ii" with points ls 2 title "II", \
             F using "x":"t_cov_ee" with lines ls 11 title "theory EE", \
             F using "x":"t_cov_ei" with lines ls 13 title "theory EI", \
             F using "x":"t_cov_ii" with lines ls 12 title "theory II"
    }
    unset multiplot
}
