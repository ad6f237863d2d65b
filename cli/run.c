/*
 * cli_run.c - `pbn run [CONFIG] [--set key=value]...`: one simulation, summary on stdout,
 * optionally stored in the results database (--db FILE, --store).
 */
#include "cli.h"
#include "util/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The summary as "key = value" lines, status last. */
static void print_results(const pbn_results *r, FILE *out)
{
    pbn_metric m[PBN_MAX_METRICS];
    size_t n = pbn_results_metrics(r, m, PBN_MAX_METRICS);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(m[i].name, "diverged_reason")) /* a word, not the stored code */
            fprintf(out, "%s = %s\n", m[i].name, pbn_diverged_reason_name(r->diverged_reason));
        else
            fprintf(out, "%s = %.10g\n", m[i].name, m[i].value);
    fprintf(out, "status = %s\n", pbn_run_status_name(r->status));
}

static int write_spikes(const pbn_results *r, const char *path, pbn_error *err)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return pbn_error_set(err, PBN_EIO, "cannot write %s", path);
    fprintf(f, "# t_ms\tneuron (E: 0..%ld, I: %ld..%ld)\n", r->Ne - 1, r->Ne, r->N - 1);
    for (size_t q = 0; q < r->n_raster; q++)
        fprintf(f, "%.10g\t%u\n", r->raster_t[q], r->raster_id[q]);
    if (fclose(f) != 0)
        return pbn_error_set(err, PBN_EIO, "cannot write %s", path);
    return PBN_OK;
}

static int write_series(const pbn_results *r, const char *path, pbn_error *err)
{
    static const char *pops[2] = {"e", "i"}, *kinds[3] = {"e", "i", "x"};
    static const char *blocks[PBN_NBLOCKS] = {"jee", "jei", "jie", "jii", "jex", "jix"};
    FILE *f = fopen(path, "w");
    if (!f)
        return pbn_error_set(err, PBN_EIO, "cannot write %s", path);
    fprintf(f, "t_ms\trate_e_hz\trate_i_hz");
    for (int b = 0; b < PBN_NBLOCKS; b++)
        fprintf(f, "\t%s", blocks[b]);
    for (int p = 0; p < 2; p++)
        for (int k = 0; k < 3; k++)
            fprintf(f, "\t%spop_input_%s", pops[p], kinds[k]);
    fputc('\n', f);
    for (size_t b = 0; b < r->n_bins; b++) {
        fprintf(f, "%.10g\t%.10g\t%.10g", r->t_bin[b], r->rate_t[0][b], r->rate_t[1][b]);
        for (int k = 0; k < PBN_NBLOCKS; k++)
            fprintf(f, "\t%.10g", r->wmean_t[k][b]);
        for (int p = 0; p < 2; p++)
            for (int k = 0; k < 3; k++)
                fprintf(f, "\t%.10g", r->input_t[p][k][b]);
        fputc('\n', f);
    }
    if (fclose(f) != 0)
        return pbn_error_set(err, PBN_EIO, "cannot write %s", path);
    return PBN_OK;
}

/* Theory predictions stored with the run (a failure only leaves it without theory rows). */
static const pbn_theory_fn run_theory = pbn_theory_metrics;

static int store_run(pbn_store *db, const char *experiment, const char *point, double started,
                     const pbn_config *cfg, const pbn_results *r, int note, pbn_error *err)
{
    pbn_run_meta meta = {experiment, point, 0, started, pbn_store_clock(), 0};
    pbn_sink *sink = NULL;
    long long id = 0;
    int stored = 0, rc;
    if (run_theory) {
        pbn_metric th[PBN_MAX_METRICS];
        pbn_error te = {0, ""};
        size_t n = run_theory(cfg, th, PBN_MAX_METRICS, &te);
        if (te.code == PBN_OK && (sink = pbn_sink_new()) &&
            (rc = pbn_sink_theory(sink, th, n, err)) != PBN_OK) {
            pbn_sink_free(sink);
            return rc;
        }
    }
    rc = pbn_store_put_run(db, &meta, cfg, r, sink, &id, &stored, err);
    pbn_sink_free(sink);
    if (rc != PBN_OK || !note)
        return rc;
    if (stored)
        fprintf(stderr, "pbn run: stored as run %lld (%s) in %s\n", id,
                pbn_run_status_name(r->status), pbn_store_path(db));
    else
        fprintf(stderr,
                "pbn run: not stored again: %s already holds this run (id %lld, same "
                "experiment, point and configuration)\n",
                pbn_store_path(db), id);
    return PBN_OK;
}

