/*
 * vdata.c - reading the runs of a profile and building sweeps (see vdata.h).
 */
#include "vdata.h"
#include "validate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int kv_add(kvlist *l, const char *name, double v)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 64;
        kv *a = realloc(l->a, cap * sizeof *a);
        if (!a)
            return -1;
        l->a = a;
        l->cap = cap;
    }
    l->a[l->n].name = strdup(name);
    if (!l->a[l->n].name)
        return -1;
    l->a[l->n++].v = v;
    return 0;
}

static double kv_get(const kvlist *l, const char *name)
{
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->a[i].name, name))
            return l->a[i].v;
    return NAN;
}

double vrun_metric(const vrun *r, const char *name) { return kv_get(&r->m, name); }
double vrun_theory(const vrun *r, const char *name) { return kv_get(&r->t, name); }

static double value_num(const pbn_value *v)
{
    return v->type == PBN_V_INT ? (double)v->i : v->type == PBN_V_REAL ? v->d : NAN;
}

static int row_run(void *ctx, int ncol, const char *const *names, const pbn_value *vals)
{
    (void)names;
    vdata *d = ctx;
    if (ncol < 8)
        return 1;
    if (d->n == d->cap) {
        size_t cap = d->cap ? 2 * d->cap : 128;
        vrun *a = realloc(d->r, cap * sizeof *a);
        if (!a) {
            d->oom = 1;
            return 1;
        }
        d->r = a;
        d->cap = cap;
    }
    vrun *r = &d->r[d->n];
    memset(r, 0, sizeof *r);
    r->id = vals[0].i;
    const char *exp = vals[1].type == PBN_V_TEXT ? vals[1].s : "";
    const char *dot = strchr(exp, '.');
    r->exp = strdup(dot ? dot + 1 : exp);
    r->point = strdup(vals[2].type == PBN_V_TEXT ? vals[2].s : "");
    r->N = (long)value_num(&vals[3]);
    r->status_ok = vals[4].type == PBN_V_TEXT && !strcmp(vals[4].s, "ok");
    r->commit = strdup(vals[6].type == PBN_V_TEXT ? vals[6].s : "unknown");
    if (!r->exp || !r->point || !r->commit) {
        d->oom = 1;
        return 1;
    }
    pbn_config_defaults(&r->cfg);
    pbn_error err;
    r->cfg_ok = vals[5].type == PBN_V_TEXT &&
                pbn_config_read_string(&r->cfg, vals[5].s, "stored run", &err) == PBN_OK;
    /* provenance: the distinct commits and the time span of the runs */
    if (!strstr(d->commits, r->commit) && strlen(d->commits) + strlen(r->commit) + 3 < sizeof d->commits) {
        if (d->commits[0])
            strcat(d->commits, ", ");
        strcat(d->commits, r->commit);
    }
    if (vals[7].type == PBN_V_TEXT) {
        if (!d->first[0] || strcmp(vals[7].s, d->first) < 0)
            snprintf(d->first, sizeof d->first, "%s", vals[7].s);
    }
    if (ncol > 8 && vals[8].type == PBN_V_TEXT) {
        if (!d->last[0] || strcmp(vals[8].s, d->last) > 0)
            snprintf(d->last, sizeof d->last, "%s", vals[8].s);
    }
    d->n++;
    return 0;
}

