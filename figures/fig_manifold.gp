# fig_manifold - the initial-connectivity I->E manifold (paper/model.md sections 6 and 7):
# iSTDP on I->E only, one network (shared+ seeding), many initial weights, cx = 0 and 0.1.
#   (a) final mean jei against the initial one.  Plain mean field gives one value for
#       every start (jei_star, flat; with the input-correlation term jei_star_cx at
#       cx = 0.1); the corrected theory, solved per run with c = (R_sim - R_mf)/sqrt(N)
#       from the run's own mean inputs (jei_star_manifold at cx = 0,
#       jei_star_manifold_cx at cx = 0.1), tracks the dependence on the start;
#   (b) mean I->E weight trajectories of a few runs at cx = 0 (points) with the theory
#       transients of the drift equation from the same initial weight (lines);
#   (c) the weight-rate covariance over I->E synapses, <j r> - <j><r> (final weight,
#       presynaptic second-half rate), that makes <J r> differ from <J><r>;
#   (d) the E rate against the initial weight: R4 pins it to rho_e in plain mean field.
load figsrc . "/common.gp"
E = ex("manifold")
SIMS = "jei_final jei_mean cov_jr_ei rate_e_hz rate_i_hz"
THS = "jei_star jei_star_cx jei_star_manifold jei_star_manifold_cx rate_e_hz rate_e_cx_hz"
D0 = fetch("d0.tsv", points_sql(E, "jei", where_param(E, "cx", 0), SIMS, THS))
@CHECK
D1 = fetch("d1.tsv", points_sql(E, "jei", where_param(E, "cx", 0.1), SIMS, THS))
@CHECK
stats D0 using "x" nooutput
jlo = STATS_min; jhi = STATS_max
Nm = int(word(values(sprintf("SELECT max(N) FROM runs WHERE experiment = '%s' AND status = 'ok'", E)), 1))

# (b): up to 5 runs at cx = 0 spread over the initial weights, among those where the
# theory has a balanced state at the initial weights (rate_e_init_hz stored, i.e. not NaN)
runs_b = values(sprintf("SELECT r.id || ' ' || p.value FROM runs r JOIN params p ON p.run_id = r.id AND p.key = 'jei' JOIN params c ON c.run_id = r.id AND c.key = 'cx' JOIN theory t ON t.run_id = r.id AND t.name = 'rate_e_init_hz' WHERE r.experiment = '%s' AND r.status = 'ok' AND c.value = 0 AND t.value > 0 ORDER BY p.value", E))
@CHECK
nruns = words(runs_b) / 2
nshow = nruns < 5 ? nruns : 5
if (nshow < 1) { exit error "fig_manifold: no run at cx = 0 with a balanced initial state" }
sel(k) = nshow > 1 ? 1 + int((k - 1) * (nruns - 1) / (nshow - 1.0) + 0.5) : 1
run_id(k) = word(runs_b, 2 * sel(k) - 1)
run_j0(k) = real(word(runs_b, 2 * sel(k)))
T = real(word(values(sprintf("SELECT max(T_ms) FROM runs WHERE experiment = '%s'", E)), 1))
array TC[nshow]
array TH[nshow]
do for [k = 1:nshow] {
    TC[k] = fetch(sprintf("tc%d.tsv", k), tc_sql(run_id(k)))
    @CHECK
    TH[k] = traj(sprintf("th%d.tsv", k), run_id(k), T / 200, "")
    @CHECK
}
array pal[5] = [cE, cB, cA, cEI, cI]

do for [fmt in "png pdf"] {
    eval setterm(fmt, "fig_manifold", 1400, 950)
    set multiplot layout 2,2 title sprintf("Initial-connectivity I→E manifold, inhibitory STDP on I→E only, N = %d, profile %s\n%s", Nm, profile, se_note(1)) font ",12"
    set xlabel "initial mean I→E weight j_{EI}(0) (unscaled)"
    set xrange [jlo - 10:jhi + 10]

    set title "(a) final mean I→E weight against the initial one"
    set ylabel "final mean weight j_{EI} (unscaled, j = J √N)"
    set yrange [*:*]; set offsets 0, 0, graph 0.05, graph 0.05
    plot D0 using "x":"jei_final" with points ls 2 title "simulation, c_x = 0", \
         D1 using "x":"jei_final" with points lc rgb cB pt 9 ps 1.3 title "simulation, c_x = 0.1", \
         D0 using "x":"t_jei_star" with lines lc rgb cK lw 2 title "plain theory j_{EI}^*", \
         D1 using "x":"t_jei_star_cx" with lines lc rgb cK lw 1.5 dt 4 title "plain, c_x = 0.1 with corr. term", \
         D0 using "x":"t_jei_star_manifold" with linespoints lc rgb cI lw 1.5 pt 1 title "corrected theory, c_x = 0", \
         D1 using "x":"t_jei_star_manifold_cx" with linespoints lc rgb cB lw 1.5 dt 4 pt 2 title "corrected theory, c_x = 0.1", \
         D0 using "x":"x" with lines ls 40 noautoscale title "final = initial"

    set title "(b) mean I→E weight trajectories, c_x = 0"
    set xlabel "time (s)"
    set ylabel "mean weight j_{EI} (unscaled)"
    set xrange [0:T / 1000.0]
    plot for [k = 1:nshow] TC[k] using "t_s":"jei" with points lc rgb pal[k] pt 7 ps 0.5 notitle, \
         for [k = 1:nshow] TH[k] using (column("t_ms") / 1000.0):"jei" with lines lc rgb pal[k] lw 2 \
             title sprintf("theory from j_{EI}(0) = %g", run_j0(k)), \
         NaN with points lc rgb cK pt 7 ps 0.5 title "simulation (points)"

    set title "(c) weight-rate covariance over I→E synapses (second half)"
    set xlabel "initial mean I→E weight j_{EI}(0) (unscaled)"
    set xrange [jlo - 10:jhi + 10]
    set ylabel "cov(j, r_{pre}) (unscaled weight × Hz)"
    plot D0 using "x":"cov_jr_ei" with linespoints ls 2 title "c_x = 0", \
         D1 using "x":"cov_jr_ei" with linespoints lc rgb cB pt 9 ps 1.3 title "c_x = 0.1", \
         0 with lines ls 40 notitle

    set title "(d) E rate (second half) against the initial weight"
    set ylabel "rate (Hz)"
    plot D0 using "x":"rate_e_hz" with points ls 1 title "E, c_x = 0", \
         D1 using "x":"rate_e_hz" with points ls 6 title "E, c_x = 0.1", \
         D0 using "x":"t_rate_e_hz" with lines ls 11 title "ρ_e (plain theory)", \
         D1 using "x":"t_rate_e_cx_hz" with lines ls 31 title "c_x = 0.1 with corr. term"
    unset multiplot
}
