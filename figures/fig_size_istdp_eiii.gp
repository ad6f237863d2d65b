# fig_size_istdp_eiii - network-size sweep with inhibitory STDP on I->E (R4, rho_e 10 Hz,
# Jnorm -200) and I->I (R5, rho_i 20 Hz, Jnorm -500), cx = 0; paper/model.md section 7,
# size_istdp_eiii.  Both rates are pinned by the rules, and balance then fixes both
# weights: jei_star = -140.0 and jii_star = -292.5 (plain theory, solid lines; dashed:
# effective weights W (1 - dt/tau)).
#   (a) second-half rates of E and I; (b) mean I->E weight; (c) mean I->I weight.
load figsrc . "/common.gp"
E = ex("size_istdp_eiii")
D = fetch("d.tsv", points_sql(E, "N", "", "rate_e_hz rate_i_hz jei_mean jii_mean", \
    "rate_e_hz rate_i_hz rate_e_eff_hz rate_i_eff_hz jei_star jei_star_eff jii_star jii_star_eff"))
@CHECK
stats D using "x" nooutput
Nlo = STATS_min; Nhi = STATS_max
stats D using "n_runs" nooutput
nrep = STATS_max

do for [fmt in "png pdf"] {
    eval setterm(fmt, "fig_size_istdp_eiii", 1500, 560)
    set key outside below center horizontal maxrows 2 Left reverse nobox height 1.5
    set multiplot layout 1,3 title sprintf("Network-size sweep, inhibitory STDP on I→E (ρ_e 10 Hz) and I→I (ρ_i 20 Hz), c_x = 0, profile %s\n%s", profile, se_note(nrep)) font ",12"
    eval set_logx_range(Nlo, Nhi)
    set xlabel NLABEL

    set title "(a) firing rates (second half)"
    set ylabel "rate (Hz)"
    set yrange [0:*]; set offsets 0, 0, graph 0.05, 0
    plot D using "x":"rate_e_hz":"rate_e_hz_se" with yerrorbars ls 1 title "E, simulation", \
         D using "x":"t_rate_e_hz" with lines ls 11 title "E, theory (ρ_e)", \
         D using "x":"rate_i_hz":"rate_i_hz_se" with yerrorbars ls 2 title "I, simulation", \
         D using "x":"t_rate_i_hz" with lines ls 12 title "I, theory (ρ_i)"

    set title "(b) mean I→E weight (second-half time average)"
    set ylabel "mean weight j_{EI} (unscaled, j = J √N)"
    set yrange [*:*]; set offsets 0, 0, graph 0.05, graph 0.05
    plot D using "x":"jei_mean":"jei_mean_se" with yerrorbars ls 2 title "simulation", \
         D using "x":"t_jei_star" with lines ls 12 title "fixed point j_{EI}^*", \
         D using "x":"t_jei_star_eff" with lines ls 22 title "fixed point, effective weights"

    set title "(c) mean I→I weight (second-half time average)"
    set ylabel "mean weight j_{II} (unscaled)"
    plot D using "x":"jii_mean":"jii_mean_se" with yerrorbars ls 4 title "simulation", \
         D using "x":"t_jii_star" with lines ls 14 title "fixed point j_{II}^*", \
         D using "x":"t_jii_star_eff" with lines ls 24 title "fixed point, effective weights"
    unset multiplot
    unset logscale; set format y "% h"
}