/* runs are loaded in ascending id order, so the run of an id is found by bisection */
static vrun *run_by_id(vdata *d, long long id)
{
    size_t lo = 0, hi = d->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (d->r[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < d->n && d->r[lo].id == id ? &d->r[lo] : NULL;
}

typedef struct kv_ctx {
    vdata *d;
    int theory; /* 0: metrics, 1: theory */
} kv_ctx;

static int row_kv(void *ctx, int ncol, const char *const *names, const pbn_value *vals)
{
    (void)names;
    kv_ctx *c = ctx;
    if (ncol < 3)
        return 1;
    vrun *r = run_by_id(c->d, vals[0].i);
    if (!r || vals[1].type != PBN_V_TEXT)
        return 0;
    if (kv_add(c->theory ? &r->t : &r->m, vals[1].s, value_num(&vals[2]))) {
        c->d->oom = 1;
        return 1;
    }
    return 0;
}

static int row_count(void *ctx, int ncol, const char *const *names, const pbn_value *vals)
{
    (void)names;
    if (ncol > 0)
        *(long *)ctx = (long)value_num(&vals[0]);
    return 0;
}

/* The weight time courses: rows (run_id, name, i, x, y) in order of run and i. */
static int row_course(void *ctx, int ncol, const char *const *names, const pbn_value *vals)
{
    (void)names;
    vdata *d = ctx;
    if (ncol < 5 || vals[1].type != PBN_V_TEXT)
        return 0;
    vrun *r = run_by_id(d, vals[0].i);
    if (!r)
        return 0;
    vcourse *c = NULL;
    for (size_t k = 0; k < r->nc; k++)
        if (!strcmp(r->c[k].name, vals[1].s))
            c = &r->c[k];
    if (!c) {
        if (r->nc == sizeof r->c / sizeof r->c[0])
            return 0;
        c = &r->c[r->nc++];
        snprintf(c->name, sizeof c->name, "%s", vals[1].s);
    }
    double *t = realloc(c->t, (c->n + 1) * sizeof *t), *w;
    if (!t) {
        d->oom = 1;
        return 1;
    }
    c->t = t;
    if (!(w = realloc(c->w, (c->n + 1) * sizeof *w))) {
        d->oom = 1;
        return 1;
    }
    c->w = w;
    c->t[c->n] = value_num(&vals[3]);
    c->w[c->n++] = value_num(&vals[4]);
    return 0;
}

int vdata_load(pbn_store *st, vdata *d, pbn_error *err)
{
    char like[96], sql[1024];
    snprintf(like, sizeof like, "%s.%%", d->profile);
    /* the profile name comes from the command line: keep it out of the SQL text */
    for (const char *p = d->profile; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || *p == '-'))
            return pbn_error_set(err, PBN_EINVAL,
                                 "--profile %s: a profile name is letters, digits, '_' or '-'",
                                 d->profile);
    const char *sel = "SELECT id FROM runs WHERE experiment LIKE '%s' AND status IN ('ok', 'diverged')";
    char runs_sel[256];
    snprintf(runs_sel, sizeof runs_sel, sel, like);
    snprintf(sql, sizeof sql,
             "SELECT id, experiment, point, N, status, config, git_commit, started, finished "
             "FROM runs WHERE id IN (%s) ORDER BY id",
             runs_sel);
    int rc = pbn_store_query(st, sql, NULL, row_run, d, err);
    if (rc)
        return rc;
    if (d->oom)
        return pbn_error_set(err, PBN_ENOMEM, "out of memory reading the runs");
    kv_ctx c = {d, 0};
    snprintf(sql, sizeof sql, "SELECT run_id, name, value FROM metrics WHERE run_id IN (%s)", runs_sel);
    if ((rc = pbn_store_query(st, sql, NULL, row_kv, &c, err)))
        return rc;
    c.theory = 1;
    snprintf(sql, sizeof sql, "SELECT run_id, name, value FROM theory WHERE run_id IN (%s)", runs_sel);
    if ((rc = pbn_store_query(st, sql, NULL, row_kv, &c, err)))
        return rc;
    if (d->oom)
        return pbn_error_set(err, PBN_ENOMEM, "out of memory reading the metrics");
    /* the time courses of the plastic blocks' mean weights (the drift criterion) */
    snprintf(sql, sizeof sql,
             "SELECT s.run_id, s.name, s.i, s.x, s.y FROM series s JOIN params p "
             "ON p.run_id = s.run_id AND p.key = 'plastic_' || substr(s.name, 2) "
             "WHERE s.run_id IN (%s) AND s.name IN ('jee', 'jei', 'jie', 'jii') "
             "AND p.value != 'none' ORDER BY s.run_id, s.name, s.i",
             runs_sel);
    if ((rc = pbn_store_query(st, sql, NULL, row_course, d, err)))
        return rc;
    if (d->oom)
        return pbn_error_set(err, PBN_ENOMEM, "out of memory reading the time courses");
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM runs WHERE experiment LIKE '%s' AND status NOT IN ('ok', 'diverged')",
             like);
    return pbn_store_query(st, sql, NULL, row_count, &d->n_other_status, err);
}

void vdata_free(vdata *d)
{
    for (size_t i = 0; i < d->n; i++) {
        vrun *r = &d->r[i];
        for (size_t k = 0; k < r->m.n; k++)
            free(r->m.a[k].name);
        for (size_t k = 0; k < r->t.n; k++)
            free(r->t.a[k].name);
        free(r->m.a);
        free(r->t.a);
        free(r->exp);
        free(r->point);
        free(r->commit);
        for (size_t k = 0; k < r->nc; k++) {
            free(r->c[k].t);
            free(r->c[k].w);
        }
    }
    free(d->r);
}

const vcourse *vrun_course(const vrun *r, const char *name)
{
    for (size_t k = 0; k < r->nc; k++)
        if (!strcmp(r->c[k].name, name))
            return &r->c[k];
    return NULL;
}

/* The means of the third and the last quarter of a course, and the standard error of
   their difference from the bin-to-bin scatter within the quarters. */
