/*
 * claims.c - what the claim families share: rows, their decision, the notes buffer,
 * number formatting, and the fits every family makes (see claims.h).
 */
#include "claims.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void bprintf(vbuf *b, const char *fmt, ...)
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

void sappend(char *dst, size_t cap, const char *fmt, ...)
{
    size_t n = strlen(dst);
    if (n + 1 >= cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(dst + n, cap - n, fmt, ap);
    va_end(ap);
}

const char *fmt_g(char *buf, size_t len, double v)
{
    if (!isfinite(v))
        snprintf(buf, len, "n/a");
    else
        snprintf(buf, len, "%.3g", v);
    return buf;
}

const char *fmt_pm(char *buf, size_t len, double m, double s)
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

void note_series(vbuf *b, const vseries *s, const char *xname, const char *yname)
{
    bprintf(b, "  %s by %s:", yname, xname);
    for (size_t k = 0; k < s->n; k++) {
        char a[64], x[32];
        bprintf(b, "%s %s %s (%d)", k ? ";" : "", fmt_g(x, sizeof x, s->p[k].x),
                fmt_pm(a, sizeof a, s->p[k].mean, s->p[k].se), s->p[k].n);
    }
    bprintf(b, ".\n");
}

/* ---- rows ------------------------------------------------------------------------------ */

vrow *vrow_new(vctx *v, const vclaim *c)
{
    if (v->nrows == VMAX_ROWS)
        return NULL;
    vrow *r = &v->rows[v->nrows++];
    memset(r, 0, sizeof *r);
    r->c = c;
    r->t = vtest_init();
    r->t.sense = c->sense;
    r->t.tol = c->tol;
    r->verdict = VV_NOTRUN;
    snprintf(r->data, sizeof r->data, "%s: %s", c->exp, c->data);
    return r;
}

void vrow_notrun(vrow *r, const char *why)
{
    r->verdict = VV_NOTRUN;
    snprintf(r->why, sizeof r->why, "%s", why);
    if (!r->sim[0])
        snprintf(r->sim, sizeof r->sim, "no data");
}

void vrow_decide(vrow *r)
{
    const vclaim *c = r->c;
    char a[64], b[64];
    const vref *ref = c->ref ? vref_find(c->ref) : NULL;
    if (ref) {
        r->t.has_ref = 1;
        r->t.ref = ref->value;
        r->t.ref_unc = ref->unc;
    }
    if (!r->sim[0])
        snprintf(r->sim, sizeof r->sim, "%s", fmt_pm(a, sizeof a, r->t.x, r->t.se));
    if (!r->pred[0])
        snprintf(r->pred, sizeof r->pred, "%s (%s)", fmt_g(a, sizeof a, r->t.pred), c->pred);
    if (!r->alt[0])
        snprintf(r->alt, sizeof r->alt, "%s (%s)", fmt_g(b, sizeof b, r->t.alt), c->alt);
    char crit[300];
    vtest_criterion(&r->t, c->unit, crit, sizeof crit);
    snprintf(r->criterion, sizeof r->criterion, "%s; %s", crit, c->tol_why);
    r->verdict = vtest_verdict(&r->t, r->why, sizeof r->why);
}

int vrow_enough(vctx *v, vrow *row, const vseries *s, size_t need)
{
    if (s->n >= need && s->runs > 0)
        return 1;
    char why[200];
    if (!vdata_count(v->d, row->c->exp))
        snprintf(why, sizeof why, "no runs of %s.%s in the database", v->d->profile,
                 row->c->exp);
    else
        snprintf(why, sizeof why, "%zu usable point(s) of %s.%s, %zu needed", s->n,
                 v->d->profile, row->c->exp, need);
    vrow_notrun(row, why);
    return 0;
}

/* ---- convergence and fits ------------------------------------------------------------- */

int series_converged(const vdata *d, const char *exp, run_sel sel, const void *sctx,
                     const char *block, double *worst)
{
    int any = 0, all = 1;
    *worst = 0;
    for (size_t i = 0; i < d->n; i++) {
        const vrun *r = &d->r[i];
        if (!r->status_ok || !r->cfg_ok || strcmp(r->exp, exp) || (sel && !sel(r, sctx)))
            continue;
        double dr;
        int cv = vrun_converged(r, block, VDRIFT_MAX, &dr);
        if (cv < 0)
            continue;
        any = 1;
        all &= cv;
        if (dr > *worst)
            *worst = dr;
    }
    if (!any) {
        *worst = NAN;
        return -1;
    }
    return all;
}

vfit loglog_series(const vseries *s, int *sign_change, size_t *dropped)
{
    /* a point whose value is not resolved from zero (within 2 standard errors) says
       nothing about the slope of log abs(y): it is left out */
    double x[VMAX_POINTS], y[VMAX_POINTS], se[VMAX_POINTS];
    size_t m = 0;
    *dropped = 0;
    for (size_t k = 0; k < s->n; k++) {
        const vpoint *p = &s->p[k];
        if (isfinite(p->se) && fabs(p->mean) < 2 * p->se) {
            (*dropped)++;
            continue;
        }
        x[m] = p->x;
        y[m] = p->mean;
        se[m++] = p->se;
    }
    vfit f;
    memset(&f, 0, sizeof f);
    *sign_change = 0;
    if (m >= 3)
        f = vstat_loglog(x, y, se, m, sign_change);
    return f;
}

vfit extrapolate_series(const vseries *s, double *law)
{
    double x[VMAX_POINTS], y[VMAX_POINTS], se[VMAX_POINTS];
    vseries_arrays(s, x, y, se);
    vfit f = vstat_extrapolate(x, y, se, s->n, 0.5);
    vfit g = vstat_extrapolate(x, y, se, s->n, 1.0);
    *law = f.ok && g.ok ? fabs(f.c0 - g.c0) : NAN;
    return f;
}

vfit fit_series(const vseries *s)
{
    double x[VMAX_POINTS], y[VMAX_POINTS], se[VMAX_POINTS];
    vseries_arrays(s, x, y, se);
    return vstat_fit(x, y, se, s->n);
}

int vrow_pick_N(vctx *v, vrow *row, int largest, long *N)
{
    long Ns[8];
    size_t nN = vdata_distinct_N(v->d, row->c->exp, Ns, 8);
    if (!nN || (largest && nN < 2)) {
        char why[160];
        snprintf(why, sizeof why, nN ? "only one N of %s.%s in the database"
                                     : "no runs of %s.%s in the database",
                 v->d->profile, row->c->exp);
        vrow_notrun(row, why);
        return 0;
    }
    *N = largest ? Ns[nN - 1] : Ns[0];
    return 1;
}

vfit vrow_loglog(vrow *row, const vseries *s, double pred, double alt, size_t *dropped)
{
    int sc = 0;
    vfit f = loglog_series(s, &sc, dropped);
    row->t.x = f.ok ? f.c1 : NAN;
    row->t.se = f.ok ? f.se1 : NAN;
    row->t.pred = pred;
    row->t.alt = alt;
    if (!f.ok)
        snprintf(row->sim, sizeof row->sim, "%s",
                 sc ? "the value changes sign across N" : "fewer than 3 N resolved from zero");
    return f;
}
