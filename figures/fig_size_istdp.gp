# fig_size_istdp - network-size sweep under inhibitory STDP on I->E (R4, tau_STDP 50 ms,
# rho_e 10 Hz) with correlated input (cx = 0.1); paper/model.md section 7, size_istdp.
#   (a) second-half rates: R4 pins the E rate to rho_e (plain theory, solid) or, with the
#       input-correlation drift term, to alpha/(2 tau + cx/rx) (corrected, dash-dot);
#   (b) the mean I->E weight and its fixed points, plain jei_star and corrected jei_star_cx;
#   (c) mean covariances of distinct pairs, log-log: at cx > 0 they stay O(1) as N grows,
#       theory C = Tw cx rx v v^T (the originals' form) at the plain fixed point;
#       open circles: the originals' E-E mean with the variances included;
#   (d) mean correlations with the theory C_ab / sqrt(V_a V_b), V = r Tw (Poisson counts,
#       solid), and with the measured count variances var_e, var_i (dashed).
load figsrc . "/common.gp"
E = ex("size_istdp")
D = fetch("d.tsv", points_sql(E, "N", "", \
    "rate_e_hz rate_i_hz jei_mean cov_ee cov_ei cov_ii cov_ee_orig corr_ee corr_ei corr_ii corr_ee_orig var_e var_i", \
    "rate_e_hz rate_i_hz rate_e_cx_hz rate_i_cx_hz jei_star jei_star_cx cov_ee cov_ei cov_ii corr_ee corr_ei corr_ii"))
@CHECK
stats D using "x" nooutput
Nlo = STATS_min; Nhi = STATS_max
stats D using "n_runs" nooutput
nrep = STATS_max

do for [fmt in "png pdf"] {
    eval setterm(fmt, "fig_size_istdp", 1400, 950)
    set multiplot layout 2,2 title sprintf("Network-size sweep, inhibitory STDP on I→E (τ_{STDP} 50 ms, ρ_e 10 Hz, c_x = 0.1), profile %s\n%s", profile, se_note(nrep)) font ",12"
    eval set_logx_range(Nlo, Nhi)
    set xlabel NLABEL

    set title "(a) firing rates (second half)"
    set ylabel "rate (Hz)"
    set yrange [0:*]; set offsets 0, 0, graph 0.05, 0
    plot D using "x":"rate_e_hz":"rate_e_hz_se" with yerrorbars ls 1 title "E, simulation", \
         D using "x":"t_rate_e_hz" with lines ls 11 title "E, plain theory (ρ_e)", \
         D using "x":"t_rate_e_cx_hz" with lines ls 31 title "E, with input correlations", \
         D using "x":"rate_i_hz":"rate_i_hz_se" with yerrorbars ls 2 title "I, simulation", \
         D using "x":"t_rate_i_hz" with lines ls 12 title "I, plain theory", \
         D using "x":"t_rate_i_cx_hz" with lines ls 32 title "I, with input correlations"

    set title "(b) mean I→E weight (second-half time average)"
    set ylabel "mean weight j_{EI} (unscaled, j = J √N)"
    set yrange [*:*]; set offsets 0, 0, graph 0.05, graph 0.05
    plot D using "x":"jei_mean":"jei_mean_se" with yerrorbars ls 2 title "simulation", \
         D using "x":"t_jei_star" with lines ls 12 title "plain fixed point j_{EI}^*", \
         D using "x":"t_jei_star_cx" with lines ls 32 title "with input correlations"

    set title "(c) mean spike-count covariance, distinct pairs (250 ms windows)"
    set ylabel "covariance (spike counts^2)"
    set logscale y; set format y "%g"
    set yrange [*:*]; set offsets 0, 0, graph 0.05, graph 0.05
    plot D using "x":"cov_ee":"cov_ee_se" with yerrorbars ls 1 title "EE", \
         D using "x":"cov_ei":"cov_ei_se" with yerrorbars ls 3 title "EI", \
         D using "x":"cov_ii":"cov_ii_se" with yerrorbars ls 2 title "II", \
         D using "x":"t_cov_ee" with lines ls 11 title "theory EE (O(1))", \
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
