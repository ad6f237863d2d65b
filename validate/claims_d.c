/*
 * claims_d.c - D: iSTDP pins the E rate to rho_e (and, with I->I iSTDP, the I rate to
 * rho_i).
 *
 * The rule's drift vanishes when 2 tau r_e = alpha_e, i.e. r_e = rho_e; with correlated
 * input the spike-timing terms add g r_e r_i to the drift (g = cx/rx), so that
 * r_e = alpha_e / (2 tau + g) (paper/theory.md section 5).  Both are statements about the
 * limit of large networks and slow learning: at finite N the pinned rate carries
 * O(1/sqrt(N)) corrections, and at a finite learning rate a bias that grows with the size
 * of a weight step, which for iSTDP is eta sqrt(N)/abs(jnorm) of the weight.
 *
 *   D1     (I->E iSTDP, cx 0.1) the E rate extrapolated to N -> infinity,
 *          r = r_inf + a/sqrt(N), against the pin with the correlation term; the
 *          alternative is the plain pin rho_e, which ignores the correlations; the
 *          allowance is the theory's own uncertainty (the two closures of the
 *          correlation term) plus the extrapolation's (the change of r_inf under a 1/N
 *          law);
 *   D2/D3  (I->E and I->I iSTDP, cx 0) the E and I rates extrapolated to large N and
 *          slow learning at once: r = r_inf + a/sqrt(N) + b eta sqrt(N), fitted over the
 *          size sweep (one eta, many N) and the learning-rate sweep (one N, several eta),
 *          against rho; the alternative is the rate at the size sweep's largest N (the
 *          offset found there would persist); the allowance is the change of r_inf when
 *          the finite-size term is taken as 1/N instead.
 * Every run must pass the drift criterion on its plastic weights.
 */
#include "claims.h"

#include <math.h>
#include <string.h>

enum { D_CX, D_EIII };

static const vclaim claims[] = {
    {"D1", "iSTDP pins the E rate, shifted by the input correlations", "size_istdp",
     "every N", "r_e extrapolated: r_inf of r = r_inf + a/sqrt(N)", VS_TWO_SIDED, 0, "Hz",
     "allowance: the two closures of the correlation term differ by this much, plus the "
     "change of r_inf under a 1/N law (computed)", "the pin alpha_e / (2 tau + g)",
     "the plain pin rho_e (no correlation term)", NULL, D_CX * 2 + 0, 0},
    {"D2", "iSTDP on I->E and I->I pins the E rate to rho_e", "size_istdp_eiii",
     "every N, and eta_istdp_eiii: every eta", "r_e extrapolated to large N and slow "
     "learning: r_inf of r = r_inf + a/sqrt(N) + b eta sqrt(N)", VS_TWO_SIDED, 0, "Hz",
     "allowance: the change of r_inf when the finite-size term is 1/N (computed)",
     "rho_e", "the rate at the size sweep's largest N: the offset persists", NULL,
     D_EIII * 2 + 0, 0},
    {"D3", "iSTDP on I->E and I->I pins the I rate to rho_i", "size_istdp_eiii",
     "every N, and eta_istdp_eiii: every eta", "r_i extrapolated to large N and slow "
     "learning: r_inf of r = r_inf + a/sqrt(N) + b eta sqrt(N)", VS_TWO_SIDED, 0, "Hz",
     "allowance: the change of r_inf when the finite-size term is 1/N (computed)",
     "rho_i", "the rate at the size sweep's largest N: the offset persists", NULL,
     D_EIII * 2 + 1, 0},
};

static const char *const eta_exp = "eta_istdp_eiii";