/*
 * The run could not be stored in its database after it was simulated (another writer held
 * the lock past the busy timeout, the disk filled, ...): keep it in a side database next to
 * it, which pbn merge takes, rather than lose an hour of simulation.  Says where, in one
 * line with the first error; returns CLI_ERR either way (the run is not where it was asked
 * to go).
 */
static int keep_aside(pbn_store *db, const char *experiment, const char *point, double started,
                      const pbn_config *cfg, const pbn_results *r, const char *hash,
                      const pbn_error *first)
{
    char side[4096];
    pbn_error e2 = {0, ""};
    int n = snprintf(side, sizeof side, "%s.unstored-%s-%ld.db", pbn_store_path(db), hash,
                     (long)getpid());
    pbn_store *aside = n > 0 && (size_t)n < sizeof side
                           ? pbn_store_open(side, PBN_STORE_WRITE, &e2)
                           : NULL;
    if (aside && store_run(aside, experiment, point, started, cfg, r, 0, &e2) == PBN_OK &&
        pbn_store_close(aside, &e2) == PBN_OK) {
        fprintf(stderr,
                "pbn run: %s; the run is kept in %s: add it with 'pbn merge %s %s'\n",
                first->msg, side, pbn_store_path(db), side);
        return CLI_ERR;
    }
    if (aside)
        pbn_store_close(aside, NULL);
    fprintf(stderr, "pbn run: %s; keeping the run in %s failed too: %s\n", first->msg, side,
            e2.msg);
    return CLI_ERR;
}

/*
 * A rough wall time of the run on one core, from the shape of the benchmark's table
 * (README, "Speed and memory"): the neuron update grows like N and the spike deliveries
 * like N^2 p (K = pN synapses per neuron at a few Hz), wall s per simulated s about
 * 1.9e-5 N + 9e-9 p N^2 for a static network on the README's machine, up to twice that
 * with plasticity.  Machines differ by 2x, so it is said as "roughly", and only for runs
 * long enough that a user would want to know before waiting (10 minutes and more).
 */
static void say_estimate(const pbn_config *cfg)
{
    double n = (double)cfg->N;
    double s = cfg->T * 1e-3 * (1.9e-5 * n + 9e-9 * cfg->p * n * n) *
               (pbn_config_any_plastic(cfg) ? 2.0 : 1.0);
    if (s < 600)
        return;
    const char *unit = s < 3600 ? "minutes" : s < 86400 * 2 ? "hours" : "days";
    double v = s < 3600 ? s / 60 : s < 86400 * 2 ? s / 3600 : s / 86400;
    char t[40];
    util_fmt_number(cfg->T, t, sizeof t);
    fprintf(stderr,
            "pbn run: N = %ld, T = %s ms: roughly %.2g %s of wall time on one core (from the "
            "benchmark's cost per neuron and per synapse; machines differ by 2x); Ctrl-C stops "
            "it and keeps what ran\n",
            cfg->N, t, v, unit);
}

/* ---- a point holds repeats of one configuration ------------------------------------ */

typedef struct point_check {
    const pbn_config *cfg;
    long long id;      /* the first stored run of another configuration (0: none) */
    char key[64];      /* the first key whose value differs */
    int bad;           /* a stored configuration that does not parse */
} point_check;

/* The first key (in canonical order) whose line differs between two canonical texts. */
static void first_difference(const char *a, const char *b, char *key, size_t len)
{
    while (*a && *b) {
        const char *ea = strchr(a, '\n'), *eb = strchr(b, '\n');
        size_t la = ea ? (size_t)(ea - a) : strlen(a), lb = eb ? (size_t)(eb - b) : strlen(b);
        if (la != lb || memcmp(a, b, la)) {
            size_t k = strcspn(a, " =\n");
            snprintf(key, len, "%.*s", (int)(k < len ? k : len - 1), a);
            return;
        }
        a += la + (ea != NULL);
        b += lb + (eb != NULL);
    }
    snprintf(key, len, "?");
}

static int row_point(void *ctx, int ncol, const char *const *names, const pbn_value *v)
{
    (void)names;
    point_check *pc = ctx;
    if (pc->id || ncol < 2 || v[1].type != PBN_V_TEXT)
        return 0;
    pbn_config old;
    pbn_error e = {0, ""};
    pbn_config_defaults(&old);
    if (pbn_config_read_text(&old, v[1].s, v[1].len, "stored configuration", &e) != PBN_OK) {
        pc->bad = 1;
        return 0;
    }
    old.seed = pc->cfg->seed; /* repeats of a point differ in their seed only */
    char h1[17], h2[17];
    pbn_config_hash(&old, h1);
    pbn_config_hash(pc->cfg, h2);
    if (strcmp(h1, h2)) {
        char *ta = pbn_config_canonical(&old), *tb = pbn_config_canonical(pc->cfg);
        if (ta && tb)
            first_difference(ta, tb, pc->key, sizeof pc->key);
        free(ta);
        free(tb);
        pc->id = v[0].i;
    }
    return 0;
}

