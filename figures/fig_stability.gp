# fig_stability - the stability of Kohonen's rule (experiment stability_kohonen:
# R3 on E->E against b, N 5000, eta 1e-2, from jee 1):
#   (a)-(d) mean j_ee(t) (line) and the recorded individual synapses (dots) for four b,
#           with the stable fixed point of the theory (dashed);
#   (e)     the final mean j_ee against b: simulation (points; runs that ran away and were
#           stopped as diverged are drawn at the top), the theory's stable and unstable
#           branches and their saddle node at b = 2025/252 (pbn theory at every b);
#   (f)     the phase portrait dj/dt / eta against j for b = 3, 5, 8, 10 (pbn theory
#           --drift: the R3 drift with the rates re-balanced at every j).
load figsrc . "/common.gp"
E = ex("stability_kohonen")

array BSHOW[4] = [1.2, 2.4, 3.4, 3.6]
array RID[4]
array RST[4]
array TC[4]
array SY[4]
array JS[4]
do for [k = 1:4] {
    r = values(sprintf("SELECT r.id || ' ' || r.status || ' ' || coalesce(t.value, 'NaN') FROM runs r JOIN params p ON p.run_id = r.id AND p.key = 'beta' LEFT JOIN theory t ON t.run_id = r.id AND t.name = 'jee_star' WHERE r.experiment = '%s' AND r.status IN ('ok', 'diverged') AND abs(p.value - %g) < 1e-6 ORDER BY r.repeat, r.id LIMIT 1", E, BSHOW[k]))
    @CHECK
    RID[k] = words(r) >= 3 ? word(r, 1) : ""
    RST[k] = words(r) >= 3 ? word(r, 2) : "missing"
    JS[k] = words(r) >= 3 ? real(word(r, 3)) : NaN
    if (RID[k] ne "") {
        TC[k] = fetch(sprintf("tc%d.tsv", k), tc_sql(RID[k]))
        @CHECK
        SY[k] = fetch(sprintf("sy%d.tsv", k), sprintf("SELECT t_ms / 1000.0 AS t_s, j FROM synapses WHERE run_id = %d AND block = 'ee' ORDER BY k, bin", int(real(RID[k]))))
        @CHECK
    }
}
# every run: b, status (1 diverged), final mean weight, end time
RUNS = fetch("runs.tsv", sprintf("SELECT p.value AS b, r.repeat AS rep, CASE r.status WHEN 'diverged' THEN 1 ELSE 0 END AS div, (SELECT value FROM metrics m WHERE m.run_id = r.id AND m.name = 'jee_final') AS jfin, (SELECT value FROM metrics m WHERE m.run_id = r.id AND m.name = 't_end_ms') / 1000.0 AS t_end FROM runs r JOIN params p ON p.run_id = r.id AND p.key = 'beta' WHERE r.experiment = '%s' AND r.status IN ('ok', 'diverged') ORDER BY p.value, r.repeat", E))
@CHECK
NB = int(values(sprintf("SELECT count(*) FROM runs WHERE experiment = '%s' AND status IN ('ok', 'diverged')", E)))
# the runaway bracket (as validation row H2): the first b with a runaway and the largest b
# below it (every run there bounded)
BHI = real(values(sprintf("SELECT coalesce(min(p.value), 'NaN') FROM runs r JOIN params p ON p.run_id = r.id AND p.key = 'beta' WHERE r.experiment = '%s' AND r.status = 'diverged'", E)))
BLO = real(values(sprintf("SELECT coalesce(max(p.value), 'NaN') FROM runs r JOIN params p ON p.run_id = r.id AND p.key = 'beta' WHERE r.experiment = '%s' AND r.status IN ('ok', 'diverged') AND p.value < %.17g - 1e-9", E, BHI == BHI ? BHI : 1e9)))
NDIV = int(values(sprintf("SELECT count(*) FROM runs WHERE experiment = '%s' AND status = 'diverged'", E)))
# the configuration of one run, for the theory at other b (only beta changes)
CFG = tmp . "/base.cfg"
r0 = values(sprintf("SELECT id FROM runs WHERE experiment = '%s' AND status IN ('ok', 'diverged') ORDER BY id LIMIT 1", E))
dummy = system(query(cfg_sql(r0)) . sprintf(" > '%s' && grep -q = '%s'", CFG, CFG))
@CHECK
BSN = real(system(sprintf("'%s' theory '%s' 2>/dev/null | awk -F' = ' '$1 == \"b_saddle_node\" {print $2}'", pbn, CFG)))
BR = tmp . "/branches.tsv"
dummy = system(sprintf("printf 'b\\tstable\\tunstable\\n' > '%s'; for b in $(seq 1 0.05 %.4f) %.6f; do '%s' theory '%s' --set beta=$b 2>/dev/null | awk -v b=$b -F' = ' '$1 == \"jee_star\" {s = $2} $1 == \"jee_star_unstable\" {u = $2} END {printf \"%%s\\t%%s\\t%%s\\n\", b, s == \"nan\" ? \"NaN\" : s, u == \"nan\" ? \"NaN\" : u}' >> '%s' || exit 1; done", BR, BSN - 0.001, BSN - 1e-6, pbn, CFG, BR))
@CHECK
NN = int(values(sprintf("SELECT N FROM runs WHERE id = %d", int(real(r0)))))
ETA = real(values(sprintf("SELECT value FROM params WHERE run_id = %d AND key = 'eta_ee'", int(real(r0)))))
array BPH[4] = [3, 5, 8, 10]
array PH[4]
do for [k = 1:4] {
    PH[k] = tmp . sprintf("/ph%d.tsv", k)
    dummy = system(sprintf("'%s' theory '%s' --set beta=%g --drift ee:0:0.1:44.9 > '%s'", pbn, CFG, BPH[k], PH[k]))
    @CHECK
}
array pcol[4] = [cE, cA, cB, cEI]

