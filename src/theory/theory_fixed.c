/*
 * theory_fixed.c - where the plastic weights settle: the fixed point of every rule and
 * rule combination, the two Kohonen roots and their saddle node, and the corrected I->E
 * manifold solve.
 *
 * Why: the paper compares the final mean weights of its runs with these numbers
 * (paper/model.md section 6).  They must follow from the configuration alone.
 *
 * How.  Each rule either fixes a weight (R1 j_ee = jmax_ee, R7 j_ie = jmax_ie), fixes a
 * rate (R4 r_e, R5 and R6 r_i: their drift is proportional to (2 tau + g) r - alpha), or,
 * for R3, ties j_ee to the E rate (j_ee = b tau' r_e).  With the pinned rates known, the
 * two balance equations W r + Wx rx = 0 are linear in the unknown rates and weights and
 * are solved row by row.  When no rate is pinned and R3 is on, j_ee solves
 * j = b tau' r_e(j): with one weight varying, det W and the numerators of the rates are
 * affine in it, so the set of weights that give positive balanced rates is a union of
 * intervals with computable ends; on each, h(j) = j/(tau' r_e(j)) (the b for which j is
 * a root) is maximised by Brent minimisation (its maximum is the saddle-node b), and the
 * roots on either side of the maximum are found by Brent's method.  The same interval
 * logic brackets the manifold solve.  Stability comes from the eigenvalues of the
 * Jacobian of the drift (central differences, gsl_eigen_nonsymm).
 */
#include "theory_internal.h"

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_roots.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define SCAN 256        /* points of the coarse scan that brackets a maximum */
#define EDGE 1e-9       /* interval ends are approached to this fraction of the width */
#define MAX_ITER 200

/* ---- one weight varied ---------------------------------------------------------------- */

/* det W and the numerators of r_e = ne/det and r_i = ni/det as affine functions a0 + a1 j. */
typedef struct line {
    double d[2], ne[2], ni[2];
} line;

static double aff(const double a[2], double x) { return a[0] + a[1] * x; }

static void line_coeffs(const pbn_config *cfg, unsigned flags, const double jbase[PBN_NBLOCKS],
                        int blk, const double *c, line *L)
{
    double j[PBN_NBLOCKS], d[2], ne[2], ni[2];
    memcpy(j, jbase, sizeof j);
    for (int k = 0; k < 2; k++) {
        pbn_theory_mf mf;
        j[blk] = (double)k;
        pbn_theory_mf_build(cfg, j, flags, &mf);
        double u0 = mf.Wx[0] * mf.rx + (c ? c[0] : 0.0);
        double u1 = mf.Wx[1] * mf.rx + (c ? c[1] : 0.0);
        d[k] = mf.W[0][0] * mf.W[1][1] - mf.W[0][1] * mf.W[1][0];
        ne[k] = -(mf.W[1][1] * u0 - mf.W[0][1] * u1);
        ni[k] = mf.W[1][0] * u0 - mf.W[0][0] * u1;
    }
    L->d[0] = d[0], L->d[1] = d[1] - d[0];
    L->ne[0] = ne[0], L->ne[1] = ne[1] - ne[0];
    L->ni[0] = ni[0], L->ni[1] = ni[1] - ni[0];
}

/* The sub-intervals of (lo, hi) on which both balanced rates are positive. */
static size_t positive_intervals(const line *L, double lo, double hi, double iv[][2], size_t max)
{
    double pts[5];
    size_t np = 0, n = 0;
    const double *f[3] = {L->d, L->ne, L->ni};
    pts[np++] = lo;
    for (int k = 0; k < 3; k++)
        if (f[k][1] != 0) {
            double z = -f[k][0] / f[k][1];
            if (z > lo && z < hi)
                pts[np++] = z;
        }
    pts[np++] = hi;
    for (size_t a = 1; a < np; a++) /* insertion sort of at most 5 points */
        for (size_t b = a; b > 0 && pts[b - 1] > pts[b]; b--) {
            double t = pts[b];
            pts[b] = pts[b - 1];
            pts[b - 1] = t;
        }
    for (size_t a = 0; a + 1 < np && n < max; a++) {
        double x0 = pts[a], x1 = pts[a + 1], m = 0.5 * (x0 + x1), d = aff(L->d, m);
        if (!(x1 > x0) || d == 0)
            continue;
        if (aff(L->ne, m) / d > 0 && aff(L->ni, m) / d > 0) {
            iv[n][0] = x0;
            iv[n][1] = x1;
            n++;
        }
    }
    return n;
}

