/*
 * theory.c - the balanced state: mean-field matrices, rates, spike-count covariances and
 * the mean drift of every plasticity rule.
 *
 * Why: these are the building blocks of every prediction (paper/model.md section 6).  The
 * fixed points (theory_fixed.c), the transients (theory_ode.c) and the list of
 * predictions (theory_report.c) are all computed from the functions here, so a formula
 * exists once.
 *
 * Representation: a pbn_theory_mf holds W (2x2) and Wx (2) for one configuration and one
 * set of unscaled weights; rates are the solution of the 2x2 linear system
 * W r = -Wx rx, solved by LU decomposition (gsl_linalg) with an explicit test of
 * singularity relative to the size of the terms of det W (so a matrix that is singular
 * in exact arithmetic but not in floating point is still called singular).
 */
#include "theory_internal.h"

#include <stdio.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_sf_erf.h>
#include <math.h>
#include <string.h>

/* |det W| at or below this fraction of |W00 W11| + |W01 W10| counts as singular. */
#define SINGULAR_REL 1e-12

void theory_rules(const pbn_config *cfg, int rule[PBN_NRECURRENT])
{
    rule[PBN_EE] = cfg->plastic_ee;
    rule[PBN_EI] = cfg->plastic_ei;
    rule[PBN_IE] = cfg->plastic_ie;
    rule[PBN_II] = cfg->plastic_ii;
}

double theory_gfac(const pbn_config *cfg, unsigned flags)
{
    if (!(flags & (PBN_THEORY_CX | PBN_THEORY_CX_WIDTH)) || cfg->cx <= 0 || cfg->rx <= 0)
        return 0.0;
    double g = cfg->cx / (cfg->rx * 1e-3);
    if (flags & PBN_THEORY_CX_WIDTH) {
        /* int_0^inf exp(-s/tau) N(s; 0, sigma) ds = (1/2) exp(x^2/2) erfc(x/sqrt 2),
           x = sigma/tau, sigma = sqrt(2) tau_jitter (written with log erfc: no overflow) */
        double x = M_SQRT2 * cfg->tau_jitter / cfg->tau_stdp;
        g *= exp(0.5 * x * x + gsl_sf_log_erfc(x / M_SQRT2));
    }
    return g;
}

void pbn_theory_config_weights(const pbn_config *cfg, double j[PBN_NBLOCKS])
{
    j[PBN_EE] = cfg->jee;
    j[PBN_EI] = cfg->jei;
    j[PBN_IE] = cfg->jie;
    j[PBN_II] = cfg->jii;
    j[PBN_EX] = cfg->jex;
    j[PBN_IX] = cfg->jix;
}

void pbn_theory_mf_build(const pbn_config *cfg, const double *j, unsigned flags,
                         pbn_theory_mf *mf)
{
    double jc[PBN_NBLOCKS];
    if (!j) {
        pbn_theory_config_weights(cfg, jc);
        j = jc;
    }
    memset(mf, 0, sizeof *mf);
    mf->N = cfg->N;
    mf->Ne = pbn_config_ne(cfg);
    mf->Ni = pbn_config_ni(cfg);
    mf->Nx = pbn_config_nx(cfg);
    mf->q[0] = (double)mf->Ne / (double)mf->N;
    mf->q[1] = (double)mf->Ni / (double)mf->N;
    mf->qx = (double)mf->Nx / (double)mf->N;
    mf->k[0] = mf->k[1] = 1.0;
    if (flags & PBN_THEORY_EFFECTIVE) {
        /* A recurrent increment is decayed once before V sees it (paper/model.md section 3). */
        mf->k[0] = 1.0 - cfg->dt / cfg->tau_e;
        mf->k[1] = 1.0 - cfg->dt / cfg->tau_i;
    }
    const double p = cfg->p;
    mf->W[0][0] = p * j[PBN_EE] * mf->q[0] * mf->k[0];
    mf->W[0][1] = p * j[PBN_EI] * mf->q[1] * mf->k[1];
    mf->W[1][0] = p * j[PBN_IE] * mf->q[0] * mf->k[0];
    mf->W[1][1] = p * j[PBN_II] * mf->q[1] * mf->k[1];
    mf->Wx[0] = p * j[PBN_EX] * mf->qx;
    mf->Wx[1] = p * j[PBN_IX] * mf->qx;
    mf->rx = cfg->rx * 1e-3;
}

int theory_solve(const pbn_theory_mf *mf, const double *c, double r[2], double *det)
{
    double a[4] = {mf->W[0][0], mf->W[0][1], mf->W[1][0], mf->W[1][1]};
    double b[2] = {-(mf->Wx[0] * mf->rx + (c ? c[0] : 0.0)),
                   -(mf->Wx[1] * mf->rx + (c ? c[1] : 0.0))};
    double scale = fabs(a[0] * a[3]) + fabs(a[1] * a[2]);
    size_t pdata[2];
    gsl_permutation perm = {2, pdata};
    gsl_matrix_view m = gsl_matrix_view_array(a, 2, 2);
    gsl_vector_view bv = gsl_vector_view_array(b, 2);
    gsl_vector_view rv = gsl_vector_view_array(r, 2);
    int signum = 1;
    r[0] = r[1] = NAN;
    if (gsl_linalg_LU_decomp(&m.matrix, &perm, &signum) != GSL_SUCCESS) {
        *det = 0.0;
        return -1;
    }
    *det = gsl_linalg_LU_det(&m.matrix, signum);
    if (!(fabs(*det) > SINGULAR_REL * scale))
        return -1;
    if (gsl_linalg_LU_solve(&m.matrix, &perm, &bv.vector, &rv.vector) != GSL_SUCCESS)
        return -1;
    return 0;
}

