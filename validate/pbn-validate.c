/*
 * pbn-validate - the validation table of the paper's claims, computed from the results
 * database (never typed in): paper/validation.md, and the generated blocks of the
 * reproduction report paper/README.md.
 *
 * Why it exists: a figure shows that simulation and theory look alike; a reader also
 * needs to know, claim by claim, what number was compared with what, how far apart they
 * may be and why, and whether they are.  Each claim of the paper covered by the three
 * experiment families is turned into one or more rows:
 *
 *   A  balanced rates approach the theory as N grows, the error shrinking like 1/sqrt(N)
 *   B  spike-count covariances fall like 1/N at cx = 0 and stay O(1) at cx > 0
 *   C  Kohonen weights reach their fixed point
 *   D  iSTDP pins the E rate to rho_e (and the I rate to rho_i with I->I iSTDP)
 *   E  input correlations shift the weights only mildly
 *   F  the final I->E weight depends on the initial one; the corrected (manifold) theory
 *      explains the dependence, the plain one does not; the Kohonen control does not
 *      depend on its start
 *
 * Each row names the experiments and points it uses, the statistic (a fit with its
 * standard error: validate.h), the theory value, the simulated value ± standard error,
 * the tolerance with its reason, and a verdict: PASS, FAIL or NOT RUN (the data are not
 * in the database).  The tolerances are stated before looking at any particular run:
 * three standard errors for the statistics, plus, where the theory itself is only
 * approximate, an allowance derived from the theory (e.g. the spread between its two
 * closures) or a bound between competing laws (a slope closer to -1/2 than to 0 or -1).
 *
 * Theory values come from the library (pbn/pbn_theory.h) evaluated for each run's stored
 * configuration (runs.config), so the variants the claims need (effective weights
 * W (1 - dt/tau), the input-correlation terms, the network's own measured weights) are
 * computed the same way as `pbn theory` does.  Simulated values come from table metrics.
 * Runs with status "diverged" are left out of the statistics and counted in the notes.
 *
 * Output: --out FILE (Markdown: header with profile, database, date, pbn version and
 * commit, number of runs; the table; notes per claim), and with --readme FILE the blocks
 * between "<!-- pbn-validate:begin NAME -->" and "<!-- pbn-validate:end NAME -->" lines of
 * that file are replaced (NAME: summary, table, numbers, plan); everything outside them is
 * kept byte for byte.  One summary line on stderr.  Exit status: 0 when the claims could be
 * evaluated (FAILs included), 1 with --strict when a claim FAILs, 1 with a one-line error
 * when the database (or a file) cannot be read or written, 2 for bad arguments.
 */
#include "pbn/pbn.h"
#include "pbn/pbn_store.h"
#include "pbn/pbn_theory.h"
#include "validate.h"
#include "util/util.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PROG "pbn-validate"

/* ---- the runs of one profile, as stored ------------------------------------------------- */

typedef struct kv {
    char *name;
    double v;
} kv;

typedef struct kvlist {
    kv *a;
    size_t n, cap;
} kvlist;

typedef struct vrun {
    long long id;
    char *exp;     /* experiment name without the profile prefix, e.g. "size_kohonen" */
    char *point;
    long N;
    int status_ok; /* 1: "ok"; 0: "diverged" (kept for counting only) */
    char *commit;
    pbn_config cfg;
    int cfg_ok;
    kvlist m, t;   /* metrics, theory */
} vrun;

typedef struct vdata {
    pbn_store *st;      /* open (read-only) while the claims are evaluated */
    const char *profile;
    const char *db_path;
    vrun *r;
    size_t n, cap;
    long n_other_status; /* interrupted runs of the profile (not final) */
    char commits[512];   /* distinct git commits of the runs, comma separated */
    char first[32], last[32]; /* earliest start and latest finish of the runs */
    int oom;
} vdata;

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

static double metric(const vrun *r, const char *name) { return kv_get(&r->m, name); }
static double theory(const vrun *r, const char *name) { return kv_get(&r->t, name); }

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

/* The profile's final runs with their metrics and theory. */
static int load(pbn_store *st, vdata *d, pbn_error *err)
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
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM runs WHERE experiment LIKE '%s' AND status NOT IN ('ok', 'diverged')",
             like);
    return pbn_store_query(st, sql, NULL, row_count, &d->n_other_status, err);
}

static void data_free(vdata *d)
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
    }
    free(d->r);
}

/* ---- points of a sweep -------------------------------------------------------------- */

typedef double (*run_fn)(const vrun *r, const void *ctx);

/* One point of a sweep: the repeats of (experiment, point), a value per run averaged. */
typedef struct vpoint {
    const char *point;
    double x;          /* the sweep variable (N, cx, initial weight) of the point */
    double mean, se;   /* of the per-run values (se NaN for one run) */
    int n;             /* runs with a finite value */
    long N;
} vpoint;

#define VMAX_POINTS 256

typedef struct vseries {
    vpoint p[VMAX_POINTS];
    size_t n;
    long runs;      /* runs used */
    long diverged;  /* runs of these points left out: diverged */
} vseries;

/* Which runs of an experiment belong to a series (NULL: all). */
typedef int (*run_sel)(const vrun *r, const void *ctx);

static int cmp_point(const void *a, const void *b)
{
    const vpoint *p = a, *q = b;
    return (p->x > q->x) - (p->x < q->x);
}

/*
 * The series of experiment `exp`: one point per sweep point (runs with status ok that sel
 * accepts), x = fx of its first run, the mean and standard error over its runs of fy.
 * Sorted by x.
 */
static void series(const vdata *d, const char *exp, run_sel sel, const void *sctx, run_fn fx,
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

static void series_arrays(const vseries *s, double *x, double *y, double *se)
{
    for (size_t k = 0; k < s->n; k++) {
        x[k] = s->p[k].x;
        y[k] = s->p[k].mean;
        se[k] = s->p[k].se;
    }
}

/* sweep variables */
static double x_N(const vrun *r, const void *c) { (void)c; return (double)r->N; }
static double x_cx(const vrun *r, const void *c) { (void)c; return r->cfg.cx; }
static double x_jei0(const vrun *r, const void *c) { (void)c; return r->cfg.jei; }
static double x_jee0(const vrun *r, const void *c) { (void)c; return r->cfg.jee; }

/* selections */
static int sel_N(const vrun *r, const void *c) { return r->N == *(const long *)c; }
static int sel_cx(const vrun *r, const void *c) { return fabs(r->cfg.cx - *(const double *)c) < 1e-9; }
static int sel_cx_N(const vrun *r, const void *c)
{
    const double *a = c; /* {cx, N} */
    return fabs(r->cfg.cx - a[0]) < 1e-9 && r->N == (long)a[1];
}

/* The distinct N of an experiment's runs, ascending. */
static size_t distinct_N(const vdata *d, const char *exp, long *out, size_t max)
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

static long count_runs(const vdata *d, const char *exp)
{
    long n = 0;
    for (size_t i = 0; i < d->n; i++)
        n += !strcmp(d->r[i].exp, exp);
    return n;
}

/* ---- theory for a run's configuration ------------------------------------------------ */

/* The run's weights: the second-half mean of each block (unscaled), the configured
   value where no mean was stored. */
static void measured_weights(const vrun *r, double j[PBN_NBLOCKS])
{
    static const char *names[PBN_NBLOCKS] = {"jee_mean", "jei_mean", "jie_mean", "jii_mean",
                                              NULL, NULL};
    pbn_theory_config_weights(&r->cfg, j);
    for (int b = 0; b < PBN_NBLOCKS; b++)
        if (names[b]) {
            double v = metric(r, names[b]);
            if (isfinite(v))
                j[b] = v;
        }
}

/* Balanced rates (Hz) at the run's measured weights, with flags. */
static int rates_measured(const vrun *r, unsigned flags, double rate[2])
{
    double j[PBN_NBLOCKS];
    measured_weights(r, j);
    pbn_error err;
    return pbn_theory_rates(&r->cfg, j, flags, rate, &err);
}

/* The fixed point with flags; 0 when it exists. */
static int fixed_point(const vrun *r, unsigned flags, pbn_theory_fp *fp)
{
    pbn_error err;
    if (pbn_theory_fixed_point(&r->cfg, flags, fp, &err) != PBN_OK)
        return -1;
    return fp->status == PBN_FP_OK ? 0 : -1;
}

/* ---- rows of the table and the notes ---------------------------------------------------- */

enum { V_PASS = 0, V_FAIL = 1, V_NOTRUN = 2 };
static const char *verdict_name[3] = {"PASS", "FAIL", "NOT RUN"};

typedef struct vrow {
    char id[8];
    char claim[160];
    char data[200];      /* experiments and points */
    char statistic[240];
    char theory[200];
    char sim[240];
    char tol[400];       /* tolerance and its reason */
    int verdict;
    char why[300];       /* one phrase: what decided the verdict */
} vrow;

#define VMAX_ROWS 64

/* A growing text buffer (the notes). */
typedef struct vbuf {
    char *s;
    size_t n, cap;
    int oom;
} vbuf;

static void bprintf(vbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void bprintf(vbuf *b, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        size_t room = b->cap - b->n;
        va_start(ap, fmt);
        int k = b->s ? vsnprintf(b->s + b->n, room, fmt, ap) : -1;
        va_end(ap);
        if (k >= 0 && (size_t)k < room) {
            b->n += (size_t)k;
            return;
        }
        size_t need = (k > 0 ? (size_t)k : 0) + b->n + 1;
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < need)
            cap *= 2;
        char *s = realloc(b->s, cap);
        if (!s) {
            b->oom = 1;
            return;
        }
        b->s = s;
        b->cap = cap;
    }
}

typedef struct vctx {
    vdata *d;
    vrow rows[VMAX_ROWS];
    size_t nrows;
    vbuf notes;
} vctx;

static vrow *row_new(vctx *v, const char *id, const char *claim)
{
    if (v->nrows == VMAX_ROWS)
        abort(); /* a programming error: the list of rows is fixed in this file */
    vrow *r = &v->rows[v->nrows++];
    memset(r, 0, sizeof *r);
    snprintf(r->id, sizeof r->id, "%s", id);
    snprintf(r->claim, sizeof r->claim, "%s", claim);
    r->verdict = V_NOTRUN;
    return r;
}

static void row_notrun(vrow *r, const char *exp, const char *why)
{
    r->verdict = V_NOTRUN;
    snprintf(r->why, sizeof r->why, "%s", why);
    if (!r->sim[0])
        snprintf(r->sim, sizeof r->sim, "no data");
    (void)exp;
}

