# common.gp - what every figure script shares: reading the results database, the theory
# transients, the output terminals and the colours.
#
# Why: ten figures read the same views of the database (README.md, "Results database")
# in the same way; writing the SQL once keeps them consistent and fast.  Each figure fetches its data
# once into tab-separated files in a temporary directory (one `pbn query` per table), then
# draws from those files twice: PNG (pngcairo) and PDF (pdfcairo), the cairo terminals of
# Debian's gnuplot-nox.
#
# Variables the caller sets with gnuplot -e (figures/plot.sh does):
#   pbn      the pbn command          db       the results database
#   profile  smoke, quick or paper    outdir   where NAME.png and NAME.pdf go
#   figsrc   the directory of the scripts (this file)
#   tmp      an empty scratch directory (removed by the caller)
#
# Representation of a fetched table (fetch_points): one row per sweep point, ordered by
# x, with header names
#   x                  the parameter on the x axis (from view point_params)
#   n_runs             repeats at the point (complete runs)
#   NAME, NAME_se      simulation metric NAME: mean and standard error over the repeats
#                      (view metric_summary; s.e. 0 for a single run: no error bar)
#   t_NAME             theory value NAME (table theory), averaged over the runs of the point
# NULL is NaN: gnuplot treats it as a missing point.

set encoding utf8
set datafile separator tab
set datafile columnheaders

# ---- colours and styles: E red, I blue (the presynaptic population for weights) -----
cE = "#d62728"; cI = "#1f77b4"; cEI = "#9467bd"; cII = "#17becf"; cK = "#333333"
cA = "#2ca02c"; cB = "#ff7f0e"

# simulation points (filled), the originals' variants (open)
set style line 1 lc rgb cE pt 7 ps 1.1 lw 1.5
set style line 2 lc rgb cI pt 5 ps 1.0 lw 1.5
set style line 3 lc rgb cEI pt 9 ps 1.2 lw 1.5
set style line 4 lc rgb cII pt 13 ps 1.2 lw 1.5
set style line 5 lc rgb cE pt 6 ps 1.4 lw 1.5
# a second condition (e.g. the larger N): triangles
set style line 6 lc rgb cE pt 9 ps 1.3 lw 1.5
set style line 7 lc rgb cI pt 11 ps 1.3 lw 1.5
set style line 8 lc rgb cE pt 8 ps 1.3 lw 1.5
set style line 9 lc rgb cI pt 10 ps 1.3 lw 1.5
# theory: nominal (solid), effective weights (dashed), input-correlation corrected (dash-dot)
set style line 11 lc rgb cE lw 2
set style line 12 lc rgb cI lw 2
set style line 13 lc rgb cEI lw 2
set style line 14 lc rgb cII lw 2
set style line 21 lc rgb cE lw 1.5 dt 2
set style line 22 lc rgb cI lw 1.5 dt 2
set style line 23 lc rgb cEI lw 1.5 dt 2
set style line 24 lc rgb cII lw 1.5 dt 2
set style line 31 lc rgb cE lw 1.5 dt 4
set style line 32 lc rgb cI lw 1.5 dt 4
set style line 33 lc rgb cEI lw 1.5 dt 4
set style line 34 lc rgb cII lw 1.5 dt 4
set style line 40 lc rgb "#999999" lw 1 dt 3

set grid lc rgb "#dddddd" lw 1
set key outside right top vertical Left reverse nobox samplen 2.5 spacing 1.1 font ",9"
set bars small

# ---- the output: eval setterm(fmt, name, width_px, height_px) -----------------------
# PNG at the given pixel size; PDF at width/72 x height/72 inches, the size at which the
# same font sizes (cairo's 72 points per inch) give the same layout as the PNG.
setterm(fmt, name, w, h) = fmt eq "png" \
    ? sprintf('set terminal pngcairo size %d,%d font "Sans,11" fontscale 1 enhanced; set output "%s/%s.png"', \
              w, h, outdir, name) \
    : sprintf('set terminal pdfcairo size %gin,%gin font "Sans,11" fontscale 1 linewidth 1.4 enhanced; set output "%s/%s.pdf"', \
              w / 72.0, h / 72.0, outdir, name)

