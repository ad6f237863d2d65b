/*
 * claims_a.c - A: the balanced rates approach the mean-field rates as N grows.
 *
 * The paper's claim is convergence: in the balanced state the rates differ from the
 * mean-field rates r = -W^-1 Wx rx by O(1/sqrt(N)).  The statistic is the weighted
 * log-log slope of |r_sim - r_theory| against N (per-N means over repeats; the slope's
 * standard error scaled up by sqrt(reduced chi-square) when the points scatter more than
 * their error bars, as they do with two repeats per N).  "O(1/sqrt(N))" bounds the error
 * from above, so the row is one-sided: a slope at most -1/2, against the alternative of an
 * error that does not vanish (slope 0); the allowance is half the distance between the
 * two.  A steeper slope over 1000 <= N <= 10000 (where O(1/N) terms still matter) is
 * convergence too; the notes give the local slopes between neighbouring N.
 *
 * The theory: the balance with effective weights W (1 - dt/tau) (paper/model.md section
 * 3: the nominal W leaves an offset that does not vanish).  Where no rule pins the rates
 * (Kohonen and soft Hebbian on E->E) W holds the run's own second-half mean weights, so
 * that weights still moving (claim C) do not count against the balance.  Under I->E iSTDP
 * the rule pins the E rate (claim D); what balance then claims is the I population's
 * equation, W_ie r_e + W_ii r_i + Wx_i rx = 0, which does not involve the plastic weight:
 * r_i is compared with -(W_ie r_e,sim + Wx_i rx) / W_ii at the simulated E rate.
 */
#include "claims.h"

#include <math.h>
#include <string.h>

enum { POP_E = 0, POP_I = 1, POP_I_GIVEN_E = 2 };

static const char claim_txt[] =
    "the rates approach the balanced (mean-field) rates as N grows, the error O(1/sqrt(N))";
static const char pred_txt[] = "slope -1/2 or steeper: an error at most O(1/sqrt(N))";
static const char alt_txt[] = "slope 0: an error that does not vanish";
static const char tol_txt[] = "0.25 is half the distance between prediction and alternative";

static const vclaim claims[] = {
    {"A1", claim_txt, "size_kohonen", "every N", "log-log slope of abs(r_e - theory) vs N; "
     "theory at the run's mean weights (effective W)", VS_AT_MOST, 0.25, "", tol_txt,
     pred_txt, alt_txt, NULL, POP_E, 0},
    {"A2", claim_txt, "size_kohonen", "every N", "log-log slope of abs(r_i - theory) vs N; "
     "theory at the run's mean weights (effective W)", VS_AT_MOST, 0.25, "", tol_txt,
     pred_txt, alt_txt, NULL, POP_I, 0},
    {"A3", claim_txt, "size_hebb", "every N", "log-log slope of abs(r_e - theory) vs N; "
     "theory at the run's mean weights (effective W)", VS_AT_MOST, 0.25, "", tol_txt,
     pred_txt, alt_txt, NULL, POP_E, 0},
    {"A4", claim_txt, "size_hebb", "every N", "log-log slope of abs(r_i - theory) vs N; "
     "theory at the run's mean weights (effective W)", VS_AT_MOST, 0.25, "", tol_txt,
     pred_txt, alt_txt, NULL, POP_I, 0},
    {"A5", claim_txt, "size_istdp", "every N", "log-log slope of abs(r_i - theory) vs N; "
     "theory: the I population's balance at the simulated E rate (effective W)",
     VS_AT_MOST, 0.25, "", tol_txt, pred_txt, alt_txt, NULL, POP_I_GIVEN_E, 0},
};

/* Simulated minus theory rate of one run (Hz). */
static double y_rate_err(const vrun *r, const void *c)
{
    int what = *(const int *)c;
    if (what == POP_I_GIVEN_E) {
        double j[PBN_NBLOCKS];
        pbn_theory_mf mf;
        vrun_weights(r, j);
        pbn_theory_mf_build(&r->cfg, j, PBN_THEORY_EFFECTIVE, &mf);
        double re = vrun_metric(r, "rate_e_hz") * 1e-3;
        double ri = -(mf.W[1][0] * re + mf.Wx[1] * mf.rx) / mf.W[1][1];
        return vrun_metric(r, "rate_i_hz") - 1e3 * ri;
    }
    double th[2];
    if (vrun_rates_measured(r, PBN_THEORY_EFFECTIVE, th))
        return NAN;
    return vrun_metric(r, what == POP_I ? "rate_i_hz" : "rate_e_hz") - th[what];
}

void claims_A(vctx *v)
{
    vbuf *nb = &v->notes;
    bprintf(nb, "\n### A. The rates approach the balanced rates as N grows\n\n"
                "Statistic: the weighted log-log slope of abs(r_sim - r_theory) against N.  "
                "Theory: the balance with effective weights W (1 - dt/tau), at each run's "
                "own second-half mean weights; for I->E iSTDP (A5) the I population's "
                "balance at the simulated E rate, which does not involve the plastic weight "
                "(the E rate itself is claim D).  The claim bounds the error from above "
                "(O(1/sqrt(N))), so a slope of -1/2 or steeper confirms it, and the "
                "alternative is an error that does not shrink (slope 0).\n\n");
    for (size_t i = 0; i < sizeof claims / sizeof claims[0]; i++) {
        const vclaim *c = &claims[i];
        vrow *row = vrow_new(v, c);
        if (!row)
            return;
        vseries s;
        vseries_make(v->d, c->exp, NULL, NULL, x_N, y_rate_err, &c->arg, &s);
        if (!vrow_enough(v, row, &s, 3))
            continue;
        size_t dropped = 0;
        vfit f = vrow_loglog(row, &s, -0.5, 0, &dropped);
        vrow_decide(row);
        char a[64];
        bprintf(nb, "- **%s** (%s, %s rate): slope %s", c->id, c->exp,
                c->arg == POP_E ? "E" : "I", f.ok ? fmt_pm(a, sizeof a, f.c1, f.se1) : "n/a");
        if (f.ok)
            bprintf(nb, ", reduced chi-square %.2g", f.dof > 0 ? f.chi2 / f.dof : NAN);
        if (dropped)
            bprintf(nb, "; %zu N not resolved from zero left out", dropped);
        bprintf(nb, ".\n");
        note_series(nb, &s, "N", "r_sim - r_theory (Hz)");
        /* local slopes: where the power law bends */
        bprintf(nb, "  Local slopes between neighbouring N:");
        for (size_t k = 1; k < s.n; k++) {
            double a0 = fabs(s.p[k - 1].mean), a1 = fabs(s.p[k].mean);
            bprintf(nb, "%s %.2g", k > 1 ? "," : "",
                    a0 > 0 && a1 > 0 ? log(a1 / a0) / log(s.p[k].x / s.p[k - 1].x) : NAN);
        }
        bprintf(nb, ".\n");
        if (s.diverged)
            bprintf(nb, "  %ld diverged run(s) left out.\n", s.diverged);
    }
}