/* Append printf-style text to a fixed buffer (truncating). */
static void sappend(char *dst, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void sappend(char *dst, size_t cap, const char *fmt, ...)
{
    size_t n = strlen(dst);
    if (n + 1 >= cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(dst + n, cap - n, fmt, ap);
    va_end(ap);
}

/* Number formatting: 3 significant digits, no exponent for ordinary magnitudes. */
static const char *fmt_g(char *buf, size_t len, double v)
{
    if (!isfinite(v))
        snprintf(buf, len, "n/a");
    else
        snprintf(buf, len, "%.3g", v);
    return buf;
}

/* "m ± s" with the precision set by s (two significant digits of s). */
static const char *fmt_pm(char *buf, size_t len, double m, double s)
{
    if (!isfinite(m)) {
        snprintf(buf, len, "n/a");
        return buf;
    }
    if (!isfinite(s) || s <= 0) {
        char a[32];
        snprintf(buf, len, "%s", fmt_g(a, sizeof a, m));
        return buf;
    }
    int dec = 1 - (int)floor(log10(s));
    if (dec < 0)
        dec = 0;
    if (dec > 8 || fabs(m) < 1e-3) {
        snprintf(buf, len, "%.2e ± %.1e", m, s);
        return buf;
    }
    snprintf(buf, len, "%.*f ± %.*f", dec, m, dec, s);
    return buf;
}

/* The points of a series as a Markdown list "x: mean ± se (n)". */
static void note_series(vbuf *b, const vseries *s, const char *xname, const char *yname)
{
    bprintf(b, "  %s by %s:", yname, xname);
    for (size_t k = 0; k < s->n; k++) {
        char a[64], x[32];
        bprintf(b, "%s %s %s (%d)", k ? ";" : "", fmt_g(x, sizeof x, s->p[k].x),
                fmt_pm(a, sizeof a, s->p[k].mean, s->p[k].se), s->p[k].n);
    }
    bprintf(b, ".\n");
}

/* ---- helpers shared by the claims ------------------------------------------------------ */

/* 3 standard errors, 0 when the standard error is unknown. */
static double three_se(double se) { return isfinite(se) ? 3 * se : 0; }

static int enough(vctx *v, vrow *row, const char *exp, const vseries *s, size_t need)
{
    if (s->n >= need && s->runs > 0)
        return 1;
    char why[200];
    if (!count_runs(v->d, exp))
        snprintf(why, sizeof why, "no runs of %s.%s in the database", v->d->profile, exp);
    else
        snprintf(why, sizeof why, "%zu usable point(s) of %s.%s, %zu needed", s->n, v->d->profile,
                 exp, need);
    row_notrun(row, exp, why);
    return 0;
}

/* Per-run value of a rate error: simulated minus theory. */
typedef struct rate_err_ctx {
    int pop;          /* 0 E, 1 I */
    unsigned flags;
    int at_fixed;     /* 1: theory at the rule's fixed point; 0: at the measured weights */
} rate_err_ctx;

static double y_rate_err(const vrun *r, const void *c)
{
    const rate_err_ctx *a = c;
    double sim = metric(r, a->pop ? "rate_i_hz" : "rate_e_hz"), th[2];
    if (a->at_fixed) {
        pbn_theory_fp fp;
        if (fixed_point(r, a->flags, &fp))
            return NAN;
        th[0] = fp.rate_hz[0];
        th[1] = fp.rate_hz[1];
    } else if (rates_measured(r, a->flags, th)) {
        return NAN;
    }
    return sim - th[a->pop];
}

static double y_metric(const vrun *r, const void *c) { return metric(r, (const char *)c); }
static double y_theory(const vrun *r, const void *c) { return theory(r, (const char *)c); }

/*
 * A log-log slope row: |y| against N, expected slope `expect`, accepted when the slope is
 * within `band` of it, widened by 3 standard errors.  Returns the fit.
 */
static vfit loglog_row(vrow *row, const vseries *s, double expect, double band, int *sign_change)
{
    /* a point whose value is not resolved from zero (within 2 standard errors) says
       nothing about the slope of log abs(y): it is left out */
    double x[VMAX_POINTS], y[VMAX_POINTS], se[VMAX_POINTS];
    size_t m = 0, dropped = 0;
    for (size_t k = 0; k < s->n; k++) {
        const vpoint *p = &s->p[k];
        if (isfinite(p->se) && fabs(p->mean) < 2 * p->se) {
            dropped++;
            continue;
        }
        x[m] = p->x;
        y[m] = p->mean;
        se[m++] = p->se;
    }
    vfit f = {0};
    *sign_change = 0;
    if (m >= 3)
        f = vstat_loglog(x, y, se, m, sign_change);
    char a[64];
    if (!f.ok) {
        row->verdict = V_FAIL;
        snprintf(row->sim, sizeof row->sim, "%s", *sign_change ? "sign changes" : m < 3 ? "too few points" : "no fit");
        if (m < 3)
            snprintf(row->why, sizeof row->why,
                     "inconclusive: %zu of %zu N resolved from zero (2 s.e.), 3 needed for a slope", m, s->n);
        else
            snprintf(row->why, sizeof row->why, "%s",
                     *sign_change ? "the difference changes sign across N: not a power law"
                                  : "the log-log fit failed (a zero or non-finite value)");
        return f;
    }
    snprintf(row->sim, sizeof row->sim, "%s", fmt_pm(a, sizeof a, f.c1, f.se1));
    int pass = fabs(f.c1 - expect) <= band + three_se(f.se1);
    row->verdict = pass ? V_PASS : V_FAIL;
    snprintf(row->why, sizeof row->why, "slope %s %.2f of %.2f (band %.2f + 3 s.e. = %.2f)%s",
             pass ? "within" : "off by", fabs(f.c1 - expect), expect, band, band + three_se(f.se1),
             dropped ? "; N not resolved from zero left out" : "");
    return f;
}

/*
 * Extrapolation to N -> infinity of y = y_inf + a N^-1/2 (the leading finite-size law of
 * balanced networks).  The same fit with a 1/N law measures how much the limit depends on
 * the assumed law: *law_unc = abs(difference of the two limits), added to tolerances.
 */
static vfit extrapolate_N(const vseries *s, double *law_unc)
{
    double x[VMAX_POINTS], y[VMAX_POINTS], se[VMAX_POINTS];
    series_arrays(s, x, y, se);
    vfit f = vstat_extrapolate(x, y, se, s->n, 0.5);
    vfit g = vstat_extrapolate(x, y, se, s->n, 1.0);
    *law_unc = f.ok && g.ok ? fabs(f.c0 - g.c0) : NAN;
    return f;
}

/* ---- A: balanced rates approach the theory as N grows ---------------------------------- */

static void claim_A(vctx *v)
{
    static const struct {
        const char *id, *exp;
        int pop, at_fixed;
    } rows[] = {
        {"A1", "size_kohonen", 0, 0}, {"A2", "size_kohonen", 1, 0}, {"A3", "size_hebb", 0, 0},
        {"A4", "size_hebb", 1, 0},    {"A5", "size_istdp", 1, 1},
    };
    vbuf *nb = &v->notes;
    bprintf(nb, "\n### A. Balanced rates approach the theory, the error shrinking like 1/sqrt(N)\n\n"
                "Statistic: the weighted log-log slope of abs(r_sim - r_theory) against N "
                "(per-N means over repeats, weights from their standard errors; the slope's "
                "standard error scaled up by sqrt(reduced chi-square) when the points scatter "
                "more than their error bars).  Theory: the balanced state "
                "r = -W^-1 Wx rx with effective weights W (1 - dt/tau) (paper/model.md section 3: "
                "the nominal W leaves an offset that does not vanish).  Where no rule pins the "
                "rates (Kohonen and soft Hebbian on E->E) W holds the network's own second-half "
                "mean weights, so that weights still moving (claim C) do not count against the "
                "balance.  Under I->E iSTDP the rule pins the E rate (claim D) and the balance "
                "then sets the I rate: it is compared with the rule's fixed point (effective "
                "weights, input-correlation terms).  With iSTDP on I->E and I->I both rates are "
                "pinned: see D.  Tolerance: a slope within 0.25 of -1/2, widened by 3 "
                "standard errors: closer to -1/2 than to 0 (an error that does not vanish) or "
                "to -1 (a 1/N law).  The slope against the nominal theory at the rule's "
                "fixed point (the paper's line) is given for comparison.\n\n");
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const char *pop = rows[i].pop ? "I" : "E";
        char claim[160];
        snprintf(claim, sizeof claim, "balanced %s rate -> theory, error ~ N^-1/2", pop);
        vrow *row = row_new(v, rows[i].id, claim);
        snprintf(row->data, sizeof row->data, "%s: every N", rows[i].exp);
        snprintf(row->statistic, sizeof row->statistic,
                 "log-log slope of abs(r_%s - theory) vs N; theory at %s", rows[i].pop ? "i" : "e",
                 rows[i].at_fixed ? "the rule's fixed point (effective W, cx terms)"
                                  : "the measured mean weights (effective W)");
        snprintf(row->theory, sizeof row->theory, "-0.5");
        snprintf(row->tol, sizeof row->tol,
                 "within 0.25 of -0.5 + 3 s.e.: closer to -1/2 than to 0 (no convergence) or -1 (a 1/N law)");
        rate_err_ctx c = {rows[i].pop, PBN_THEORY_EFFECTIVE | PBN_THEORY_CX, rows[i].at_fixed};
        vseries s;
        series(v->d, rows[i].exp, NULL, NULL, x_N, y_rate_err, &c, &s);
        if (!enough(v, row, rows[i].exp, &s, 3))
            continue;
        int sc = 0;
        vfit f = loglog_row(row, &s, -0.5, 0.25, &sc);
        bprintf(nb, "- **%s** (%s, %s rate): ", row->id, rows[i].exp, pop);
        if (f.ok) {
            char a[64];
            bprintf(nb, "slope %s, reduced chi-square %.2g.\n", fmt_pm(a, sizeof a, f.c1, f.se1),
                    f.dof > 0 ? f.chi2 / f.dof : NAN);
        } else {
            bprintf(nb, "%s.\n", row->why);
        }
        note_series(nb, &s, "N", "r_sim - r_theory (Hz)");
        /* the paper's comparison: nominal theory at the fixed point */
        rate_err_ctx cn = {rows[i].pop, 0, 1};
        vseries sn;
        series(v->d, rows[i].exp, NULL, NULL, x_N, y_rate_err, &cn, &sn);
        double x[VMAX_POINTS], y[VMAX_POINTS], se[VMAX_POINTS];
        series_arrays(&sn, x, y, se);
        int sc2 = 0;
        vfit fn = vstat_loglog(x, y, se, sn.n, &sc2);
        char a[64];
        bprintf(nb, "  Against the nominal theory at the fixed point: %s.\n",
                fn.ok ? fmt_pm(a, sizeof a, fn.c1, fn.se1)
                      : (sc2 ? "the difference changes sign across N" : "no fit"));
        if (s.diverged)
            bprintf(nb, "  %ld diverged run(s) left out.\n", s.diverged);
    }
}

/* ---- B: covariances fall like 1/N at cx = 0, stay O(1) at cx > 0 ------------------------- */

static const char *cov_names[3] = {"cov_ee", "cov_ei", "cov_ii"};
static const char *pair_names[3] = {"ee", "ei", "ii"};

/* The covariance theory at the fixed point with fix_flags (effective weights). */
static int cov_theory(const vrun *r, unsigned fix_flags, double cov[3])
{
    pbn_theory_fp fp;
    pbn_theory_cov tc;
    pbn_error err;
    if (fixed_point(r, fix_flags, &fp) ||
        pbn_theory_covariance(&r->cfg, fp.j, PBN_THEORY_EFFECTIVE, &tc, &err) != PBN_OK)
        return -1;
    for (int k = 0; k < 3; k++)
        cov[k] = tc.cov[k];
    return 0;
}

/* The run of an experiment with the largest N (of those, the smallest seed: the same run
   whatever order the runs were stored in), or NULL. */
static const vrun *largest_run(const vdata *d, const char *exp)
{
    const vrun *best = NULL;
    for (size_t i = 0; i < d->n; i++)
        if (d->r[i].status_ok && d->r[i].cfg_ok && !strcmp(d->r[i].exp, exp) &&
            (!best || d->r[i].N > best->N ||
             (d->r[i].N == best->N && d->r[i].cfg.seed < best->cfg.seed)))
            best = &d->r[i];
    return best;
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

static int e_fractions(const vdata *d, long long run_id, double slow_hz, double *silent, double *slow)
{
    char sql[256];
    frac_ctx f = {0, 0, 0};
    pbn_error err;
    snprintf(sql, sizeof sql,
             "SELECT count(*), sum(rate_hz = 0), sum(rate_hz < %.17g) FROM neurons "
             "WHERE run_id = %lld AND pop = 'e'",
             slow_hz, run_id);
    if (!d->st || pbn_store_query(d->st, sql, NULL, row_frac, &f, &err) || !(f.n > 0))
        return -1;
    *silent = f.silent / f.n;
    *slow = f.slow / f.n;
    return 0;
}

/* The fraction of silent and slowly firing E cells of a Kohonen run, and what silent
   cells alone do to the mean weight (see the C notes). */
static double kohonen_fp_sim(const vrun *r);
static void note_heterogeneity(vbuf *nb, const vdata *d, const vrun *r)
{
    double fs, fslow, slow_hz = 1000.0 / (r->cfg.eta_ee * r->cfg.T / 2);
    if (e_fractions(d, r->id, slow_hz, &fs, &fslow))
        return;
    double jfp = kohonen_fp_sim(r);
    bprintf(nb, "  Rate heterogeneity (the run of seed %lu, N = %ld): %.1f %% of the E cells are "
                "silent in the second half and %.1f %% fire below %.2g Hz, the rate "
                "whose relaxation time 1/(eta r) equals the second half (T/2 = %g s). "
                "A weight moves only at its post-synaptic cell's spikes or through that "
                "cell's trace, so the weights onto cells that stay silent keep their "
                "initial value: were these cells to stay silent, the mean weight would "
                "sit %.1f %% %s b tau r_e even at t -> infinity (silent fraction times "
                "(j0/j_fp - 1)).\n",
            r->cfg.seed, r->N, 100 * fs, 100 * fslow, slow_hz, r->cfg.T / 2000,
            fabs(100 * fs * (r->cfg.jee / jfp - 1)), r->cfg.jee < jfp ? "below" : "above");
}

static void claim_B(vctx *v)
{
    vbuf *nb = &v->notes;
    bprintf(nb, "\n### B. Spike-count covariances: O(1/N) at cx = 0, O(1) at cx > 0\n\n"
                "Covariances are the means over distinct pairs in 250 ms windows of the second "
                "half (not the originals' E-E mean, which includes the variances).  At cx = 0 "
                "the theory C = Tw (rx/Nx) v v^T falls like 1/N: the statistic is the log-log "
                "slope of each mean covariance against N, accepted within 0.25 of -1 widened "
                "by 3 standard errors (closer to -1 than to -1/2 or -3/2).  At cx > 0 the "
                "theory C = Tw cx rx v v^T does not depend on N: each covariance is "
                "extrapolated to N -> infinity by a weighted fit of C = C_inf + a/sqrt(N) "
                "(the rates, and so C, converge like 1/sqrt(N)); the claim holds when C_inf is "
                "positive by more than 3 standard errors (it stays O(1)) and agrees with the "
                "theory within 3 standard errors plus two allowances: the theory's own "
                "uncertainty, the change of C between the two closures of the "
                "input-correlation term at the rule's fixed point (narrow and finite-width; "
                "theory.md section 5), and the extrapolation's, the change of C_inf when a 1/N "
                "law is fitted instead.  Theory at the "
                "rule's fixed point with effective weights and the input-correlation terms.\n\n");
    static const struct {
        const char *id, *exp;
    } zero[] = {{"B1", "size_kohonen"}, {"B2", "size_istdp_eiii"}}, pos[] = {{"B3", "size_istdp"},
                                                                             {"B4", "size_hebb"}};
    for (size_t i = 0; i < 2; i++) {
        vrow *row = row_new(v, zero[i].id, "covariances ~ 1/N at cx = 0");
        snprintf(row->data, sizeof row->data, "%s: every N", zero[i].exp);
        snprintf(row->statistic, sizeof row->statistic,
                 "log-log slopes of cov_ee, cov_ei, cov_ii vs N");
        snprintf(row->theory, sizeof row->theory, "-1 each");
        snprintf(row->tol, sizeof row->tol,
                 "each within 0.25 of -1 + 3 s.e.: closer to -1 than to -1/2 (a 1/sqrt(N) law) or -3/2");
        vseries s[3];
        for (int k = 0; k < 3; k++)
            series(v->d, zero[i].exp, NULL, NULL, x_N, y_metric, cov_names[k], &s[k]);
        if (!enough(v, row, zero[i].exp, &s[0], 3))
            continue;
        int pass = 1;
        char sim[240] = "", why[300] = "";
        bprintf(nb, "- **%s** (%s):", row->id, zero[i].exp);
        for (int k = 0; k < 3; k++) {
            vrow tmp = *row;
            int sc = 0;
            vfit f = loglog_row(&tmp, &s[k], -1, 0.25, &sc);
            char a[64];
            sappend(sim, sizeof sim, "%s%s %s", k ? "; " : "",
                     pair_names[k], f.ok ? fmt_pm(a, sizeof a, f.c1, f.se1) : tmp.sim);
            if (tmp.verdict != V_PASS) {
                pass = 0;
                sappend(why, sizeof why, "%s%s: %s",
                         why[0] ? "; " : "", pair_names[k], tmp.why);
            }
            bprintf(nb, " %s slope %s%s", pair_names[k], f.ok ? fmt_pm(a, sizeof a, f.c1, f.se1) : tmp.sim,
                    k < 2 ? ";" : ".\n");
        }
        snprintf(row->sim, sizeof row->sim, "%s", sim);
        row->verdict = pass ? V_PASS : V_FAIL;
        snprintf(row->why, sizeof row->why, "%s", pass ? "all three slopes within tolerance" : why);
        for (int k = 0; k < 3; k++)
            note_series(nb, &s[k], "N", cov_names[k]);
        /* the amplitude: N C against the theory's N C at the largest N */
        const vrun *big = largest_run(v->d, zero[i].exp);
        double th[3];
        if (big && !cov_theory(big, PBN_THEORY_EFFECTIVE, th)) {
            const vpoint *p = &s[0].p[s[0].n - 1];
            bprintf(nb, "  Amplitude at N = %ld: simulated / theory =", p->N);
            for (int k = 0; k < 3; k++) {
                const vpoint *q = &s[k].p[s[k].n - 1];
                bprintf(nb, " %s %.3g%s", pair_names[k], q->mean / th[k], k < 2 ? "," : ".\n");
            }
        }
    }
    for (size_t i = 0; i < 2; i++) {
        vrow *row = row_new(v, pos[i].id, "covariances O(1) at cx > 0");
        snprintf(row->statistic, sizeof row->statistic,
                 "C_inf of cov_ee, cov_ei, cov_ii from C = C_inf + a/sqrt(N)");
        snprintf(row->tol, sizeof row->tol,
                 "C_inf > 3 s.e. (stays O(1)) and within 3 s.e. + closure uncertainty of the theory + "
                 "dependence on the extrapolation law (1/sqrt(N) vs 1/N)");
        vseries s[3];
        for (int k = 0; k < 3; k++)
            series(v->d, pos[i].exp, NULL, NULL, x_N, y_metric, cov_names[k], &s[k]);
        const vrun *big = largest_run(v->d, pos[i].exp);
        snprintf(row->data, sizeof row->data, "%s: every N (cx = %g)", pos[i].exp, big ? big->cfg.cx : NAN);
        if (!enough(v, row, pos[i].exp, &s[0], 3))
            continue;
        double th[3], thw[3];
        if (cov_theory(big, PBN_THEORY_EFFECTIVE | PBN_THEORY_CX, th) ||
            cov_theory(big, PBN_THEORY_EFFECTIVE | PBN_THEORY_CX_WIDTH, thw)) {
            row->verdict = V_FAIL;
            snprintf(row->why, sizeof row->why, "the theory has no fixed point for this configuration");
            continue;
        }
        int pass = 1;
        char sim[240] = "", theo[200] = "", why[300] = "";
        bprintf(nb, "- **%s** (%s, cx = %g):", row->id, pos[i].exp, big->cfg.cx);
        for (int k = 0; k < 3; k++) {
            double law;
            vfit f = extrapolate_N(&s[k], &law);
            char a[64], b[32];
            double tol = three_se(f.se0) + fabs(th[k] - thw[k]) + (isfinite(law) ? law : 0);
            int ok = f.ok && f.c0 - three_se(f.se0) > 0 && fabs(f.c0 - th[k]) <= tol;
            sappend(sim, sizeof sim, "%s%s %s", k ? "; " : "",
                     pair_names[k], f.ok ? fmt_pm(a, sizeof a, f.c0, f.se0) : "no fit");
            sappend(theo, sizeof theo, "%s%s %s", k ? "; " : "",
                     pair_names[k], fmt_g(b, sizeof b, th[k]));
            if (!ok) {
                pass = 0;
                if (!f.ok)
                    sappend(why, sizeof why, "%s%s: no fit",
                             why[0] ? "; " : "", pair_names[k]);
                else if (f.c0 - three_se(f.se0) <= 0)
                    sappend(why, sizeof why,
                             "%s%s: C_inf not above 0 by 3 s.e.", why[0] ? "; " : "", pair_names[k]);
                else
                    sappend(why, sizeof why, "%s%s: off by %.2g > %.2g",
                             why[0] ? "; " : "", pair_names[k], fabs(f.c0 - th[k]), tol);
            }
            bprintf(nb, " %s C_inf %s (theory %s; closures differ by %.2g, a 1/N law moves C_inf by %.2g)%s",
                    pair_names[k], f.ok ? fmt_pm(a, sizeof a, f.c0, f.se0) : "no fit",
                    fmt_g(b, sizeof b, th[k]), fabs(th[k] - thw[k]), law, k < 2 ? ";" : ".\n");
        }
        snprintf(row->sim, sizeof row->sim, "%s", sim);
        snprintf(row->theory, sizeof row->theory, "%s", theo);
        row->verdict = pass ? V_PASS : V_FAIL;
        snprintf(row->why, sizeof row->why, "%s", pass ? "all three stay O(1) and match the theory" : why);
        for (int k = 0; k < 3; k++)
            note_series(nb, &s[k], "N", cov_names[k]);
    }
}

/* How far a weight still moved over the second half, relative to it: for a steady drift
   the final value lies half the second-half change beyond the second-half mean. */
static double y_drift(const vrun *r, const void *c)
{
    const char *block = c; /* "ei" or "ee" */
    char fin[16], mean[16];
    snprintf(fin, sizeof fin, "j%s_final", block);
    snprintf(mean, sizeof mean, "j%s_mean", block);
    double jf = metric(r, fin), jm = metric(r, mean);
    return 2 * fabs(jf - jm) / fabs(jf);
}


/* ---- C: Kohonen weights reach their fixed point ------------------------------------------ */

#define REACHED 0.05 /* e^-3: a weight three relaxation times into its approach */

/* The Kohonen rule's fixed point at the run's own E rate: j = b (tau + g/2) r_e, g = cx/rx. */
static double kohonen_fp_sim(const vrun *r)
{
    double re = metric(r, "rate_e_hz") / 1000.0, rx = r->cfg.rx / 1000.0;
    double g = r->cfg.cx > 0 ? r->cfg.cx / rx : 0;
    return r->cfg.beta * (r->cfg.tau_stdp + g / 2) * re;
}

static double y_kohonen_rel(const vrun *r, const void *c)
{
    (void)c;
    return metric(r, "jee_mean") / kohonen_fp_sim(r) - 1;
}

static void claim_C(vctx *v)
{
    vbuf *nb = &v->notes;
    bprintf(nb, "\n### C. Kohonen weights reach their fixed point\n\n"
                "The Kohonen rule's fixed point is j = b (tau r_e^2 + C~-)/r_e = b (tau + g/2) r_e "
                "(g = cx/rx; theory.md section 5).  At finite N the simulated rates sit below "
                "the balanced rates (claim A), and the weight follows its own rate, so the rule "
                "is tested at the simulated E rate of each run (C1, C3, C4): the statistic is "
                "j_sim/j_fp - 1 with j_sim the second-half mean weight.  C2 tests the full "
                "theory: the mean weights extrapolated to N -> infinity (weighted fit of "
                "j = j_inf + a/sqrt(N)) against the fixed point with effective weights.  "
                "Tolerance: 5 %% (= e^-3: a weight three relaxation times into its approach), "
                "plus 3 standard errors where there are repeats, plus for C2 the change of "
                "j_inf when a 1/N law is fitted instead.  The second-half drift of the weight, "
                "2 abs(j_final - j_mean)/j_final, tells whether it was still moving.\n\n");
    char a[64], b[64];
    /* C1, C2: the size sweep */
    {
        vrow *r1 = row_new(v, "C1", "Kohonen weight at the rule's fixed point (largest N)");
        snprintf(r1->statistic, sizeof r1->statistic, "jee_mean / (b tau r_e,sim) - 1 at the largest N");
        snprintf(r1->theory, sizeof r1->theory, "0");
        snprintf(r1->tol, sizeof r1->tol, "5%% + 3 s.e.: 5%% = e^-3, three relaxation times into the approach");
        vseries s;
        series(v->d, "size_kohonen", NULL, NULL, x_N, y_kohonen_rel, NULL, &s);
        snprintf(r1->data, sizeof r1->data, "size_kohonen: largest N");
        if (enough(v, r1, "size_kohonen", &s, 1)) {
            const vpoint *p = &s.p[s.n - 1];
            snprintf(r1->data, sizeof r1->data, "size_kohonen: N = %ld", p->N);
            snprintf(r1->sim, sizeof r1->sim, "%s", fmt_pm(a, sizeof a, p->mean, p->se));
            double tol = REACHED + three_se(p->se);
            r1->verdict = fabs(p->mean) <= tol ? V_PASS : V_FAIL;
            snprintf(r1->why, sizeof r1->why, "relative deviation %.3g %s %.3g", p->mean,
                     r1->verdict == V_PASS ? "within" : "beyond", tol);
            bprintf(nb, "- **C1** (size_kohonen): at N = %ld the second-half mean weight is "
                        "%.1f %% %s the rule's fixed point at its own rate.\n",
                    p->N, 100 * fabs(p->mean), p->mean < 0 ? "below" : "above");
            note_series(nb, &s, "N", "j_sim/j_fp - 1");
            vseries sd;
            series(v->d, "size_kohonen", NULL, NULL, x_N, y_drift, "ee", &sd);
            note_series(nb, &sd, "N", "second-half drift of jee");
            /* why: the weights onto a cell relax at the rate eta r_post of its post-synaptic
               spikes; those onto cells slower than 1/(eta T/2) are still far from their
               fixed point, those onto silent cells never move */
            note_heterogeneity(nb, v->d, largest_run(v->d, "size_kohonen"));
        }
        vrow *r2 = row_new(v, "C2", "Kohonen weight -> theory fixed point as N grows");
        snprintf(r2->data, sizeof r2->data, "size_kohonen: every N");
        snprintf(r2->statistic, sizeof r2->statistic, "jee_mean extrapolated: j_inf of j = j_inf + a/sqrt(N)");
        snprintf(r2->tol, sizeof r2->tol, "5%% of the theory (e^-3, as C1) + 3 s.e. + dependence on the extrapolation law (1/sqrt(N) vs 1/N)");
        vseries sj;
        series(v->d, "size_kohonen", NULL, NULL, x_N, y_metric, "jee_mean", &sj);
        const vrun *big = largest_run(v->d, "size_kohonen");
        pbn_theory_fp fp;
        if (enough(v, r2, "size_kohonen", &sj, 3)) {
            if (fixed_point(big, PBN_THEORY_EFFECTIVE, &fp)) {
                r2->verdict = V_FAIL;
                snprintf(r2->why, sizeof r2->why, "the theory has no Kohonen fixed point for this configuration");
            } else {
                double law;
                vfit f = extrapolate_N(&sj, &law);
                double th = fp.j[PBN_EE],
                       tol = REACHED * fabs(th) + three_se(f.se0) + (isfinite(law) ? law : 0);
                snprintf(r2->theory, sizeof r2->theory, "%s (effective W)", fmt_g(b, sizeof b, th));
                snprintf(r2->sim, sizeof r2->sim, "%s", f.ok ? fmt_pm(a, sizeof a, f.c0, f.se0) : "no fit");
                r2->verdict = f.ok && fabs(f.c0 - th) <= tol ? V_PASS : V_FAIL;
                snprintf(r2->why, sizeof r2->why, "off by %.3g, tolerance %.3g", fabs(f.c0 - th), tol);
                char c[32];
                bprintf(nb, "- **C2** (size_kohonen): j_inf = %s (a 1/N law moves it by %.2g) "
                            "against %s (nominal W: %s).\n",
                        f.ok ? fmt_pm(a, sizeof a, f.c0, f.se0) : "no fit", law, fmt_g(b, sizeof b, th),
                        fmt_g(c, sizeof c, theory(big, "jee_star")));
                note_series(nb, &sj, "N", "jee_mean");
            }
        }
    }
    /* C3: the correlation sweep at cx = 0 */
    {
        vrow *r3 = row_new(v, "C3", "Kohonen weight at the rule's fixed point (fast learning)");
        snprintf(r3->data, sizeof r3->data, "corr_kohonen: cx = 0, each N");
        snprintf(r3->statistic, sizeof r3->statistic, "jee_mean / (b tau r_e,sim) - 1 (one run per N)");
        snprintf(r3->theory, sizeof r3->theory, "0");
        snprintf(r3->tol, sizeof r3->tol, "5%% each: e^-3, as C1 (one run: no standard error)");
        double zero = 0;
        vseries s;
        series(v->d, "corr_kohonen", sel_cx, &zero, x_N, y_kohonen_rel, NULL, &s);
        if (enough(v, r3, "corr_kohonen", &s, 1)) {
            int pass = 1;
            bprintf(nb, "- **C3** (corr_kohonen, cx = 0):");
            for (size_t k = 0; k < s.n; k++) {
                sappend(r3->sim, sizeof r3->sim, "%sN=%ld: %s",
                         k ? "; " : "", s.p[k].N, fmt_pm(a, sizeof a, s.p[k].mean, s.p[k].se));
                pass &= fabs(s.p[k].mean) <= REACHED + three_se(s.p[k].se);
                bprintf(nb, " N = %ld: %.1f %%%s", s.p[k].N, 100 * s.p[k].mean, k + 1 < s.n ? ";" : ".\n");
            }
            r3->verdict = pass ? V_PASS : V_FAIL;
            snprintf(r3->why, sizeof r3->why, "%s", pass ? "every N within 5%" : "a deviation beyond 5%");
        }
    }
    /* C4: the control, every start */
    {
        vrow *r4 = row_new(v, "C4", "Kohonen weight at the rule's fixed point from every start");
        snprintf(r4->data, sizeof r4->data, "control_kohonen: every initial jee");
        snprintf(r4->statistic, sizeof r4->statistic, "RMS over starts of jee_mean / (b tau r_e,sim) - 1");
        snprintf(r4->theory, sizeof r4->theory, "0");
        snprintf(r4->tol, sizeof r4->tol, "5%%: e^-3, as C1 (starts share one network: no repeats)");
        vseries s;
        series(v->d, "control_kohonen", NULL, NULL, x_jee0, y_kohonen_rel, NULL, &s);
        if (enough(v, r4, "control_kohonen", &s, 2)) {
            double ss = 0, worst = 0;
            for (size_t k = 0; k < s.n; k++) {
                ss += s.p[k].mean * s.p[k].mean;
                if (fabs(s.p[k].mean) > fabs(worst))
                    worst = s.p[k].mean;
            }
            double rms = sqrt(ss / (double)s.n);
            snprintf(r4->sim, sizeof r4->sim, "RMS %.3g (largest %.3g)", rms, worst);
            r4->verdict = rms <= REACHED ? V_PASS : V_FAIL;
            snprintf(r4->why, sizeof r4->why, "RMS %.3g %s 0.05", rms, rms <= REACHED ? "within" : "beyond");
            bprintf(nb, "- **C4** (control_kohonen, N = %ld): RMS relative deviation %.1f %%.\n",
                    s.p[0].N, 100 * rms);
            note_series(nb, &s, "initial jee", "j_sim/j_fp - 1");
            vseries sd;
            series(v->d, "control_kohonen", NULL, NULL, x_jee0, y_drift, "ee", &sd);
            note_series(nb, &sd, "initial jee", "second-half drift of jee");
        }
    }
}

/* ---- D: iSTDP pins the rates ------------------------------------------------------------ */

static void claim_D(vctx *v)
{
    vbuf *nb = &v->notes;
    bprintf(nb, "\n### D. iSTDP pins the E rate to rho_e (and the I rate to rho_i with I->I iSTDP)\n\n"
                "The rule's drift vanishes when 2 tau r_e = alpha_e, i.e. r_e = rho_e; with "
                "correlated input the spike-timing terms add g r_e r_i to the drift (g = cx/rx), "
                "so r_e = alpha_e/(2 tau + g) (theory.md section 5).  At finite N the pinned "
                "rate carries O(1/sqrt(N)) corrections (the synapse's own effect on the "
                "post-synaptic cell), so the statistic is the rate extrapolated to "
                "N -> infinity by a weighted fit of r = r_inf + a/sqrt(N).  Tolerance: 3 "
                "standard errors, plus the change of r_inf when a 1/N law is fitted instead "
                "(the extrapolation's uncertainty), plus, at cx > 0, the difference between "
                "the two closures of the correlation term (narrow and finite-width): the "
                "theory's own uncertainty.\n\n");
    static const struct {
        const char *id, *exp;
        int pop;
    } rows[] = {{"D1", "size_istdp", 0}, {"D2", "size_istdp_eiii", 0}, {"D3", "size_istdp_eiii", 1}};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const char *pop = rows[i].pop ? "I" : "E", *rname = rows[i].pop ? "rate_i_hz" : "rate_e_hz";
        char claim[160], a[64], b[64], c[64];
        snprintf(claim, sizeof claim, "iSTDP pins the %s rate", pop);
        vrow *row = row_new(v, rows[i].id, claim);
        snprintf(row->data, sizeof row->data, "%s: every N", rows[i].exp);
        snprintf(row->statistic, sizeof row->statistic, "r_%s extrapolated: r_inf of r = r_inf + a/sqrt(N) (Hz)",
                 rows[i].pop ? "i" : "e");
        vseries s;
        series(v->d, rows[i].exp, NULL, NULL, x_N, y_metric, rname, &s);
        const vrun *big = largest_run(v->d, rows[i].exp);
        if (big)
            snprintf(row->data, sizeof row->data, "%s: every N (cx = %g)", rows[i].exp, big->cfg.cx);
        snprintf(row->tol, sizeof row->tol, "3 s.e. + closure uncertainty of the cx term (0 at cx = 0) + "
                 "dependence on the extrapolation law (1/sqrt(N) vs 1/N)");
        if (!enough(v, row, rows[i].exp, &s, 3))
            continue;
        pbn_theory_fp fc, fw, f0;
        if (fixed_point(big, PBN_THEORY_CX, &fc) || fixed_point(big, PBN_THEORY_CX_WIDTH, &fw) ||
            fixed_point(big, 0, &f0)) {
            row->verdict = V_FAIL;
            snprintf(row->why, sizeof row->why, "the theory has no fixed point for this configuration");
            continue;
        }
        double th = fc.rate_hz[rows[i].pop], thw = fw.rate_hz[rows[i].pop];
        double law;
        vfit f = extrapolate_N(&s, &law);
        double tol = three_se(f.se0) + fabs(th - thw) + (isfinite(law) ? law : 0);
        snprintf(row->theory, sizeof row->theory, "%s", fmt_g(b, sizeof b, th));
        snprintf(row->sim, sizeof row->sim, "%s", f.ok ? fmt_pm(a, sizeof a, f.c0, f.se0) : "no fit");
        row->verdict = f.ok && fabs(f.c0 - th) <= tol ? V_PASS : V_FAIL;
        snprintf(row->why, sizeof row->why, "off by %.3g Hz, tolerance %.3g Hz", fabs(f.c0 - th), tol);
        char d[32];
        bprintf(nb, "- **%s** (%s, %s rate, cx = %g): r_inf = %s Hz (a 1/N law moves it by %.2g Hz); "
                    "theory %s Hz (finite-width closure %s Hz, plain rule %s Hz).\n",
                row->id, rows[i].exp, pop, big->cfg.cx, f.ok ? fmt_pm(a, sizeof a, f.c0, f.se0) : "no fit",
                law, fmt_g(b, sizeof b, th), fmt_g(c, sizeof c, thw), fmt_g(d, sizeof d, f0.rate_hz[rows[i].pop]));
        note_series(nb, &s, "N", rname);
        if (!rows[i].pop) {
            /* the weight that holds the pinned rate: not a claim of its own (see F) */
            vseries sw, sm;
            series(v->d, rows[i].exp, NULL, NULL, x_N, y_metric, "jei_mean", &sw);
            series(v->d, rows[i].exp, NULL, NULL, x_N, y_theory,
                   big->cfg.cx > 0 ? "jei_star_manifold_cx" : "jei_star_manifold", &sm);
            bprintf(nb, "  The mean I->E weight that holds the rate, against the plain fixed "
                        "point %s (with the correlation term %s); it depends on where it started, "
                        "as the manifold experiment shows (F), and the corrected theory of each run "
                        "is given next to it:\n",
                    fmt_g(a, sizeof a, f0.j[PBN_EI]), fmt_g(b, sizeof b, fc.j[PBN_EI]));
            note_series(nb, &sw, "N", "jei_mean");
            note_series(nb, &sm, "N", big->cfg.cx > 0 ? "jei_star_manifold_cx" : "jei_star_manifold");
        }
    }
    /* the single-N iSTDP experiments, for information: every initial weight pooled */
    static const char *single[] = {"manifold", "initjei_corr"};
    for (size_t i = 0; i < 2; i++) {
        if (!count_runs(v->d, single[i]))
            continue;
        bprintf(nb, "- For information, %s (one N each, so no extrapolation; all initial "
                    "weights pooled):", single[i]);
        double seen[16][2];
        size_t nseen = 0;
        for (size_t r = 0; r < v->d->n && nseen < 16; r++) {
            const vrun *q = &v->d->r[r];
            if (strcmp(q->exp, single[i]) || !q->cfg_ok)
                continue;
            size_t k;
            for (k = 0; k < nseen && !(seen[k][0] == q->cfg.cx && seen[k][1] == (double)q->N); k++)
                ;
            if (k < nseen)
                continue;
            seen[nseen][0] = q->cfg.cx;
            seen[nseen++][1] = (double)q->N;
            vseries s;
            series(v->d, single[i], sel_cx_N, seen[nseen - 1], x_N, y_metric, "rate_e_hz", &s);
            double vals[VMAX_POINTS], m, se;
            for (size_t p = 0; p < s.n; p++)
                vals[p] = s.p[p].mean;
            vstat_mean_se(vals, s.n, &m, &se);
            pbn_theory_fp fp;
            char a[64], b[32];
            bprintf(nb, "%s N = %ld, cx = %g: %s Hz (theory %s Hz)", nseen > 1 ? ";" : "", q->N,
                    q->cfg.cx, fmt_pm(a, sizeof a, m, se),
                    fixed_point(q, PBN_THEORY_CX, &fp) ? "n/a" : fmt_g(b, sizeof b, fp.rate_hz[0]));
        }
        bprintf(nb, ".\n");
    }
}

/* ---- E: input correlations shift the weights only mildly -------------------------------- */

static double y_hebb_ratio(const vrun *r, const void *c)
{
    (void)c;
    return metric(r, "jee_mean") / r->cfg.jmax_ee;
}

static double y_kohonen_ratio(const vrun *r, const void *c)
{
    (void)c;
    return metric(r, "jee_mean") / kohonen_fp_sim(r);
}

static double y_kohonen_fp(const vrun *r, const void *c)
{
    (void)c;
    return kohonen_fp_sim(r);
}

static double y_jmax(const vrun *r, const void *c)
{
    (void)c;
    return r->cfg.jmax_ee;
}

/* Relative change over x from 0 to 1 of a fitted line, c1/c0, and its standard error. */
static double rel_change(const vfit *f, double *se)
{
    double c0 = f->c0, c1 = f->c1;
    double var = (f->se1 * f->se1 * c0 * c0 + c1 * c1 * f->se0 * f->se0 - 2 * c0 * c1 * f->cov01) /
                 (c0 * c0 * c0 * c0);
    *se = var >= 0 ? sqrt(var) : NAN;
    return c1 / c0;
}

static vfit fit_series(const vseries *s)
{
    double x[VMAX_POINTS], y[VMAX_POINTS], se[VMAX_POINTS];
    series_arrays(s, x, y, se);
    return vstat_fit(x, y, se, s->n);
}

static void claim_E(vctx *v)
{
    vbuf *nb = &v->notes;
    bprintf(nb, "\n### E. Input correlations shift the weights only mildly\n\n"
                "Over cx from 0 to 1 the spike-count covariances grow from O(1/N) to O(1), "
                "while the rules' fixed points move little: Kohonen j = b (tau + g/2) r_e "
                "(g = cx/rx: tau' grows by g/2), soft Hebbian j = jmax whatever cx (theory.md "
                "section 5).  Statistic: the relative change of the second-half mean weight "
                "over cx from 0 to 1 (a straight-line fit of j against cx, one run per cx: "
                "standard errors from the scatter), next to the change the corrected rule "
                "predicts at the simulated rates of the same runs.  Verdict: the ratio "
                "j_sim/j_rule, fitted against cx, has a slope within 0.05 of 0 "
                "(5 %% = e^-3, as in C) plus 3 standard errors, i.e. the corrected rule "
                "accounts for the whole dependence on cx.\n\n");
    static const struct {
        const char *id, *exp;
        int big;
    } rows[] = {{"E1", "corr_kohonen", 0}, {"E2", "corr_kohonen", 1}, {"E3", "corr_hebb", 0},
                {"E4", "corr_hebb", 1}};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        int koh = !strcmp(rows[i].exp, "corr_kohonen");
        vrow *row = row_new(v, rows[i].id, koh ? "correlations shift Kohonen weights mildly"
                                               : "correlations shift soft-Hebbian weights mildly");
        long Ns[8];
        size_t nN = distinct_N(v->d, rows[i].exp, Ns, 8);
        snprintf(row->statistic, sizeof row->statistic, "relative change of jee_mean over cx 0 -> 1");
        snprintf(row->tol, sizeof row->tol,
                 "slope of j_sim/j_rule vs cx within 0.05 + 3 s.e. of 0 (5%% = e^-3, as C)");
        snprintf(row->data, sizeof row->data, "%s: every cx, %s N", rows[i].exp,
                 rows[i].big ? "large" : "small");
        if (nN < 1 || (rows[i].big && nN < 2)) {
            row_notrun(row, rows[i].exp, nN ? "only one N in the database" : "no runs in the database");
            if (!nN) {
                char why[200];
                snprintf(why, sizeof why, "no runs of %s.%s in the database", v->d->profile, rows[i].exp);
                row_notrun(row, rows[i].exp, why);
            }
            continue;
        }
        long N = rows[i].big ? Ns[nN - 1] : Ns[0];
        snprintf(row->data, sizeof row->data, "%s: every cx, N = %ld", rows[i].exp, N);
        vseries sj, sth, sq;
        series(v->d, rows[i].exp, sel_N, &N, x_cx, y_metric, "jee_mean", &sj);
        series(v->d, rows[i].exp, sel_N, &N, x_cx, koh ? y_kohonen_fp : y_jmax, NULL, &sth);
        series(v->d, rows[i].exp, sel_N, &N, x_cx, koh ? y_kohonen_ratio : y_hebb_ratio, NULL, &sq);
        if (!enough(v, row, rows[i].exp, &sj, 3))
            continue;
        vfit fj = fit_series(&sj), ft = fit_series(&sth), fq = fit_series(&sq);
        double sej, set = 0;
        double rj = rel_change(&fj, &sej), rt = koh ? rel_change(&ft, &set) : 0;
        char a[64], b[64], c[64];
        snprintf(row->sim, sizeof row->sim, "%s", fj.ok ? fmt_pm(a, sizeof a, rj, sej) : "no fit");
        snprintf(row->theory, sizeof row->theory, "%s (%s)", koh ? fmt_g(b, sizeof b, rt) : "0",
                 koh ? "b (tau + g/2) r_e,sim" : "jmax");
        double tol = REACHED + three_se(fq.se1);
        row->verdict = fq.ok && fabs(fq.c1) <= tol ? V_PASS : V_FAIL;
        snprintf(row->why, sizeof row->why, "ratio slope %s (tolerance %.3g)",
                 fq.ok ? fmt_pm(c, sizeof c, fq.c1, fq.se1) : "no fit", tol);
        bprintf(nb, "- **%s** (%s, N = %ld): weight change over cx 0 -> 1: %s (rule at the "
                    "simulated rates: %s); slope of j_sim/j_rule: %s.\n",
                row->id, rows[i].exp, N, fj.ok ? fmt_pm(a, sizeof a, rj, sej) : "no fit",
                koh ? fmt_pm(b, sizeof b, rt, set) : "0", fq.ok ? fmt_pm(c, sizeof c, fq.c1, fq.se1) : "no fit");
        note_series(nb, &sj, "cx", "jee_mean");
        vseries sdr;
        series(v->d, rows[i].exp, sel_N, &N, x_cx, y_drift, "ee", &sdr);
        note_series(nb, &sdr, "cx", "second-half drift of jee");
        if (koh)
            note_series(nb, &sth, "cx", "b (tau + g/2) r_e,sim");
        /* the scale of "mild": the change of the E-E covariance over the same range */
        vseries sc;
        series(v->d, rows[i].exp, sel_N, &N, x_cx, y_metric, "cov_ee", &sc);
        if (sc.n >= 2)
            bprintf(nb, "  For scale, cov_ee goes from %s at cx = %g to %s at cx = %g.\n",
                    fmt_g(a, sizeof a, sc.p[0].mean), sc.p[0].x, fmt_g(b, sizeof b, sc.p[sc.n - 1].mean),
                    sc.p[sc.n - 1].x);
    }
}

