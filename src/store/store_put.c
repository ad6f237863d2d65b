/*
 * store_put.c - writing one run: provenance, parameters, metrics, time courses, samples,
 * the extra data of a sink and the theory predictions, all in one transaction.
 *
 * Why one transaction: a run is either entirely in the file or not at all, whatever
 * happens (Ctrl-C, kill -9, power loss, disk full), so "is this task done?" has a single
 * answer: is there a final run with its identity.  The transaction starts with
 * BEGIN IMMEDIATE, which takes the write lock at once (waiting up to the busy timeout
 * for another writer), so the identity check and the insert see the same database.
 *
 * Representation choices: every quantity is a row of plain REAL values (NaN as NULL),
 * so that SQL aggregates and gnuplot work on them without decoding; per-neuron data,
 * pairs, weights, synapse trajectories and the raster have their own tables because
 * they carry ids.  The sink is a small list of named arrays copied from the caller.
 */
#include "config.h"
#include "store_internal.h"

#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---- the sink ------------------------------------------------------------------------ */

pbn_sink *pbn_sink_new(void) { return calloc(1, sizeof(pbn_sink)); }

void pbn_sink_clear(pbn_sink *s)
{
    if (!s)
        return;
    for (int k = 0; k < SINK_NKINDS; k++) {
        for (size_t i = 0; i < s->n[k]; i++) {
            free(s->items[k][i].x);
            free(s->items[k][i].y);
        }
        s->n[k] = 0;
    }
}

void pbn_sink_free(pbn_sink *s)
{
    if (!s)
        return;
    pbn_sink_clear(s);
    for (int k = 0; k < SINK_NKINDS; k++)
        free(s->items[k]);
    free(s);
}

static const char *const kind_names[SINK_NKINDS] = {"metric", "series", "samples", "theory"};

static int valid_name(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (n == 0 || n > 63)
        return 0;
    for (const char *c = name; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
              *c == '_' || *c == '.'))
            return 0;
    return 1;
}

/* Append an item of kind k with n values (x may be NULL). */
static int sink_add(pbn_sink *s, int k, const char *name, size_t n, const double *x,
                    const double *y, pbn_error *err)
{
    if (!valid_name(name))
        return pbn_error_set(err, PBN_EINVAL,
                             "%s name '%s': allowed 1 to 63 characters of A-Z a-z 0-9 _ .",
                             kind_names[k], name ? name : "(null)");
    for (size_t i = 0; i < s->n[k]; i++)
        if (!strcmp(s->items[k][i].name, name))
            return pbn_error_set(err, PBN_EINVAL, "%s '%s' given twice", kind_names[k], name);
    if (n && !y)
        return pbn_error_set(err, PBN_EINVAL, "%s '%s': no values given", kind_names[k], name);
    if (s->n[k] == s->cap[k]) {
        size_t nc = s->cap[k] ? 2 * s->cap[k] : 8;
        store_item *ni = realloc(s->items[k], nc * sizeof *ni);
        if (!ni)
            return pbn_error_set(err, PBN_ENOMEM, "out of memory");
        s->items[k] = ni;
        s->cap[k] = nc;
    }
    store_item *it = &s->items[k][s->n[k]];
    memset(it, 0, sizeof *it);
    snprintf(it->name, sizeof it->name, "%s", name);
    it->n = n;
    it->y = malloc((n ? n : 1) * sizeof *it->y);
    if (x)
        it->x = malloc((n ? n : 1) * sizeof *it->x);
    if (!it->y || (x && !it->x)) {
        free(it->x);
        free(it->y);
        return pbn_error_set(err, PBN_ENOMEM, "out of memory");
    }
    if (n) {
        memcpy(it->y, y, n * sizeof *y);
        if (x)
            memcpy(it->x, x, n * sizeof *x);
    }
    s->n[k]++;
    return PBN_OK;
}

