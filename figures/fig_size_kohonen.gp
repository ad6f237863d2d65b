# fig_size_kohonen - network-size sweep under Kohonen plasticity on E->E (R3, b = 2,
# cx = 0; paper/model.md section 7, experiment size_kohonen).
#   (a) second-half rates of E and I against N, with the balanced-state theory at the
#       weight fixed point: nominal weights (solid) and effective weights W (1 - dt/tau)
#       (dashed), the value the simulations approach as N grows;
#   (b) the mean E->E weight (time average over the second half) and its fixed point
#       jee_star (nominal and effective); dotted: the Kohonen fixed point j = b tau r_e
#       at the simulated E rate (where the weights settle if the rates are off theory);
#   (c) mean spike-count covariances of distinct pairs (250 ms windows), log-log, with
#       the theory C = Tw (rx/Nx) v v^T, which falls like 1/N at cx = 0; open circles:
#       the originals' E-E mean with the diagonal (variances) included;
#   (d) mean correlations, with the theory C_ab / sqrt(V_a V_b), V = r Tw (Poisson counts,
#       solid), and with the measured count variances var_e, var_i (dashed).
load figsrc . "/common.gp"
E = ex("size_kohonen")
D = fetch("d.tsv", points_sql(E, "N", "", \
    "rate_e_hz rate_i_hz jee_mean cov_ee cov_ei cov_ii cov_ee_orig corr_ee corr_ei corr_ii corr_ee_orig var_e var_i", \
    "rate_e_hz rate_i_hz rate_e_eff_hz rate_i_eff_hz jee_star jee_star_eff cov_ee cov_ei cov_ii corr_ee corr_ei corr_ii"))
@CHECK
# b and tau_STDP (shared by every point) for the fixed point at the simulated rate
bt = values(sprintf("SELECT max(CASE WHEN key = 'beta' THEN value END) * max(CASE WHEN key = 'tau_stdp' THEN value END) FROM point_params WHERE experiment = '%s'", E))
@CHECK
btau = real(word(bt, 1))
stats D using "x" nooutput
Nlo = STATS_min; Nhi = STATS_max
stats D using "n_runs" nooutput
nrep = STATS_max

do for [fmt in "png pdf"] {
    eval setterm(fmt, "fig_size_kohonen", 1400, 950)
    set multiplot layout 2,2 title sprintf("Network-size sweep, Kohonen rule on E→E (b = 2, c_x = 0), profile %s\n%s", profile, se_note(nrep)) font ",12"
    eval set_logx_range(Nlo, Nhi)
    set xlabel NLABEL

    set title "(a) firing rates (second half)"
    set ylabel "rate (Hz)"
    unset logscale y
    set yrange [0:*]; set offsets 0, 0, graph 0.05, 0
    plot D using "x":"rate_e_hz":"rate_e_hz_se" with yerrorbars ls 1 title "E, simulation", \
         D using "x":"t_rate_e_hz" with lines ls 11 title "E, theory at j_{EE}^*", \
         D using "x":"t_rate_e_eff_hz" with lines ls 21 title "E, theory, effective weights", \
         D using "x":"rate_i_hz":"rate_i_hz_se" with yerrorbars ls 2 title "I, simulation", \
         D using "x":"t_rate_i_hz" with lines ls 12 title "I, theory at j_{EE}^*", \
         D using "x":"t_rate_i_eff_hz" with lines ls 22 title "I, theory, effective weights"

    set title "(b) mean E→E weight (second-half time average)"
    set ylabel "mean weight j_{EE} (unscaled, j = J √N)"
    set yrange [*:*]; set offsets 0, 0, graph 0.05, graph 0.05
    plot D using "x":"jee_mean":"jee_mean_se" with yerrorbars ls 1 title "simulation", \
         D using "x":"t_jee_star" with lines ls 11 title "fixed point j_{EE}^*", \
         D using "x":"t_jee_star_eff" with lines ls 21 title "fixed point, effective weights", \
         D using "x":(btau * column("rate_e_hz") / 1000) with linespoints lc rgb cK lw 1 dt 3 pt 6 ps 1 title "b τ r_e at the simulated E rate"

    set title "(c) mean spike-count covariance, distinct pairs (250 ms windows)"
    set ylabel "covariance (spike counts^2)"
    set logscale y; set format y "%g"
    set yrange [*:*]; set offsets 0, 0, graph 0.05, graph 0.05
    plot D using "x":"cov_ee":"cov_ee_se" with yerrorbars ls 1 title "EE", \
         D using "x":"cov_ei":"cov_ei_se" with yerrorbars ls 3 title "EI", \
         D using "x":"cov_ii":"cov_ii_se" with yerrorbars ls 2 title "II", \
         D using "x":"t_cov_ee" with lines ls 11 title "theory EE (∝ 1/N)", \
         D using "x":"t_cov_ei" with lines ls 13 title "theory EI", \
         D using "x":"t_cov_ii" with lines ls 12 title "theory II", \
         D using "x":"cov_ee_orig":"cov_ee_orig_se" with yerrorbars ls 5 title "EE with variances (orig.)"

    set title "(d) mean spike-count correlation, distinct pairs"
    set ylabel "correlation coefficient"
    plot D using "x":"corr_ee":"corr_ee_se" with yerrorbars ls 1 title "EE", \
         D using "x":"corr_ei":"corr_ei_se" with yerrorbars ls 3 title "EI", \
         D using "x":"corr_ii":"corr_ii_se" with yerrorbars ls 2 title "II", \
         D using "x":"t_corr_ee" with lines ls 11 title "theory EE", \
         D using "x":"t_corr_ei" with lines ls 13 title "theory EI", \
         D using "x":"t_corr_ii" with lines ls 12 title "theory II", \
         D using "x":(column("t_cov_ee") / column("var_e")) with lines ls 21 title "theory EE, measured variances", \
         D using "x":(column("t_cov_ei") / sqrt(column("var_e") * column("var_i"))) with lines ls 23 title "theory EI, measured variances", \
         D using "x":(column("t_cov_ii") / column("var_i")) with lines ls 22 title "theory II, measured variances", \
         D using "x":"corr_ee_orig":"corr_ee_orig_se" with yerrorbars ls 5 title "EE with diagonal (orig.)"
    unset multiplot
    unset logscale; set format y "% h"
}