/* ---- F: the I->E manifold and its Kohonen control ---------------------------------------- */


static double series_max(const vseries *s)
{
    double m = 0;
    for (size_t k = 0; k < s->n; k++)
        if (isfinite(s->p[k].mean) && s->p[k].mean > m)
            m = s->p[k].mean;
    return m;
}

static void claim_F(vctx *v)
{
    vbuf *nb = &v->notes;
    bprintf(nb, "\n### F. The final I->E weight depends on the initial one; the corrected theory explains it\n\n"
                "With iSTDP on I->E only, the rule pins the E rate but not the weights: every "
                "weight configuration with r_e = rho_e is a fixed point, and where the weights "
                "settle depends on where they started (a manifold of fixed points).  Plain mean "
                "field predicts one final mean weight for every start; the corrected theory adds "
                "the measured O(1) correction c = (R_sim - R_mf)/sqrt(N) of each run (weight-rate "
                "correlations <J r> != <J><r>, paper/model.md section 6) and solves the pinning "
                "condition again (stored per run as jei_star_manifold, and _cx with the "
                "input-correlation term).  Note that the corrected theory uses measurements of "
                "the same run (its mean inputs, rates and final weights): it tests whether the "
                "mean-field correction accounts for the dependence, not a prediction from the "
                "configuration alone.  Statistics: (dependence) the slope of the final mean "
                "weight against the initial one, a straight-line fit over the starts, which "
                "must be positive by more than 3 standard errors, with every start converged "
                "(the weight moved by less than 5 %% over the second half, estimated as "
                "2 abs(j_final - j_mean)/abs(j_final)), else the dependence could be a transient; "
                "(explanation) the fraction of "
                "the variance of the final weights across starts that each theory explains, "
                "R^2 = 1 - sum (j - j_theory)^2 / sum (j - mean j)^2: the corrected theory must "
                "explain at least 90 %% (and have a smaller RMS residual than the plain one, "
                "whose R^2 is at most 0, a constant explaining nothing).  The Kohonen control "
                "must not depend on its start: slope within 0.05 (less than a twentieth of the "
                "initial difference remains) plus 3 standard errors of 0.\n\n");
    typedef struct {
        const char *dep, *expl, *exp;
        int by_cx; /* 1: select by cx (value), 0: select by N (0 small, 1 large) */
        double cx;
        int big;
    } fset;
    static const fset sets[] = {{"F1", "F2", "manifold", 1, 0.0, 0},
                                {"F3", "F4", "manifold", 1, 0.1, 0},
                                {"F5", "F6", "initjei_corr", 0, 0.1, 0},
                                {"F7", "F8", "initjei_corr", 0, 0.1, 1}};
    for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
        const fset *fs = &sets[i];
        vrow *rd = row_new(v, fs->dep, "final I->E weight depends on the initial one");
        vrow *re = row_new(v, fs->expl, "corrected theory explains it, the plain one does not");
        snprintf(rd->statistic, sizeof rd->statistic, "slope of jei_final vs initial jei");
        snprintf(rd->theory, sizeof rd->theory, "plain: 0 (one fixed point)");
        snprintf(rd->tol, sizeof rd->tol,
                 "slope > 3 s.e., and every start converged (second-half drift below 5%% = e^-3)");
        snprintf(re->statistic, sizeof re->statistic, "R^2 of jei_final by the corrected / plain theory");
        snprintf(re->theory, sizeof re->theory, "corrected >= 0.9; plain <= 0");
        snprintf(re->tol, sizeof re->tol,
                 "corrected R^2 >= 0.9 (explains nine tenths of the variance) and RMS below the plain theory's");
        long Ns[8];
        size_t nN = distinct_N(v->d, fs->exp, Ns, 8);
        if (!nN || (!fs->by_cx && fs->big && nN < 2)) {
            char why[200];
            snprintf(why, sizeof why, nN ? "only one N of %s.%s in the database"
                                         : "no runs of %s.%s in the database",
                     v->d->profile, fs->exp);
            snprintf(rd->data, sizeof rd->data, "%s", fs->exp);
            snprintf(re->data, sizeof re->data, "%s", fs->exp);
            row_notrun(rd, fs->exp, why);
            row_notrun(re, fs->exp, why);
            continue;
        }
        long N = fs->big ? Ns[nN - 1] : Ns[0];
        double sc[2] = {fs->cx, (double)N};
        vseries sj, sc_, sp;
        const char *plain = fs->cx > 0 ? "jei_star_cx" : "jei_star";
        const char *corr = fs->cx > 0 ? "jei_star_manifold_cx" : "jei_star_manifold";
        series(v->d, fs->exp, sel_cx_N, sc, x_jei0, y_metric, "jei_final", &sj);
        series(v->d, fs->exp, sel_cx_N, sc, x_jei0, y_theory, corr, &sc_);
        series(v->d, fs->exp, sel_cx_N, sc, x_jei0, y_theory, plain, &sp);
        snprintf(rd->data, sizeof rd->data, "%s: N = %ld, cx = %g, every initial jei", fs->exp, N, fs->cx);
        memcpy(re->data, rd->data, sizeof re->data);
        if (!enough(v, rd, fs->exp, &sj, 3) || !enough(v, re, fs->exp, &sj, 3)) {
            if (re->verdict == V_NOTRUN && !re->why[0])
                memcpy(re->why, rd->why, sizeof re->why);
            continue;
        }
        char a[64], b[64];
        vfit f = fit_series(&sj);
        snprintf(rd->sim, sizeof rd->sim, "%s", f.ok ? fmt_pm(a, sizeof a, f.c1, f.se1) : "no fit");
        vseries sd;
        series(v->d, fs->exp, sel_cx_N, sc, x_jei0, y_drift, "ei", &sd);
        double drift = series_max(&sd);
        int dep = f.ok && isfinite(f.se1) && f.c1 > three_se(f.se1);
        rd->verdict = dep && drift <= REACHED ? V_PASS : V_FAIL;
        if (!dep)
            snprintf(rd->why, sizeof rd->why, "slope not 3 s.e. above 0");
        else if (drift > REACHED)
            snprintf(rd->why, sizeof rd->why,
                     "not converged: a weight still moved by %.0f%% over the second half (> 5%%), "
                     "so the dependence may be transient", 100 * drift);
        else
            snprintf(rd->why, sizeof rd->why, "slope more than 3 s.e. above 0, every start converged");
        /* variance explained */
        double mean = 0, sst = 0, ssc = 0, ssp = 0;
        size_t n = 0, nmiss = 0;
        for (size_t k = 0; k < sj.n; k++)
            mean += sj.p[k].mean;
        mean /= (double)sj.n;
        for (size_t k = 0; k < sj.n; k++) {
            double jc = sc_.p[k].mean, jp = sp.p[k].mean, js = sj.p[k].mean;
            if (!isfinite(jc) || !isfinite(jp) || !isfinite(js)) {
                nmiss++;
                continue;
            }
            sst += (js - mean) * (js - mean);
            ssc += (js - jc) * (js - jc);
            ssp += (js - jp) * (js - jp);
            n++;
        }
        double r2c = sst > 0 ? 1 - ssc / sst : NAN, r2p = sst > 0 ? 1 - ssp / sst : NAN;
        double rmsc = n ? sqrt(ssc / (double)n) : NAN, rmsp = n ? sqrt(ssp / (double)n) : NAN;
        snprintf(re->sim, sizeof re->sim, "corrected %.3g, plain %.3g (RMS %.3g vs %.3g)", r2c, r2p,
                 rmsc, rmsp);
        re->verdict = n >= 3 && r2c >= 0.9 && rmsc < rmsp ? V_PASS : V_FAIL;
        snprintf(re->why, sizeof re->why, "%s", re->verdict == V_PASS ? "corrected theory explains >= 90%"
                                                 : (n < 3 ? "fewer than 3 starts with a corrected theory"
                                                          : (r2c < 0.9 ? "corrected theory explains < 90%"
                                                                       : "corrected RMS not below the plain one")));
        bprintf(nb, "- **%s/%s** (%s, N = %ld, cx = %g): slope %s; largest second-half drift %.1f %%; "
                    "R^2 corrected %.3g, plain %.3g; RMS residual corrected %.3g, plain %.3g%s.\n",
                fs->dep, fs->expl, fs->exp, N, fs->cx, f.ok ? fmt_pm(a, sizeof a, f.c1, f.se1) : "no fit",
                100 * drift, r2c, r2p, rmsc, rmsp, nmiss ? " (some starts without a corrected value)" : "");
        vfit ftc = fit_series(&sc_);
        vseries sin_, sce;
        series(v->d, fs->exp, sel_cx_N, sc, x_jei0, y_metric, "input_total", &sin_);
        series(v->d, fs->exp, sel_cx_N, sc, x_jei0, y_metric, "c_e", &sce);
        double off = 0, inp = 0, cabs = 0;
        size_t no = 0;
        for (size_t k = 0; k < sj.n && k < sc_.n && k < sin_.n && k < sce.n; k++)
            if (isfinite(sc_.p[k].mean)) {
                off += sj.p[k].mean - sc_.p[k].mean;
                inp += sin_.p[k].mean / sqrt((double)N);
                cabs += fabs(sce.p[k].mean);
                no++;
            }
        if (no) {
            char c[64];
            bprintf(nb, "  The corrected theory's slope against the start is %s (simulation %s); "
                        "its mean residual (simulation minus corrected theory) is %.3g.  The solve "
                        "drops the O(1) net input of the E cells, R_sim/sqrt(N) = %.3g on average "
                        "here, against a mean abs(c_e) of %.3g: an O(1/sqrt(N)) term of the same "
                        "size as the correction itself.\n",
                    ftc.ok ? fmt_pm(c, sizeof c, ftc.c1, ftc.se1) : "n/a",
                    f.ok ? fmt_pm(a, sizeof a, f.c1, f.se1) : "n/a", off / (double)no,
                    inp / (double)no, cabs / (double)no);
        }
        note_series(nb, &sj, "initial jei", "jei_final");
        note_series(nb, &sc_, "initial jei", corr);
        if (sp.n)
            bprintf(nb, "  Plain theory (%s): %s.\n", plain, fmt_g(b, sizeof b, sp.p[0].mean));
        /* the weight-rate covariance behind the correction */
        vseries sw;
        series(v->d, fs->exp, sel_cx_N, sc, x_jei0, y_metric, "cov_jr_ei", &sw);
        if (sw.n)
            note_series(nb, &sw, "initial jei", "cov_jr_ei (weight-rate covariance, Hz)");
    }
    /* F9: the Kohonen control */
    vrow *r9 = row_new(v, "F9", "Kohonen control: final weight independent of the start");
    snprintf(r9->data, sizeof r9->data, "control_kohonen: every initial jee");
    snprintf(r9->statistic, sizeof r9->statistic, "slope of jee_final vs initial jee");
    snprintf(r9->theory, sizeof r9->theory, "0");
    snprintf(r9->tol, sizeof r9->tol, "within 0.05 + 3 s.e. of 0: less than 1/20 of the initial difference remains");
    vseries s9;
    series(v->d, "control_kohonen", NULL, NULL, x_jee0, y_metric, "jee_final", &s9);
    if (enough(v, r9, "control_kohonen", &s9, 3)) {
        vfit f = fit_series(&s9);
        char a[64];
        snprintf(r9->sim, sizeof r9->sim, "%s", f.ok ? fmt_pm(a, sizeof a, f.c1, f.se1) : "no fit");
        double tol = 0.05 + three_se(f.se1);
        r9->verdict = f.ok && fabs(f.c1) <= tol ? V_PASS : V_FAIL;
        snprintf(r9->why, sizeof r9->why, "slope %.3g, tolerance %.3g", f.c1, tol);
        bprintf(nb, "- **F9** (control_kohonen, N = %ld): slope %s.\n", s9.p[0].N,
                f.ok ? fmt_pm(a, sizeof a, f.c1, f.se1) : "no fit");
        note_series(nb, &s9, "initial jee", "jee_final");
        /* the start with the largest initial weight shows the frozen synapses best */
        const vrun *r0 = NULL;
        for (size_t i = 0; i < v->d->n; i++)
            if (!strcmp(v->d->r[i].exp, "control_kohonen") && v->d->r[i].status_ok &&
                (!r0 || v->d->r[i].cfg.jee < r0->cfg.jee))
                r0 = &v->d->r[i];
        if (r0)
            note_heterogeneity(nb, v->d, r0);
    }
}