static int quarters(const vcourse *c, double *m3, double *m4, double *se)
{
    if (!c || c->n < 8)
        return -1;
    size_t q = c->n / 4, a = c->n - 2 * q, b = c->n - q;
    double s3 = 0, s4 = 0, v3 = 0, v4 = 0;
    for (size_t k = a; k < b; k++)
        s3 += c->w[k];
    for (size_t k = b; k < c->n; k++)
        s4 += c->w[k];
    *m3 = s3 / (double)q;
    *m4 = s4 / (double)q;
    for (size_t k = a; k < b; k++)
        v3 += (c->w[k] - *m3) * (c->w[k] - *m3);
    for (size_t k = b; k < c->n; k++)
        v4 += (c->w[k] - *m4) * (c->w[k] - *m4);
    v3 /= (double)(q - 1);
    v4 /= (double)(q - 1);
    *se = sqrt(v3 / (double)q + v4 / (double)q);
    return 0;
}

double vrun_drift(const vrun *r, const char *block)
{
    double m3, m4, se;
    if (quarters(vrun_course(r, block), &m3, &m4, &se))
        return NAN;
    double m = 0.5 * (m3 + m4);
    return m != 0 ? fabs(m4 - m3) / fabs(m) : NAN;
}

int vrun_converged(const vrun *r, const char *block, double max_rel, double *drift)
{
    double m3, m4, se;
    *drift = NAN;
    if (quarters(vrun_course(r, block), &m3, &m4, &se))
        return -1;
    double m = 0.5 * (m3 + m4);
    *drift = m != 0 ? fabs(m4 - m3) / fabs(m) : NAN;
    if (!isfinite(*drift))
        return -1;
    return *drift <= max_rel || fabs(m4 - m3) < 3 * se;
}

/* ---- sweeps ------------------------------------------------------------------------ */

static int cmp_point(const void *a, const void *b)
{
    const vpoint *p = a, *q = b;
    return (p->x > q->x) - (p->x < q->x);
}

void vseries_make(const vdata *d, const char *exp, run_sel sel, const void *sctx, run_fn fx,
                  run_fn fy, const void *yctx, vseries *s)
{
    memset(s, 0, sizeof *s);
    double *vals = malloc((d->n ? d->n : 1) * sizeof *vals);
    if (!vals)
        return;
    for (size_t i = 0; i < d->n; i++) {
        const vrun *r = &d->r[i];
        if (strcmp(r->exp, exp) || (sel && !sel(r, sctx)) || !r->cfg_ok)
            continue;
        size_t k;
        for (k = 0; k < s->n; k++)
            if (!strcmp(s->p[k].point, r->point))
                break;
        if (k == s->n) {
            if (s->n == VMAX_POINTS)
                continue;
            s->p[k].point = r->point;
            s->p[k].x = fx(r, NULL);
            s->p[k].N = r->N;
            s->n++;
        }
        if (!r->status_ok)
            s->diverged++;
    }
    for (size_t k = 0; k < s->n; k++) {
        size_t m = 0;
        for (size_t i = 0; i < d->n; i++) {
            const vrun *r = &d->r[i];
            if (!r->status_ok || strcmp(r->exp, exp) || strcmp(r->point, s->p[k].point) ||
                (sel && !sel(r, sctx)) || !r->cfg_ok)
                continue;
            vals[m++] = fy(r, yctx);
        }
        s->p[k].n = (int)vstat_mean_se(vals, m, &s->p[k].mean, &s->p[k].se);
        s->runs += (long)m;
    }
    qsort(s->p, s->n, sizeof s->p[0], cmp_point);
    free(vals);
}

void vseries_arrays(const vseries *s, double *x, double *y, double *se)
{
    for (size_t k = 0; k < s->n; k++) {
        x[k] = s->p[k].x;
        y[k] = s->p[k].mean;
        se[k] = s->p[k].se;
    }
}

double vseries_max(const vseries *s)
{
    double m = 0;
    for (size_t k = 0; k < s->n; k++)
        if (isfinite(s->p[k].mean) && s->p[k].mean > m)
            m = s->p[k].mean;
    return m;
}

double x_N(const vrun *r, const void *c) { (void)c; return (double)r->N; }
double x_cx(const vrun *r, const void *c) { (void)c; return r->cfg.cx; }
double x_jei0(const vrun *r, const void *c) { (void)c; return r->cfg.jei; }
double x_jee0(const vrun *r, const void *c) { (void)c; return r->cfg.jee; }
double x_eta_sqrtN(const vrun *r, const void *c)
{
    (void)c;
    return r->cfg.eta_ei * sqrt((double)r->N);
}
double y_metric(const vrun *r, const void *c) { return vrun_metric(r, (const char *)c); }
double y_theory(const vrun *r, const void *c) { return vrun_theory(r, (const char *)c); }
double y_drift(const vrun *r, const void *c) { return vrun_drift(r, (const char *)c); }

