/*
 * claims_l.c - L: under each rule the weight distribution becomes stationary
 * (experiments dist_kohonen, dist_istdp, dist_hebb: long runs at small learning rates,
 * 1000 recorded synapses, 100 recording bins).
 *
 * Statistic: the two-sample Kolmogorov-Smirnov D between the recorded weights at three
 * quarters of the run and at its end (the authors compare the same two times).  A
 * stationary distribution gives a D within sampling noise: at most the 5 % critical value
 * of the test for these sample sizes.  The alternative is the change the distribution made
 * in the first half (D between the first quarter and the half): a distribution still
 * moving as it did then.  No allowance beyond the critical value.  The same synapses are
 * compared at two times, so the samples are not independent; a synapse that keeps its
 * weight makes D smaller, so a stationary distribution passes more easily, and a moving
 * one still shows (its D grows with the move).
 */
#include "claims.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const vclaim claims[] = {
    {"L1.kohonen", "under Kohonen's rule the weight distribution becomes stationary",
     "dist_kohonen", "the run", "KS D between the recorded E->E weights at 3T/4 and at T",
     VS_AT_MOST, 0, "", "none: the 5 % critical value is the sampling noise",
     "at most the 5 % critical D", "D between T/4 and T/2: still moving", NULL, PBN_EE, 0},
    {"L1.istdp", "under iSTDP the I->E weight distribution becomes stationary", "dist_istdp",
     "the run", "KS D between the recorded I->E weights at 3T/4 and at T", VS_AT_MOST, 0, "",
     "none: the 5 % critical value is the sampling noise", "at most the 5 % critical D",
     "D between T/4 and T/2: still moving", NULL, PBN_EI, 0},
    {"L1.hebb", "under the soft-bound Hebbian rule the weight distribution becomes stationary",
     "dist_hebb", "the run", "KS D between the recorded E->E weights at 3T/4 and at T",
     VS_AT_MOST, 0, "", "none: the 5 % critical value is the sampling noise",
     "at most the 5 % critical D", "D between T/4 and T/2: still moving", NULL, PBN_EE, 0},
};

typedef struct wsample {
    double *v;
    size_t n, cap;
} wsample;

static int row_w(void *ctx, int ncol, const char *const *names, const pbn_value *v)
{
    (void)names;
    wsample *w = ctx;
    if (ncol < 1 || v[0].type == PBN_V_NULL)
        return 0;
    if (w->n == w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 1024;
        double *p = realloc(w->v, cap * sizeof *p);
        if (!p)
            return 1;
        w->v = p;
        w->cap = cap;
    }
    w->v[w->n++] = v[0].type == PBN_V_INT ? (double)v[0].i : v[0].d;
    return 0;
}

/* The recorded weights of block b of run r in recording bin `bin`. */
static int weights_at(const vdata *d, const vrun *r, int b, long bin, wsample *w)
{
    static const char *const names[4] = {"ee", "ei", "ie", "ii"};
    char sql[200];
    pbn_error err;
    w->n = 0;
    snprintf(sql, sizeof sql,
             "SELECT j FROM synapses WHERE run_id = %lld AND block = '%s' AND bin = %ld",
             r->id, names[b], bin);
    if (!d->st || pbn_store_query(d->st, sql, NULL, row_w, w, &err))
        return -1;
    return w->n ? 0 : -1;
}

void claims_L(vctx *v)
{
    bprintf(&v->notes, "\n### L. Stationary weight distributions\n\n"
                       "Two-sample Kolmogorov-Smirnov tests between the recorded weights of "
                       "one run at two times (1000 synapses).  Figures: fig_dist_kohonen, "
                       "fig_dist_istdp, fig_dist_hebb.\n\n");
    for (size_t i = 0; i < sizeof claims / sizeof claims[0]; i++) {
        const vclaim *c = &claims[i];
        vrow *row = vrow_new(v, c);
        if (!row)
            return;
        const vrun *r = vdata_nearest(v->d, c->exp, 0);
        if (!r) {
            char why[160];
            snprintf(why, sizeof why, "no runs of %s.%s in the database", v->d->profile,
                     c->exp);
            vrow_notrun(row, why);
            continue;
        }
        long nb = lround(r->cfg.T / (r->cfg.dt_record > 0 ? r->cfg.dt_record : r->cfg.T / 100));
        wsample w[4] = {{0}};
        long bins[4] = {nb / 4 - 1, nb / 2 - 1, 3 * nb / 4 - 1, nb - 1};
        int ok = r->status_ok && nb >= 8;
        for (int k = 0; k < 4 && ok; k++)
            ok = weights_at(v->d, r, c->arg, bins[k], &w[k]) == 0;
        if (!ok) {
            vrow_notrun(row, r->status_ok ? "no recorded synapse weights at the four times"
                                          : "the run ran away (stored as diverged)");
        } else {
            double D, p, D0, p0;
            vstat_ks2(w[2].v, w[2].n, w[3].v, w[3].n, &D, &p);
            vstat_ks2(w[0].v, w[0].n, w[1].v, w[1].n, &D0, &p0);
            row->t.x = D;
            row->t.se = 0;
            row->t.pred = vstat_ks_critical(w[2].n, w[3].n, 0.05);
            row->t.alt = D0;
            snprintf(row->data, sizeof row->data, "%s: N = %ld, T %g s, eta %g; %zu synapses "
                     "at bins %ld, %ld, %ld, %ld of %ld", c->exp, r->N, r->cfg.T / 1000,
                     c->arg == PBN_EE ? r->cfg.eta_ee : r->cfg.eta_ei, w[3].n, bins[0],
                     bins[1], bins[2], bins[3], nb);
            vrow_decide(row);
            bprintf(&v->notes, "- **%s**: D(3T/4, T) = %.3g (p = %.3g), critical %.3g; "
                               "D(T/4, T/2) = %.3g (p = %.2g).\n",
                    c->id, D, p, row->t.pred, D0, p0);
        }
        for (int k = 0; k < 4; k++)
            free(w[k].v);
    }
}