int pbn_sink_metric(pbn_sink *s, const char *name, double value, pbn_error *err)
{
    return sink_add(s, SINK_METRIC, name, 1, NULL, &value, err);
}

int pbn_sink_series(pbn_sink *s, const char *name, size_t n, const double *x,
                    const double *y, pbn_error *err)
{
    return sink_add(s, SINK_SERIES, name, n, x, y, err);
}

int pbn_sink_samples(pbn_sink *s, const char *name, size_t n, const double *v,
                     pbn_error *err)
{
    return sink_add(s, SINK_SAMPLES, name, n, NULL, v, err);
}

int pbn_sink_theory(pbn_sink *s, const pbn_metric *m, size_t n, pbn_error *err)
{
    for (size_t i = 0; i < n; i++) {
        int rc = sink_add(s, SINK_THEORY, m[i].name, 1, NULL, &m[i].value, err);
        if (rc != PBN_OK)
            return rc;
    }
    return PBN_OK;
}

/* ---- standard names ---------------------------------------------------------------------- */

/* Wall-clock metrics: stored as columns of runs, so that metrics are reproducible. */
static const char *const timing_metrics[] = {"build_s", "run_s", "wall_per_sim_s"};

static int is_timing(const char *name)
{
    for (size_t i = 0; i < sizeof timing_metrics / sizeof timing_metrics[0]; i++)
        if (!strcmp(name, timing_metrics[i]))
            return 1;
    return 0;
}

static const char *const block_keys[PBN_NBLOCKS] = {"ee", "ei", "ie", "ii", "ex", "ix"};
static const char *const series_w[PBN_NBLOCKS] = {"jee", "jei", "jie", "jii", "jex", "jix"};
static const char *const series_in[2][3] = {{"epop_input_e", "epop_input_i", "epop_input_x"},
                                             {"ipop_input_e", "ipop_input_i", "ipop_input_x"}};
static const char *const series_rate[2] = {"rate_e_hz", "rate_i_hz"};
static const char *const pair_kinds[3] = {"ee", "ei", "ii"};

static int is_standard_series(const char *name)
{
    for (int b = 0; b < PBN_NBLOCKS; b++)
        if (!strcmp(name, series_w[b]))
            return 1;
    for (int p = 0; p < 2; p++) {
        if (!strcmp(name, series_rate[p]))
            return 1;
        for (int k = 0; k < 3; k++)
            if (!strcmp(name, series_in[p][k]))
                return 1;
    }
    return 0;
}

/* ---- statement helpers --------------------------------------------------------------- */

typedef struct put_ctx {
    pbn_store *st;
    sqlite3_stmt *q;
    int rc;          /* first SQLite error */
} put_ctx;

static int prep(put_ctx *c, const char *sql)
{
    sqlite3_finalize(c->q);
    c->q = NULL;
    c->rc = sqlite3_prepare_v2(c->st->db, sql, -1, &c->q, NULL);
    return c->rc == SQLITE_OK;
}

static void bind_real(sqlite3_stmt *q, int i, double v)
{
    if (isnan(v))
        sqlite3_bind_null(q, i);
    else
        sqlite3_bind_double(q, i, v);
}

/* Step the prepared insert and reset it for the next row. */
static int step(put_ctx *c)
{
    int rc = sqlite3_step(c->q);
    sqlite3_reset(c->q);
    if (rc != SQLITE_DONE) {
        c->rc = rc;
        return 0;
    }
    return 1;
}

static void iso_time(double t, char *buf, size_t len)
{
    time_t s = (time_t)floor(t);
    int ms = (int)floor((t - (double)s) * 1000.0);
    if (ms > 999 || ms < 0)
        ms = ms < 0 ? 0 : 999;
    struct tm tm;
    gmtime_r(&s, &tm);
    char b[24];
    if (!strftime(b, sizeof b, "%Y-%m-%dT%H:%M:%S", &tm))
        b[0] = '\0';
    snprintf(buf, len, "%s.%03dZ", b, ms);
}