/* ---- GSL one-dimensional solvers ------------------------------------------------------ */

/* Minimise f on [a, b] from m with f(m) < f(a), f(b); -1 on failure. */
static int minimise(double (*f)(double, void *), void *p, double a, double m, double b,
                    double *x)
{
    gsl_function F = {f, p};
    gsl_min_fminimizer *s = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
    int rc = -1;
    if (!s)
        return -1;
    if (gsl_min_fminimizer_set(s, &F, m, a, b) == GSL_SUCCESS) {
        for (int it = 0; it < MAX_ITER; it++) {
            if (gsl_min_fminimizer_iterate(s) != GSL_SUCCESS)
                break;
            double lo = gsl_min_fminimizer_x_lower(s), hi = gsl_min_fminimizer_x_upper(s);
            /* x is only determined to about sqrt(machine epsilon) at a smooth minimum, so
               ask for 1e-6 relative; the value there is then exact to ~1e-12 relative
               (second order), which is what the callers use */
            if (gsl_min_test_interval(lo, hi, 1e-12, 1e-6) == GSL_SUCCESS) {
                rc = 0;
                break;
            }
        }
        *x = gsl_min_fminimizer_x_minimum(s);
    }
    gsl_min_fminimizer_free(s);
    return rc;
}

/* A root of f in [a, b] (f(a), f(b) of opposite signs) by Brent's method; -1 on failure. */
static int root(double (*f)(double, void *), void *p, double a, double b, double *x)
{
    gsl_function F = {f, p};
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    int rc = -1;
    if (!s)
        return -1;
    if (gsl_root_fsolver_set(s, &F, a, b) == GSL_SUCCESS) {
        for (int it = 0; it < MAX_ITER; it++) {
            if (gsl_root_fsolver_iterate(s) != GSL_SUCCESS)
                break;
            double lo = gsl_root_fsolver_x_lower(s), hi = gsl_root_fsolver_x_upper(s);
            if (gsl_root_test_interval(lo, hi, 1e-13, 1e-14) == GSL_SUCCESS) {
                rc = 0;
                break;
            }
        }
        *x = gsl_root_fsolver_root(s);
    }
    gsl_root_fsolver_free(s);
    return rc;
}

/* ---- fixed-point record --------------------------------------------------------------- */

static void fp_init(pbn_theory_fp *fp, const pbn_config *cfg)
{
    memset(fp, 0, sizeof *fp);
    fp->status = PBN_FP_NONE;
    pbn_theory_config_weights(cfg, fp->j);
    fp->rate_hz[0] = fp->rate_hz[1] = NAN;
    fp->max_re_eig = NAN;
    fp->n_roots = -1;
    fp->jee_root[0] = fp->jee_root[1] = NAN;
    fp->root_slope[0] = fp->root_slope[1] = NAN;
    fp->b_saddle_node = NAN;
}

