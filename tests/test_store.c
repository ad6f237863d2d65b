/*
 * test_store.c - the results database: every kind of result stored and read back
 * exactly, provenance, NaN as NULL, identity rules, schema version checks, the views,
 * and the failures a user meets (locked, read-only, full, corrupt, killed mid-write).
 *
 * Expected values come from the simulation's own pbn_results (read back bit for bit:
 * SQLite stores IEEE doubles unchanged) or are computed in the test (means and standard
 * errors for the views), never typed in.
 */
#define _GNU_SOURCE
#include <check.h>
#include <math.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pbn/pbn.h"
#include "store_testlib.h"
#include "check_run.h"

static char dir[256];

static void setup(void) { tu_tmpdir(dir, sizeof dir); }
static void teardown(void) { tu_rmtree(dir); }

static pbn_config plastic_config(void)
{
    pbn_config c;
    tu_tiny(&c, 200, 600, 3);
    c.plastic_ee = PBN_EE_KOHONEN;
    c.plastic_ei = PBN_EI_ISTDP;
    c.record_spikes = 1;
    return c;
}

static pbn_store *open_w(const char *path)
{
    pbn_error err = {0, ""};
    pbn_store *st = pbn_store_open(path, PBN_STORE_WRITE, &err);
    ck_assert_msg(st != NULL, "%s", err.msg);
    return st;
}

static long long put(pbn_store *st, const char *exp, const char *point, int rep,
                     const pbn_config *cfg, const pbn_results *r, const pbn_sink *sink)
{
    pbn_error err = {0, ""};
    pbn_run_meta meta = {exp, point, rep, pbn_store_clock() - 1, pbn_store_clock(), 0};
    long long id = 0;
    int stored = 0;
    ck_assert_msg(pbn_store_put_run(st, &meta, cfg, r, sink, &id, &stored, &err) == PBN_OK,
                  "%s", err.msg);
    ck_assert(stored == 1 && id > 0);
    return id;
}