# ---- reading the database -----------------------------------------------------------
ex(f) = profile . "." . f                 # experiment name of family f
query(sql) = sprintf("'%s' query --db '%s' \"%s\"", pbn, db, sql)
# the values of a one-column query, without the header, as a word list
values(sql) = system(query(sql) . " | sed 1d")
# run sql into the file tmp/f; the caller follows with @CHECK
fetch(f, sql) = (system(query(sql) . sprintf(" > '%s/%s'", tmp, f)), tmp . "/" . f)
CHECK = 'if (GPVAL_SYSTEM_ERRNO != 0) { exit error "a database query or theory command failed (message above)" }'

# SQL pieces for fetch_points
sim_cols(n, i) = i > words(n) ? "" : sprintf(", max(CASE WHEN name = '%s' THEN mean END) AS [%s], max(CASE WHEN name = '%s' THEN coalesce(se, 0) END) AS [%s_se]", word(n, i), word(n, i), word(n, i), word(n, i)) . sim_cols(n, i + 1)
th_cols(n, i) = i > words(n) ? "" : sprintf(", avg(CASE WHEN t.name = '%s' THEN t.value END) AS [t_%s]", word(n, i), word(n, i)) . th_cols(n, i + 1)
# points of experiment e whose parameter k equals v (within rounding), for the filter argument
where_param(e, k, v) = sprintf(" AND point IN (SELECT point FROM point_params WHERE experiment = '%s' AND key = '%s' AND abs(value - (%.17g)) <= 1e-9 * (1 + abs(%.17g)))", e, k, v, v)

# One row per point of experiment e (complete runs), x = parameter xkey, simulation
# metrics sims (mean, s.e.) and theory values ths (space-separated names); filter: "" or
# a where_param(...) string.
points_sql(e, xkey, filter, sims, ths) = sprintf("WITH x AS (SELECT point, value AS x FROM point_params WHERE experiment = '%s' AND key = '%s'%s), s AS (SELECT point, max(n_runs) AS n_runs%s FROM metric_summary WHERE experiment = '%s' GROUP BY point), t AS (SELECT r.point%s FROM runs r JOIN theory t ON t.run_id = r.id WHERE r.experiment = '%s' AND r.status = 'ok' GROUP BY r.point) SELECT x.x AS x, s.*, t.* FROM x JOIN s USING (point) LEFT JOIN t USING (point) ORDER BY x.x", e, xkey, filter, sim_cols(sims, 1), e, th_cols(ths, 1), e)

# ---- time courses ---------------------------------------------------------------------
# the simulated trajectory of run id: t in seconds, mean weights, population rates
tc_sql(id) = sprintf("SELECT t_ms / 1000.0 AS t_s, jee, jei, jie, jii, rate_e_hz, rate_i_hz FROM timecourse WHERE run_id = %d ORDER BY bin", int(real(id)))
# the run's configuration rebuilt from table params, reals with 17 digits (exact: the same
# config_hash); the header '#' is a comment line for the config reader
cfg_sql(id) = sprintf("SELECT key || ' = ' || CASE typeof(value) WHEN 'real' THEN printf('%%!.17g', value) ELSE value END AS [#] FROM params WHERE run_id = %d", int(real(id)))
# the theory transient of run id from its initial weights, sampled every step ms, into
# tmp/f (columns t_ms jee jei jie jii rate_e_hz rate_i_hz); opts: "", "--cx", ...  The
# configuration goes through a file (tmp/f.cfg), so that a failed query (or a run
# without params rows) cannot pass for the default configuration.
traj(f, id, step, opts) = (system(query(cfg_sql(id)) . sprintf(" > '%s/%s.cfg' && grep -q = '%s/%s.cfg' && '%s' theory '%s/%s.cfg' --trajectory %.17g %s > '%s/%s'", tmp, f, tmp, f, pbn, tmp, f, step, opts, tmp, f)), tmp . "/" . f)

# ---- axes ------------------------------------------------------------------------------
# log-x range around [lo, hi] with a margin
set_logx_range(lo, hi) = sprintf("set logscale x; set xrange [%g:%g]; set xtics (200, 300, 500, 1000, 2000, 3000, 5000, 10000, 20000, 30000); set mxtics default", lo / 1.25, hi * 1.25)
NLABEL = "network size N (neurons)"
# the second title line of a sweep figure
se_note(n) = n > 1 ? sprintf("points: simulation, mean ± standard error over up to %d repeats; lines: theory", n) : "points: simulation (one run per point, so no error bars); lines: theory"
