/*
 * claims_n.c - N: the mean weight follows the drift equation in time (the long runs at
 * small learning rates: experiments dist_hebb, dist_kohonen, dist_istdp).
 *
 * The theory's transient integrates the mean drift of the plastic block from the
 * configured weights, with the rates re-balanced at every weight (pbn_theory_transient:
 * GSL's rk8pd), sampled at the end of every recording bin.  Statistic: the root mean
 * square over the bins of (simulated - theory) mean weight, relative to the theory's whole
 * change |j(T) - j(0)|.  At most 0.05 (the weights' allowance, e^-3, here over the whole
 * course), against the same RMS of a weight that jumps to its final value at once (no
 * transient: the simulated end value at every time), so that a trajectory matching only
 * the end point does not pass.
 */
#include "claims.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const vclaim claims[] = {
    {"N1.hebb", "the soft-bound Hebbian mean weight follows the drift equation in time",
     "dist_hebb", "the run", "RMS (j_sim - j_theory)(t) / |j_theory(T) - j_theory(0)|",
     VS_AT_MOST, 0, "", "none beyond the 5 % of the prediction (e^-3)", "at most 0.05",
     "a jump to the final value at t = 0", NULL, PBN_EE, 0},
    {"N1.kohonen", "the Kohonen mean weight follows the drift equation in time", "dist_kohonen",
     "the run", "RMS (j_sim - j_theory)(t) / |j_theory(T) - j_theory(0)|", VS_AT_MOST, 0, "",
     "none beyond the 5 % of the prediction (e^-3)", "at most 0.05",
     "a jump to the final value at t = 0", NULL, PBN_EE, 0},
    {"N1.istdp", "the iSTDP mean weight follows the drift equation in time", "dist_istdp",
     "the run", "RMS (j_sim - j_theory)(t) / |j_theory(T) - j_theory(0)|", VS_AT_MOST, 0, "",
     "none beyond the 5 % of the prediction (e^-3)", "at most 0.05",
     "a jump to the final value at t = 0", NULL, PBN_EI, 0},
};

void claims_N(vctx *v)
{
    static const char *const bnames[4] = {"jee", "jei", "jie", "jii"};
    bprintf(&v->notes, "\n### N. Transients of the long runs\n\n"
                       "The simulated mean weight against the drift equation integrated from "
                       "the initial weights.  Figure: fig_transients_long.\n\n");
    for (size_t i = 0; i < sizeof claims / sizeof claims[0]; i++) {
        const vclaim *c = &claims[i];
        vrow *row = vrow_new(v, c);
        if (!row)
            return;
        const vrun *r = vdata_nearest(v->d, c->exp, 0);
        const vcourse *tc = r ? vrun_course(r, bnames[c->arg]) : NULL;
        if (!r || !r->status_ok || !tc || tc->n < 4) {
            char why[160];
            snprintf(why, sizeof why, !r ? "no runs of %s.%s in the database"
                                         : "no weight time course in %s.%s (or it ran away)",
                     v->d->profile, c->exp);
            vrow_notrun(row, why);
            continue;
        }
        double *j = malloc(tc->n * PBN_NBLOCKS * sizeof *j);
        size_t nv = 0;
        pbn_error err = {0, ""};
        if (!j || pbn_theory_transient(&r->cfg, 0, tc->t, tc->n, j, NULL, &nv, &err) != PBN_OK ||
            nv < tc->n) {
            free(j);
            vrow_notrun(row, "the theory transient leaves the balanced domain");
            continue;
        }
        double j0 = c->arg == PBN_EE ? r->cfg.jee : r->cfg.jei;
        double change = fabs(j[(tc->n - 1) * PBN_NBLOCKS + c->arg] - j0);
        double s = 0, sa = 0, wend = tc->w[tc->n - 1];
        for (size_t k = 0; k < tc->n; k++) {
            double th = j[k * PBN_NBLOCKS + c->arg];
            s += (tc->w[k] - th) * (tc->w[k] - th);
            sa += (wend - th) * (wend - th);
        }
        free(j);
        row->t.x = sqrt(s / (double)tc->n) / change;
        row->t.se = 0;
        row->t.pred = 0.05;
        row->t.alt = sqrt(sa / (double)tc->n) / change;
        snprintf(row->data, sizeof row->data, "%s: N = %ld, T %g s, %zu bins; theory change "
                 "%.3g", c->exp, r->N, r->cfg.T / 1000, tc->n, change);
        vrow_decide(row);
        bprintf(&v->notes, "- **%s**: RMS %.3g of the theory's change %.3g; the jump's %.3g.\n",
                c->id, row->t.x, change, row->t.alt);
    }
}