/* The query's reals must equal v[0..n) exactly (NULL for NaN). */
static void check_reals(pbn_store *st, const char *sql, const double *v, size_t n)
{
    double *got = malloc((n + 1) * sizeof *got);
    size_t k = tu_reals(st, sql, got, n + 1);
    ck_assert_msg(k == n, "%s: %zu rows, expected %zu", sql, k, n);
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(tu_same(got[i], v[i]), "%s: row %zu: %.17g, expected %.17g", sql, i,
                      got[i], v[i]);
    free(got);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* ---- round trip ------------------------------------------------------------------------ */

START_TEST(test_store__roundtrip)
{
    char db[512], sql[512];
    tu_path(db, sizeof db, dir, "sub/r.db"); /* also checks that the directory is created */
    pbn_config cfg = plastic_config();
    pbn_sim *sim = tu_run(&cfg);
    const pbn_results *r = pbn_sim_results(sim);
    ck_assert_int_eq(r->status, PBN_RUN_OK);
    ck_assert_msg(r->n_raster > 0 && r->n_windows > 1, "the tiny run should spike");

    pbn_error err = {0, ""};
    pbn_sink *sink = pbn_sink_new();
    const double cx[3] = {1, 2, 3}, cy[3] = {4, NAN, 6}, hv[2] = {7, 8};
    const pbn_metric th[2] = {{"rate_e_hz", 5.5}, {"theory_only", -2.25}};
    ck_assert(pbn_sink_metric(sink, "extra_a", 1.5, &err) == PBN_OK);
    ck_assert(pbn_sink_metric(sink, "extra_nan", NAN, &err) == PBN_OK);
    ck_assert(pbn_sink_series(sink, "curve", 3, cx, cy, &err) == PBN_OK);
    ck_assert(pbn_sink_series(sink, "indexed", 2, NULL, hv, &err) == PBN_OK);
    ck_assert(pbn_sink_samples(sink, "hist", 2, hv, &err) == PBN_OK);
    ck_assert(pbn_sink_theory(sink, th, 2, &err) == PBN_OK);

    pbn_store *st = open_w(db);
    long long id = put(st, "exp1", "pointA", 2, &cfg, r, sink);
    pbn_sink_free(sink);

    /* provenance */
    char hash[17], host[256];
    char *canon = pbn_config_canonical(&cfg);
    pbn_config_hash(&cfg, hash);
    gethostname(host, sizeof host);
    host[sizeof host - 1] = '\0';
    struct {
        const char *col, *want;
    } texts[] = {{"experiment", "exp1"},           {"point", "pointA"},
                 {"config_hash", hash},            {"config", canon},
                 {"rng", "mt19937"},               {"plastic", "ee=kohonen,ei=istdp"},
                 {"version", pbn_version()},       {"git_commit", pbn_git_commit()},
                 {"host", host},                   {"status", "ok"}};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        snprintf(sql, sizeof sql, "SELECT %s FROM runs WHERE id = %lld", texts[i].col, id);
        char *got = tu_text(db, sql);
        ck_assert_msg(!strcmp(got, texts[i].want), "%s = '%s', expected '%s'", texts[i].col,
                      got, texts[i].want);
        free(got);
    }
    free(canon);
    snprintf(sql, sizeof sql,
             "SELECT seed * 1000000 + repeat * 100000 + N * 100 + (Ne = %ld) + (Ni = %ld) * 2 + "
             "(Nx = %ld) * 4 + (T_ms = 600) * 8 FROM runs WHERE id = %lld",
             pbn_config_ne(&cfg), pbn_config_ni(&cfg), pbn_config_nx(&cfg), id);
    ck_assert_int_eq(tu_int(db, sql), 3 * 1000000 + 2 * 100000 + 200 * 100 + 15);
    /* times: ISO 8601 UTC with milliseconds; wall and timing columns as given */
    snprintf(sql, sizeof sql, "SELECT started FROM runs WHERE id = %lld", id);
    char *started = tu_text(db, sql);
    int Y, M, D, h, m, s, ms;
    char z = 0;
    ck_assert_msg(strlen(started) == 24 &&
                      sscanf(started, "%4d-%2d-%2dT%2d:%2d:%2d.%3d%c", &Y, &M, &D, &h, &m, &s,
                             &ms, &z) == 8 && z == 'Z',
                  "started = '%s'", started);
    free(started);
    double tcol[4];
    const char *cols[4] = {"wall_s", "build_s", "run_s",
                           "strftime('%s', finished) - strftime('%s', started)"};
    for (int k = 0; k < 4; k++) {
        snprintf(sql, sizeof sql, "SELECT %s FROM runs WHERE id = %lld", cols[k], id);
        ck_assert(tu_reals(st, sql, &tcol[k], 1) == 1);
    }
    ck_assert(fabs(tcol[0] - 1.0) < 0.01);
    ck_assert(tcol[1] == r->build_s && tcol[2] == r->run_s);
    ck_assert(tcol[3] >= 0 && tcol[3] <= 2);

    /* params: every key, and they rebuild the configuration exactly */
    size_t np;
    const pbn_param *par = pbn_config_params(&np);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM params WHERE run_id = %lld", id);
    ck_assert_int_eq(tu_int(db, sql), (long long)np);
    pbn_config back;
    pbn_config_defaults(&back);
    back.N = 999;
    back.seed = 12345;
    for (size_t i = 0; i < np; i++) {
        snprintf(sql, sizeof sql,
                 "SELECT CASE typeof(value) WHEN 'real' THEN printf('%%!.17g', value) ELSE "
                 "value END FROM params WHERE run_id = %lld AND key = '%s'",
                 id, par[i].name);
        char *v = tu_text(db, sql);
        if (!*v) { /* an integer comes back as a number, not text */
            free(v);
            snprintf(sql, sizeof sql, "SELECT value FROM params WHERE run_id = %lld AND key = '%s'",
                     id, par[i].name);
            char num[32];
            snprintf(num, sizeof num, "%lld", tu_int(db, sql));
            v = strdup(num);
        }
        ck_assert_msg(pbn_config_set(&back, par[i].name, v, &err) == PBN_OK, "%s = %s: %s",
                      par[i].name, v, err.msg);
        free(v);
    }
    char hash2[17];
    pbn_config_hash(&back, hash2);
    ck_assert_str_eq(hash, hash2);
    snprintf(sql, sizeof sql,
             "SELECT typeof(value) = 'text' FROM params WHERE run_id = %lld AND key = "
             "'plastic_ee'",
             id);
    ck_assert_int_eq(tu_int(db, sql), 1);

    /* metrics: every summary metric except the wall-clock ones, NaN as NULL */
    pbn_metric mm[PBN_MAX_METRICS];
    size_t nm = pbn_results_metrics(r, mm, PBN_MAX_METRICS), nstored = 0;
    for (size_t i = 0; i < nm; i++) {
        int timing = !strcmp(mm[i].name, "build_s") || !strcmp(mm[i].name, "run_s") ||
                     !strcmp(mm[i].name, "wall_per_sim_s");
        snprintf(sql, sizeof sql, "SELECT value FROM metrics WHERE run_id = %lld AND name = '%s'",
                 id, mm[i].name);
        double v;
        size_t k = tu_reals(st, sql, &v, 1);
        ck_assert_msg(k == (timing ? 0u : 1u), "metric %s: %zu rows", mm[i].name, k);
        if (!timing) {
            ck_assert_msg(tu_same(v, mm[i].value), "metric %s = %.17g, expected %.17g",
                          mm[i].name, v, mm[i].value);
            nstored++;
        }
    }
    snprintf(sql, sizeof sql, "SELECT count(*) FROM metrics WHERE run_id = %lld", id);
    ck_assert_int_eq(tu_int(db, sql), (long long)nstored + 2); /* + the two extra metrics */
    double v1;
    int found;
    ck_assert(pbn_store_metric(st, id, "extra_a", &v1, &found, &err) == PBN_OK);
    ck_assert(found && v1 == 1.5);
    ck_assert(pbn_store_metric(st, id, "extra_nan", &v1, &found, &err) == PBN_OK);
    ck_assert(found && isnan(v1));
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM metrics WHERE run_id = %lld AND name = 'extra_nan' AND "
             "value IS NULL",
             id);
    ck_assert_int_eq(tu_int(db, sql), 1);
    ck_assert(pbn_store_metric(st, id, "no_such", &v1, &found, &err) == PBN_OK);
    ck_assert(!found && isnan(v1));

    /* time courses */
    const char *sname[14] = {"rate_e_hz", "rate_i_hz", "jee", "jei", "jie", "jii", "jex",
                             "jix", "epop_input_e", "epop_input_i", "epop_input_x",
                             "ipop_input_e", "ipop_input_i", "ipop_input_x"};
    const double *sval[14] = {r->rate_t[0], r->rate_t[1], r->wmean_t[0], r->wmean_t[1],
                              r->wmean_t[2], r->wmean_t[3], r->wmean_t[4], r->wmean_t[5],
                              r->input_t[0][0], r->input_t[0][1], r->input_t[0][2],
                              r->input_t[1][0], r->input_t[1][1], r->input_t[1][2]};
    for (int k = 0; k < 14; k++) {
        snprintf(sql, sizeof sql,
                 "SELECT y FROM series WHERE run_id = %lld AND name = '%s' ORDER BY i", id,
                 sname[k]);
        check_reals(st, sql, sval[k], r->n_bins);
        snprintf(sql, sizeof sql,
                 "SELECT x FROM series WHERE run_id = %lld AND name = '%s' ORDER BY i", id,
                 sname[k]);
        check_reals(st, sql, r->t_bin, r->n_bins);
        /* the timecourse view pivots the same rows */
        snprintf(sql, sizeof sql, "SELECT %s FROM timecourse WHERE run_id = %lld ORDER BY bin",
                 sname[k], id);
        check_reals(st, sql, sval[k], r->n_bins);
    }
    snprintf(sql, sizeof sql, "SELECT t_ms FROM timecourse WHERE run_id = %lld ORDER BY bin", id);
    check_reals(st, sql, r->t_bin, r->n_bins);

    /* extra series and samples */
    snprintf(sql, sizeof sql, "SELECT y FROM series WHERE run_id = %lld AND name = 'curve' ORDER BY i", id);
    check_reals(st, sql, cy, 3);
    snprintf(sql, sizeof sql, "SELECT x FROM series WHERE run_id = %lld AND name = 'curve' ORDER BY i", id);
    check_reals(st, sql, cx, 3);
    const double idx[2] = {0, 1};
    snprintf(sql, sizeof sql, "SELECT x FROM series WHERE run_id = %lld AND name = 'indexed' ORDER BY i", id);
    check_reals(st, sql, idx, 2);
    snprintf(sql, sizeof sql, "SELECT value FROM samples WHERE run_id = %lld AND name = 'hist' ORDER BY i", id);
    check_reals(st, sql, hv, 2);

    /* per neuron */
    const double *nv[4] = {r->rate, r->in_e, r->in_i, r->in_x};
    const char *ncol[4] = {"rate_hz", "in_e", "in_i", "in_x"};
    for (int k = 0; k < 4; k++) {
        snprintf(sql, sizeof sql, "SELECT %s FROM neurons WHERE run_id = %lld ORDER BY neuron",
                 ncol[k], id);
        check_reals(st, sql, nv[k], (size_t)r->N);
    }
    snprintf(sql, sizeof sql, "SELECT count(*) FROM neurons WHERE run_id = %lld AND pop = 'e'", id);
    ck_assert_int_eq(tu_int(db, sql), r->Ne);

    /* pairs, with their neuron ids */
    const char *kinds[3] = {"ee", "ei", "ii"};
    for (int k = 0; k < 3; k++) {
        ck_assert(r->n_pairs[k] > 0);
        double *ids = malloc(2 * r->n_pairs[k] * sizeof *ids);
        for (size_t i = 0; i < r->n_pairs[k]; i++) {
            ids[i] = r->pair_a[k][i];
            ids[r->n_pairs[k] + i] = r->pair_b[k][i];
        }
        snprintf(sql, sizeof sql, "SELECT cov FROM pairs WHERE run_id = %lld AND kind = '%s' ORDER BY i", id, kinds[k]);
        check_reals(st, sql, r->pair_cov[k], r->n_pairs[k]);
        snprintf(sql, sizeof sql, "SELECT corr FROM pairs WHERE run_id = %lld AND kind = '%s' ORDER BY i", id, kinds[k]);
        check_reals(st, sql, r->pair_corr[k], r->n_pairs[k]);
        snprintf(sql, sizeof sql, "SELECT a FROM pairs WHERE run_id = %lld AND kind = '%s' ORDER BY i", id, kinds[k]);
        check_reals(st, sql, ids, r->n_pairs[k]);
        snprintf(sql, sizeof sql, "SELECT b FROM pairs WHERE run_id = %lld AND kind = '%s' ORDER BY i", id, kinds[k]);
        check_reals(st, sql, ids + r->n_pairs[k], r->n_pairs[k]);
        free(ids);
    }

    /* weights and synapse trajectories of the plastic blocks (EE, EI) */
    const char *blocks[PBN_NBLOCKS] = {"ee", "ei", "ie", "ii", "ex", "ix"};
    for (int b = 0; b < PBN_NBLOCKS; b++) {
        snprintf(sql, sizeof sql, "SELECT j FROM weights WHERE run_id = %lld AND block = '%s' ORDER BY i", id, blocks[b]);
        check_reals(st, sql, r->wsample[b], r->wsample[b] ? r->n_wsample[b] : 0);
        ck_assert(b > PBN_EI || r->n_wsample[b] > 0);
        for (size_t q = 0; q < r->n_syn[b]; q++) {
            snprintf(sql, sizeof sql,
                     "SELECT j FROM synapses WHERE run_id = %lld AND block = '%s' AND k = %zu "
                     "ORDER BY bin",
                     id, blocks[b], q);
            check_reals(st, sql, r->syn_w[b] + q * r->n_bins, r->n_bins);
            snprintf(sql, sizeof sql,
                     "SELECT count(*) FROM synapses WHERE run_id = %lld AND block = '%s' AND "
                     "k = %zu AND post = %u AND pre = %u",
                     id, blocks[b], q, r->syn_post[b][q], r->syn_pre[b][q]);
            ck_assert_int_eq(tu_int(db, sql), (long long)r->n_bins);
        }
        snprintf(sql, sizeof sql, "SELECT count(DISTINCT k) FROM synapses WHERE run_id = %lld AND block = '%s'", id, blocks[b]);
        ck_assert_int_eq(tu_int(db, sql), (long long)r->n_syn[b]);
    }
    ck_assert(r->n_syn[PBN_EE] > 0 && r->n_syn[PBN_EI] > 0);

    /* raster: the same set of (time, neuron) spikes */
    uint64_t *want = malloc(r->n_raster * sizeof *want);
    for (size_t i = 0; i < r->n_raster; i++)
        want[i] = (uint64_t)llround(r->raster_t[i] * 10.0) * 100000u + r->raster_id[i];
    qsort(want, r->n_raster, sizeof *want, cmp_u64);
    double *keys = malloc(r->n_raster * sizeof *keys);
    for (size_t i = 0; i < r->n_raster; i++)
        keys[i] = (double)want[i];
    snprintf(sql, sizeof sql,
             "SELECT round(t_ms * 10) * 100000 + neuron AS k FROM raster WHERE run_id = %lld "
             "ORDER BY k",
             id);
    check_reals(st, sql, keys, r->n_raster);
    free(want);
    free(keys);

    /* theory and the simulation-next-to-theory view */
    snprintf(sql, sizeof sql, "SELECT theory FROM sim_theory WHERE run_id = %lld ORDER BY name", id);
    const double thv[2] = {5.5, -2.25};
    check_reals(st, sql, thv, 2);
    snprintf(sql, sizeof sql, "SELECT sim FROM sim_theory WHERE run_id = %lld ORDER BY name", id);
    const double simv[2] = {r->rate_e, NAN}; /* theory_only has no simulation metric */
    check_reals(st, sql, simv, 2);

    ck_assert(pbn_store_close(st, &err) == PBN_OK);
    pbn_sim_free(sim);
}
END_TEST

