# fig_control_kohonen - the Kohonen control of the manifold experiment (paper/model.md
# section 7, control_kohonen): R3 on E->E from many initial weights on one network
# (shared+ seeding).  Unlike the I->E weight under iSTDP, the final E->E weight does not
# depend on where it started.
#   (a) final mean jee (filled) and its second-half time average (open) against the
#       initial weight, with the fixed point jee_star (flat: the same for every start)
#       and, dotted, the Kohonen fixed point j = b tau r_e at each run's simulated E rate;
#   (b) mean E->E weight trajectories of a few starts (points) with the theory transients
#       of the drift equation dj/dt = eta r_e (b tau r_e - j) from the same start (lines).
load figsrc . "/common.gp"
E = ex("control_kohonen")
D = fetch("d.tsv", points_sql(E, "jee", "", "jee_final jee_mean rate_e_hz", "jee_star jee_star_eff"))
@CHECK
bt = values(sprintf("SELECT max(CASE WHEN key = 'beta' THEN value END) * max(CASE WHEN key = 'tau_stdp' THEN value END) FROM point_params WHERE experiment = '%s'", E))
@CHECK
btau = real(word(bt, 1))
stats D using "x" nooutput
jlo = STATS_min; jhi = STATS_max
Nm = int(word(values(sprintf("SELECT max(N) FROM runs WHERE experiment = '%s' AND status = 'ok'", E)), 1))

runs_b = values(sprintf("SELECT r.id || ' ' || p.value FROM runs r JOIN params p ON p.run_id = r.id AND p.key = 'jee' JOIN theory t ON t.run_id = r.id AND t.name = 'rate_e_init_hz' WHERE r.experiment = '%s' AND r.status = 'ok' AND t.value > 0 ORDER BY p.value", E))
@CHECK
nruns = words(runs_b) / 2
nshow = nruns < 5 ? nruns : 5
if (nshow < 1) { exit error "fig_control_kohonen: no run with a balanced initial state" }
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
    eval setterm(fmt, "fig_control_kohonen", 1400, 560)
    set multiplot layout 1,2 title sprintf("Initial-condition control, Kohonen rule on E→E (b = 2), N = %d, profile %s\n%s", Nm, profile, se_note(1)) font ",12"

    set title "(a) final mean E→E weight against the initial one"
    set xlabel "initial mean E→E weight j_{EE}(0) (unscaled)"
    set ylabel "mean weight j_{EE} (unscaled, j = J √N)"
    set xrange [jlo - 0.2:jhi + 0.2]
    set yrange [*:*]; set offsets 0, 0, graph 0.05, graph 0.05
    plot D using "x":"jee_final" with points ls 1 title "simulation, final", \
         D using "x":"jee_mean" with points ls 5 title "simulation, second-half mean", \
         D using "x":"t_jee_star" with lines ls 11 title "fixed point j_{EE}^*", \
         D using "x":"t_jee_star_eff" with lines ls 21 title "fixed point, effective weights", \
         D using "x":(btau * column("rate_e_hz") / 1000) with linespoints lc rgb cK lw 1 dt 3 pt 6 ps 1 title "b τ r_e at the simulated E rate", \
         D using "x":"x" with lines ls 40 noautoscale title "final = initial"

    set title "(b) mean E→E weight trajectories"
    set xlabel "time (s)"
    set ylabel "mean weight j_{EE} (unscaled)"
    set xrange [0:T / 1000.0]
    plot for [k = 1:nshow] TC[k] using "t_s":"jee" with points lc rgb pal[k] pt 7 ps 0.5 notitle, \
         for [k = 1:nshow] TH[k] using (column("t_ms") / 1000.0):"jee" with lines lc rgb pal[k] lw 2 \
             title sprintf("theory from j_{EE}(0) = %g", run_j0(k)), \
         NaN with points lc rgb cK pt 7 ps 0.5 title "simulation (points)"
    unset multiplot
}