/* "ee=kohonen,ei=istdp", or "none". */
static void plastic_text(const pbn_config *cfg, char *buf, size_t len)
{
    const struct {
        const char *key, *blk;
        int v;
    } pl[4] = {{"plastic_ee", "ee", cfg->plastic_ee},
               {"plastic_ei", "ei", cfg->plastic_ei},
               {"plastic_ie", "ie", cfg->plastic_ie},
               {"plastic_ii", "ii", cfg->plastic_ii}};
    size_t o = 0;
    buf[0] = '\0';
    for (int i = 0; i < 4; i++)
        if (pl[i].v)
            o += (size_t)snprintf(buf + o, o < len ? len - o : 0, "%s%s=%s", o ? "," : "",
                                  pl[i].blk, pbn_config_choice_name(pl[i].key, pl[i].v));
    if (!o)
        snprintf(buf, len, "none");
}

/* Bind an unsigned seed: an integer when it fits in 63 bits, else its decimal text. */
static void bind_ulong(sqlite3_stmt *q, int i, unsigned long v)
{
    if (v <= (unsigned long)INT64_MAX) {
        sqlite3_bind_int64(q, i, (sqlite3_int64)v);
    } else {
        char b[32];
        snprintf(b, sizeof b, "%lu", v);
        sqlite3_bind_text(q, i, b, -1, SQLITE_TRANSIENT);
    }
}

/* ---- the rows of one run -------------------------------------------------------------- */

static int put_params(put_ctx *c, sqlite3_int64 id, const pbn_config *cfg)
{
    size_t np;
    const pbn_param *p = pbn_config_params(&np);
    if (!prep(c, "INSERT INTO params (run_id, key, value) VALUES (?1, ?2, ?3)"))
        return 0;
    sqlite3_bind_int64(c->q, 1, id);
    for (size_t i = 0; i < np; i++) {
        const char *base = (const char *)cfg + p[i].offset;
        char text[256];
        sqlite3_bind_text(c->q, 2, p[i].name, -1, SQLITE_STATIC);
        switch (p[i].kind) {
        case PBN_P_LONG:
            sqlite3_bind_int64(c->q, 3, *(const long *)base);
            break;
        case PBN_P_ULONG:
            bind_ulong(c->q, 3, *(const unsigned long *)base);
            break;
        case PBN_P_DOUBLE:
            bind_real(c->q, 3, *(const double *)base);
            break;
        default:
            pbn_config_format_value(cfg, &p[i], text, sizeof text);
            sqlite3_bind_text(c->q, 3, text, -1, SQLITE_TRANSIENT);
            break;
        }
        if (!step(c))
            return 0;
    }
    return 1;
}

static int put_named(put_ctx *c, sqlite3_int64 id, const char *table, const char *name,
                     double v)
{
    char sql[96];
    snprintf(sql, sizeof sql, "INSERT INTO %s (run_id, name, value) VALUES (?1, ?2, ?3)", table);
    if (!c->q || strcmp(sqlite3_sql(c->q), sql) != 0) {
        if (!prep(c, sql))
            return 0;
    }
    sqlite3_bind_int64(c->q, 1, id);
    sqlite3_bind_text(c->q, 2, name, -1, SQLITE_STATIC);
    bind_real(c->q, 3, v);
    return step(c);
}

static int put_series(put_ctx *c, sqlite3_int64 id, const char *name, size_t n,
                      const double *x, const double *y)
{
    if (!c->q || strcmp(sqlite3_sql(c->q), "INSERT INTO series (run_id, name, i, x, y) VALUES "
                                           "(?1, ?2, ?3, ?4, ?5)") != 0) {
        if (!prep(c, "INSERT INTO series (run_id, name, i, x, y) VALUES (?1, ?2, ?3, ?4, ?5)"))
            return 0;
    }
    sqlite3_bind_int64(c->q, 1, id);
    sqlite3_bind_text(c->q, 2, name, -1, SQLITE_STATIC);
    for (size_t i = 0; i < n; i++) {
        sqlite3_bind_int64(c->q, 3, (sqlite3_int64)i);
        bind_real(c->q, 4, x ? x[i] : (double)i);
        bind_real(c->q, 5, y[i]);
        if (!step(c))
            return 0;
    }
    return 1;
}