/* ---- identity -------------------------------------------------------------------------- */

START_TEST(test_store__identity)
{
    char db[512], sql[256];
    tu_path(db, sizeof db, dir, "id.db");
    pbn_config cfg;
    tu_tiny(&cfg, 100, 300, 5);
    pbn_error err = {0, ""};
    pbn_store *st = open_w(db);

    /* an interrupted attempt: the stop flag is set before the first step */
    volatile sig_atomic_t stop = 1;
    pbn_sim *sim = pbn_sim_create(&cfg, &err);
    pbn_sim_set_stop_flag(sim, &stop);
    ck_assert(pbn_sim_run(sim, &err) == PBN_OK);
    ck_assert_int_eq(pbn_sim_results(sim)->status, PBN_RUN_INTERRUPTED);
    long long id0 = put(st, "e", "p", 0, &cfg, pbn_sim_results(sim), NULL);
    /* a second interrupted attempt replaces the first */
    long long id1 = put(st, "e", "p", 0, &cfg, pbn_sim_results(sim), NULL);
    ck_assert(id1 != id0);
    pbn_sim_free(sim);
    ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM runs"), 1);
    long long fid = 0;
    char hash[17];
    pbn_config_hash(&cfg, hash);
    ck_assert(pbn_store_find_run(st, "e", "p", hash, &fid, &err) == PBN_OK);
    ck_assert_msg(fid == 0, "an interrupted run is not complete");

    /* the complete run replaces the interrupted one, rows included */
    sim = tu_run(&cfg);
    long long id2 = put(st, "e", "p", 0, &cfg, pbn_sim_results(sim), NULL);
    ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM runs"), 1);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM metrics WHERE run_id = %lld", id1);
    ck_assert_int_eq(tu_int(db, sql), 0);
    ck_assert(pbn_store_find_run(st, "e", "p", hash, &fid, &err) == PBN_OK);
    ck_assert(fid == id2);

    /* the same run again is not stored twice; an interrupted one does not displace it */
    pbn_run_meta meta = {"e", "p", 0, 0, 0, 0};
    long long id3 = 0;
    int stored = 1;
    ck_assert(pbn_store_put_run(st, &meta, &cfg, pbn_sim_results(sim), NULL, &id3, &stored,
                                &err) == PBN_OK);
    ck_assert(stored == 0 && id3 == id2);
    /* another point or experiment is another run */
    put(st, "e", "q", 0, &cfg, pbn_sim_results(sim), NULL);
    put(st, "f", "p", 0, &cfg, pbn_sim_results(sim), NULL);
    ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM runs"), 3);

    /* a run that has not finished cannot be stored */
    pbn_sim *s2 = pbn_sim_create(&cfg, &err);
    ck_assert(pbn_store_put_run(st, &meta, &cfg, pbn_sim_results(s2), NULL, NULL, NULL,
                                &err) == PBN_EINVAL);
    pbn_sim_free(s2);

    /* sink names: invalid, duplicate, clashing with the standard ones */
    pbn_sink *sink = pbn_sink_new();
    ck_assert(pbn_sink_metric(sink, "bad name", 1, &err) == PBN_EINVAL);
    ck_assert(pbn_sink_metric(sink, "", 1, &err) == PBN_EINVAL);
    ck_assert(pbn_sink_metric(sink, "x", 1, &err) == PBN_OK);
    ck_assert(pbn_sink_metric(sink, "x", 2, &err) == PBN_EINVAL);
    ck_assert(pbn_sink_metric(sink, "rate_e_hz", 2, &err) == PBN_OK);
    meta.point = "clash";
    ck_assert(pbn_store_put_run(st, &meta, &cfg, pbn_sim_results(sim), sink, NULL, NULL,
                                &err) == PBN_EINVAL);
    ck_assert_msg(strstr(err.msg, "rate_e_hz") != NULL, "%s", err.msg);
    pbn_sink_clear(sink);
    const double y[2] = {1, 2};
    ck_assert(pbn_sink_series(sink, "jee", 2, NULL, y, &err) == PBN_OK);
    ck_assert(pbn_store_put_run(st, &meta, &cfg, pbn_sim_results(sim), sink, NULL, NULL,
                                &err) == PBN_EINVAL);
    pbn_sink_free(sink);
    ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM runs"), 3);
    /* build_s is a column of runs; as an extra metric name it is allowed */
    pbn_sim_free(sim);
    pbn_store_close(st, NULL);

    /* a read-only store refuses to write */
    pbn_store *ro = pbn_store_open(db, PBN_STORE_READ, &err);
    ck_assert(ro != NULL);
    sim = tu_run(&cfg);
    ck_assert(pbn_store_put_run(ro, &meta, &cfg, pbn_sim_results(sim), NULL, NULL, NULL,
                                &err) == PBN_EINVAL);
    ck_assert(pbn_store_query(ro, "DELETE FROM runs", NULL, NULL, NULL, &err) == PBN_EINVAL);
    pbn_sim_free(sim);
    pbn_store_close(ro, NULL);
    ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM runs"), 3);
}
END_TEST

