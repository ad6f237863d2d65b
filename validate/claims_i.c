/*
 * claims_i.c - I: the covariance theory follows the recurrent weights of static
 * networks (experiments perturb_jee and perturb_jei: cx 0.1, one network per sweep).
 *
 * Moving jee (1 -> 20) or jei (-150 -> -100) by hand moves the balanced rates, and with
 * them the covariances: linear response gives C_ab = Tw cx rx (r_a/rx)(r_b/rx).  As for
 * the B rows, the theory is evaluated at the simulated rates, so the rates' own
 * finite-size error (claim A) is not counted again.
 *
 * I1, I2 (per pair EE, EI, II)  the covariance follows the theory along the sweep: the
 *     slope of log C_sim against log C_theory over the sweep's points, 1 when it follows,
 *     against 0 (a covariance that does not respond to the weight); the allowance 0.5 is
 *     half the distance between the two, as for the B slopes.
 * I3, I4  the size: the mean over the sweep and the three pairs of C_sim / C_theory, 1,
 *     within 1/sqrt(N) (the order of the terms linear response leaves out, as B5/B6),
 *     against 0.
 */
#include "claims.h"

#include <math.h>
#include <string.h>

static const char *const cov_names[3] = {"cov_ee", "cov_ei", "cov_ii"};

static const char cl_f[] = "the covariance theory follows the recurrent weights";
static const char cl_a[] = "its size is what linear response predicts along the sweep";
static const char st_f[] = "slope of log C_sim vs log C_theory over the sweep, theory Tw cx "
                           "rx r_a r_b / rx^2 at the simulated rates";
static const char st_a[] = "mean over the sweep and the pairs of C_sim / C_theory";
static const char t_f[] = "0.5 is half the distance between prediction and alternative";
static const char t_a[] = "1/sqrt(N): the order of the terms linear response leaves out";

#define SLOPES(id, exp, what)                                                               \
    {id ".ee", cl_f, exp, what, st_f, VS_TWO_SIDED, 0.5, "", t_f, "slope 1: follows",       \
     "slope 0: no response to the weight", NULL, 0, 0},                                    \
    {id ".ei", cl_f, exp, what, st_f, VS_TWO_SIDED, 0.5, "", t_f, "slope 1: follows",       \
     "slope 0: no response to the weight", NULL, 1, 0},                                    \
    {id ".ii", cl_f, exp, what, st_f, VS_TWO_SIDED, 0.5, "", t_f, "slope 1: follows",       \
     "slope 0: no response to the weight", NULL, 2, 0}

static const vclaim claims[] = {
    SLOPES("I1", "perturb_jee", "every jee"),
    SLOPES("I2", "perturb_jei", "every jei"),
    {"I3", cl_a, "perturb_jee", "every jee", st_a, VS_TWO_SIDED, 0, "", t_a, "ratio 1",
     "ratio 0: no covariance beyond O(1/N)", NULL, 3, 0},
    {"I4", cl_a, "perturb_jei", "every jei", st_a, VS_TWO_SIDED, 0, "", t_a, "ratio 1",
     "ratio 0: no covariance beyond O(1/N)", NULL, 3, 0},
};

/* Linear response at the simulated rates, pair k (0 EE, 1 EI, 2 II), counts^2. */
static double cov_lr(const vrun *r, int k)
{
    double re = vrun_metric(r, "rate_e_hz") * 1e-3, ri = vrun_metric(r, "rate_i_hz") * 1e-3;
    double rx = r->cfg.rx * 1e-3, a = k == 2 ? ri : re, b = k == 0 ? re : ri;
    return r->cfg.cov_window * r->cfg.cx * rx * (a / rx) * (b / rx);
}

static int is_exp(const vrun *r, const char *exp) { return !strcmp(r->exp, exp); }

void claims_I(vctx *v)
{
    vbuf *nb = &v->notes;
    const vdata *d = v->d;
    bprintf(nb, "\n### I. Non-plastic perturbation: covariances follow the weights\n\n"
                "Static networks at cx 0.1 with jee (jei -100) or jei (jee 25) moved by "
                "hand; the theory is linear response at the simulated rates, "
                "C_ab = Tw cx rx (r_a/rx)(r_b/rx).  Figure: fig_perturbation.\n\n");
    for (size_t i = 0; i < sizeof claims / sizeof claims[0]; i++) {
        const vclaim *c = &claims[i];
        vrow *row = vrow_new(v, c);
        if (!row)
            return;
        double x[VMAX_POINTS], y[VMAX_POINTS], se[VMAX_POINTS];
        size_t n = 0;
        long N = 0, nrun = 0;
        double rsum = 0, rsum2 = 0;
        size_t nr = 0;
        for (size_t q = 0; q < d->n; q++) {
            const vrun *r = &d->r[q];
            if (!is_exp(r, c->exp) || !r->status_ok)
                continue;
            nrun++;
            N = r->N;
            for (int k = 0; k < 3; k++) {
                if (c->arg != 3 && k != c->arg)
                    continue;
                double cs = vrun_metric(r, cov_names[k]), ct = cov_lr(r, k);
                if (!(cs > 0) || !(ct > 0))
                    continue;
                if (c->arg == 3) {
                    rsum += cs / ct;
                    rsum2 += (cs / ct) * (cs / ct);
                    nr++;
                } else if (n < VMAX_POINTS) {
                    x[n] = log(ct);
                    y[n] = log(cs);
                    se[n] = NAN;
                    n++;
                }
            }
        }
        if (!nrun) {
            char why[160];
            snprintf(why, sizeof why, "no runs of %s.%s in the database", d->profile, c->exp);
            vrow_notrun(row, why);
            continue;
        }
        snprintf(row->data, sizeof row->data, "%s: %ld runs, N = %ld (cx 0.1, static)",
                 c->exp, nrun, N);
        if (c->arg == 3) {
            if (nr < 2) {
                vrow_notrun(row, "fewer than two positive covariances");
                continue;
            }
            double m = rsum / (double)nr;
            double sd = sqrt(fmax(0, (rsum2 - (double)nr * m * m) / (double)(nr - 1)));
            row->t.x = m;
            row->t.se = sd / sqrt((double)nr);
            row->t.tol = 1 / sqrt((double)N);
            row->t.pred = 1;
            row->t.alt = 0;
            vrow_decide(row);
            bprintf(nb, "- **%s** (%s): mean ratio %.3g over %zu (point, pair) values.\n",
                    c->id, c->exp, m, nr);
        } else {
            if (n < 3) {
                vrow_notrun(row, "fewer than three points with positive covariances");
                continue;
            }
            vfit f = vstat_fit(x, y, se, n);
            double lo = x[0], hi = x[0]; /* the range, whatever order the runs were stored in */
            for (size_t k = 1; k < n; k++) {
                lo = fmin(lo, x[k]);
                hi = fmax(hi, x[k]);
            }
            row->t.x = f.ok ? f.c1 : NAN;
            row->t.se = f.ok ? f.se1 : NAN;
            row->t.pred = 1;
            row->t.alt = 0;
            vrow_decide(row);
            bprintf(nb, "- **%s** (%s): log-log slope %.3g ± %.2g over %zu points; "
                        "C_theory from %.3g to %.3g.\n",
                    c->id, c->exp, row->t.x, row->t.se, n, exp(lo), exp(hi));
        }
    }
}