/* The error of an invalid balance, prefixed by where it happened (may be ""). */
static int balance_error(const pbn_theory_mf *mf, int singular, double det, const double r[2],
                         const char *where, pbn_error *err)
{
    if (singular)
        return pbn_error_set(err, PBN_ETHEORY,
                             "balance impossible%s: W = [[%.6g, %.6g], [%.6g, %.6g]] is singular "
                             "(det W = %.3g), so the balanced rates r = -W^-1 Wx rx are not "
                             "determined",
                             where, mf->W[0][0], mf->W[0][1], mf->W[1][0], mf->W[1][1],
                             isfinite(det) ? det + 0.0 : /* LU of a zero matrix: 0/0 */
                                 mf->W[0][0] * mf->W[1][1] - mf->W[0][1] * mf->W[1][0] + 0.0);
    return pbn_error_set(err, PBN_ETHEORY,
                         "balance impossible%s: the balanced rates r = -W^-1 Wx rx are "
                         "r_e = %.6g Hz, r_i = %.6g Hz; both must be positive",
                         where, r[0] * 1e3 + 0.0, r[1] * 1e3 + 0.0); /* + 0.0: no "-0" */
}

int pbn_theory_mf_rates(const pbn_theory_mf *mf, const double *c, double r_khz[2],
                        pbn_error *err)
{
    gsl_error_handler_t *h = theory_gsl_quiet();
    double det;
    int singular = theory_solve(mf, c, r_khz, &det) != 0;
    int rc = PBN_OK;
    if (singular || !(r_khz[0] > 0 && r_khz[1] > 0))
        rc = balance_error(mf, singular, det, r_khz, "", err);
    theory_gsl_restore(h);
    return rc;
}

int theory_rates_khz(const pbn_config *cfg, const double *j, unsigned flags, const double *c,
                     double r[2], pbn_error *err)
{
    double jc[PBN_NBLOCKS], det;
    pbn_theory_mf mf;
    if (!j) {
        pbn_theory_config_weights(cfg, jc);
        j = jc;
    }
    pbn_theory_mf_build(cfg, j, flags, &mf);
    int singular = theory_solve(&mf, c, r, &det) != 0;
    if (singular || !(r[0] > 0 && r[1] > 0)) {
        char where[200];
        snprintf(where, sizeof where, " at jee = %.6g, jei = %.6g, jie = %.6g, jii = %.6g%s",
                 j[PBN_EE], j[PBN_EI], j[PBN_IE], j[PBN_II],
                 (flags & PBN_THEORY_EFFECTIVE) ? " (effective weights)" : "");
        return balance_error(&mf, singular, det, r, where, err);
    }
    return PBN_OK;
}

int pbn_theory_rates(const pbn_config *cfg, const double *j, unsigned flags,
                     double rate_hz[2], pbn_error *err)
{
    rate_hz[0] = rate_hz[1] = NAN;
    if (pbn_config_validate(cfg, err) != PBN_OK)
        return PBN_EINVAL;
    gsl_error_handler_t *h = theory_gsl_quiet();
    double r[2];
    int rc = theory_rates_khz(cfg, j, flags, NULL, r, err);
    rate_hz[0] = r[0] * 1e3;
    rate_hz[1] = r[1] * 1e3;
    theory_gsl_restore(h);
    return rc;
}

int pbn_theory_covariance(const pbn_config *cfg, const double *j, unsigned flags,
                          pbn_theory_cov *out, pbn_error *err)
{
    for (int k = 0; k < 3; k++)
        out->cov[k] = out->corr[k] = NAN;
    out->var[0] = out->var[1] = out->rate_hz[0] = out->rate_hz[1] = out->s = NAN;
    if (pbn_config_validate(cfg, err) != PBN_OK)
        return PBN_EINVAL;
    gsl_error_handler_t *h = theory_gsl_quiet();
    double r[2];
    int rc = theory_rates_khz(cfg, j, flags, NULL, r, err);
    theory_gsl_restore(h);
    out->rate_hz[0] = r[0] * 1e3;
    out->rate_hz[1] = r[1] * 1e3;
    out->window = cfg->cov_window;
    const double rx = cfg->rx * 1e-3, cx = cfg->cx;
    const double nx = (double)pbn_config_nx(cfg);
    /* Input term: the variance per unit time of the population-averaged X count,
       rx (cx + (1 - cx)/Nx); the originals keep only its leading part. */
    if (flags & PBN_THEORY_EXACT_INPUT)
        out->s = rx * (cx + (1.0 - cx) / nx);
    else
        out->s = cx > 0 ? cx * rx : rx / nx;
    if (rc != PBN_OK)
        return rc;
    /* v = W^-1 Wx = -r/rx, so C_ab = Tw s v_a v_b = Tw s r_a r_b / rx^2. */
    const double Tw = cfg->cov_window;
    const double v[2] = {-r[0] / rx, -r[1] / rx};
    out->cov[PBN_THEORY_EE] = Tw * out->s * v[0] * v[0];
    out->cov[PBN_THEORY_EI] = Tw * out->s * v[0] * v[1];
    out->cov[PBN_THEORY_II] = Tw * out->s * v[1] * v[1];
    out->var[0] = r[0] * Tw;
    out->var[1] = r[1] * Tw;
    out->corr[PBN_THEORY_EE] = out->cov[PBN_THEORY_EE] / out->var[0];
    out->corr[PBN_THEORY_EI] = out->cov[PBN_THEORY_EI] / sqrt(out->var[0] * out->var[1]);
    out->corr[PBN_THEORY_II] = out->cov[PBN_THEORY_II] / out->var[1];
    return PBN_OK;
}