/* ---- the plan: the experiment programs' --list output ----------------------------------- */

typedef struct plan_exp {
    char name[64];   /* "<profile>.<experiment>" */
    long runs;
    long N[64];
    size_t nN;
    double T[16];    /* ms */
    size_t nT;
    int max_repeat;
    double cost;     /* sum of N T: neuron-milliseconds */
    char eta[8][32]; /* learning rates of the plastic blocks, as listed */
    size_t neta;
} plan_exp;

typedef struct plan {
    plan_exp e[64];
    size_t n;
} plan;

static int plan_read(plan *pl, const char *path, pbn_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return pbn_error_set(err, PBN_EIO, "--plan %s: cannot read it (%s)", path, strerror(errno));
    char line[1024];
    long lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        if (line[0] == '#' || !strncmp(line, "experiment\t", 11) || line[0] == '\n')
            continue;
        char name[64], point[128], seedtxt[32], hash[32], eta[32] = "-";
        int rep;
        long N;
        double T;
        int got = sscanf(line, "%63[^\t]\t%127[^\t]\t%d\t%ld\t%lf\t%31[^\t]\t%31[^\t]\t%31[^\t\n]",
                         name, point, &rep, &N, &T, seedtxt, hash, eta);
        if (got < 5) {
            fclose(f);
            return pbn_error_set(err, PBN_EINVAL,
                                 "--plan %s line %ld: not a line of an experiment program's --list "
                                 "output (experiment, point, repeat, N, T_ms, ...)",
                                 path, lineno);
        }
        size_t k;
        for (k = 0; k < pl->n && strcmp(pl->e[k].name, name); k++)
            ;
        if (k == pl->n) {
            if (pl->n == 64)
                continue;
            memset(&pl->e[k], 0, sizeof pl->e[k]);
            snprintf(pl->e[k].name, sizeof pl->e[k].name, "%s", name);
            pl->n++;
        }
        plan_exp *e = &pl->e[k];
        e->runs++;
        e->cost += (double)N * T;
        if (rep > e->max_repeat)
            e->max_repeat = rep;
        size_t q;
        for (q = 0; q < e->nN && e->N[q] != N; q++)
            ;
        if (q == e->nN && e->nN < 64)
            e->N[e->nN++] = N;
        for (q = 0; q < e->nT && e->T[q] != T; q++)
            ;
        if (q == e->nT && e->nT < 16)
            e->T[e->nT++] = T;
        for (q = 0; q < e->neta && strcmp(e->eta[q], eta); q++)
            ;
        if (q == e->neta && e->neta < 8)
            snprintf(e->eta[e->neta++], sizeof e->eta[0], "%s", eta);
    }
    fclose(f);
    return PBN_OK;
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