/*
 * A run stopped early stores what it recorded.  The simulator is deterministic, so a run
 * stopped at a bin boundary is a prefix of the full run: its stored time courses and
 * synapse trajectories must equal the first bins of the full run's (this checks the
 * layout of the trajectories, whose stride is the full run's number of bins).
 */
START_TEST(test_store__partial_run)
{
    char db[512], sql[512];
    tu_path(db, sizeof db, dir, "partial.db");
    pbn_config cfg = plastic_config();
    pbn_error err = {0, ""};
    pbn_sim *full = tu_run(&cfg);
    pbn_sim *part = pbn_sim_create(&cfg, &err);
    ck_assert(part != NULL);
    uint64_t half = pbn_config_nsteps(&cfg) / 2, bs = pbn_config_record_steps(&cfg);
    half -= half % bs;
    ck_assert(pbn_sim_advance(part, half, &err) == PBN_OK);
    ck_assert(pbn_sim_finish(part, &err) == PBN_OK);
    const pbn_results *rf = pbn_sim_results(full), *rp = pbn_sim_results(part);
    ck_assert_int_eq(rp->status, PBN_RUN_INTERRUPTED);
    ck_assert(rp->n_bins == half / bs && rp->n_bins < rf->n_bins);
    pbn_store *st = open_w(db);
    long long idf = put(st, "full", "p", 0, &cfg, rf, NULL);
    long long idp = put(st, "part", "p", 0, &cfg, rp, NULL);
    const char *blocks[2] = {"ee", "ei"};
    double *want = malloc(rf->n_bins * sizeof *want);
    for (int b = 0; b < 2; b++)
        for (size_t q = 0; q < rp->n_syn[b]; q++) {
            snprintf(sql, sizeof sql,
                     "SELECT j FROM synapses WHERE run_id = %lld AND block = '%s' AND k = %zu "
                     "ORDER BY bin",
                     idf, blocks[b], q);
            ck_assert(tu_reals(st, sql, want, rf->n_bins) == rf->n_bins);
            snprintf(sql, sizeof sql,
                     "SELECT j FROM synapses WHERE run_id = %lld AND block = '%s' AND k = %zu "
                     "ORDER BY bin",
                     idp, blocks[b], q);
            check_reals(st, sql, want, rp->n_bins);
        }
    snprintf(sql, sizeof sql, "SELECT jee FROM timecourse WHERE run_id = %lld ORDER BY bin", idf);
    ck_assert(tu_reals(st, sql, want, rf->n_bins) == rf->n_bins);
    snprintf(sql, sizeof sql, "SELECT jee FROM timecourse WHERE run_id = %lld ORDER BY bin", idp);
    check_reals(st, sql, want, rp->n_bins);
    snprintf(sql, sizeof sql, "SELECT status FROM runs WHERE id = %lld", idp);
    char *status = tu_text(db, sql);
    ck_assert_str_eq(status, "interrupted");
    free(status);
    free(want);
    pbn_store_close(st, NULL);
    pbn_sim_free(full);
    pbn_sim_free(part);
}
END_TEST

/* ---- schema versions ------------------------------------------------------------------- */

/* Run SQL on a file with plain SQLite (as another program would). */
static void raw_exec(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    ck_assert(sqlite3_open(path, &db) == SQLITE_OK);
    char *msg = NULL;
    ck_assert_msg(sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK, "%s", msg);
    sqlite3_close(db);
}

/* Opening path must fail in both modes with a one-line message containing what, and
   leave the file byte for byte as it was. */
static void refused(const char *path, const char *what)
{
    size_t n0, n1;
    unsigned char *before = tu_slurp(path, &n0);
    for (int mode = 0; mode < 2; mode++) {
        pbn_error err = {0, ""};
        pbn_store *st = pbn_store_open(path, mode, &err);
        ck_assert_msg(st == NULL, "%s opened in mode %d", path, mode);
        ck_assert_int_eq(err.code, PBN_EDB);
        ck_assert_msg(strstr(err.msg, what) != NULL, "'%s' lacks '%s'", err.msg, what);
        ck_assert_msg(strchr(err.msg, '\n') == NULL, "not one line: %s", err.msg);
    }
    unsigned char *after = tu_slurp(path, &n1);
    ck_assert_msg(n0 == n1 && memcmp(before, after, n0) == 0, "%s was changed", path);
    free(before);
    free(after);
}

