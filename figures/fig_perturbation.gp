# fig_perturbation - non-plastic perturbation (experiments perturb_jee and perturb_jei:
# static networks, cx 0.1, one network per sweep): the mean spike-count covariances of
# distinct pairs against the E->E weight (jei -100) and against the I->E weight (jee 25),
# next to the covariance theory C = Tw s v v^T (s = cx rx, the originals' input term;
# solid: at the balanced rates of each weight) and the same linear response at the
# simulated rates, C_ab = Tw cx rx r_a r_b / rx^2 (dashed: the comparison the validation
# rows make, so that the rates' own finite-size error is not counted twice); below, the
# rates with their balanced-state theory.
load figsrc . "/common.gp"
array EXP[2] = ["perturb_jee", "perturb_jei"]
array XK[2] = ["jee", "jei"]
array XL[2] = ["E→E weight j_{EE} (unscaled; j_{EI} -100)", "I→E weight j_{EI} (unscaled; j_{EE} 25)"]
array D[2]
array NN[2]
array TW[2]
array CX[2]
array RX[2]
SIMS = "rate_e_hz rate_i_hz cov_ee cov_ei cov_ii"
THS = "rate_e_hz rate_i_hz cov_ee cov_ei cov_ii"
do for [k = 1:2] {
    E = ex(EXP[k])
    r = values(sprintf("SELECT r.N || ' ' || (SELECT value FROM params WHERE run_id = r.id AND key = 'cov_window') || ' ' || (SELECT value FROM params WHERE run_id = r.id AND key = 'cx') || ' ' || (SELECT value FROM params WHERE run_id = r.id AND key = 'rx') FROM runs r WHERE r.experiment = '%s' AND r.status = 'ok' ORDER BY r.id LIMIT 1", E))
    @CHECK
    if (words(r) < 4) { exit error sprintf("fig_perturbation: no complete run of %s", E) }
    NN[k] = int(word(r, 1)); TW[k] = real(word(r, 2)); CX[k] = real(word(r, 3)); RX[k] = real(word(r, 4)) * 1e-3
    D[k] = fetch(sprintf("d%d.tsv", k), points_sql(E, XK[k], "", SIMS, THS))
    @CHECK
}
# linear response at the simulated rates (rates in Hz -> kHz), sweep k
lr(k, ra, rb) = TW[k] * CX[k] * RX[k] * (ra * 1e-3) * (rb * 1e-3) / RX[k]**2

do for [fmt in "png pdf"] {
    eval setterm(fmt, "fig_perturbation", 1400, 950)
    set multiplot layout 2,2 title sprintf("Non-plastic perturbation: static networks under correlated input (c_x %g), one network per sweep, profile %s\n%s; solid lines: theory at the balanced rates, dashed: linear response at the simulated rates", CX[1], profile, se_note(1)) font ",12"
    do for [k = 1:2] {
        set title sprintf("(%s) mean spike-count covariance, distinct pairs, N = %d", k == 1 ? "a" : "b", NN[k])
        set xlabel XL[k]
        set ylabel "covariance (spike counts^2)"
        set xrange [*:*]; set yrange [0:*]; set offsets graph 0.03, graph 0.03, graph 0.05, 0
        set key inside top left font ",9"
        plot D[k] using "x":"cov_ee" with points ls 1 title "EE", \
             D[k] using "x":"cov_ei" with points ls 3 title "EI", \
             D[k] using "x":"cov_ii" with points ls 2 title "II", \
             D[k] using "x":"t_cov_ee" with lines ls 11 title "theory EE", \
             D[k] using "x":"t_cov_ei" with lines ls 13 title "theory EI", \
             D[k] using "x":"t_cov_ii" with lines ls 12 title "theory II", \
             D[k] using "x":(lr(k, column("rate_e_hz"), column("rate_e_hz"))) with lines ls 21 notitle, \
             D[k] using "x":(lr(k, column("rate_e_hz"), column("rate_i_hz"))) with lines ls 23 notitle, \
             D[k] using "x":(lr(k, column("rate_i_hz"), column("rate_i_hz"))) with lines ls 22 notitle
    }
    do for [k = 1:2] {
        set title sprintf("(%s) firing rates (second half), N = %d", k == 1 ? "c" : "d", NN[k])
        set xlabel XL[k]
        set ylabel "rate (Hz)"
        set yrange [0:*]
        plot D[k] using "x":"rate_e_hz" with points ls 1 title "E", \
             D[k] using "x":"rate_i_hz" with points ls 2 title "I", \
             D[k] using "x":"t_rate_e_hz" with lines ls 11 title "E, balanced-state theory", \
             D[k] using "x":"t_rate_i_hz" with lines ls 12 title "I, balanced-state theory"
    }
    unset multiplot
}