static void plan_table(FILE *out, plan *pl)
{
    fprintf(out, "| experiment | profile | runs | N | T (s) | learning rate | repeats per point | "
                 "neuron-seconds |\n"
                 "|---|---|---:|---|---|---|---:|---:|\n");
    /* experiments in the order first seen, each profile's row next to the others */
    for (size_t k = 0; k < pl->n; k++) {
        const char *dot = strchr(pl->e[k].name, '.');
        if (!dot)
            continue;
        int first = 1;
        for (size_t j = 0; j < k; j++) {
            const char *d2 = strchr(pl->e[j].name, '.');
            if (d2 && !strcmp(d2, dot))
                first = 0;
        }
        if (!first)
            continue;
        for (size_t j = k; j < pl->n; j++) {
            plan_exp *e = &pl->e[j];
            const char *d2 = strchr(e->name, '.');
            if (!d2 || strcmp(d2, dot))
                continue;
            qsort(e->N, e->nN, sizeof e->N[0], cmp_long);
            fprintf(out, "| %s | %.*s | %ld | ", dot + 1, (int)(d2 - e->name), e->name, e->runs);
            for (size_t q = 0; q < e->nN; q++)
                fprintf(out, "%s%ld", q ? ", " : "", e->N[q]);
            fprintf(out, " | ");
            for (size_t q = 0; q < e->nT; q++)
                fprintf(out, "%s%g", q ? ", " : "", e->T[q] / 1000.0);
            fprintf(out, " | ");
            for (size_t q = 0; q < e->neta; q++)
                fprintf(out, "%s%s", q ? ", " : "", e->eta[q]);
            fprintf(out, " | %d | %.2g |\n", e->max_repeat + 1, e->cost / 1000.0);
        }
    }
}