START_TEST(test_store__schema)
{
    char db[512], p[512];
    pbn_error err = {0, ""};
    tu_path(db, sizeof db, dir, "v.db");

    /* a new file: application id, schema version, WAL, tables and views */
    pbn_store *st = open_w(db);
    pbn_store_close(st, NULL);
    ck_assert_int_eq(tu_int(db, "PRAGMA user_version"), PBN_STORE_SCHEMA);
    ck_assert_int_eq(tu_int(db, "PRAGMA application_id"), PBN_STORE_APP_ID);
    {
        sqlite3 *h = NULL;
        sqlite3_stmt *q = NULL;
        ck_assert(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
        ck_assert(sqlite3_prepare_v2(h, "PRAGMA journal_mode", -1, &q, NULL) == SQLITE_OK);
        ck_assert(sqlite3_step(q) == SQLITE_ROW);
        ck_assert_str_eq((const char *)sqlite3_column_text(q, 0), "wal");
        sqlite3_finalize(q);
        sqlite3_close(h);
    }
    const char *objects[] = {"runs", "params", "metrics", "theory", "series", "samples",
                             "neurons", "pairs", "weights", "synapses", "raster",
                             "final_runs", "run_metrics", "metric_summary", "point_params",
                             "sim_theory", "sim_theory_summary", "timecourse"};
    for (size_t i = 0; i < sizeof objects / sizeof objects[0]; i++) {
        char sql[128];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM sqlite_master WHERE name = '%s'",
                 objects[i]);
        ck_assert_msg(tu_int(db, sql) == 1, "%s missing", objects[i]);
    }
    /* reopening an existing file changes nothing */
    size_t n0, n1;
    unsigned char *b0 = tu_slurp(db, &n0);
    st = open_w(db);
    pbn_store_close(st, NULL);
    unsigned char *b1 = tu_slurp(db, &n1);
    ck_assert(n0 == n1 && !memcmp(b0, b1, n0));
    free(b0);
    free(b1);

    /* newer schema: refused, untouched */
    tu_path(p, sizeof p, dir, "newer.db");
    st = open_w(p);
    pbn_store_close(st, NULL);
    {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d", PBN_STORE_SCHEMA + 1);
        raw_exec(p, sql);
    }
    refused(p, "newer pbn");

    /* older schema (0, before the first): no migration exists, refused, untouched */
    tu_path(p, sizeof p, dir, "older.db");
    st = open_w(p);
    pbn_store_close(st, NULL);
    raw_exec(p, "PRAGMA user_version = 0");
    refused(p, "older pbn");

    /* not a database */
    tu_path(p, sizeof p, dir, "text.db");
    FILE *f = fopen(p, "w");
    for (int i = 0; i < 200; i++)
        fputs("this is a text file, not a database\n", f);
    fclose(f);
    refused(p, "not an SQLite database");

    /* an SQLite database of another program */
    tu_path(p, sizeof p, dir, "other.db");
    raw_exec(p, "CREATE TABLE t (x); INSERT INTO t VALUES (1)");
    refused(p, "not a pbn results database");

    /* missing: an error for readers, and no file is created */
    tu_path(p, sizeof p, dir, "missing.db");
    st = pbn_store_open(p, PBN_STORE_READ, &err);
    ck_assert(st == NULL && err.code == PBN_EIO);
    ck_assert_msg(strstr(err.msg, "does not exist") != NULL, "%s", err.msg);
    ck_assert(access(p, F_OK) != 0);

    /* an empty file: nothing to read, but a writer makes it a database */
    tu_path(p, sizeof p, dir, "empty.db");
    fclose(fopen(p, "w"));
    st = pbn_store_open(p, PBN_STORE_READ, &err);
    ck_assert(st == NULL && err.code == PBN_EDB);
    st = open_w(p);
    pbn_store_close(st, NULL);
    ck_assert_int_eq(tu_int(p, "PRAGMA user_version"), PBN_STORE_SCHEMA);

    /* a directory is not a database */
    st = pbn_store_open(dir, PBN_STORE_WRITE, &err);
    ck_assert(st == NULL);
}
END_TEST

/* ---- views ----------------------------------------------------------------------------- */

/*
 * Schema 1 -> 2 (issue 15, items 9 and 10): a file of schema 1 is read as it is; opened for
 * writing it gets the deletion trigger and its configuration texts and hashes in the new
 * canonical form ("T = 1000" where schema 1 wrote "T = 1e+03"), so the same configuration
 * run again is recognised as stored.  Then a plain sqlite3 connection (foreign keys off)
 * deletes a run with all its rows.
 */
START_TEST(test_store__migrate_v1)
{
    char db[512], sql[512], hash[17];
    tu_path(db, sizeof db, dir, "v1.db");
    pbn_config cfg = plastic_config();
    cfg.T = 1000;
    cfg.raster_stop = 500;
    pbn_sim *sim = tu_run(&cfg);
    pbn_store *st = open_w(db);
    long long id = put(st, "mig", "p1", 0, &cfg, pbn_sim_results(sim), NULL);
    pbn_store_close(st, NULL);
    pbn_sim_free(sim);
    ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM runs WHERE config LIKE '%e+0%'"), 0);
    /* make it a schema-1 file as an older pbn wrote it */
    raw_exec(db, "DROP TRIGGER runs_delete_children;"
                 "UPDATE runs SET config = replace(replace(config, 'T = 1000\n', 'T = 1e+03\n'),"
                 " 'raster_stop = 500\n', 'raster_stop = 5e+02\n'), config_hash = 'old';"
                 "PRAGMA user_version = 1");
    ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM runs WHERE config LIKE '%T = 1e+03%'"), 1);
    /* read as it is */
    pbn_error err = {0, ""};
    st = pbn_store_open(db, PBN_STORE_READ, &err);
    ck_assert_msg(st != NULL, "%s", err.msg);
    pbn_store_close(st, NULL);
    ck_assert_int_eq(tu_int(db, "PRAGMA user_version"), 1);
    /* migrated by a writer */
    st = open_w(db);
    pbn_store_close(st, NULL);
    ck_assert_int_eq(tu_int(db, "PRAGMA user_version"), 2);
    ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM runs WHERE config LIKE '%e+0%'"), 0);
    ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM runs WHERE config LIKE '%T = 1000%'"), 1);
    pbn_config_hash(&cfg, hash);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM runs WHERE config_hash = '%s'", hash);
    ck_assert_int_eq(tu_int(db, sql), 1);
    long long found = 0;
    st = open_w(db);
    ck_assert_int_eq(pbn_store_find_run(st, "mig", "p1", hash, &found, &err), PBN_OK);
    ck_assert_int_eq(found, id);
    pbn_store_close(st, NULL);
    /* deletion without foreign keys leaves no orphans */
    const char *children[] = {"params", "metrics", "series", "neurons",
                              "pairs", "weights", "synapses", "raster"};
    for (size_t i = 0; i < sizeof children / sizeof children[0]; i++) {
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", children[i]);
        ck_assert_msg(tu_int(db, sql) > 0, "%s empty before the deletion", children[i]);
    }
    raw_exec(db, "PRAGMA foreign_keys = OFF; DELETE FROM runs");
    for (size_t i = 0; i < sizeof children / sizeof children[0]; i++) {
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", children[i]);
        ck_assert_msg(tu_int(db, sql) == 0, "orphans left in %s", children[i]);
    }
}
END_TEST