/* A point's regressors and value for the joint fit, appended to the arrays. */
static size_t add_points(const vseries *s, double p, double *u, double *w, double *y,
                         double *se, size_t m, const vdata *d, const char *exp)
{
    for (size_t k = 0; k < s->n && m < 2 * VMAX_POINTS; k++) {
        const vrun *r = NULL;
        for (size_t i = 0; i < d->n && !r; i++)
            if (d->r[i].status_ok && d->r[i].cfg_ok && !strcmp(d->r[i].exp, exp) &&
                !strcmp(d->r[i].point, s->p[k].point))
                r = &d->r[i];
        if (!r)
            continue;
        double N = (double)r->N;
        u[m] = pow(N, -p);
        w[m] = r->cfg.eta_ei * sqrt(N);
        y[m] = s->p[k].mean;
        se[m++] = s->p[k].se;
    }
    return m;
}

static void eiii_row(vctx *v, vrow *row, int pop)
{
    const vclaim *c = row->c;
    const char *rname = pop ? "rate_i_hz" : "rate_e_hz";
    vseries sN, se_;
    vseries_make(v->d, c->exp, NULL, NULL, x_N, y_metric, rname, &sN);
    vseries_make(v->d, eta_exp, NULL, NULL, x_eta_sqrtN, y_metric, rname, &se_);
    if (!vrow_enough(v, row, &sN, 3))
        return;
    if (se_.n < 2) {
        char why[160];
        snprintf(why, sizeof why, "the learning-rate sweep %s.%s has %zu eta (2 needed)",
                 v->d->profile, eta_exp, se_.n);
        vrow_notrun(row, why);
        return;
    }
    double u[2 * VMAX_POINTS], w[2 * VMAX_POINTS], y[2 * VMAX_POINTS], s[2 * VMAX_POINTS];
    size_t m = add_points(&sN, 0.5, u, w, y, s, 0, v->d, c->exp);
    m = add_points(&se_, 0.5, u, w, y, s, m, v->d, eta_exp);
    vfit3 f = vstat_fit3(u, w, y, s, m);
    m = add_points(&sN, 1.0, u, w, y, s, 0, v->d, c->exp);
    m = add_points(&se_, 1.0, u, w, y, s, m, v->d, eta_exp);
    vfit3 g = vstat_fit3(u, w, y, s, m);
    const vrun *big = vdata_largest(v->d, c->exp);
    pbn_theory_fp fp;
    if (!big || vrun_fixed_point(big, 0, &fp)) {
        snprintf(row->sim, sizeof row->sim, "no fixed point");
        vrow_decide(row);
        return;
    }
    row->t.x = f.ok ? f.c[0] : NAN;
    row->t.se = f.ok ? f.se[0] : NAN;
    row->t.tol = f.ok && g.ok ? fabs(f.c[0] - g.c[0]) : 0;
    row->t.pred = fp.rate_hz[pop];
    row->t.alt = sN.p[sN.n - 1].mean;
    double w1, w2;
    int c1 = series_converged(v->d, c->exp, NULL, NULL, "jei", &w1);
    int c2 = series_converged(v->d, eta_exp, NULL, NULL, "jei", &w1);
    int c3 = series_converged(v->d, c->exp, NULL, NULL, "jii", &w2);
    int c4 = series_converged(v->d, eta_exp, NULL, NULL, "jii", &w2);
    row->t.converged = (c1 == 0 || c2 == 0 || c3 == 0 || c4 == 0) ? 0 : (c1 < 0 ? -1 : 1);
    snprintf(row->data, sizeof row->data, "%s: %zu N; %s: %zu eta at N = %ld", c->exp, sN.n,
             eta_exp, se_.n, se_.n ? se_.p[0].N : 0L);
    vrow_decide(row);
    char a[64], b[64], cc[64], dd[64];
    bprintf(&v->notes, "- **%s** (%s rate): r_inf = %s Hz, finite-size coefficient %s Hz "
                       "sqrt(N), learning-rate coefficient %s Hz per unit eta sqrt(N) "
                       "(reduced chi-square %.2g; with a 1/N finite-size term r_inf = %s Hz).\n",
            c->id, pop ? "I" : "E", f.ok ? fmt_pm(a, sizeof a, f.c[0], f.se[0]) : "n/a",
            f.ok ? fmt_pm(b, sizeof b, f.c[1], f.se[1]) : "n/a",
            f.ok ? fmt_pm(cc, sizeof cc, f.c[2], f.se[2]) : "n/a", f.ok ? f.chi2 / f.dof : NAN,
            g.ok ? fmt_pm(dd, sizeof dd, g.c[0], g.se[0]) : "n/a");
    note_series(&v->notes, &sN, "N", rname);
    note_series(&v->notes, &se_, "eta sqrt(N)", rname);
}

