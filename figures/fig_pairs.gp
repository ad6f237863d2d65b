# fig_pairs - iSTDP on I->E and I->I together with three pairs of learning rates
# (experiment pairs_istdp: rho_e 10 Hz, rho_i 23 Hz, Jnorm -200 for both, from jei -150,
# jii -250, one network for the three pairs).  For each pair: (left) the E and I rates
# against time with the targets rho_e and rho_i; (right) the mean I->E and I->I weights
# against time with the theory's unique fixed point (both rates pinned; pbn theory,
# stored with each run).  A run that ran away is drawn up to where it was stopped.
load figsrc . "/common.gp"
E = ex("pairs_istdp")
array P[3] = ["equal", "slow_ei", "slow_ii"]
array PL[3] = ["equal rates", "I→E slower (η_{ei} = η_{ii}/10)", "I→I slower (η_{ii} = η_{ei}/10)"]
array RID[3]
array INFO[3]
array TC[3]
array JEI[3]
array JII[3]
array WMAX[3]
do for [k = 1:3] {
    r = values(sprintf("SELECT r.id || ' ' || r.status || ' ' || (SELECT value FROM params WHERE run_id = r.id AND key = 'eta_ei') || ' ' || (SELECT value FROM params WHERE run_id = r.id AND key = 'eta_ii') || ' ' || coalesce((SELECT value FROM theory WHERE run_id = r.id AND name = 'jei_star'), 'NaN') || ' ' || coalesce((SELECT value FROM theory WHERE run_id = r.id AND name = 'jii_star'), 'NaN') || ' ' || r.N FROM runs r WHERE r.experiment = '%s' AND r.point = '%s' AND r.status IN ('ok', 'diverged') ORDER BY r.id LIMIT 1", E, P[k]))
    @CHECK
    if (words(r) < 7) { exit error sprintf("fig_pairs: no complete run of %s point %s", E, P[k]) }
    RID[k] = word(r, 1)
    INFO[k] = sprintf("(η_{ei}, η_{ii}) = (%.3g, %.3g), N %s%s", real(word(r, 3)), real(word(r, 4)), word(r, 7), word(r, 2) eq "diverged" ? ": ran away (stopped, stored as diverged)" : "")
    JEI[k] = real(word(r, 5)); JII[k] = real(word(r, 6))
    TC[k] = fetch(sprintf("tc%d.tsv", k), tc_sql(RID[k]))
    @CHECK
    # weights that ran away (growing inhibition keeps the rates low, so the spike cap may
    # not stop the run) are drawn on a clipped axis
    WMAX[k] = real(values(sprintf("SELECT max(max(abs(jei)), max(abs(jii))) FROM timecourse WHERE run_id = %d", int(real(RID[k])))))
}

do for [fmt in "png pdf"] {
    eval setterm(fmt, "fig_pairs", 1400, 1150)
    set multiplot layout 3,2 margins 0.07, 0.98, 0.06, 0.90 spacing 0.08, 0.09 title sprintf("iSTDP on I→E and I→I with three pairs of learning rates (ρ_e 10 Hz, ρ_i 23 Hz), one network, profile %s\nlines: the targets and the theory's fixed point (both rates pinned)", profile) font ",12"
    set key inside top right font ",9"
    set xlabel "time (s)"
    do for [k = 1:3] {
        set title sprintf("(%s) %s: rates; %s", k == 1 ? "a" : k == 2 ? "c" : "e", PL[k], INFO[k]) font ",10"
        set ylabel "rate (Hz)"
        set yrange [0:*]; set offsets 0, 0, graph 0.05, 0
        plot TC[k] using "t_s":"rate_e_hz" with lines lc rgb cE lw 1.5 title "E", \
             TC[k] using "t_s":"rate_i_hz" with lines lc rgb cI lw 1.5 title "I", \
             10 with lines ls 21 title "ρ_e", 23 with lines ls 22 title "ρ_i"
        clip = WMAX[k] > 20 * abs(JII[k])
        set title sprintf("(%s) %s: mean inhibitory weights%s", k == 1 ? "b" : k == 2 ? "d" : "f", PL[k], clip ? sprintf(" (ran away, up to %.2g: axis clipped)", -WMAX[k]) : "") font ",10"
        set ylabel "mean weight (unscaled)"
        if (clip) { set yrange [-4 * abs(JII[k]):0]; set offsets 0, 0, 0, 0 } else { set yrange [*:*]; set offsets 0, 0, graph 0.05, graph 0.05 }
        plot TC[k] using "t_s":"jei" with lines lc rgb cEI lw 1.5 title "j_{EI}", \
             TC[k] using "t_s":"jii" with lines lc rgb cII lw 1.5 title "j_{II}", \
             JEI[k] with lines ls 23 title sprintf("theory j_{EI}^* = %.1f", JEI[k]), \
             JII[k] with lines ls 24 title sprintf("theory j_{II}^* = %.1f", JII[k])
    }
    unset multiplot
}