START_TEST(test_store__views)
{
    char db[512], sql[512];
    tu_path(db, sizeof db, dir, "views.db");
    pbn_store *st = open_w(db);
    pbn_error err = {0, ""};
    enum { NPOINT = 2, NREP = 3 };
    const long Ns[NPOINT] = {100, 150};
    double rate[NPOINT][NREP], jfin[NPOINT][NREP];
    for (int p = 0; p < NPOINT; p++)
        for (int k = 0; k < NREP; k++) {
            pbn_config cfg;
            tu_tiny(&cfg, Ns[p], 400, (unsigned long)(10 + 7 * p + k));
            cfg.plastic_ee = PBN_EE_KOHONEN;
            pbn_sim *sim = tu_run(&cfg);
            const pbn_results *r = pbn_sim_results(sim);
            rate[p][k] = r->rate_e;
            jfin[p][k] = r->jfinal[PBN_EE];
            /* synthetic theory rows: a known value per repeat */
            pbn_sink *sink = pbn_sink_new();
            pbn_metric th = {"rate_e_hz", 100.0 * (p + 1) + k};
            ck_assert(pbn_sink_theory(sink, &th, 1, &err) == PBN_OK);
            char point[32];
            snprintf(point, sizeof point, "N=%ld", Ns[p]);
            put(st, "views", point, k, &cfg, r, sink);
            pbn_sink_free(sink);
            pbn_sim_free(sim);
        }
    /* an interrupted run at point 0 must not enter the summaries */
    {
        pbn_config cfg;
        tu_tiny(&cfg, 100, 400, 99);
        volatile sig_atomic_t stop = 1;
        pbn_sim *sim = pbn_sim_create(&cfg, &err);
        pbn_sim_set_stop_flag(sim, &stop);
        ck_assert(pbn_sim_run(sim, &err) == PBN_OK);
        put(st, "views", "N=100", 9, &cfg, pbn_sim_results(sim), NULL);
        pbn_sim_free(sim);
    }

    for (int p = 0; p < NPOINT; p++) {
        const char *names[2] = {"rate_e_hz", "jee_final"};
        double (*vals[2])[NREP] = {rate, jfin};
        for (int m = 0; m < 2; m++) {
            /* mean and standard error computed here: two-pass, sample variance / n */
            double mean = 0, ss = 0;
            for (int k = 0; k < NREP; k++)
                mean += vals[m][p][k];
            mean /= NREP;
            for (int k = 0; k < NREP; k++)
                ss += (vals[m][p][k] - mean) * (vals[m][p][k] - mean);
            double se = sqrt(ss / (NREP - 1) / NREP);
            double got[4];
            snprintf(sql, sizeof sql,
                     "SELECT %s FROM metric_summary WHERE experiment = 'views' AND point = "
                     "'N=%ld' AND name = '%s'",
                     "mean", Ns[p], names[m]);
            ck_assert(tu_reals(st, sql, &got[0], 1) == 1);
            snprintf(sql, sizeof sql,
                     "SELECT se FROM metric_summary WHERE experiment = 'views' AND point = "
                     "'N=%ld' AND name = '%s'",
                     Ns[p], names[m]);
            ck_assert(tu_reals(st, sql, &got[1], 1) == 1);
            snprintf(sql, sizeof sql,
                     "SELECT n_runs * 1000 + N FROM metric_summary WHERE experiment = 'views' "
                     "AND point = 'N=%ld' AND name = '%s'",
                     Ns[p], names[m]);
            ck_assert(tu_reals(st, sql, &got[2], 1) == 1);
            /* tolerance: the same sums in another order, a few ulp */
            ck_assert_msg(fabs(got[0] - mean) <= 1e-12 * fabs(mean), "%s mean %.17g vs %.17g",
                          names[m], got[0], mean);
            ck_assert_msg(fabs(got[1] - se) <= 1e-9 * fabs(se) + 1e-15, "%s se %.17g vs %.17g",
                          names[m], got[1], se);
            ck_assert(got[2] == NREP * 1000 + Ns[p]);
        }
        /* simulation next to theory: the theory averaged over repeats */
        double th;
        snprintf(sql, sizeof sql,
                 "SELECT theory FROM sim_theory_summary WHERE point = 'N=%ld' AND name = "
                 "'rate_e_hz'",
                 Ns[p]);
        ck_assert(tu_reals(st, sql, &th, 1) == 1);
        ck_assert(fabs(th - (100.0 * (p + 1) + 1.0)) < 1e-12);
        snprintf(sql, sizeof sql,
                 "SELECT sim FROM sim_theory WHERE point = 'N=%ld' AND name = 'rate_e_hz' "
                 "ORDER BY repeat",
                 Ns[p]);
        check_reals(st, sql, rate[p], NREP);
        snprintf(sql, sizeof sql,
                 "SELECT theory - %g FROM sim_theory WHERE point = 'N=%ld' AND "
                 "name = 'rate_e_hz' ORDER BY repeat",
                 100.0 * (p + 1), Ns[p]);
        const double reps[NREP] = {0, 1, 2};
        check_reals(st, sql, reps, NREP);
        /* parameters shared by a point's runs; the seed is not */
        snprintf(sql, sizeof sql,
                 "SELECT value FROM point_params WHERE point = 'N=%ld' AND key = 'N'", Ns[p]);
        double nv = (double)Ns[p];
        check_reals(st, sql, &nv, 1);
        snprintf(sql, sizeof sql,
                 "SELECT value FROM point_params WHERE point = 'N=%ld' AND key = 'seed'", Ns[p]);
        check_reals(st, sql, NULL, 0);
    }
    /* the one-line gnuplot question: rate vs N with error bars */
    double xs[NPOINT + 1];
    ck_assert(tu_reals(st,
                       "SELECT pp.value FROM metric_summary s JOIN point_params pp USING "
                       "(experiment, point) WHERE s.experiment = 'views' AND s.name = "
                       "'rate_e_hz' AND pp.key = 'N' ORDER BY pp.value",
                       xs, NPOINT + 1) == NPOINT);
    ck_assert(xs[0] == 100 && xs[1] == 150);
    ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM run_metrics WHERE name = 'rate_e_hz'"),
                     NPOINT * NREP + 1);
    ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM final_runs"), NPOINT * NREP);
    pbn_store_close(st, NULL);
}
END_TEST

/* ---- failures -------------------------------------------------------------------------- */