static int put_results(put_ctx *c, sqlite3_int64 id,
                       const pbn_results *r, unsigned skip)
{
    /* metrics (timing excluded: see pbn_store.h) */
    pbn_metric m[PBN_MAX_METRICS];
    size_t nm = pbn_results_metrics(r, m, PBN_MAX_METRICS);
    for (size_t i = 0; i < nm; i++)
        if (!is_timing(m[i].name) && !put_named(c, id, "metrics", m[i].name, m[i].value))
            return 0;

    /* time courses */
    if (!(skip & PBN_STORE_NO_SERIES) && r->n_bins && r->t_bin) {
        for (int p = 0; p < 2; p++)
            if (!put_series(c, id, series_rate[p], r->n_bins, r->t_bin, r->rate_t[p]))
                return 0;
        for (int b = 0; b < PBN_NBLOCKS; b++)
            if (!put_series(c, id, series_w[b], r->n_bins, r->t_bin, r->wmean_t[b]))
                return 0;
        for (int p = 0; p < 2; p++)
            for (int k = 0; k < 3; k++)
                if (!put_series(c, id, series_in[p][k], r->n_bins, r->t_bin, r->input_t[p][k]))
                    return 0;
    }

    /* per neuron */
    if (!(skip & PBN_STORE_NO_NEURONS) && r->rate) {
        if (!prep(c, "INSERT INTO neurons (run_id, neuron, pop, rate_hz, in_e, in_i, in_x) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"))
            return 0;
        sqlite3_bind_int64(c->q, 1, id);
        for (long j = 0; j < r->N; j++) {
            sqlite3_bind_int64(c->q, 2, j);
            sqlite3_bind_text(c->q, 3, j < r->Ne ? "e" : "i", 1, SQLITE_STATIC);
            bind_real(c->q, 4, r->rate[j]);
            bind_real(c->q, 5, r->in_e ? r->in_e[j] : NAN);
            bind_real(c->q, 6, r->in_i ? r->in_i[j] : NAN);
            bind_real(c->q, 7, r->in_x ? r->in_x[j] : NAN);
            if (!step(c))
                return 0;
        }
    }

    /* sampled pairs */
    if (!(skip & PBN_STORE_NO_PAIRS)) {
        if (!prep(c, "INSERT INTO pairs (run_id, kind, i, a, b, cov, corr) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"))
            return 0;
        sqlite3_bind_int64(c->q, 1, id);
        for (int k = 0; k < 3; k++) {
            if (!r->pair_a[k] || !r->pair_b[k])
                continue;
            sqlite3_bind_text(c->q, 2, pair_kinds[k], -1, SQLITE_STATIC);
            for (size_t i = 0; i < r->n_pairs[k]; i++) {
                sqlite3_bind_int64(c->q, 3, (sqlite3_int64)i);
                sqlite3_bind_int64(c->q, 4, r->pair_a[k][i]);
                sqlite3_bind_int64(c->q, 5, r->pair_b[k][i]);
                bind_real(c->q, 6, r->pair_cov[k] ? r->pair_cov[k][i] : NAN);
                bind_real(c->q, 7, r->pair_corr[k] ? r->pair_corr[k][i] : NAN);
                if (!step(c))
                    return 0;
            }
        }
    }

    /* final weight samples */
    if (!(skip & PBN_STORE_NO_WEIGHTS)) {
        if (!prep(c, "INSERT INTO weights (run_id, block, i, j) VALUES (?1, ?2, ?3, ?4)"))
            return 0;
        sqlite3_bind_int64(c->q, 1, id);
        for (int b = 0; b < PBN_NBLOCKS; b++) {
            if (!r->wsample[b])
                continue;
            sqlite3_bind_text(c->q, 2, block_keys[b], -1, SQLITE_STATIC);
            for (size_t i = 0; i < r->n_wsample[b]; i++) {
                sqlite3_bind_int64(c->q, 3, (sqlite3_int64)i);
                bind_real(c->q, 4, r->wsample[b][i]);
                if (!step(c))
                    return 0;
            }
        }
    }

    /* trajectories of sampled synapses (synapse-major, stride r->syn_stride) */
    if (!(skip & PBN_STORE_NO_SYNAPSES) && r->n_bins && r->t_bin) {
        size_t stride = r->syn_stride;
        if (!prep(c, "INSERT INTO synapses (run_id, block, k, post, pre, bin, t_ms, j) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"))
            return 0;
        sqlite3_bind_int64(c->q, 1, id);
        for (int b = 0; b < PBN_NBLOCKS; b++) {
            if (!r->n_syn[b] || !r->syn_w[b])
                continue;
            sqlite3_bind_text(c->q, 2, block_keys[b], -1, SQLITE_STATIC);
            for (size_t k = 0; k < r->n_syn[b]; k++) {
                sqlite3_bind_int64(c->q, 3, (sqlite3_int64)k);
                sqlite3_bind_int64(c->q, 4, r->syn_post[b][k]);
                sqlite3_bind_int64(c->q, 5, r->syn_pre[b][k]);
                for (size_t t = 0; t < r->n_bins; t++) {
                    sqlite3_bind_int64(c->q, 6, (sqlite3_int64)t);
                    bind_real(c->q, 7, r->t_bin[t]);
                    bind_real(c->q, 8, r->syn_w[b][k * stride + t]);
                    if (!step(c))
                        return 0;
                }
            }
        }
    }

    /* raster */
    if (!(skip & PBN_STORE_NO_RASTER) && r->n_raster) {
        if (!prep(c, "INSERT INTO raster (run_id, t_ms, neuron) VALUES (?1, ?2, ?3)"))
            return 0;
        sqlite3_bind_int64(c->q, 1, id);
        for (size_t i = 0; i < r->n_raster; i++) {
            bind_real(c->q, 2, r->raster_t[i]);
            sqlite3_bind_int64(c->q, 3, r->raster_id[i]);
            if (!step(c))
                return 0;
        }
    }
    return 1;
}

