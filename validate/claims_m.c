/*
 * claims_m.c - M: slow learning is required (experiments slow_kohonen, slow_istdp,
 * slow_hebb: one network per rule, one run per learning rate).
 *
 * The fixed points of the theory assume that the weights move slowly next to the rates.
 * The deviation of a run is |w / w* - 1|, w the second-half mean weight of the plastic
 * block and w* the theory's fixed point stored with the run; a run that ran away (stored
 * as diverged) has deviation 1 (the theory fails outright), and larger deviations are
 * reported as 1 too.
 *   M1.<rule>  the theory holds for slow learning: the deviation at the smallest eta is at
 *              most 5 % (the weights' allowance, e^-3), against the deviation at the
 *              largest eta; that run must pass the drift criterion;
 *   M2.<rule>  it fails as eta approaches 1: the deviation at the largest eta is at least
 *              5 %, against the deviation at the smallest eta.
 * The notes give the smallest eta at which the deviation exceeds 5 %.
 */
#include "claims.h"

#include <math.h>
#include <string.h>

#define MROWS(rule, exp, what, blk)                                                           \
    {"M1." rule, "the mean-field fixed point holds for slow learning (" what ")", exp,        \
     "the smallest eta", "|w / w* - 1| at the smallest eta", VS_AT_MOST, 0, "",              \
     "none beyond the 5 % of the prediction (the weights' allowance, e^-3)",                 \
     "at most 0.05", "the deviation at the largest eta", NULL, 0, blk},                      \
    {"M2." rule, "the fixed point fails as eta approaches 1 (" what ")", exp,                 \
     "the largest eta", "|w / w* - 1| at the largest eta (1 when the run ran away)",          \
     VS_AT_LEAST, 0, "", "none beyond the 5 % of the prediction", "at least 0.05",           \
     "the deviation at the smallest eta", NULL, 1, blk}

static const vclaim claims[] = {
    MROWS("kohonen", "slow_kohonen", "Kohonen", 0),
    MROWS("istdp", "slow_istdp", "iSTDP on I->E", 1),
    MROWS("hebb", "slow_hebb", "soft Hebbian", 0),
};

static double eta_of(const vrun *r, int istdp) { return istdp ? r->cfg.eta_ei : r->cfg.eta_ee; }

static double deviation(const vrun *r, int istdp)
{
    if (!r->status_ok)
        return 1;
    double w = vrun_metric(r, istdp ? "jei_mean" : "jee_mean");
    double ws = vrun_theory(r, istdp ? "jei_star" : "jee_star");
    double d = fabs(w / ws - 1);
    return isfinite(d) && d < 1 ? d : 1; /* 1: the theory fails outright */
}

void claims_M(vctx *v)
{
    const vdata *d = v->d;
    bprintf(&v->notes, "\n### M. Slow learning is required\n\n"
                       "Deviation |w / w* - 1| of the second-half mean weight from the fixed "
                       "point, one run per learning rate (1 when the run ran away).  Figure: "
                       "fig_slow.\n\n");
    for (size_t i = 0; i < sizeof claims / sizeof claims[0]; i++) {
        const vclaim *c = &claims[i];
        int istdp = c->darg > 0.5;
        vrow *row = vrow_new(v, c);
        if (!row)
            return;
        const vrun *lo = NULL, *hi = NULL;
        for (size_t q = 0; q < d->n; q++) {
            const vrun *r = &d->r[q];
            if (strcmp(r->exp, c->exp))
                continue;
            if (!lo || eta_of(r, istdp) < eta_of(lo, istdp))
                lo = r;
            if (!hi || eta_of(r, istdp) > eta_of(hi, istdp))
                hi = r;
        }
        if (!lo || lo == hi) {
            char why[160];
            snprintf(why, sizeof why, "%s of %s.%s in the database",
                     lo ? "one run only" : "no runs", d->profile, c->exp);
            vrow_notrun(row, why);
            continue;
        }
        double dlo = deviation(lo, istdp), dhi = deviation(hi, istdp), worst = NAN;
        row->t.se = 0;
        row->t.pred = 0.05;
        if (c->arg == 0) {
            row->t.x = dlo;
            row->t.alt = dhi;
            row->t.converged = lo->status_ok
                                   ? vrun_converged(lo, istdp ? "jei" : "jee", VDRIFT_MAX, &worst)
                                   : -1;
        } else {
            row->t.x = dhi;
            row->t.alt = dlo;
        }
        snprintf(row->data, sizeof row->data, "%s: eta %g (T %g s) and %g (T %g s%s), N = %ld",
                 c->exp, eta_of(lo, istdp), lo->cfg.T / 1000, eta_of(hi, istdp),
                 hi->cfg.T / 1000, hi->status_ok ? "" : ", ran away", lo->N);
        if (c->arg == 0 && isfinite(worst))
            sappend(row->data, sizeof row->data, "; drift %.2g %%", 100 * worst);
        vrow_decide(row);
        if (c->arg == 1) {
            /* the smallest eta whose deviation exceeds 5 % */
            double first = INFINITY;
            bprintf(&v->notes, "- **%s**: deviation by eta:", c->exp);
            for (double prev = -INFINITY;;) { /* the runs by increasing eta */
                const vrun *r = NULL;
                for (size_t q = 0; q < d->n; q++)
                    if (!strcmp(d->r[q].exp, c->exp) && eta_of(&d->r[q], istdp) > prev &&
                        (!r || eta_of(&d->r[q], istdp) < eta_of(r, istdp)))
                        r = &d->r[q];
                if (!r)
                    break;
                prev = eta_of(r, istdp);
                double dv = deviation(r, istdp);
                bprintf(&v->notes, " %g: %.3g%s;", eta_of(r, istdp), dv,
                        r->status_ok ? "" : " (ran away)");
                if (dv > 0.05 && eta_of(r, istdp) < first)
                    first = eta_of(r, istdp);
            }
            if (isfinite(first))
                bprintf(&v->notes, " the deviation first exceeds 5 %% at eta = %g.\n", first);
            else
                bprintf(&v->notes, " it never exceeds 5 %%.\n");
        }
    }
}