START_TEST(test_store__locked)
{
    char db[512];
    tu_path(db, sizeof db, dir, "lock.db");
    pbn_config cfg;
    tu_tiny(&cfg, 100, 300, 1);
    pbn_sim *sim = tu_run(&cfg);
    pbn_store *st = open_w(db);
    put(st, "e", "p0", 0, &cfg, pbn_sim_results(sim), NULL);

    /* another connection holds the write lock */
    sqlite3 *other = NULL;
    ck_assert(sqlite3_open(db, &other) == SQLITE_OK);
    ck_assert(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK);
    pbn_store_set_timeout(st, 200);
    pbn_error err = {0, ""};
    pbn_run_meta meta = {"e", "p1", 0, 0, 0, 0};
    double t0 = pbn_store_clock();
    ck_assert(pbn_store_put_run(st, &meta, &cfg, pbn_sim_results(sim), NULL, NULL, NULL,
                                &err) == PBN_EDB);
    double waited = pbn_store_clock() - t0;
    ck_assert_msg(strstr(err.msg, "locked") != NULL && !strchr(err.msg, '\n'), "%s", err.msg);
    ck_assert_msg(waited >= 0.15, "gave up after %.3f s, before the timeout", waited);
    /* readers are not blocked meanwhile (WAL) */
    ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM runs"), 1);
    sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(other);
    /* once the lock is gone the same store works */
    ck_assert(pbn_store_put_run(st, &meta, &cfg, pbn_sim_results(sim), NULL, NULL, NULL,
                                &err) == PBN_OK);
    ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM runs"), 2);
    pbn_store_close(st, NULL);
    pbn_sim_free(sim);
}
END_TEST

/* Several processes creating one new file at the same moment (shards started together):
   every one of them opens it.  Switching a new file to WAL can meet SQLite's immediate
   SQLITE_BUSY (no busy handler, to avoid a deadlock).  Without the store's retry this
   test saw 5, 6 and 20 failed openings of 800 in three trials (about 1%), so it misses
   that bug with probability around e^-5 or less. */
START_TEST(test_store__concurrent_create)
{
    enum { ROUNDS = 200, PROCS = 4 };
    int failed = 0;
    for (int r = 0; r < ROUNDS; r++) {
        char db[512], name[32];
        snprintf(name, sizeof name, "new%d.db", r);
        tu_path(db, sizeof db, dir, name);
        int gate[2];
        ck_assert(pipe(gate) == 0);
        pid_t pid[PROCS];
        for (int k = 0; k < PROCS; k++) {
            pid[k] = fork();
            ck_assert(pid[k] >= 0);
            if (pid[k] == 0) {
                /* wait at the gate, so that all of them open the file at once */
                char c;
                close(gate[1]);
                if (read(gate[0], &c, 1) != 0)
                    _exit(2);
                pbn_error err = {0, ""};
                pbn_store *st = pbn_store_open(db, PBN_STORE_WRITE, &err);
                if (!st)
                    fprintf(stderr, "round %d, process %d: %s\n", r, k, err.msg);
                _exit(st && pbn_store_close(st, &err) == PBN_OK ? 0 : 1);
            }
        }
        close(gate[0]);
        close(gate[1]); /* opens the gate */
        for (int k = 0; k < PROCS; k++) {
            int status;
            waitpid(pid[k], &status, 0);
            failed += !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        }
        ck_assert_int_eq(tu_int(db, "PRAGMA user_version"), PBN_STORE_SCHEMA);
    }
    ck_assert_msg(failed == 0, "%d of %d openings failed", failed, ROUNDS * PROCS);
}
END_TEST

START_TEST(test_store__full)
{
    char db[512];
    tu_path(db, sizeof db, dir, "full.db");
    pbn_config cfg;
    tu_tiny(&cfg, 200, 400, 1);
    pbn_sim *sim = tu_run(&cfg);
    pbn_store *st = open_w(db);
    put(st, "e", "p0", 0, &cfg, pbn_sim_results(sim), NULL);
    char *before = tu_dump(db);

    /* a full disk, as SQLite sees it: the file may not grow by more than one page */
    sqlite3 *h = pbn_store_sqlite(st);
    sqlite3_stmt *q;
    ck_assert(sqlite3_prepare_v2(h, "PRAGMA page_count", -1, &q, NULL) == SQLITE_OK);
    ck_assert(sqlite3_step(q) == SQLITE_ROW);
    long long pages = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld", pages + 1);
    ck_assert(sqlite3_exec(h, sql, NULL, NULL, NULL) == SQLITE_OK);
    pbn_error err = {0, ""};
    pbn_run_meta meta = {"e", "p1", 0, 0, 0, 0};
    ck_assert(pbn_store_put_run(st, &meta, &cfg, pbn_sim_results(sim), NULL, NULL, NULL,
                                &err) == PBN_EDB);
    ck_assert_msg(strstr(err.msg, "full") != NULL && !strchr(err.msg, '\n'), "%s", err.msg);
    /* nothing of it stored, the earlier run intact */
    char *after = tu_dump(db);
    ck_assert_msg(!strcmp(before, after), "%s", tu_first_diff(before, after));
    ck_assert(sqlite3_exec(h, "PRAGMA max_page_count = 1000000", NULL, NULL, NULL) == SQLITE_OK);
    ck_assert(pbn_store_put_run(st, &meta, &cfg, pbn_sim_results(sim), NULL, NULL, NULL,
                                &err) == PBN_OK);
    char *ok = tu_text(db, "PRAGMA integrity_check");
    ck_assert_str_eq(ok, "ok");
    free(ok);
    free(before);
    free(after);
    pbn_store_close(st, NULL);
    pbn_sim_free(sim);
}
END_TEST

/* A file holding one tiny stored run, then made read-only (0444). */
static void store_one_read_only(const char *db)
{
    pbn_config cfg;
    tu_tiny(&cfg, 100, 300, 1);
    pbn_sim *sim = tu_run(&cfg);
    pbn_store *st = open_w(db);
    put(st, "e", "p0", 0, &cfg, pbn_sim_results(sim), NULL);
    pbn_store_close(st, NULL);
    pbn_sim_free(sim);
    chmod(db, 0444);
}

/* In a forked child: as root, become nobody (root may write any file); exit 10 if not. */
static void drop_root_or_exit(void)
{
    if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
        _exit(10);
}