void claims_D(vctx *v)
{
    vbuf *nb = &v->notes;
    bprintf(nb, "\n### D. iSTDP pins the E rate to rho_e (and the I rate to rho_i with I->I "
                "iSTDP)\n\n"
                "The pin is a statement about large networks and slow learning: at finite N "
                "the pinned rate carries O(1/sqrt(N)) corrections, and at a finite learning "
                "rate a bias that grows with the relative size of a weight step, "
                "eta sqrt(N)/abs(jnorm).  D1 extrapolates in N; D2 and D3 extrapolate in N "
                "and eta sqrt(N) together, from the size sweep and a learning-rate sweep at "
                "one N.  Every run must pass the drift criterion on its plastic weights.\n\n");
    for (size_t i = 0; i < sizeof claims / sizeof claims[0]; i++) {
        const vclaim *c = &claims[i];
        vrow *row = vrow_new(v, c);
        if (!row)
            return;
        if (c->arg / 2 == D_EIII) {
            eiii_row(v, row, c->arg % 2);
            continue;
        }
        vseries s;
        vseries_make(v->d, c->exp, NULL, NULL, x_N, y_metric, "rate_e_hz", &s);
        if (!vrow_enough(v, row, &s, 3))
            continue;
        const vrun *big = vdata_largest(v->d, c->exp);
        pbn_theory_fp fc, fw, f0;
        if (vrun_fixed_point(big, PBN_THEORY_CX, &fc) ||
            vrun_fixed_point(big, PBN_THEORY_CX_WIDTH, &fw) || vrun_fixed_point(big, 0, &f0)) {
            snprintf(row->sim, sizeof row->sim, "no fixed point");
            vrow_decide(row);
            continue;
        }
        double law;
        vfit f = extrapolate_series(&s, &law);
        row->t.x = f.ok ? f.c0 : NAN;
        row->t.se = f.ok ? f.se0 : NAN;
        row->t.tol = fabs(fc.rate_hz[0] - fw.rate_hz[0]) + (isfinite(law) ? law : 0);
        row->t.pred = fc.rate_hz[0];
        row->t.alt = f0.rate_hz[0];
        double worst;
        row->t.converged = series_converged(v->d, c->exp, NULL, NULL, "jei", &worst);
        snprintf(row->data, sizeof row->data, "%s: every N (cx = %g)%s", c->exp, big->cfg.cx,
                 "");
        if (row->t.converged >= 0)
            sappend(row->data, sizeof row->data, "; largest drift %.2g %%", 100 * worst);
        vrow_decide(row);
        char a[64];
        bprintf(nb, "- **D1** (%s, cx = %g): r_inf = %s Hz (a 1/N law moves it by %.2g Hz); "
                    "pin with the correlation term %.3g Hz (finite-width closure %.3g Hz), "
                    "plain pin %.3g Hz.\n",
                c->exp, big->cfg.cx, f.ok ? fmt_pm(a, sizeof a, f.c0, f.se0) : "no fit", law,
                fc.rate_hz[0], fw.rate_hz[0], f0.rate_hz[0]);
        note_series(nb, &s, "N", "rate_e_hz");
        vseries sd;
        vseries_make(v->d, c->exp, NULL, NULL, x_N, y_drift, "jei", &sd);
        note_series(nb, &sd, "N", "drift of jei (last two quarters)");
    }
}