static int put_extra(put_ctx *c, sqlite3_int64 id, const pbn_sink *s)
{
    for (size_t i = 0; i < s->n[SINK_METRIC]; i++)
        if (!put_named(c, id, "metrics", s->items[SINK_METRIC][i].name,
                       s->items[SINK_METRIC][i].y[0]))
            return 0;
    for (size_t i = 0; i < s->n[SINK_THEORY]; i++)
        if (!put_named(c, id, "theory", s->items[SINK_THEORY][i].name,
                       s->items[SINK_THEORY][i].y[0]))
            return 0;
    for (size_t i = 0; i < s->n[SINK_SERIES]; i++) {
        const store_item *it = &s->items[SINK_SERIES][i];
        if (!put_series(c, id, it->name, it->n, it->x, it->y))
            return 0;
    }
    if (s->n[SINK_SAMPLES]) {
        if (!prep(c, "INSERT INTO samples (run_id, name, i, value) VALUES (?1, ?2, ?3, ?4)"))
            return 0;
        sqlite3_bind_int64(c->q, 1, id);
        for (size_t i = 0; i < s->n[SINK_SAMPLES]; i++) {
            const store_item *it = &s->items[SINK_SAMPLES][i];
            sqlite3_bind_text(c->q, 2, it->name, -1, SQLITE_STATIC);
            for (size_t k = 0; k < it->n; k++) {
                sqlite3_bind_int64(c->q, 3, (sqlite3_int64)k);
                bind_real(c->q, 4, it->y[k]);
                if (!step(c))
                    return 0;
            }
        }
    }
    return 1;
}