do for [fmt in "png pdf"] {
    eval setterm(fmt, "fig_stability", 1500, 820)
    set multiplot layout 2,3 margins 0.05, 0.985, 0.08, 0.87 spacing 0.06, 0.12 title sprintf("Kohonen stability: R3 on E→E against b (β = b/√N), N %d, η %g, from j_{ee} 1; %d runs, %d ran away (stopped at the spike cap, stored as diverged); profile %s", NN, ETA, NB, NDIV, profile) font ",12"
    set key inside top left font ",9"
    do for [k = 1:4] {
        set title sprintf("(%s) b = %g: %s", k == 1 ? "a" : k == 2 ? "b" : k == 3 ? "c" : "d", BSHOW[k], RST[k] eq "diverged" ? "ran away (diverged)" : RST[k] eq "ok" ? "bounded" : "no run")
        set xlabel "time (s)"
        set ylabel "j_{ee} (unscaled)"
        set xrange [*:*]; set yrange [0:*]; set offsets 0, 0, graph 0.05, 0
        if (RST[k] eq "diverged" && JS[k] == JS[k]) { set yrange [0:4 * JS[k]]; set title sprintf("(%s) b = %g: ran away (diverged; axis clipped)", k == 1 ? "a" : k == 2 ? "b" : k == 3 ? "c" : "d", BSHOW[k]) }
        if (RID[k] ne "") {
            plot SY[k] using "t_s":"j" with dots lc rgb "#aaaaaa" title "recorded synapses", \
                 TC[k] using "t_s":"jee" with lines lc rgb cE lw 2 title "mean", \
                 JS[k] with lines ls 40 lw 2 title "theory: stable fixed point"
        } else {
            set label 9 "no run at this b" at graph 0.5, graph 0.5 center
            plot [0:1][0:1] NaN notitle
            unset label 9
        }
    }
    # (e) final weight against b
    set title "(e) final mean weight against b: simulation and theory"
    set xlabel "b"
    set ylabel "final mean j_{ee} (unscaled)"
    set xrange [0.8:8.6]; set yrange [0:46]; set offsets 0, 0, 0, 0
    set arrow 1 from BSN, graph 0 to BSN, graph 1 nohead lc rgb "#999999" dt 3
    if (BHI == BHI && BLO == BLO) {
        set object 1 rect from BLO, graph 0 to BHI, graph 1 fc rgb cE fs transparent solid 0.15 noborder behind
        set label 2 sprintf("runaway\n%.3g < b ≤ %.3g", BLO, BHI) at BHI + 0.1, 12 left font ",9" tc rgb cE
    }
    set label 1 sprintf("saddle node\nb = %.3g", BSN) at BSN - 0.1, 30 right font ",9"
    set key inside center right font ",9"
    # (gnuplot refuses a plot element without any point: the runaway marks only when some ran away)
    if (NDIV > 0) {
        plot BR using "b":"stable" with lines lc rgb cK lw 2 title "theory: stable branch", \
             BR using "b":"unstable" with lines lc rgb cK lw 1.5 dt 2 title "theory: unstable branch", \
             RUNS using "b":(column("div") == 0 ? column("jfin") : NaN) with points pt 7 ps 1 lc rgb cE title "simulation (bounded)", \
             RUNS using "b":(column("div") == 1 ? 44 : NaN) with points pt 2 ps 1.4 lw 2 lc rgb cE title "ran away (drawn at the top)"
    } else {
        plot BR using "b":"stable" with lines lc rgb cK lw 2 title "theory: stable branch", \
             BR using "b":"unstable" with lines lc rgb cK lw 1.5 dt 2 title "theory: unstable branch", \
             RUNS using "b":(column("div") == 0 ? column("jfin") : NaN) with points pt 7 ps 1 lc rgb cE title "simulation (bounded; none ran away)"
    }
    unset arrow 1; unset label 1; unset label 2; unset object 1
    # (f) phase portrait
    set title "(f) phase portrait from the theory"
    set xlabel "j_{ee} (unscaled)"
    set ylabel "dj/dt / η  (1/ms)"
    set xrange [0:45]; set yrange [-1:0.6]
    set key inside bottom left font ",9"
    set arrow 2 from 0, 0 to 45, 0 nohead lc rgb "#999999"
    plot for [k = 1:4] PH[k] using "j":(column("djdt_per_s") / (1000 * ETA)) with lines lc rgb pcol[k] lw 2 title sprintf("b = %g", BPH[k])
    unset arrow 2
    unset multiplot
}
