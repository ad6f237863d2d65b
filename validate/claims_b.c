/*
 * claims_b.c - B: spike-count covariances are O(1/N) without input correlations and O(1)
 * with them.
 *
 * Covariances are the means over distinct pairs in 250 ms windows of the second half.
 * With uncorrelated input (cx = 0) the balanced state cancels correlations down to
 * O(1/N); the claim bounds the covariance from above, so the row is one-sided: a log-log
 * slope against N of -1 or steeper, against the alternative of a 1/sqrt(N) decay (what a
 * network without the cancellation would show).  With correlated input (cx > 0) the
 * covariances are O(1): a slope of 0 against the cx = 0 law (-1), and an amplitude that
 * linear response predicts, C_ab = Tw cx rx (r_a/rx)(r_b/rx), evaluated at the simulated
 * rates so that the rates' own finite-size error (claim A) is not counted twice; its
 * allowance is the order of the neglected finite-size terms, 1/sqrt(N) at the largest N.
 * Slope allowances are half the distance between prediction and alternative.
 */
#include "claims.h"

#include <math.h>
#include <string.h>

static const char *const cov_names[3] = {"cov_ee", "cov_ei", "cov_ii"};

enum { B_SLOPE_ZERO, B_SLOPE_POS, B_AMPLITUDE };

static const char c0[] = "covariances are O(1/N) without input correlations (cx = 0)";
static const char c1[] = "covariances stay O(1) with correlated input (cx > 0)";
static const char c2[] = "their size is what linear response predicts";
static const char s0[] = "log-log slope of the mean covariance vs N";
static const char s2[] = "C_sim / C_theory at the largest N, theory Tw cx rx r_a r_b / rx^2 at "
                         "the simulated rates";
static const char p0[] = "slope -1 or steeper: at most O(1/N)";
static const char a0[] = "slope -1/2: a 1/sqrt(N) decay, no cancellation";
static const char p1[] = "slope 0: O(1)";
static const char a1[] = "slope -1: the cx = 0 law";
static const char p2[] = "ratio 1";
static const char a2[] = "ratio 0: no covariance beyond O(1/N)";
static const char t0[] = "0.25 is half the distance between prediction and alternative";
static const char t1[] = "0.5 is half the distance between prediction and alternative";
static const char t2[] = "1/sqrt(N) at the largest N: the order of the terms linear response "
                         "leaves out";

#define ROWS(id, exp, what, cl, st, sense, tol, tt, pr, al)                                 \
    {id ".ee", cl, exp, "every N", st, sense, tol, "", tt, pr, al, NULL, (what) * 4 + 0, 0}, \
    {id ".ei", cl, exp, "every N", st, sense, tol, "", tt, pr, al, NULL, (what) * 4 + 1, 0}, \
    {id ".ii", cl, exp, "every N", st, sense, tol, "", tt, pr, al, NULL, (what) * 4 + 2, 0}

static const vclaim claims[] = {
    ROWS("B1", "size_kohonen", B_SLOPE_ZERO, c0, s0, VS_AT_MOST, 0.25, t0, p0, a0),
    ROWS("B2", "size_istdp_eiii", B_SLOPE_ZERO, c0, s0, VS_AT_MOST, 0.25, t0, p0, a0),
    ROWS("B3", "size_istdp", B_SLOPE_POS, c1, s0, VS_TWO_SIDED, 0.5, t1, p1, a1),
    ROWS("B4", "size_hebb", B_SLOPE_POS, c1, s0, VS_TWO_SIDED, 0.5, t1, p1, a1),
    ROWS("B5", "size_istdp", B_AMPLITUDE, c2, s2, VS_TWO_SIDED, 0, t2, p2, a2),
    ROWS("B6", "size_hebb", B_AMPLITUDE, c2, s2, VS_TWO_SIDED, 0, t2, p2, a2),
};

/* Linear response at the simulated rates, pair k (0 EE, 1 EI, 2 II), counts^2. */
static double cov_lr(const vrun *r, int k)
{
    double re = vrun_metric(r, "rate_e_hz") * 1e-3, ri = vrun_metric(r, "rate_i_hz") * 1e-3;
    double rx = r->cfg.rx * 1e-3, a = k == 2 ? ri : re, b = k == 0 ? re : ri;
    return r->cfg.cov_window * r->cfg.cx * rx * (a / rx) * (b / rx);
}

static double y_ratio(const vrun *r, const void *c)
{
    int k = *(const int *)c;
    return vrun_metric(r, cov_names[k]) / cov_lr(r, k);
}

