# transients.gp - simulated mean-weight trajectories next to the theory transients (the
# drift equations of paper/model.md section 6 in real time, rates re-balanced at every
# weight), one run of each of three experiments (the largest N, repeat 0).  Loaded by
# fig_transients.gp (the size sweeps) and fig_transients_long.gp (the long runs of the
# distributions experiment), which set:
#   TNAME       the figure's name           TTITLE   its title (before the profile)
#   fam[3]      the experiments             blk[3]   the weight drawn (jee or jei)
#   lbl[3]      the panel titles            col[3]   the colours
# Lines: the plain drift (solid) and, where cx > 0, the drift with the input-correlation
# terms (dash-dot).  The caller loads common.gp first (the colours).
array RID[3]
array RT[3]
array RN[3]
array RCX[3]
array RSEED[3]
array TC[3]
array TH[3]
array THX[3]
do for [k = 1:3] {
    r = values(sprintf("SELECT r.id || ' ' || r.T_ms || ' ' || r.N || ' ' || p.value || ' ' || r.seed FROM runs r JOIN params p ON p.run_id = r.id AND p.key = 'cx' WHERE r.experiment = '%s' AND r.status = 'ok' ORDER BY r.N DESC, r.repeat, r.id LIMIT 1", ex(fam[k])))
    @CHECK
    if (words(r) < 5) { exit error sprintf("%s: no complete run of %s", TNAME, ex(fam[k])) }
    RID[k] = word(r, 1); RT[k] = real(word(r, 2)); RN[k] = int(word(r, 3)); RCX[k] = real(word(r, 4)); RSEED[k] = word(r, 5)
    TC[k] = fetch(sprintf("tc%d.tsv", k), tc_sql(RID[k]))
    @CHECK
    TH[k] = traj(sprintf("th%d.tsv", k), RID[k], RT[k] / 200, "")
    @CHECK
    TH_cx = RCX[k] > 0 ? traj(sprintf("thx%d.tsv", k), RID[k], RT[k] / 200, "--cx") : ""
    @CHECK
    THX[k] = TH_cx
}

do for [fmt in "png pdf"] {
    eval setterm(fmt, TNAME, 1500, 580)
    set multiplot layout 1,3 margins 0.05, 0.98, 0.22, 0.80 spacing 0.06, 0 title sprintf("%s, profile %s", TTITLE, profile) font ",12"
    set xlabel "time (s)"
    set key outside below center horizontal maxrows 1 Left reverse nobox height 1.5 samplen 2 width -2
    do for [k = 1:3] {
        # the seed, not the database id: ids follow the order in which runs were stored
        set title sprintf("%s\nN = %d, c_x = %g, seed %s", lbl[k], RN[k], RCX[k], RSEED[k])
        set ylabel sprintf("mean weight j_{%s} (unscaled)", blk[k] eq "jee" ? "EE" : "EI")
        set xrange [0:RT[k] / 1000.0]
        set yrange [*:*]; set offsets 0, 0, graph 0.05, graph 0.05
        if (THX[k] ne "") {
            plot TC[k] using "t_s":blk[k] with points lc rgb col[k] pt 7 ps 0.5 title "simulation", \
                 TH[k] using (column("t_ms") / 1000.0):blk[k] with lines lc rgb cK lw 2 title "theory", \
                 THX[k] using (column("t_ms") / 1000.0):blk[k] with lines lc rgb cK lw 1.5 dt 4 title "theory with c_x terms"
        } else {
            plot TC[k] using "t_s":blk[k] with points lc rgb col[k] pt 7 ps 0.5 title "simulation", \
                 TH[k] using (column("t_ms") / 1000.0):blk[k] with lines lc rgb cK lw 2 title "theory"
        }
    }
    unset multiplot
}