/*
 * The drift of each rule, derived in paper/theory.md from the update table of paper/model.md
 * section 4: each pre-spike term occurs at the presynaptic rate and sees the postsynaptic
 * trace (mean tau r_post, plus C~- with correlations), each post-spike term occurs at the
 * postsynaptic rate and sees the presynaptic trace (tau r_pre, plus C~+).  With the
 * narrow symmetric cross-covariance of the correlated input, C~+ = C~- = (g/2) r_a r_b
 * with g = cx/rx (theory_gfac).
 */
int theory_drift(const pbn_config *cfg, unsigned flags, const double j[PBN_NBLOCKS],
                 double djdt[PBN_NBLOCKS], double r_khz[2], pbn_error *err)
{
    int rule[PBN_NRECURRENT];
    double r[2];
    for (int b = 0; b < PBN_NBLOCKS; b++)
        djdt[b] = 0.0;
    int rc = theory_rates_khz(cfg, j, flags, NULL, r, err);
    if (r_khz) {
        r_khz[0] = r[0];
        r_khz[1] = r[1];
    }
    if (rc != PBN_OK)
        return rc;
    theory_rules(cfg, rule);
    const double tau = cfg->tau_stdp, g = theory_gfac(cfg, flags);
    const double taup = tau + 0.5 * g; /* tau r_a r_b + C~(one side) = taup r_a r_b */
    const double sq = sqrt((double)cfg->N);
    const double re = r[0], ri = r[1];

    switch (rule[PBN_EE]) {
    case PBN_EE_HEBB_SOFT: /* R1 */
        djdt[PBN_EE] = -cfg->eta_ee * taup * re * re * (j[PBN_EE] - cfg->jmax_ee);
        break;
    case PBN_EE_KOHONEN: /* R3 */
        djdt[PBN_EE] = cfg->eta_ee * re * (cfg->beta * taup * re - j[PBN_EE]);
        break;
    default: /* none; R2: rate terms cancel, and C~+ = C~- under the symmetric closure */
        break;
    }
    if (rule[PBN_EI] == PBN_EI_ISTDP) { /* R4 */
        double alpha = 2.0 * cfg->rho_e * 1e-3 * tau;
        djdt[PBN_EI] = -(cfg->eta_ei * sq / cfg->jnorm_ei) * j[PBN_EI] *
                       (ri * ((2.0 * tau + g) * re - alpha));
    }
    if (rule[PBN_II] == PBN_II_ISTDP) { /* R5 */
        double alpha = 2.0 * cfg->rho_i * 1e-3 * tau;
        djdt[PBN_II] = -(cfg->eta_ii * sq / cfg->jnorm_ii) * j[PBN_II] *
                       (ri * ((2.0 * tau + g) * ri - alpha));
    }
    if (rule[PBN_IE] == PBN_IE_HOMEO) { /* R6 */
        double alpha = 2.0 * cfg->rho_ie * 1e-3 * tau;
        djdt[PBN_IE] = -(cfg->eta_ie * sq / cfg->jnorm_ie) * j[PBN_IE] *
                       (re * ((2.0 * tau + g) * ri - alpha));
    } else if (rule[PBN_IE] == PBN_IE_HEBB_SOFT) { /* R7 */
        djdt[PBN_IE] = -cfg->eta_ie * taup * re * ri * (j[PBN_IE] - cfg->jmax_ie);
    }
    return PBN_OK;
}

int pbn_theory_drift(const pbn_config *cfg, unsigned flags, const double j[PBN_NBLOCKS],
                     double djdt[PBN_NBLOCKS], pbn_error *err)
{
    if (pbn_config_validate(cfg, err) != PBN_OK) {
        for (int b = 0; b < PBN_NBLOCKS; b++)
            djdt[b] = NAN;
        return PBN_EINVAL;
    }
    gsl_error_handler_t *h = theory_gsl_quiet();
    int rc = theory_drift(cfg, flags, j, djdt, NULL, err);
    theory_gsl_restore(h);
    return rc;
}