/* SQL text literal: the value in single quotes, quotes doubled. */
static char *sql_quote(const char *s)
{
    size_t n = strlen(s), q = 0;
    for (size_t i = 0; i < n; i++)
        q += s[i] == '\'';
    char *out = malloc(n + q + 3), *o = out;
    if (!out)
        return NULL;
    *o++ = '\'';
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\'')
            *o++ = '\'';
        *o++ = s[i];
    }
    *o++ = '\'';
    *o = 0;
    return out;
}

/*
 * The runs stored under (experiment, point) must be repeats of cfg: the views and the
 * figures average a point's runs, so a run of another configuration under the same point
 * would be averaged with them.  PBN_EINVAL with the run and the first differing key.
 */
static int check_point(pbn_store *db, const char *experiment, const char *point,
                       const pbn_config *cfg, pbn_error *err)
{
    char *qe = sql_quote(experiment), *qp = sql_quote(point), *sql = NULL;
    point_check pc = {cfg, 0, "", 0};
    int rc = PBN_ENOMEM;
    if (qe && qp && (sql = malloc(strlen(qe) + strlen(qp) + 128))) {
        sprintf(sql, "SELECT id, config FROM runs WHERE experiment = %s AND point = %s "
                     "ORDER BY id", qe, qp);
        rc = pbn_store_query(db, sql, NULL, row_point, &pc, err);
    } else
        pbn_error_set(err, PBN_ENOMEM, "out of memory");
    free(qe);
    free(qp);
    free(sql);
    if (rc != PBN_OK)
        return rc;
    if (pc.id)
        return pbn_error_set(err, PBN_EINVAL,
                             "point '%s' of experiment '%s' in %s holds run %lld of another "
                             "configuration (%s differs); the repeats of a point may differ in "
                             "their seed only: give this run its own --point",
                             point, experiment, pbn_store_path(db), pc.id, pc.key);
    return PBN_OK;
}