/* ---- writing ------------------------------------------------------------------------------ */

/* A table cell: '|' escaped, newlines flattened. */
static void cell(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            fputs("\\|", out);
        else if (*s == '\n')
            fputc(' ', out);
        else
            fputc(*s, out);
    }
}

static void write_table(FILE *out, const vctx *v)
{
    fprintf(out, "| id | claim | data | statistic | theory | simulation ± s.e. | tolerance (why) | verdict |\n"
                 "|---|---|---|---|---|---|---|---|\n");
    for (size_t i = 0; i < v->nrows; i++) {
        const vrow *r = &v->rows[i];
        const char *f[7] = {r->id, r->claim, r->data, r->statistic, r->theory, r->sim, r->tol};
        fputs("|", out);
        for (int k = 0; k < 7; k++) {
            fputc(' ', out);
            cell(out, f[k][0] ? f[k] : "-");
            fputs(" |", out);
        }
        fprintf(out, " **%s**<br>", verdict_name[r->verdict]);
        cell(out, r->why);
        fputs(" |\n", out);
    }
}

static void counts(const vctx *v, int c[3])
{
    c[0] = c[1] = c[2] = 0;
    for (size_t i = 0; i < v->nrows; i++)
        c[v->rows[i].verdict]++;
}

typedef struct vmeta {
    const char *date;
    long n_ok, n_div;
} vmeta;