int sel_N(const vrun *r, const void *c) { return r->N == *(const long *)c; }
int sel_cx(const vrun *r, const void *c) { return fabs(r->cfg.cx - *(const double *)c) < 1e-9; }
int sel_cx_N(const vrun *r, const void *c)
{
    const double *a = c; /* {cx, N} */
    return fabs(r->cfg.cx - a[0]) < 1e-9 && r->N == (long)a[1];
}

/* The distinct N of an experiment's runs, ascending. */
size_t vdata_distinct_N(const vdata *d, const char *exp, long *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n; i++) {
        if (strcmp(d->r[i].exp, exp))
            continue;
        size_t k;
        for (k = 0; k < n && out[k] != d->r[i].N; k++)
            ;
        if (k == n && n < max)
            out[n++] = d->r[i].N;
    }
    for (size_t a = 1; a < n; a++)
        for (size_t b = a; b > 0 && out[b - 1] > out[b]; b--) {
            long t = out[b];
            out[b] = out[b - 1];
            out[b - 1] = t;
        }
    return n;
}

long vdata_count(const vdata *d, const char *exp)
{
    long n = 0;
    for (size_t i = 0; i < d->n; i++)
        n += !strcmp(d->r[i].exp, exp);
    return n;
}

/* The run of an experiment with the largest N (of those, the smallest seed: the same run
   whatever order the runs were stored in), or NULL. */
const vrun *vdata_largest(const vdata *d, const char *exp)
{
    const vrun *best = NULL;
    for (size_t i = 0; i < d->n; i++)
        if (d->r[i].status_ok && d->r[i].cfg_ok && !strcmp(d->r[i].exp, exp) &&
            (!best || d->r[i].N > best->N ||
             (d->r[i].N == best->N && d->r[i].cfg.seed < best->cfg.seed)))
            best = &d->r[i];
    return best;
}

const vrun *vdata_nearest(const vdata *d, const char *exp, long N0)
{
    const vrun *best = NULL;
    for (size_t i = 0; i < d->n; i++) {
        const vrun *r = &d->r[i];
        if (!r->status_ok || !r->cfg_ok || strcmp(r->exp, exp))
            continue;
        long dr = labs(r->N - N0), db = best ? labs(best->N - N0) : 0;
        if (!best || dr < db || (dr == db && r->cfg.seed < best->cfg.seed))
            best = r;
    }
    return best;
}

/* ---- theory for a run's configuration --------------------------------------------- */

/* The run's weights: the second-half mean of each block (unscaled), the configured
   value where no mean was stored. */
void vrun_weights(const vrun *r, double j[PBN_NBLOCKS])
{
    static const char *names[PBN_NBLOCKS] = {"jee_mean", "jei_mean", "jie_mean", "jii_mean",
                                              NULL, NULL};
    pbn_theory_config_weights(&r->cfg, j);
    for (int b = 0; b < PBN_NBLOCKS; b++)
        if (names[b]) {
            double v = vrun_metric(r, names[b]);
            if (isfinite(v))
                j[b] = v;
        }
}

/* Balanced rates (Hz) at the run's measured weights, with flags. */
int vrun_rates_measured(const vrun *r, unsigned flags, double rate[2])
{
    double j[PBN_NBLOCKS];
    vrun_weights(r, j);
    pbn_error err;
    return pbn_theory_rates(&r->cfg, j, flags, rate, &err);
}

/* The fixed point with flags; 0 when it exists. */
int vrun_fixed_point(const vrun *r, unsigned flags, pbn_theory_fp *fp)
{
    pbn_error err;
    if (pbn_theory_fixed_point(&r->cfg, flags, fp, &err) != PBN_OK)
        return -1;
    return fp->status == PBN_FP_OK ? 0 : -1;
}

/* Fractions of a run's E cells that are silent, and that fire below slow_hz (second half). */
typedef struct frac_ctx {
    double n, silent, slow;
} frac_ctx;

static int row_frac(void *ctx, int ncol, const char *const *names, const pbn_value *vals)
{
    (void)names;
    frac_ctx *f = ctx;
    if (ncol == 3) {
        f->n = value_num(&vals[0]);
        f->silent = value_num(&vals[1]);
        f->slow = value_num(&vals[2]);
    }
    return 0;
}

int vrun_e_fractions(const vdata *d, const vrun *r, double slow_hz, double *silent,
                     double *slow)
{
    char sql[256];
    frac_ctx f = {0, 0, 0};
    pbn_error err;
    snprintf(sql, sizeof sql,
             "SELECT count(*), sum(rate_hz = 0), sum(rate_hz < %.17g) FROM neurons "
             "WHERE run_id = %lld AND pop = 'e'",
             slow_hz, r->id);
    if (!d->st || pbn_store_query(d->st, sql, NULL, row_frac, &f, &err) || !(f.n > 0))
        return -1;
    *silent = f.silent / f.n;
    *slow = f.slow / f.n;
    return 0;
}