int cmd_run(int argc, char **argv)
{
    const char *cfgpath = NULL, *spikes = NULL, *series = NULL;
    const char *dbpath = NULL, *experiment = "run", *point = NULL;
    int store = 0, force = 0;
    pbn_store *db = NULL;
    char **sets = calloc((size_t)argc + 1, sizeof *sets);
    int nsets = 0, progress = UTIL_PROGRESS_AUTO, rc;
    pbn_error err = {0, ""};
    pbn_config cfg;
    pbn_sim *sim = NULL;
    if (!sets)
        return CLI_ERR;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            cli_usage(cli_find_cmd("run"), stdout);
            free(sets);
            return cli_flush();
        } else if (!strcmp(a, "--set") || !strcmp(a, "--spikes") || !strcmp(a, "--series") ||
                   !strcmp(a, "--db") || !strcmp(a, "--experiment") || !strcmp(a, "--point")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "pbn run: %s needs a value\n", a);
                free(sets);
                return CLI_BADINPUT;
            }
            if (!strcmp(a, "--set"))
                sets[nsets++] = argv[++i];
            else if (!strcmp(a, "--spikes"))
                spikes = argv[++i];
            else if (!strcmp(a, "--series"))
                series = argv[++i];
            else if (!strcmp(a, "--db"))
                dbpath = argv[++i];
            else if (!strcmp(a, "--experiment"))
                experiment = argv[++i];
            else
                point = argv[++i];
            if (!strcmp(a, "--db") || !strcmp(a, "--experiment") || !strcmp(a, "--point"))
                store = 1;
        } else if (!strcmp(a, "--store")) {
            store = 1;
        } else if (!strcmp(a, "--force")) {
            force = 1;
        } else if (!strncmp(a, "--set=", 6)) {
            sets[nsets++] = (char *)a + 6;
        } else if (!strcmp(a, "--progress")) {
            progress = UTIL_PROGRESS_ON;
        } else if (!strcmp(a, "--quiet")) {
            progress = UTIL_PROGRESS_OFF;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "pbn run: unknown option '%s' (see pbn run --help)\n", a);
            free(sets);
            return CLI_BADINPUT;
        } else if (!cfgpath) {
            cfgpath = a;
        } else {
            fprintf(stderr, "pbn run: more than one CONFIG ('%s' and '%s')\n", cfgpath, a);
            free(sets);
            return CLI_BADINPUT;
        }
    }
    if (cli_load_config(&cfg, cfgpath, sets, nsets, &err) != PBN_OK) {
        free(sets);
        return cli_fail(&err);
    }
    free(sets);
    if (spikes)
        cfg.record_spikes = 1;
    char hash[17];
    pbn_config_hash(&cfg, hash);
    if (store) {
        if (!*experiment || strlen(experiment) > 63) {
            fprintf(stderr, "pbn run: --experiment: 1 to 63 characters\n");
            return CLI_BADINPUT;
        }
        if (!point)
            point = hash;
        if (!(db = pbn_store_open(dbpath, PBN_STORE_WRITE, &err)))
            return cli_fail(&err);
        long long have = 0;
        /* everything that can be checked before simulating is: the point, an earlier run,
           and the write lock (not an hour of simulation and then "locked") */
        if (check_point(db, experiment, point, &cfg, &err) != PBN_OK ||
            pbn_store_find_run(db, experiment, point, hash, &have, &err) != PBN_OK ||
            pbn_store_check_writable(db, &err) != PBN_OK) {
            pbn_store_close(db, NULL);
            return cli_fail(&err);
        }
        if (have && !force) { /* simulating it again would store nothing */
            fprintf(stderr,
                    "pbn run: %s already holds this run (id %lld, same experiment, point and "
                    "configuration): not simulated again (--force runs it anyway, without "
                    "storing it twice)\n",
                    pbn_store_path(db), have);
            return pbn_store_close(db, &err) == PBN_OK ? CLI_OK : cli_fail(&err);
        }
    }
    say_estimate(&cfg);
    double started = pbn_store_clock();
    sim = pbn_sim_create(&cfg, &err);
    if (!sim) {
        pbn_store_close(db, NULL);
        return cli_fail(&err);
    }
    util_progress prog;
    util_progress_start(&prog, "pbn run", progress);
    pbn_sim_set_progress(sim, util_progress_steps, &prog);
    pbn_sim_set_stop_flag(sim, util_catch_stop_signals(0));
    rc = pbn_sim_run(sim, &err);
    util_progress_end(&prog);
    if (rc != PBN_OK) {
        pbn_sim_free(sim);
        pbn_store_close(db, NULL);
        return cli_fail(&err);
    }
    const pbn_results *r = pbn_sim_results(sim);
    printf("config_hash = %s\nseed = %lu\nrng = %s\nversion = %s (%s)\n", hash, cfg.seed, cfg.rng,
           pbn_version(), pbn_git_commit());
    print_results(r, stdout);
    int out_rc = cli_flush();
    if ((spikes && write_spikes(r, spikes, &err) != PBN_OK) ||
        (series && write_series(r, series, &err) != PBN_OK)) {
        pbn_sim_free(sim);
        pbn_store_close(db, NULL);
        return cli_fail(&err);
    }
    if (db && store_run(db, experiment, point, started, &cfg, r, 1, &err) != PBN_OK) {
        rc = err.code == PBN_EDB ? keep_aside(db, experiment, point, started, &cfg, r, hash, &err)
                                 : cli_fail(&err);
        pbn_sim_free(sim);
        pbn_store_close(db, NULL);
        return rc;
    }
    if (db && pbn_store_close(db, &err) != PBN_OK) {
        pbn_sim_free(sim);
        return cli_fail(&err);
    }
    int status = r->status, reason = r->diverged_reason;
    double t_end = r->t_end;
    pbn_sim_free(sim);
    if (status == PBN_RUN_DIVERGED) {
        if (reason == PBN_DIVERGED_NONFINITE)
            fprintf(stderr,
                    "pbn run: diverged: a weight or voltage became infinite or NaN (learning "
                    "rate too large?) by t = %g ms; results cover [0, %g] ms\n",
                    t_end, t_end);
        else
            fprintf(stderr,
                    "pbn run: diverged: the spike budget (max_rate_hz = %g on average) was used "
                    "up at t = %g ms; results cover [0, %g] ms\n",
                    cfg.max_rate_hz, t_end, t_end);
        return CLI_DIVERGED;
    }
    if (out_rc != CLI_OK)
        return out_rc; /* the summary was lost: not a success, whatever was stored */
    return status == PBN_RUN_INTERRUPTED ? CLI_INTERRUPTED : CLI_OK;
}