static void write_summary(FILE *out, const vctx *v, const vmeta *m)
{
    int c[3];
    counts(v, c);
    fprintf(out,
            "Profile `%s`, database `%s`, generated %s by pbn %s (commit %s) from %ld complete "
            "runs (%ld ok, %ld diverged; %ld not final left out), made by commit(s) %s between "
            "%s and %s.\n\n**%d PASS, %d FAIL, %d NOT RUN** out of %zu rows.\n",
            v->d->profile, v->d->db_path, m->date, pbn_version(), pbn_git_commit(), m->n_ok + m->n_div,
            m->n_ok, m->n_div, v->d->n_other_status, v->d->commits[0] ? v->d->commits : "none",
            v->d->first[0] ? v->d->first : "-", v->d->last[0] ? v->d->last : "-", c[0], c[1], c[2],
            v->nrows);
}

/* Key numbers: what each size sweep reaches at its largest N, next to the theory. */
static void write_numbers(FILE *out, const vctx *v)
{
    static const struct {
        const char *exp, *w, *wth;
    } sw[] = {{"size_kohonen", "jee_mean", "jee_star"},
              {"size_istdp", "jei_mean", "jei_star"},
              {"size_istdp_eiii", "jei_mean", "jei_star"},
              {"size_hebb", "jee_mean", "jee_star"}};
    fprintf(out, "| sweep | N | r_e (Hz) | theory | r_i (Hz) | theory | weight | theory | cov_ee | theory |\n"
                 "|---|---:|---|---|---|---|---|---|---|---|\n");
    for (size_t i = 0; i < sizeof sw / sizeof sw[0]; i++) {
        const vrun *big = largest_run(v->d, sw[i].exp);
        if (!big)
            continue;
        long N = big->N;
        const char *names[4] = {"rate_e_hz", "rate_i_hz", sw[i].w, "cov_ee"};
        fprintf(out, "| %s | %ld |", sw[i].exp, N);
        pbn_theory_fp fp;
        int have_fp = !fixed_point(big, PBN_THEORY_EFFECTIVE | PBN_THEORY_CX, &fp);
        double cov[3];
        int have_cov = !cov_theory(big, PBN_THEORY_EFFECTIVE | PBN_THEORY_CX, cov);
        for (int k = 0; k < 4; k++) {
            vseries s;
            series(v->d, sw[i].exp, sel_N, &N, x_N, y_metric, names[k], &s);
            char a[64], b[32];
            double th = k < 2 ? (have_fp ? fp.rate_hz[k] : NAN)
                      : k == 2 ? (have_fp ? fp.j[!strcmp(sw[i].w, "jee_mean") ? PBN_EE : PBN_EI] : NAN)
                               : (have_cov ? cov[0] : NAN);
            fprintf(out, " %s | %s |", s.n ? fmt_pm(a, sizeof a, s.p[0].mean, s.p[0].se) : "-",
                    fmt_g(b, sizeof b, th));
        }
        fprintf(out, "\n");
    }
    fprintf(out, "\nMeans ± standard errors over the repeats at the largest N of each sweep; theory at "
                 "the rule's fixed point with effective weights and the input-correlation terms (weights: "
                 "`jee` for E->E rules, `jei` for iSTDP).\n");
}