/* Names of the sink that would collide with the standard rows of the run. */
static int check_extra(const pbn_results *r, const pbn_sink *s, pbn_error *err)
{
    pbn_metric m[PBN_MAX_METRICS];
    size_t nm = pbn_results_metrics(r, m, PBN_MAX_METRICS);
    for (size_t i = 0; i < s->n[SINK_METRIC]; i++)
        for (size_t k = 0; k < nm; k++)
            if (!is_timing(m[k].name) && !strcmp(s->items[SINK_METRIC][i].name, m[k].name))
                return pbn_error_set(err, PBN_EINVAL,
                                     "extra metric '%s' has the name of a standard metric of "
                                     "the run; choose another name",
                                     m[k].name);
    for (size_t i = 0; i < s->n[SINK_SERIES]; i++)
        if (is_standard_series(s->items[SINK_SERIES][i].name))
            return pbn_error_set(err, PBN_EINVAL,
                                 "extra series '%s' has the name of a standard time course; "
                                 "choose another name",
                                 s->items[SINK_SERIES][i].name);
    return PBN_OK;
}

int pbn_store_put_run(pbn_store *st, const pbn_run_meta *meta, const pbn_config *cfg,
                      const pbn_results *r, const pbn_sink *extra, long long *run_id,
                      int *stored, pbn_error *err)
{
    put_ctx c = {st, NULL, SQLITE_OK};
    char *canon = NULL, hash[17], started[40], finished[40], plastic[128], host[256];
    sqlite3_int64 id = 0;
    int rc = PBN_OK;
    if (run_id)
        *run_id = 0;
    if (stored)
        *stored = 0;
    if (st->mode != PBN_STORE_WRITE)
        return pbn_error_set(err, PBN_EINVAL, "database %s was opened read-only", st->path);
    if (!meta || !meta->experiment || !*meta->experiment || !meta->point)
        return pbn_error_set(err, PBN_EINVAL, "a run needs an experiment name and a point");
    if (!r)
        return pbn_error_set(err, PBN_EINVAL, "no results to store (NULL)");
    if ((rc = pbn_config_validate(cfg, err)) != PBN_OK)
        return rc;
    if (r->status != PBN_RUN_OK && r->status != PBN_RUN_DIVERGED &&
        r->status != PBN_RUN_INTERRUPTED)
        return pbn_error_set(err, PBN_EINVAL,
                             "run status '%s' cannot be stored: finish the run first",
                             pbn_run_status_name(r->status));
    if (extra && (rc = check_extra(r, extra, err)) != PBN_OK)
        return rc;
    if (!(canon = pbn_config_canonical(cfg)))
        return pbn_error_set(err, PBN_ENOMEM, "out of memory");
    pbn_config_hash(cfg, hash);
    plastic_text(cfg, plastic, sizeof plastic);
    if (gethostname(host, sizeof host) != 0)
        snprintf(host, sizeof host, "unknown");
    host[sizeof host - 1] = '\0';
    iso_time(meta->started, started, sizeof started);
    iso_time(meta->finished, finished, sizeof finished);
    const int final = r->status != PBN_RUN_INTERRUPTED;

    if ((rc = store_exec(st, "BEGIN IMMEDIATE", "storing a run", err)) != PBN_OK)
        goto end;
    long long existing = 0;
    if ((rc = pbn_store_find_run(st, meta->experiment, meta->point, hash, &existing, err)) !=
        PBN_OK)
        goto fail;
    if (existing) {
        /* Already complete (e.g. by another process of the same sweep): keep that one. */
        store_rollback(st);
        if (run_id)
            *run_id = existing;
        goto end;
    }
    /* A final run replaces interrupted attempts; an interrupted one replaces older ones. */
    if (!prep(&c, "DELETE FROM runs WHERE experiment = ?1 AND point = ?2 AND "
                  "config_hash = ?3 AND status = 'interrupted'"))
        goto sqlfail;
    sqlite3_bind_text(c.q, 1, meta->experiment, -1, SQLITE_STATIC);
    sqlite3_bind_text(c.q, 2, meta->point, -1, SQLITE_STATIC);
    sqlite3_bind_text(c.q, 3, hash, -1, SQLITE_STATIC);
    if (!step(&c))
        goto sqlfail;

    if (!prep(&c, "INSERT INTO runs (experiment, point, repeat, config_hash, config, seed, "
                  "rng, N, Ne, Ni, Nx, T_ms, plastic, version, git_commit, host, started, "
                  "finished, wall_s, build_s, run_s, wall_per_sim_s, status) VALUES "
                  "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
                  "?17, ?18, ?19, ?20, ?21, ?22, ?23)"))
        goto sqlfail;
    sqlite3_bind_text(c.q, 1, meta->experiment, -1, SQLITE_STATIC);
    sqlite3_bind_text(c.q, 2, meta->point, -1, SQLITE_STATIC);
    sqlite3_bind_int(c.q, 3, meta->repeat);
    sqlite3_bind_text(c.q, 4, hash, -1, SQLITE_STATIC);
    sqlite3_bind_text(c.q, 5, canon, -1, SQLITE_STATIC);
    bind_ulong(c.q, 6, cfg->seed);
    sqlite3_bind_text(c.q, 7, cfg->rng, -1, SQLITE_STATIC);
    sqlite3_bind_int64(c.q, 8, cfg->N);
    sqlite3_bind_int64(c.q, 9, pbn_config_ne(cfg));
    sqlite3_bind_int64(c.q, 10, pbn_config_ni(cfg));
    sqlite3_bind_int64(c.q, 11, pbn_config_nx(cfg));
    bind_real(c.q, 12, cfg->T);
    sqlite3_bind_text(c.q, 13, plastic, -1, SQLITE_STATIC);
    sqlite3_bind_text(c.q, 14, pbn_version(), -1, SQLITE_STATIC);
    sqlite3_bind_text(c.q, 15, pbn_git_commit(), -1, SQLITE_STATIC);
    sqlite3_bind_text(c.q, 16, host, -1, SQLITE_STATIC);
    sqlite3_bind_text(c.q, 17, started, -1, SQLITE_STATIC);
    sqlite3_bind_text(c.q, 18, finished, -1, SQLITE_STATIC);
    bind_real(c.q, 19, meta->finished - meta->started);
    bind_real(c.q, 20, r->build_s);
    bind_real(c.q, 21, r->run_s);
    bind_real(c.q, 22, r->t_end > 0 ? r->run_s / (r->t_end * 1e-3) : NAN);
    sqlite3_bind_text(c.q, 23, final ? pbn_run_status_name(r->status) : "interrupted", -1,
                      SQLITE_STATIC);
    if (!step(&c))
        goto sqlfail;
    id = sqlite3_last_insert_rowid(st->db);

    if (!put_params(&c, id, cfg) || !put_results(&c, id, r, meta->skip) ||
        (extra && !put_extra(&c, id, extra)))
        goto sqlfail;
    sqlite3_finalize(c.q);
    c.q = NULL;
    if ((rc = store_exec(st, "COMMIT", "storing a run", err)) != PBN_OK)
        goto fail;
    if (run_id)
        *run_id = id;
    if (stored)
        *stored = 1;
    goto end;
sqlfail:
    rc = store_fail(st->path, st->db, c.rc, "storing a run", err);
fail:
    sqlite3_finalize(c.q);
    c.q = NULL;
    store_rollback(st);
end:
    sqlite3_finalize(c.q);
    free(canon);
    return rc;
}