START_TEST(test_store__readonly)
{
    char db[512];
    tu_path(db, sizeof db, dir, "ro.db");
    store_one_read_only(db);
    /* In a child without write permission: as root, drop to an unprivileged user first,
       since root may write any file. */
    pid_t pid = fork();
    ck_assert(pid >= 0);
    if (pid == 0) {
        drop_root_or_exit();
        pbn_error err = {0, ""};
        pbn_store *w = pbn_store_open(db, PBN_STORE_WRITE, &err);
        if (w)
            _exit(11);
        if (!strstr(err.msg, "read-only") || strchr(err.msg, '\n'))
            _exit(12);
        _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                  "child status %d (10: cannot drop privileges, 11: opened for writing, 12: "
                  "wrong message)",
                  WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM runs"), 1);
}
END_TEST

/*
 * A database in a directory that cannot be written (issue 15, item 5): SQLite cannot create
 * the -shm side file a WAL database needs, yet reading, listing and merging from it must
 * work.  The child drops to an unprivileged user when run as root (root writes anywhere).
 */
START_TEST(test_store__readonly_dir)
{
    char sub[512], db[512], odir[512], out[600];
    tu_path(sub, sizeof sub, dir, "rodir");
    ck_assert_int_eq(mkdir(sub, 0755), 0);
    tu_path(db, sizeof db, sub, "r.db");
    tu_path(odir, sizeof odir, dir, "outdir");
    ck_assert_int_eq(mkdir(odir, 0777), 0);
    chmod(odir, 0777);
    tu_path(out, sizeof out, odir, "merged.db");
    store_one_read_only(db);
    chmod(sub, 0555);
    pid_t pid = fork();
    ck_assert(pid >= 0);
    if (pid == 0) {
        drop_root_or_exit();
        pbn_error err = {0, ""};
        pbn_store *r = pbn_store_open(db, PBN_STORE_READ, &err);
        if (!r) {
            fprintf(stderr, "%s\n", err.msg);
            _exit(11);
        }
        pbn_store_close(r, NULL);
        pbn_store *m = pbn_store_open(out, PBN_STORE_WRITE, &err);
        pbn_merge_summary ms;
        if (!m || pbn_store_merge(m, db, &ms, &err) != PBN_OK) {
            fprintf(stderr, "%s\n", err.msg);
            _exit(13);
        }
        pbn_store_close(m, NULL);
        _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    chmod(sub, 0755);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                  "child status %d (10: cannot drop privileges, 11: not opened for reading, "
                  "13: not merged from)",
                  WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    ck_assert_int_eq(tu_int(out, "SELECT count(*) FROM runs"), 1);
}
END_TEST

START_TEST(test_store__corrupt)
{
    char db[512];
    tu_path(db, sizeof db, dir, "bad.db");
    pbn_config cfg;
    tu_tiny(&cfg, 100, 300, 1);
    pbn_sim *sim = tu_run(&cfg);
    pbn_store *st = open_w(db);
    put(st, "e", "p0", 0, &cfg, pbn_sim_results(sim), NULL);
    pbn_store_close(st, NULL); /* the last connection checkpoints the WAL into the file */
    pbn_sim_free(sim);
    /* damage every page but the first (header and schema root) */
    size_t n;
    unsigned char *b = tu_slurp(db, &n);
    ck_assert(n > 3 * 4096);
    memset(b + 4096, 0xA5, n - 4096);
    FILE *f = fopen(db, "wb");
    fwrite(b, 1, n, f);
    fclose(f);
    free(b);
    pbn_error err = {0, ""};
    int rc = PBN_OK;
    st = pbn_store_open(db, PBN_STORE_READ, &err);
    if (st) {
        rc = pbn_store_query(st, "SELECT count(*), sum(value) FROM metrics", NULL, NULL, NULL,
                             &err);
        pbn_store_close(st, NULL);
    }
    ck_assert_msg(!st || rc != PBN_OK, "a damaged file read without error");
    ck_assert_msg(strstr(err.msg, "corrupt") != NULL && !strchr(err.msg, '\n'), "%s", err.msg);
}
END_TEST

/*
 * SIGKILL in the middle of a run's transaction: a child stores one run, then starts a
 * second (big: many rows) and kills itself from SQLite's progress handler after some
 * thousand virtual-machine steps, that is while rows are being inserted.  The file must
 * be intact, hold the first run, and none of the second.
 */
static int kill_handler(void *ctx)
{
    int *n = ctx;
    if (--*n <= 0)
        raise(SIGKILL);
    return 0;
}

START_TEST(test_store__kill_mid_transaction)
{
    char db[512];
    tu_path(db, sizeof db, dir, "kill.db");
    pbn_config cfg;
    tu_tiny(&cfg, 200, 400, 1);
    pbn_sim *sim = tu_run(&cfg);
    pid_t pid = fork();
    ck_assert(pid >= 0);
    if (pid == 0) {
        pbn_error err = {0, ""};
        pbn_store *st = pbn_store_open(db, PBN_STORE_WRITE, &err);
        pbn_run_meta meta = {"e", "first", 0, 0, 0, 0};
        if (!st || pbn_store_put_run(st, &meta, &cfg, pbn_sim_results(sim), NULL, NULL, NULL,
                                     &err) != PBN_OK)
            _exit(3);
        pbn_sink *sink = pbn_sink_new();
        double *v = calloc(200000, sizeof *v);
        pbn_sink_samples(sink, "big", 200000, v, &err);
        static int steps = 200; /* x 1000 VM steps: well inside the second insert */
        sqlite3_progress_handler(pbn_store_sqlite(st), 1000, kill_handler, &steps);
        meta.point = "second";
        pbn_store_put_run(st, &meta, &cfg, pbn_sim_results(sim), sink, NULL, NULL, &err);
        _exit(4); /* not reached: killed inside */
    }
    int status;
    waitpid(pid, &status, 0);
    pbn_sim_free(sim);
    ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
                  "the child was not killed inside the transaction (status %d)", status);
    char *ok = tu_text(db, "PRAGMA integrity_check");
    ck_assert_str_eq(ok, "ok");
    free(ok);
    ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM runs WHERE point = 'first'"), 1);
    ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM runs WHERE point = 'second'"), 0);
    ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM samples"), 0);
    ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM metrics WHERE run_id NOT IN "
                                "(SELECT id FROM runs)"),
                     0);
    /* and it takes the second run afterwards */
    pbn_store *st = open_w(db);
    sim = tu_run(&cfg);
    put(st, "e", "second", 0, &cfg, pbn_sim_results(sim), NULL);
    pbn_store_close(st, NULL);
    pbn_sim_free(sim);
}
END_TEST

START_TEST(test_store__default_path)
{
    /* PBN_DB names the default database; without it, data/results.db */
    unsetenv("PBN_DB");
    ck_assert_str_eq(pbn_store_default_path(), "data/results.db");
    setenv("PBN_DB", "/x/y.db", 1);
    ck_assert_str_eq(pbn_store_default_path(), "/x/y.db");
    setenv("PBN_DB", "", 1);
    ck_assert_str_eq(pbn_store_default_path(), "data/results.db");
    /* NULL path: the default, with its directory created */
    char old[512];
    ck_assert(getcwd(old, sizeof old) != NULL);
    ck_assert(chdir(dir) == 0);
    unsetenv("PBN_DB");
    pbn_error err = {0, ""};
    pbn_store *st = pbn_store_open(NULL, PBN_STORE_WRITE, &err);
    ck_assert_msg(st != NULL, "%s", err.msg);
    ck_assert_str_eq(pbn_store_path(st), "data/results.db");
    pbn_store_close(st, NULL);
    ck_assert(access("data/results.db", F_OK) == 0);
    ck_assert(chdir(old) == 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("store");
    TCase *tc = tcase_create("store");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_store__roundtrip);
    tcase_add_test(tc, test_store__identity);
    tcase_add_test(tc, test_store__partial_run);
    tcase_add_test(tc, test_store__schema);
    tcase_add_test(tc, test_store__migrate_v1);
    tcase_add_test(tc, test_store__views);
    tcase_add_test(tc, test_store__locked);
    tcase_add_test(tc, test_store__concurrent_create);
    tcase_add_test(tc, test_store__full);
    tcase_add_test(tc, test_store__readonly);
    tcase_add_test(tc, test_store__readonly_dir);
    tcase_add_test(tc, test_store__corrupt);
    tcase_add_test(tc, test_store__kill_mid_transaction);
    tcase_add_test(tc, test_store__default_path);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