/* The page as a whole goes through util_write_atomic: a reader never sees half of it, and
   a full disk leaves the old page as it was. */
static int write_atomic(const char *path, const char *text, size_t len, pbn_error *err)
{
    int e = util_write_atomic(path, text, len);
    if (e)
        return pbn_error_set(err, PBN_EIO, "cannot write %s (%s)", path, strerror(e));
    return PBN_OK;
}

static int write_validation(const char *path, const vctx *v, const vmeta *m, pbn_error *err)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    if (!out)
        return pbn_error_set(err, PBN_ENOMEM, "out of memory");
    fprintf(out, "# Validation of the paper's claims (profile `%s`)\n\n"
                 "Generated by `validate/pbn-validate` (`make validate`) from the results "
                 "database: every number on this page is computed from the stored runs and the "
                 "theory for their configurations. Do not edit; regenerate.\n\n",
            v->d->profile);
    write_summary(out, v, m);
    fprintf(out, "\n## Claims\n\n");
    write_table(out, v);
    fprintf(out, "\n## Values at the largest N\n\n");
    write_numbers(out, v);
    fprintf(out, "\n## Notes per claim\n%s", v->notes.s ? v->notes.s : "");
    fprintf(out, "\n## Regenerate\n\n```sh\nmake validate%s%s   # or: validate/pbn-validate --db %s --profile %s --out FILE\n```\n",
            strcmp(v->d->profile, "quick") ? " PROFILE=" : "", strcmp(v->d->profile, "quick") ? v->d->profile : "",
            v->d->db_path, v->d->profile);
    int rc = fclose(out) ? pbn_error_set(err, PBN_ENOMEM, "out of memory")
                         : write_atomic(path, text, len, err);
    free(text);
    return rc;
}

/* ---- the report's generated blocks -------------------------------------------------------- */


typedef struct gen {
    const vctx *v;
    const vmeta *m;
    plan *pl;
    int have_plan;
} gen;

/* The text of block `name` (util_md_fill_fn). */
static int gen_block(void *ctx, const char *name, FILE *out, char *why, size_t whylen)
{
    const gen *g = ctx;
    (void)why;
    (void)whylen;
    if (!strcmp(name, "summary"))
        write_summary(out, g->v, g->m);
    else if (!strcmp(name, "table"))
        write_table(out, g->v);
    else if (!strcmp(name, "numbers"))
        write_numbers(out, g->v);
    else if (!strcmp(name, "plan")) {
        if (!g->have_plan)
            return UTIL_MD_KEEP; /* no plan given: keep the block's old content */
        plan_table(out, g->pl);
    } else
        return UTIL_MD_UNKNOWN;
    return UTIL_MD_FILLED;
}

/*
 * Replace the content of every block of the report at path (between its begin and end
 * lines, which stay) with the generated text; text outside the blocks is kept as it is.
 * The file is rewritten only when everything checked out (atomically).
 */
static int fill_readme(const char *path, const gen *g, int *nblocks, pbn_error *err)
{
    char *src, *text, why[600] = "";
    size_t len, tlen;
    int e = util_read_file(path, (size_t)1 << 26, &src, &len);
    if (e)
        return pbn_error_set(err, PBN_EIO, "--readme %s: cannot read it (%s)", path,
                             strerror(e));
    e = util_md_fill(src, "pbn-validate", gen_block, (void *)g, 1, &text, &tlen, nblocks,
                     why, sizeof why);
    free(src);
    if (e == ENOMEM)
        return pbn_error_set(err, PBN_ENOMEM, "out of memory");
    if (e)
        return pbn_error_set(err, PBN_EINVAL, "--readme %s %s%s", path, why,
                             strstr(why, "unknown block") ? " (known: summary, table, "
                                                            "numbers, plan)"
                                                          : "");
    int rc = write_atomic(path, text, tlen, err);
    free(text);
    return rc;
}

/* ---- main --------------------------------------------------------------------------------- */

static void usage(FILE *out)
{
    fprintf(out,
            "usage: " PROG " [--db FILE] [--profile NAME] [--out FILE] [--readme FILE]\n"
            "       [--plan FILE]... [--strict] [--quiet]\n\n"
            "Validate the paper's claims against the results database: for each claim the\n"
            "statistic, theory value, simulated value with its standard error, tolerance with\n"
            "its reason and a verdict (PASS, FAIL, NOT RUN), written as Markdown.\n\n"
            "  --db FILE       results database (default: $PBN_DB, else data/results.db)\n"
            "  --profile NAME  the profile whose runs are validated (default quick)\n"
            "  --out FILE      the validation page (default paper/validation.md for quick,\n"
            "                  paper/validation-NAME.md for another profile)\n"
            "  --readme FILE   also fill the generated blocks of this report, between\n"
            "                  '<!-- pbn-validate:begin NAME -->' and '<!-- pbn-validate:end NAME -->'\n"
            "                  lines (NAME: summary, table, numbers, plan)\n"
            "  --plan FILE     an experiment program's --list output (repeatable): the runs of\n"
            "                  each profile for the 'plan' block (kept as it is without --plan)\n"
            "  --strict        exit 1 when a claim FAILs\n"
            "  --quiet         no summary line on stderr\n\n"
            "exit status: 0 evaluated (FAILs included unless --strict), 1 a FAIL with --strict or\n"
            "a database or file that cannot be read or written, 2 bad arguments\n");
}

int main(int argc, char **argv)
{
    const char *db = NULL, *profile = "quick", *out_path = NULL, *readme = NULL;
    const char *plans[8];
    int nplans = 0, strict = 0, quiet = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **dst = NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--strict")) {
            strict = 1;
            continue;
        } else if (!strcmp(a, "--quiet")) {
            quiet = 1;
            continue;
        } else if (!strcmp(a, "--db"))
            dst = &db;
        else if (!strcmp(a, "--profile"))
            dst = &profile;
        else if (!strcmp(a, "--out"))
            dst = &out_path;
        else if (!strcmp(a, "--readme"))
            dst = &readme;
        else if (!strcmp(a, "--plan")) {
            if (nplans == 8) {
                fprintf(stderr, PROG ": --plan: at most 8 files\n");
                return 2;
            }
            dst = &plans[nplans++];
        } else {
            fprintf(stderr, PROG ": unknown argument '%s' (see " PROG " --help)\n", a);
            return 2;
        }
        if (i + 1 >= argc || !argv[i + 1][0]) {
            fprintf(stderr, PROG ": %s needs a value (see " PROG " --help)\n", a);
            return 2;
        }
        *dst = argv[++i];
    }
    if (!db)
        db = pbn_store_default_path();
    char def_out[512];
    if (!out_path) {
        if (!strcmp(profile, "quick"))
            snprintf(def_out, sizeof def_out, "paper/validation.md");
        else
            snprintf(def_out, sizeof def_out, "paper/validation-%s.md", profile);
        out_path = def_out;
    }
    pbn_error err = {0, ""};
    static plan pl;
    for (int k = 0; k < nplans; k++)
        if (plan_read(&pl, plans[k], &err)) {
            fprintf(stderr, PROG ": %s\n", err.msg);
            return err.code == PBN_EINVAL ? 2 : 1;
        }

    vdata d;
    memset(&d, 0, sizeof d);
    d.profile = profile;
    d.db_path = db;
    pbn_store *st = pbn_store_open(db, PBN_STORE_READ, &err);
    if (!st) {
        fprintf(stderr, PROG ": %s\n", err.msg);
        return 1;
    }
    int rc = load(st, &d, &err);
    pbn_error cerr;
    if (rc) {
        pbn_store_close(st, &cerr);
        fprintf(stderr, PROG ": %s: %s\n", db, err.msg);
        data_free(&d);
        return rc == PBN_EINVAL ? 2 : 1;
    }
    d.st = st;

    static vctx v;
    v.d = &d;
    claim_A(&v);
    claim_B(&v);
    claim_C(&v);
    claim_D(&v);
    claim_E(&v);
    claim_F(&v);
    pbn_store_close(st, &cerr);
    d.st = NULL;
    if (v.notes.oom) {
        fprintf(stderr, PROG ": out of memory\n");
        data_free(&d);
        return 1;
    }

    vmeta m = {0};
    char date[32];
    const char *sde = getenv("SOURCE_DATE_EPOCH"); /* reproducible output when set */
    time_t now = sde && *sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
    struct tm tmv;
    gmtime_r(&now, &tmv);
    strftime(date, sizeof date, "%Y-%m-%d", &tmv);
    m.date = date;
    for (size_t i = 0; i < d.n; i++) {
        if (d.r[i].status_ok)
            m.n_ok++;
        else
            m.n_div++;
    }

    rc = write_validation(out_path, &v, &m, &err);
    int nblocks = 0;
    if (!rc && readme) {
        gen g = {&v, &m, &pl, nplans > 0};
        rc = fill_readme(readme, &g, &nblocks, &err);
    }
    int c[3];
    counts(&v, c);
    if (rc)
        fprintf(stderr, PROG ": %s\n", err.msg);
    else if (!quiet) {
        fprintf(stderr, PROG ": profile %s, %zu runs: %d PASS, %d FAIL, %d NOT RUN -> %s", profile,
                d.n, c[0], c[1], c[2], out_path);
        if (readme)
            fprintf(stderr, " and %d block(s) of %s", nblocks, readme);
        fprintf(stderr, "\n");
    }
    data_free(&d);
    free(v.notes.s);
    if (rc)
        return rc == PBN_EINVAL ? 2 : 1;
    return strict && c[1] ? 1 : 0;
}