/* Append a remark to fp->note ("; " between remarks). */
static void fp_note(pbn_theory_fp *fp, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fp_note(pbn_theory_fp *fp, const char *fmt, ...)
{
    size_t n = strlen(fp->note);
    if (n && n + 2 < sizeof fp->note) {
        memcpy(fp->note + n, "; ", 3);
        n += 2;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(fp->note + n, sizeof fp->note - n, fmt, ap);
    va_end(ap);
}

/* ---- Kohonen (R3) ----------------------------------------------------------------------- */

typedef struct kfun {
    const pbn_config *cfg;
    unsigned flags;
    double j[PBN_NBLOCKS]; /* the other weights; j[PBN_EE] is overwritten */
    double taup;           /* tau' = tau + g/2 */
    double K;              /* b tau' */
} kfun;

static double k_re(kfun *k, double x)
{
    pbn_theory_mf mf;
    double r[2], det;
    k->j[PBN_EE] = x;
    pbn_theory_mf_build(k->cfg, k->j, k->flags, &mf);
    return theory_solve(&mf, NULL, r, &det) == 0 ? r[0] : NAN;
}

/* h(j) = j/(tau' r_e(j)): the b for which j solves j = b tau' r_e(j); minus h for gsl_min. */
static double k_h(double x, void *p)
{
    kfun *k = p;
    return x / (k->taup * k_re(k, x));
}
static double k_negh(double x, void *p) { return -k_h(x, p); }

/* g(j) = b tau' r_e(j) - j: zero at a fixed point; the drift is eta r_e g. */
static double k_g(double x, void *p)
{
    kfun *k = p;
    return k->K * k_re(k, x) - x;
}

/*
 * Roots of j = b tau' r_e(j) over j > 0 with positive rates (b > 0), their slopes
 * d(drift)/dj = eta r_e g'(j) and the saddle node b.  fp->j supplies the other weights.
 */
static int kohonen_analyse(const pbn_config *cfg, unsigned flags, double b, pbn_theory_fp *fp)
{
    kfun k = {cfg, flags, {0}, 0, 0};
    line L;
    double iv[4][2], roots[4], bsn = NAN;
    size_t nroots = 0;
    memcpy(k.j, fp->j, sizeof k.j);
    k.taup = cfg->tau_stdp + 0.5 * theory_gfac(cfg, flags);
    k.K = b * k.taup;
    line_coeffs(cfg, flags, k.j, PBN_EE, NULL, &L);
    size_t niv = positive_intervals(&L, 0.0, pbn_config_param("jee")->max, iv, 4);
    for (size_t q = 0; q < niv; q++) {
        double a = iv[q][0], c = iv[q][1], w = c - a;
        double xs[SCAN + 1], hs[SCAN + 1];
        size_t imax = 0;
        for (int s = 0; s <= SCAN; s++) {
            xs[s] = s == 0 ? a + EDGE * w : s == SCAN ? c - EDGE * w : a + w * s / SCAN;
            hs[s] = k_h(xs[s], &k);
            if (hs[s] > hs[imax])
                imax = (size_t)s;
        }
        double xm = xs[imax], hm = hs[imax];
        if (imax > 0 && imax < SCAN) {
            /* an interior maximum of h: the two roots meet there when b = h_max */
            if (minimise(k_negh, &k, xs[imax - 1], xs[imax], xs[imax + 1], &xm) != 0)
                return -1;
            hm = k_h(xm, &k);
            if (!(bsn >= hm))
                bsn = hm;
        }
        if (b > hm)
            continue;
        if (b == hm) {
            roots[nroots++] = xm;
            continue;
        }
        /* g = tau' r_e (b - h): positive where h < b, negative at the maximum */
        if (k_g(xs[0], &k) > 0 && nroots < 4 && root(k_g, &k, xs[0], xm, &roots[nroots]) == 0)
            nroots++;
        if (k_g(xs[SCAN], &k) > 0 && nroots < 4 &&
            root(k_g, &k, xm, xs[SCAN], &roots[nroots]) == 0)
            nroots++;
    }
    fp->b_saddle_node = bsn;
    fp->n_roots = nroots > 2 ? 2 : (int)nroots;
    for (size_t s = 0; s < nroots && s < 2; s++) {
        double x = roots[s], d = aff(L.d, x), ne = aff(L.ne, x);
        double re = ne / d, dre = (L.ne[1] * d - ne * L.d[1]) / (d * d);
        fp->jee_root[s] = x;
        fp->root_slope[s] = cfg->eta_ee * re * (k.K * dre - 1.0);
    }
    if (nroots > 2)
        fp_note(fp, "R3: %zu roots of j = b tau r_e(j); the two smallest are reported", nroots);
    return 0;
}

/* ---- stability ------------------------------------------------------------------------ */

/* Largest real part of the eigenvalues of d(drift)/dj over the plastic blocks (1/ms). */
static double max_real_eig(const pbn_config *cfg, unsigned flags, const double j[PBN_NBLOCKS])
{
    int rule[PBN_NRECURRENT], idx[PBN_NRECURRENT], m = 0;
    double A[16], best = NAN;
    theory_rules(cfg, rule);
    for (int b = 0; b < PBN_NRECURRENT; b++)
        if (rule[b] != 0)
            idx[m++] = b;
    if (m == 0)
        return NAN;
    for (int c = 0; c < m; c++) {
        double jp[PBN_NBLOCKS], jm[PBN_NBLOCKS], dp[PBN_NBLOCKS], dm[PBN_NBLOCKS];
        double hstep = 1e-6 * fmax(1.0, fabs(j[idx[c]]));
        memcpy(jp, j, sizeof jp);
        memcpy(jm, j, sizeof jm);
        jp[idx[c]] += hstep;
        jm[idx[c]] -= hstep;
        if (theory_drift(cfg, flags, jp, dp, NULL, NULL) != PBN_OK ||
            theory_drift(cfg, flags, jm, dm, NULL, NULL) != PBN_OK)
            return NAN;
        for (int r = 0; r < m; r++)
            A[r * m + c] = (dp[idx[r]] - dm[idx[r]]) / (2.0 * hstep);
    }
    gsl_matrix_view Av = gsl_matrix_view_array(A, (size_t)m, (size_t)m);
    gsl_eigen_nonsymm_workspace *w = gsl_eigen_nonsymm_alloc((size_t)m);
    gsl_vector_complex *ev = gsl_vector_complex_alloc((size_t)m);
    if (w && ev && gsl_eigen_nonsymm(&Av.matrix, ev, w) == GSL_SUCCESS) {
        best = -INFINITY;
        for (int r = 0; r < m; r++)
            best = fmax(best, GSL_REAL(gsl_vector_complex_get(ev, (size_t)r)));
    }
    if (ev)
        gsl_vector_complex_free(ev);
    if (w)
        gsl_eigen_nonsymm_free(w);
    return best;
}

/* ---- the fixed point -------------------------------------------------------------------- */

/* Rates at fp->j; status OK with stability, or NONE with the reason. */
static void fp_finish(const pbn_config *cfg, unsigned flags, pbn_theory_fp *fp)
{
    pbn_error e = {0, ""};
    double r[2];
    if (theory_rates_khz(cfg, fp->j, flags, NULL, r, &e) != PBN_OK) {
        fp->status = PBN_FP_NONE;
        fp_note(fp, "no fixed point: %s", e.msg);
        return;
    }
    fp->status = PBN_FP_OK;
    fp->rate_hz[0] = r[0] * 1e3;
    fp->rate_hz[1] = r[1] * 1e3;
    fp->max_re_eig = max_real_eig(cfg, flags, fp->j);
    if (fp->max_re_eig > 0)
        fp_note(fp, "the fixed point is unstable (largest eigenvalue real part %.3g per ms)",
                fp->max_re_eig);
}

static int fixed_point(const pbn_config *cfg, unsigned flags, pbn_theory_fp *fp, pbn_error *err)
{
    int rule[PBN_NRECURRENT];
    fp_init(fp, cfg);
    theory_rules(cfg, rule);
    if (!rule[PBN_EE] && !rule[PBN_EI] && !rule[PBN_IE] && !rule[PBN_II]) {
        pbn_error e = {0, ""};
        double r[2];
        if (theory_rates_khz(cfg, fp->j, flags, NULL, r, &e) != PBN_OK) {
            fp_note(fp, "%s", e.msg);
            return PBN_OK; /* status stays PBN_FP_NONE */
        }
        fp->status = PBN_FP_STATIC;
        fp->rate_hz[0] = r[0] * 1e3;
        fp->rate_hz[1] = r[1] * 1e3;
        return PBN_OK;
    }
    const double tau = cfg->tau_stdp, g = theory_gfac(cfg, flags), taup = tau + 0.5 * g;
    const int kohonen = rule[PBN_EE] == PBN_EE_KOHONEN;
    const double K = cfg->beta * taup;

    /* rules that fix a weight */
    if (rule[PBN_EE] == PBN_EE_HEBB_SOFT) {
        fp->j[PBN_EE] = cfg->jmax_ee;
        fp->set[PBN_EE] = 1;
    }
    if (rule[PBN_IE] == PBN_IE_HEBB_SOFT) {
        fp->j[PBN_IE] = cfg->jmax_ie;
        fp->set[PBN_IE] = 1;
    }
    if (rule[PBN_EE] == PBN_EE_HEBB_ADD)
        fp_note(fp, "R2 (additive Hebbian): the rate terms of the drift cancel and correlations "
                    "alone drive it, so there is no rate fixed point for jee (kept at %g)",
                cfg->jee);

    /* rules that fix a rate: (2 tau + g) r = alpha = 2 rho tau */
    const int r4 = rule[PBN_EI] == PBN_EI_ISTDP, r5 = rule[PBN_II] == PBN_II_ISTDP,
              r6 = rule[PBN_IE] == PBN_IE_HOMEO;
    if (r5 && r6) {
        fp_note(fp, "R5 and R6 both pin the I rate (rho_i = %g Hz, rho_ie = %g Hz): %s",
                cfg->rho_i, cfg->rho_ie,
                cfg->rho_i == cfg->rho_ie ? "jii and jie are not determined separately"
                                          : "no fixed point satisfies both");
        return PBN_OK;
    }
    const double pin = 2.0 * tau / (2.0 * tau + g);
    const double pin_e = r4 ? pin * cfg->rho_e * 1e-3 : NAN;
    const double pin_i = r5 ? pin * cfg->rho_i * 1e-3 : r6 ? pin * cfg->rho_ie * 1e-3 : NAN;

    if (!r4 && !r5 && !r6) {
        if (kohonen) {
            if (!(cfg->beta > 0)) {
                fp_note(fp, "R3 (Kohonen): beta = %g; the analysis needs beta > 0", cfg->beta);
                return PBN_OK;
            }
            if (kohonen_analyse(cfg, flags, cfg->beta, fp) != 0)
                return pbn_error_set(err, PBN_ETHEORY,
                                     "R3 (Kohonen): GSL root finding failed at beta = %g",
                                     cfg->beta);
            if (fp->n_roots == 0) {
                if (isnan(fp->b_saddle_node))
                    fp_note(fp, "R3 (Kohonen): no root of j = b tau r_e(j) with positive rates");
                else
                    fp_note(fp,
                            "R3 (Kohonen): no fixed point: beta = %g is beyond the saddle node "
                            "b = %.6g where the stable and unstable roots meet; the E->E "
                            "weights run away",
                            cfg->beta, fp->b_saddle_node);
                return PBN_OK;
            }
            fp->j[PBN_EE] = fp->jee_root[0];
            fp->set[PBN_EE] = 1;
        }
        fp_finish(cfg, flags, fp);
        return PBN_OK;
    }

    /* At least one rate is pinned: solve the balance rows for the rest. */
    pbn_theory_mf mf;
    double re = pin_e, ri = pin_i;
    if (r4 && kohonen) {
        fp->j[PBN_EE] = K * re;
        fp->set[PBN_EE] = 1;
    }
    pbn_theory_mf_build(cfg, fp->j, flags, &mf);
    const double u0 = mf.Wx[0] * mf.rx, u1 = mf.Wx[1] * mf.rx;
    const double se = cfg->p * mf.q[0] * mf.k[0], si = cfg->p * mf.q[1] * mf.k[1];
    if (r4 && !r5 && !r6) {
        /* row 2 has no unknown weight: W_ie r_e + W_ii r_i + Wx_i rx = 0 */
        if (mf.W[1][1] == 0) {
            fp_note(fp, "R4: jii = 0, so the balance does not determine the I rate");
            return PBN_OK;
        }
        ri = -(mf.W[1][0] * re + u1) / mf.W[1][1];
        if (!(ri > 0)) {
            fp_note(fp, "R4: with r_e pinned at %.6g Hz the balanced I rate would be %.6g Hz",
                    re * 1e3, ri * 1e3);
            return PBN_OK;
        }
    } else if (!r4) {
        /* row 1 gives the E rate: W_ee r_e + W_ei r_i + Wx_e rx = 0 */
        if (kohonen) {
            double a = se * K, B = mf.W[0][1] * ri + u0; /* a r_e^2 + B = 0 */
            if (!(a > 0 && B < 0)) {
                fp_note(fp, "R3 with %s pinning the I rate at %.6g Hz: no positive E rate",
                        r5 ? "R5" : "R6", ri * 1e3);
                return PBN_OK;
            }
            re = sqrt(-B / a);
            fp->j[PBN_EE] = K * re;
            fp->set[PBN_EE] = 1;
            pbn_theory_mf_build(cfg, fp->j, flags, &mf);
        } else {
            if (mf.W[0][0] == 0) {
                fp_note(fp, "%s: jee = 0, so with the I rate pinned the balance does not "
                            "determine the E rate", r5 ? "R5" : "R6");
                return PBN_OK;
            }
            re = -(mf.W[0][1] * ri + u0) / mf.W[0][0];
        }
        if (!(re > 0)) {
            fp_note(fp, "%s: with r_i pinned at %.6g Hz the balanced E rate would be %.6g Hz",
                    r5 ? "R5" : "R6", ri * 1e3, re * 1e3);
            return PBN_OK;
        }
    }
    if (r4) { /* row 1: W_ei = -(W_ee r_e + Wx_e rx)/r_i */
        double jei = -(mf.W[0][0] * re + u0) / ri / si;
        if (!(jei < 0)) {
            fp_note(fp, "R4: reaching r_e = %.6g Hz would need an I->E weight %.6g >= 0",
                    re * 1e3, jei);
            return PBN_OK;
        }
        fp->j[PBN_EI] = jei;
        fp->set[PBN_EI] = 1;
    }
    if (r5) { /* row 2: W_ii = -(W_ie r_e + Wx_i rx)/r_i */
        double jii = -(mf.W[1][0] * re + u1) / ri / si;
        if (!(jii < 0)) {
            fp_note(fp, "R5: reaching r_i = %.6g Hz would need an I->I weight %.6g >= 0",
                    ri * 1e3, jii);
            return PBN_OK;
        }
        fp->j[PBN_II] = jii;
        fp->set[PBN_II] = 1;
    }
    if (r6) { /* row 2: W_ie = -(W_ii r_i + Wx_i rx)/r_e */
        double jie = -(mf.W[1][1] * ri + u1) / re / se;
        if (!(jie > 0)) {
            fp_note(fp, "R6: reaching r_i = %.6g Hz would need an E->I weight %.6g <= 0",
                    ri * 1e3, jie);
            return PBN_OK;
        }
        fp->j[PBN_IE] = jie;
        fp->set[PBN_IE] = 1;
    }
    if (kohonen) {
        fp->n_roots = 1;
        fp->jee_root[0] = fp->j[PBN_EE];
    }
    fp_finish(cfg, flags, fp);
    return PBN_OK;
}

int pbn_theory_fixed_point(const pbn_config *cfg, unsigned flags, pbn_theory_fp *fp,
                           pbn_error *err)
{
    if (pbn_config_validate(cfg, err) != PBN_OK)
        return PBN_EINVAL;
    gsl_error_handler_t *h = theory_gsl_quiet();
    int rc = fixed_point(cfg, flags, fp, err);
    theory_gsl_restore(h);
    return rc;
}

int pbn_theory_kohonen(const pbn_config *cfg, unsigned flags, pbn_theory_fp *fp, pbn_error *err)
{
    if (pbn_config_validate(cfg, err) != PBN_OK)
        return PBN_EINVAL;
    fp_init(fp, cfg);
    if (!(cfg->beta > 0))
        return pbn_error_set(err, PBN_EINVAL,
                             "beta = %g: the Kohonen fixed-point analysis needs beta > 0",
                             cfg->beta);
    gsl_error_handler_t *h = theory_gsl_quiet();
    int rc = PBN_OK;
    if (kohonen_analyse(cfg, flags, cfg->beta, fp) != 0) {
        rc = pbn_error_set(err, PBN_ETHEORY, "R3 (Kohonen): GSL root finding failed at beta = %g",
                           cfg->beta);
    } else if (fp->n_roots == 0) {
        fp_note(fp, "R3 (Kohonen): no fixed point: beta = %g is beyond the saddle node b = %.6g",
                cfg->beta, fp->b_saddle_node);
    } else {
        fp->j[PBN_EE] = fp->jee_root[0];
        fp->set[PBN_EE] = 1;
        double r[2];
        pbn_error e = {0, ""};
        if (theory_rates_khz(cfg, fp->j, flags, NULL, r, &e) == PBN_OK) {
            fp->status = PBN_FP_OK;
            fp->rate_hz[0] = r[0] * 1e3;
            fp->rate_hz[1] = r[1] * 1e3;
            fp->max_re_eig = fp->root_slope[0];
        } else {
            fp_note(fp, "%s", e.msg);
        }
    }
    theory_gsl_restore(h);
    return rc;
}

/* ---- the I->E manifold ------------------------------------------------------------------ */

typedef struct mfun {
    const pbn_config *cfg;
    unsigned flags;
    double j[PBN_NBLOCKS];
    const double *c;
    double target; /* kHz */
} mfun;

static double m_f(double x, void *p)
{
    mfun *m = p;
    pbn_theory_mf mf;
    double r[2], det;
    m->j[PBN_EI] = x;
    pbn_theory_mf_build(m->cfg, m->j, m->flags, &mf);
    if (theory_solve(&mf, m->c, r, &det) != 0)
        return NAN;
    return r[0] - m->target;
}

static int manifold_c(const pbn_config *cfg, unsigned flags, const double j[PBN_NBLOCKS],
                      const double c[2], pbn_theory_manifold *out, pbn_error *err)
{
    const double tau = cfg->tau_stdp, g = theory_gfac(cfg, flags);
    mfun m = {cfg, flags, {0}, c, 2.0 * cfg->rho_e * 1e-3 * tau / (2.0 * tau + g)};
    line L;
    double iv[4][2], x = NAN;
    int found = 0;
    memcpy(m.j, j, sizeof m.j);
    out->c[0] = c[0];
    out->c[1] = c[1];
    out->jei = NAN;
    out->rate_hz[0] = out->rate_hz[1] = NAN;
    line_coeffs(cfg, flags, m.j, PBN_EI, c, &L);
    size_t niv = positive_intervals(&L, pbn_config_param("jei")->min, 0.0, iv, 4);
    for (size_t q = 0; q < niv && !found; q++) {
        /* r_e is a Moebius function of j_ei, monotone on each interval */
        double w = iv[q][1] - iv[q][0], a = iv[q][0] + EDGE * w, b = iv[q][1] - EDGE * w;
        double fa = m_f(a, &m), fb = m_f(b, &m);
        if (fa == 0 || fb == 0) {
            x = fa == 0 ? a : b;
            found = 1;
        } else if (fa * fb < 0 && root(m_f, &m, a, b, &x) == 0) {
            found = 1;
        }
    }
    if (!found)
        return pbn_error_set(err, PBN_ETHEORY,
                             "I->E manifold: no jei < 0 with positive rates gives r_e = %.6g Hz "
                             "(correction c = (%.6g, %.6g))",
                             m.target * 1e3, c[0], c[1]);
    pbn_theory_mf mf;
    double r[2], det;
    m.j[PBN_EI] = x;
    pbn_theory_mf_build(cfg, m.j, flags, &mf);
    theory_solve(&mf, c, r, &det);
    out->jei = x;
    out->rate_hz[0] = r[0] * 1e3;
    out->rate_hz[1] = r[1] * 1e3;
    return PBN_OK;
}

int pbn_theory_manifold_solve_c(const pbn_config *cfg, unsigned flags,
                                const double j[PBN_NBLOCKS], const double c[2],
                                pbn_theory_manifold *out, pbn_error *err)
{
    if (pbn_config_validate(cfg, err) != PBN_OK)
        return PBN_EINVAL;
    gsl_error_handler_t *h = theory_gsl_quiet();
    int rc = manifold_c(cfg, flags, j, c, out, err);
    theory_gsl_restore(h);
    return rc;
}

void pbn_theory_measured_from_results(const pbn_results *r, pbn_theory_measured *m)
{
    m->input_total[0] = r->input[0][3];
    m->input_total[1] = r->input[1][3];
    m->rate_hz[0] = r->rate_e;
    m->rate_hz[1] = r->rate_i;
    for (int b = 0; b < PBN_NBLOCKS; b++)
        m->j[b] = r->jfinal[b];
}

int pbn_theory_manifold_solve(const pbn_config *cfg, unsigned flags,
                              const pbn_theory_measured *m, pbn_theory_manifold *out,
                              pbn_error *err)
{
    pbn_theory_mf mf;
    double c[2];
    if (pbn_config_validate(cfg, err) != PBN_OK)
        return PBN_EINVAL;
    const double sq = sqrt((double)cfg->N);
    pbn_theory_mf_build(cfg, m->j, flags, &mf);
    for (int a = 0; a < 2; a++) {
        /* R_mf(a) = sqrt(N) (W r + Wx rx)_a with the measured rates, in kHz */
        double rmf = sq * (mf.W[a][0] * m->rate_hz[0] * 1e-3 + mf.W[a][1] * m->rate_hz[1] * 1e-3 +
                           mf.Wx[a] * mf.rx);
        c[a] = (m->input_total[a] - rmf) / sq;
    }
    if (!isfinite(c[0]) || !isfinite(c[1]))
        return pbn_error_set(err, PBN_EINVAL,
                             "I->E manifold: the measured inputs, rates or weights are not finite");
    return pbn_theory_manifold_solve_c(cfg, flags, m->j, c, out, err);
}