void claims_B(vctx *v)
{
    vbuf *nb = &v->notes;
    bprintf(nb, "\n### B. Spike-count covariances: O(1/N) at cx = 0, O(1) at cx > 0\n\n"
                "Means over distinct pairs in 250 ms windows of the second half (not the "
                "originals' E-E mean, which includes the variances).  At cx = 0 the claim "
                "bounds the covariance from above (O(1/N)): a log-log slope of -1 or "
                "steeper confirms it, against a 1/sqrt(N) decay.  At cx > 0: a slope of 0 "
                "against the 1/N law, and the size that linear response gives at the "
                "simulated rates, C_ab = Tw cx rx (r_a/rx)(r_b/rx).\n\n");
    const char *last_exp = "";
    int last_what = -1;
    for (size_t i = 0; i < sizeof claims / sizeof claims[0]; i++) {
        const vclaim *c = &claims[i];
        int what = c->arg / 4, k = c->arg % 4;
        vrow *row = vrow_new(v, c);
        if (!row)
            return;
        vseries s;
        if (what == B_AMPLITUDE) {
            const vrun *big = vdata_largest(v->d, c->exp);
            long N = big ? big->N : 0;
            vseries_make(v->d, c->exp, sel_N, &N, x_N, y_ratio, &k, &s);
            if (!vrow_enough(v, row, &s, 1))
                continue;
            snprintf(row->data, sizeof row->data, "%s: N = %ld (cx = %g)", c->exp, N,
                     big->cfg.cx);
            row->t.x = s.p[0].mean;
            row->t.se = s.p[0].se;
            row->t.tol = 1 / sqrt((double)N);
            row->t.pred = 1;
            row->t.alt = 0;
        } else {
            vseries_make(v->d, c->exp, NULL, NULL, x_N, y_metric, cov_names[k], &s);
            if (!vrow_enough(v, row, &s, 3))
                continue;
            const vrun *big = vdata_largest(v->d, c->exp);
            snprintf(row->data, sizeof row->data, "%s: every N (cx = %g)", c->exp, big->cfg.cx);
            size_t dropped = 0;
            vrow_loglog(row, &s, what == B_SLOPE_ZERO ? -1 : 0, what == B_SLOPE_ZERO ? -0.5 : -1,
                        &dropped);
        }
        vrow_decide(row);
        /* notes: once per experiment and kind */
        if (strcmp(last_exp, c->exp) || last_what != what) {
            last_exp = c->exp;
            last_what = what;
            const vrun *big = vdata_largest(v->d, c->exp);
            bprintf(nb, "- **%.2s** (%s, cx = %g):\n", c->id, c->exp, big ? big->cfg.cx : NAN);
            if (what != B_AMPLITUDE) {
                for (int q = 0; q < 3; q++) {
                    vseries sq;
                    vseries_make(v->d, c->exp, NULL, NULL, x_N, y_metric, cov_names[q], &sq);
                    note_series(nb, &sq, "N", cov_names[q]);
                }
                /* the size against the covariance theory at the rule's fixed point, per N:
                   where the amplitude stands relative to the theory */
                if (what == B_SLOPE_ZERO && big) {
                    pbn_theory_cov tc;
                    pbn_error err;
                    vseries sq;
                    vseries_make(v->d, c->exp, NULL, NULL, x_N, y_metric, "cov_ee", &sq);
                    bprintf(nb, "  cov_ee against the 1/N theory at each N's own mean weights "
                                "(effective W):");
                    for (size_t p = 0; p < sq.n; p++) {
                        long N = sq.p[p].N;
                        const vrun *rr = vdata_nearest(v->d, c->exp, N);
                        double j[PBN_NBLOCKS];
                        vrun_weights(rr, j);
                        double ratio = pbn_theory_covariance(&rr->cfg, j, PBN_THEORY_EFFECTIVE,
                                                             &tc, &err) == PBN_OK
                                           ? sq.p[p].mean / tc.cov[0]
                                           : NAN;
                        bprintf(nb, "%s N %ld: %.3g", p ? ";" : "", N, ratio);
                    }
                    bprintf(nb, ".\n");
                }
            } else {
                for (int q = 0; q < 3; q++) {
                    const vrun *bg = vdata_largest(v->d, c->exp);
                    long N = bg ? bg->N : 0;
                    vseries sq;
                    vseries_make(v->d, c->exp, sel_N, &N, x_N, y_ratio, &q, &sq);
                    char a[64];
                    if (sq.n)
                        bprintf(nb, "  %s / linear response at N = %ld: %s.\n", cov_names[q], N,
                                fmt_pm(a, sizeof a, sq.p[0].mean, sq.p[0].se));
                }
            }
        }
    }
}
