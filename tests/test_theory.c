/*
 * test_theory.c - the mean-field theory (src/theory*.c) against answers derived
 * independently: by hand from paper/model.md section 6 (each derivation is in a comment next
 * to its check), by Cramer's rule written out here (no GSL), and by a fourth-order
 * Runge-Kutta integration written here for the transients.  Round trips plug each fixed
 * point back into the drift and require zero.
 *
 * Tolerances: values the spec quotes are checked to half a unit of the last digit it
 * gives (5.8235 -> 5e-5); values derived exactly here (fractions, closed forms) to
 * 1e-9 relative, or to what the numerical method promises (Brent minimisation: the
 * maximum's value to ~1e-10; ODE tolerance 1e-10).
 */
#include <check.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pbn/pbn.h"
#include "check_run.h"

/* a and b agree to tol relative (a function, so integer arguments are converted) */
static int rel(double a, double b, double tol)
{
    return fabs(a - b) <= tol * fmax(fabs(a), fabs(b));
}
#define REL(a, b, tol) rel((a), (b), (tol))

static pbn_config defaults(void)
{
    pbn_config c;
    pbn_config_defaults(&c);
    return c;
}

/* The Kohonen case of the spec: jei -100 (jie 112.5, jii -250, jex 180, jix 135, tau 200). */
static pbn_config kohonen(double b)
{
    pbn_config c = defaults();
    c.plastic_ee = PBN_EE_KOHONEN;
    c.jei = -100;
    c.jee = 1;
    c.beta = b;
    return c;
}

/*
 * Balanced rates by Cramer's rule, written out (independent of the library's LU path):
 * W r = -u with u = Wx rx  =>  r_e = -(W11 u0 - W01 u1)/det, r_i = -(W00 u1 - W10 u0)/det.
 * W_ab = p j_ab q_b with q = (0.8, 0.2), qx = 0.2 (N = 1000), rates in kHz.
 */
static void cramer(double jee, double jei, double jie, double jii, double ke, double ki,
                   double r[2])
{
    double W00 = 0.1 * jee * 0.8 * ke, W01 = 0.1 * jei * 0.2 * ki;
    double W10 = 0.1 * jie * 0.8 * ke, W11 = 0.1 * jii * 0.2 * ki;
    double u0 = 0.1 * 180 * 0.2 * 0.01, u1 = 0.1 * 135 * 0.2 * 0.01;
    double det = W00 * W11 - W01 * W10;
    r[0] = -(W11 * u0 - W01 * u1) / det;
    r[1] = -(W00 * u1 - W10 * u0) / det;
}

static int one_line(const char *s) { return s[0] && !strchr(s, '\n'); }

/* ---- rates ------------------------------------------------------------------------------ */

START_TEST(test_matrices)
{
    /* paper/model.md section 1: with the defaults W = [[2, -3], [9, -5]], Wx = [3.6, 2.7] */
    pbn_config c = defaults();
    pbn_theory_mf mf;
    pbn_theory_mf_build(&c, NULL, 0, &mf);
    ck_assert(REL(mf.W[0][0], 2.0, 1e-12) && REL(mf.W[0][1], -3.0, 1e-12));
    ck_assert(REL(mf.W[1][0], 9.0, 1e-12) && REL(mf.W[1][1], -5.0, 1e-12));
    ck_assert(REL(mf.Wx[0], 3.6, 1e-12) && REL(mf.Wx[1], 2.7, 1e-12));
    ck_assert(REL(mf.rx, 0.01, 1e-12));
    /* q from the integer sizes: N = 1001 gives Ne = round(800.8) = 801, Nx = round(200.2) = 200 */
    c.N = 1001;
    pbn_theory_mf_build(&c, NULL, 0, &mf);
    ck_assert(REL(mf.W[0][0], 0.1 * 25 * 801.0 / 1001.0, 1e-12));
    ck_assert(REL(mf.W[1][1], 0.1 * -250 * 200.0 / 1001.0, 1e-12));
    ck_assert(REL(mf.Wx[0], 0.1 * 180 * 200.0 / 1001.0, 1e-12));
    /* effective: recurrent columns times 1 - dt/tau_b, X untouched */
    c.N = 1000;
    pbn_theory_mf_build(&c, NULL, PBN_THEORY_EFFECTIVE, &mf);
    ck_assert(REL(mf.W[0][0], 2.0 * (1 - 0.1 / 8), 1e-12));
    ck_assert(REL(mf.W[1][0], 9.0 * (1 - 0.1 / 8), 1e-12));
    ck_assert(REL(mf.W[0][1], -3.0 * (1 - 0.1 / 4), 1e-12));
    ck_assert(REL(mf.W[1][1], -5.0 * (1 - 0.1 / 4), 1e-12));
    ck_assert(REL(mf.Wx[0], 3.6, 1e-12));
}
END_TEST

START_TEST(test_rates_defaults)
{
    /* det W = 2 (-5) - (-3) 9 = 17; r_e = -(-5 3.6 + 3 2.7)/17 rx = 9.9/17 * 10 Hz = 99/17,
       r_i = (9 3.6 - 2 2.7)/17 * 10 Hz = 270/17.  The spec quotes 5.8235 / 15.8824. */
    pbn_config c = defaults();
    double r[2];
    pbn_error e = {0, ""};
    ck_assert_int_eq(pbn_theory_rates(&c, NULL, 0, r, &e), PBN_OK);
    ck_assert(REL(r[0], 99.0 / 17.0, 1e-12));
    ck_assert(REL(r[1], 270.0 / 17.0, 1e-12));
    ck_assert(fabs(r[0] - 5.8235) <= 5e-5 && fabs(r[1] - 15.8824) <= 5e-5);
}
END_TEST

START_TEST(test_rates_effective)
{
    /* paper/model.md section 3: the simulated rates converge to 5.897 / 16.289 Hz */
    pbn_config c = defaults();
    double r[2], x[2];
    pbn_error e = {0, ""};
    ck_assert_int_eq(pbn_theory_rates(&c, NULL, PBN_THEORY_EFFECTIVE, r, &e), PBN_OK);
    cramer(25, -150, 112.5, -250, 1 - 0.1 / 8, 1 - 0.1 / 4, x);
    ck_assert(REL(r[0], x[0] * 1e3, 1e-10) && REL(r[1], x[1] * 1e3, 1e-10));
    /* the brief quotes 5.897 / 16.289 (truncated: 16.28959...), paper/model.md "about 5.90 /
       16.29": checked to 1e-3 */
    ck_assert(fabs(r[0] - 5.897) <= 1e-3 && fabs(r[1] - 16.289) <= 1e-3);
}
END_TEST

START_TEST(test_rates_given_weights)
{
    /* a "measured mean" weight set: rates for any j */
    pbn_config c = defaults();
    double j[PBN_NBLOCKS], r[2], x[2];
    pbn_error e = {0, ""};
    pbn_theory_config_weights(&c, j);
    j[PBN_EE] = 10;
    j[PBN_EI] = -100;
    j[PBN_II] = -300;
    ck_assert_int_eq(pbn_theory_rates(&c, j, 0, r, &e), PBN_OK);
    cramer(10, -100, 112.5, -300, 1, 1, x);
    ck_assert(REL(r[0], x[0] * 1e3, 1e-10) && REL(r[1], x[1] * 1e3, 1e-10));
    /* the mf-level call in kHz gives the same */
    pbn_theory_mf mf;
    double rk[2];
    pbn_theory_mf_build(&c, j, 0, &mf);
    ck_assert_int_eq(pbn_theory_mf_rates(&mf, NULL, rk, &e), PBN_OK);
    ck_assert(REL(rk[0], x[0], 1e-10) && REL(rk[1], x[1], 1e-10));
}
END_TEST

START_TEST(test_rates_errors)
{
    pbn_config c = defaults();
    double r[2];
    pbn_error e = {0, ""};
    /* jee 20, jie 100, jei -50, jii -250: W = [[1.6, -1], [8, -5]], det = -8 + 8 = 0 */
    c.jee = 20;
    c.jie = 100;
    c.jei = -50;
    ck_assert_int_eq(pbn_theory_rates(&c, NULL, 0, r, &e), PBN_ETHEORY);
    ck_assert_msg(strstr(e.msg, "singular") && one_line(e.msg), "%s", e.msg);
    /* jei = 0: W = [[2, 0], [9, -5]], r = (-18, -27) Hz: balance impossible */
    c = defaults();
    c.jei = 0;
    pbn_error_clear(&e);
    ck_assert_int_eq(pbn_theory_rates(&c, NULL, 0, r, &e), PBN_ETHEORY);
    ck_assert_msg(strstr(e.msg, "positive") && one_line(e.msg), "%s", e.msg);
    ck_assert(REL(r[0], -18.0, 1e-10) && REL(r[1], -27.0, 1e-10));
    /* no input at all: rates zero, not positive */
    c = defaults();
    c.rx = 0;
    pbn_error_clear(&e);
    ck_assert_int_eq(pbn_theory_rates(&c, NULL, 0, r, &e), PBN_ETHEORY);
}
END_TEST

/* ---- covariances ------------------------------------------------------------------------ */

START_TEST(test_cov_defaults)
{
    /* C_ab = Tw s v_a v_b, v = W^-1 Wx = -(r/rx) = -(9.9/17, 27/17); at cx = 0.1:
       s = cx rx = 0.001 kHz, Tw = 250 ms, so C_ee = 0.25 (9.9/17)^2 = 0.08478,
       C_ei = 0.25 (9.9/17)(27/17) = 0.23123, C_ii = 0.25 (27/17)^2 = 0.63062 (the spec:
       0.0848, 0.2312, 0.6306). */
    pbn_config c = defaults();
    pbn_theory_cov cv;
    pbn_error e = {0, ""};
    const double ve = 9.9 / 17, vi = 27.0 / 17;
    c.cx = 0.1;
    ck_assert_int_eq(pbn_theory_covariance(&c, NULL, 0, &cv, &e), PBN_OK);
    ck_assert(REL(cv.cov[0], 0.25 * ve * ve, 1e-10));
    ck_assert(REL(cv.cov[1], 0.25 * ve * vi, 1e-10));
    ck_assert(REL(cv.cov[2], 0.25 * vi * vi, 1e-10));
    ck_assert(fabs(cv.cov[0] - 0.0848) <= 5e-5 && fabs(cv.cov[1] - 0.2312) <= 5e-5 &&
              fabs(cv.cov[2] - 0.6306) <= 5e-5);
    /* correlations with Poisson variances V = r Tw (r in kHz) */
    double Ve = 0.01 * ve * 250, Vi = 0.01 * vi * 250;
    ck_assert(REL(cv.corr[0], 0.25 * ve * ve / Ve, 1e-10));
    ck_assert(REL(cv.corr[1], 0.25 * ve * vi / sqrt(Ve * Vi), 1e-10));
    ck_assert(REL(cv.corr[2], 0.25 * vi * vi / Vi, 1e-10));
    /* exact input term: s = rx (cx + (1 - cx)/Nx) = 0.01 (0.1 + 0.9/200) */
    ck_assert_int_eq(pbn_theory_covariance(&c, NULL, PBN_THEORY_EXACT_INPUT, &cv, &e), PBN_OK);
    ck_assert(REL(cv.cov[0], 250 * 0.01 * (0.1 + 0.9 / 200) * ve * ve, 1e-10));
    /* cx = 0: the originals' O(1/N) form s = rx/Nx, and the exact form agrees */
    c.cx = 0;
    ck_assert_int_eq(pbn_theory_covariance(&c, NULL, 0, &cv, &e), PBN_OK);
    ck_assert(REL(cv.cov[2], 250 * (0.01 / 200) * vi * vi, 1e-10));
    /* another window: C scales with Tw, the correlations do not change */
    double corr = cv.corr[1], cov = cv.cov[1];
    c.cov_window = 100;
    ck_assert_int_eq(pbn_theory_covariance(&c, NULL, 0, &cv, &e), PBN_OK);
    ck_assert(REL(cv.cov[1], cov * 100 / 250, 1e-10) && REL(cv.corr[1], corr, 1e-10));
    /* impossible balance */
    c.jei = 0;
    ck_assert_int_eq(pbn_theory_covariance(&c, NULL, 0, &cv, &e), PBN_ETHEORY);
    ck_assert(isnan(cv.cov[0]));
}
END_TEST

/* ---- Kohonen ------------------------------------------------------------------------------ */

/*
 * With jei = -100: W = [[0.08 j, -2], [9, -5]], Wx rx = (0.036, 0.027) kHz,
 * det = 18 - 0.4 j, r_e = (5 0.036 - 2 0.027)/(18 - 0.4 j) = 0.315/(45 - j) kHz.
 * Fixed point j = b tau r_e = 200 b 0.315/(45 - j)  =>  j^2 - 45 j + 63 b = 0,
 * roots (45 -+ sqrt(2025 - 252 b))/2.  Drift F(j) = eta r_e (b tau r_e - j); at a root
 * F'(j) = eta r_e (b tau r_e' - 1) with r_e' = 0.315/(45 - j)^2: negative at the smaller
 * root (stable), positive at the larger.  They meet when 2025 = 252 b: b = 2025/252.
 */
static double koh_slope(double b, double j)
{
    double re = 0.315 / (45 - j), dre = 0.315 / ((45 - j) * (45 - j));
    return 1e-3 * re * (b * 200 * dre - 1);
}

START_TEST(test_kohonen_b2)
{
    pbn_config c = kohonen(2.0);
    pbn_theory_fp fp;
    pbn_error e = {0, ""};
    ck_assert_int_eq(pbn_theory_fixed_point(&c, 0, &fp, &e), PBN_OK);
    ck_assert_int_eq(fp.status, PBN_FP_OK);
    ck_assert_int_eq(fp.n_roots, 2);
    /* 45^2 - 252*2 = 1521 = 39^2: roots 3 and 42 */
    ck_assert(fabs(fp.j[PBN_EE] - 3.0) <= 5e-5);
    ck_assert(REL(fp.jee_root[0], 3.0, 1e-9) && REL(fp.jee_root[1], 42.0, 1e-9));
    /* r_e = 0.315/42 = 7.5 Hz; r_i = (9 0.0075 + 0.027)/5 = 18.9 Hz */
    ck_assert(REL(fp.rate_hz[0], 7.5, 1e-9) && REL(fp.rate_hz[1], 18.9, 1e-9));
    ck_assert(fp.root_slope[0] < 0 && fp.root_slope[1] > 0);
    ck_assert(REL(fp.root_slope[0], koh_slope(2, 3), 1e-7));
    ck_assert(REL(fp.root_slope[1], koh_slope(2, 42), 1e-7));
    ck_assert(fp.max_re_eig < 0 && REL(fp.max_re_eig, fp.root_slope[0], 1e-4));
    ck_assert(REL(fp.b_saddle_node, 2025.0 / 252.0, 1e-10));
}
END_TEST

START_TEST(test_kohonen_list)
{
    /* b = 1.0:0.2:4.0, both roots against the closed form above */
    for (int k = 0; k <= 15; k++) {
        double b = 1.0 + 0.2 * k, s = sqrt(2025 - 252 * b);
        pbn_config c = kohonen(b);
        pbn_theory_fp fp;
        pbn_error e = {0, ""};
        ck_assert_int_eq(pbn_theory_kohonen(&c, 0, &fp, &e), PBN_OK);
        ck_assert_int_eq(fp.n_roots, 2);
        ck_assert_msg(REL(fp.jee_root[0], (45 - s) / 2, 1e-9), "b = %g: %.12g vs %.12g", b,
                      fp.jee_root[0], (45 - s) / 2);
        ck_assert_msg(REL(fp.jee_root[1], (45 + s) / 2, 1e-9), "b = %g", b);
        ck_assert(fp.root_slope[0] < 0 && fp.root_slope[1] > 0);
        ck_assert(REL(fp.root_slope[0], koh_slope(b, fp.jee_root[0]), 1e-6));
        /* and through the general fixed-point solver */
        ck_assert_int_eq(pbn_theory_fixed_point(&c, 0, &fp, &e), PBN_OK);
        ck_assert(REL(fp.j[PBN_EE], (45 - s) / 2, 1e-9));
    }
}
END_TEST

START_TEST(test_kohonen_saddle)
{
    pbn_theory_fp fp;
    pbn_error e = {0, ""};
    /* just below the saddle node: b = 8, 2025 - 2016 = 9, roots 21 and 24 */
    pbn_config c = kohonen(8.0);
    ck_assert_int_eq(pbn_theory_kohonen(&c, 0, &fp, &e), PBN_OK);
    ck_assert_int_eq(fp.n_roots, 2);
    ck_assert(REL(fp.jee_root[0], 21.0, 1e-9) && REL(fp.jee_root[1], 24.0, 1e-9));
    ck_assert(REL(fp.b_saddle_node, 2025.0 / 252.0, 1e-10));
    /* beyond it: no root, reported (not an error), saddle node still there */
    c = kohonen(8.1);
    ck_assert_int_eq(pbn_theory_fixed_point(&c, 0, &fp, &e), PBN_OK);
    ck_assert_int_eq(fp.status, PBN_FP_NONE);
    ck_assert_int_eq(fp.n_roots, 0);
    ck_assert(isnan(fp.rate_hz[0]));
    ck_assert_msg(strstr(fp.note, "saddle node") != NULL, "%s", fp.note);
    ck_assert(REL(fp.b_saddle_node, 2025.0 / 252.0, 1e-10));
    /* b <= 0 is not analysed */
    c = kohonen(-1.0);
    ck_assert_int_eq(pbn_theory_kohonen(&c, 0, &fp, &e), PBN_EINVAL);
    ck_assert_int_eq(pbn_theory_fixed_point(&c, 0, &fp, &e), PBN_OK);
    ck_assert_int_eq(fp.status, PBN_FP_NONE);
}
END_TEST

START_TEST(test_kohonen_cx)
{
    /* With input correlations j = b (tau r_e^2 + C~-)/r_e, C~- = (1/2) cx r_e^2/rx, so
       tau -> tau' = tau + cx/(2 rx) = 200 + 0.1/(2 0.01) = 205:
       j (45 - j) = 0.315 b 205 = 129.15 at b = 2; saddle node b = (45^2/4)/(0.315 205). */
    pbn_config c = kohonen(2.0);
    pbn_theory_fp fp;
    pbn_error e = {0, ""};
    c.cx = 0.1;
    ck_assert_int_eq(pbn_theory_fixed_point(&c, PBN_THEORY_CX, &fp, &e), PBN_OK);
    ck_assert(REL(fp.j[PBN_EE], (45 - sqrt(2025 - 4 * 129.15)) / 2, 1e-9));
    ck_assert(REL(fp.b_saddle_node, 506.25 / (0.315 * 205), 1e-10));
    /* without the flag, cx changes nothing in the rate theory */
    ck_assert_int_eq(pbn_theory_fixed_point(&c, 0, &fp, &e), PBN_OK);
    ck_assert(REL(fp.j[PBN_EE], 3.0, 1e-9));
}
END_TEST

/* ---- homeostatic rules ----------------------------------------------------------------- */

START_TEST(test_r4_alone)
{
    /* r_e = rho_e = 0.01 kHz; row 2: r_i = (9 0.01 + 0.027)/5 = 0.0234 kHz (23.4 Hz);
       row 1: W_ei = -(2 0.01 + 0.036)/0.0234, j_ei = W_ei/(p q_i) = W_ei/0.02 = -119.658 */
    pbn_config c = defaults();
    pbn_theory_fp fp;
    pbn_error e = {0, ""};
    c.plastic_ei = PBN_EI_ISTDP;
    c.jei = -100; /* the initial weight does not matter */
    ck_assert_int_eq(pbn_theory_fixed_point(&c, 0, &fp, &e), PBN_OK);
    ck_assert_int_eq(fp.status, PBN_FP_OK);
    ck_assert(fp.set[PBN_EI] && !fp.set[PBN_EE]);
    ck_assert(REL(fp.j[PBN_EI], -0.056 / 0.0234 / 0.02, 1e-10));
    ck_assert(fabs(fp.j[PBN_EI] - -119.658) <= 5e-4);
    ck_assert(REL(fp.rate_hz[0], 10.0, 1e-10) && fabs(fp.rate_hz[1] - 23.4) <= 5e-2);
    ck_assert(REL(fp.rate_hz[1], 23.4, 1e-10));
    ck_assert(fp.max_re_eig < 0);
    /* the other weights are untouched */
    ck_assert(fp.j[PBN_EE] == 25 && fp.j[PBN_IE] == 112.5 && fp.j[PBN_II] == -250);
}
END_TEST

START_TEST(test_r4_cx)
{
    /* With input correlations the drift is r_i ((2 tau + cx/rx) r_e - alpha), so
       r_e = alpha/(2 tau + cx/rx); cx/rx = 0.1/0.01 = 10 ms.
       tau 200: alpha = 4, r_e = 4/410 kHz = 9.756 Hz; tau 50: alpha = 1, r_e = 1/110 = 9.091.
       Then the same two rows as for R4 alone.  The spec: -120.9 and -124.5. */
    const double taus[2] = {200, 50}, want[2] = {-120.9, -124.5}, want_re[2] = {9.76, 9.09};
    for (int k = 0; k < 2; k++) {
        pbn_config c = defaults();
        pbn_theory_fp fp;
        pbn_error e = {0, ""};
        c.plastic_ei = PBN_EI_ISTDP;
        c.cx = 0.1;
        c.tau_stdp = taus[k];
        double re = 2 * 0.01 * taus[k] / (2 * taus[k] + 10);
        double ri = (9 * re + 0.027) / 5, jei = -(2 * re + 0.036) / ri / 0.02;
        ck_assert_int_eq(pbn_theory_fixed_point(&c, PBN_THEORY_CX, &fp, &e), PBN_OK);
        ck_assert(REL(fp.j[PBN_EI], jei, 1e-10));
        ck_assert_msg(fabs(fp.j[PBN_EI] - want[k]) <= 0.05, "tau %g: %g", taus[k], fp.j[PBN_EI]);
        ck_assert(fabs(fp.rate_hz[0] - want_re[k]) <= 5e-3);
        /* plain theory ignores cx */
        ck_assert_int_eq(pbn_theory_fixed_point(&c, 0, &fp, &e), PBN_OK);
        ck_assert(REL(fp.j[PBN_EI], -0.056 / 0.0234 / 0.02, 1e-10));
        /* finite width: the cross-covariance area seen through exp(-s/tau) on each side is
           (1/2) exp(x^2/2) erfc(x/sqrt 2) of the total for a Gaussian of s.d. sigma =
           sqrt(2) tau_jitter = 7.07 ms, x = sigma/tau; so cx/rx -> 10 exp(x^2/2) erfc(x/sqrt 2) */
        double x = sqrt(2.0) * 5 / taus[k], g = 10 * exp(x * x / 2) * erfc(x / sqrt(2.0));
        re = 2 * 0.01 * taus[k] / (2 * taus[k] + g);
        ri = (9 * re + 0.027) / 5;
        jei = -(2 * re + 0.036) / ri / 0.02;
        ck_assert_int_eq(pbn_theory_fixed_point(&c, PBN_THEORY_CX_WIDTH, &fp, &e), PBN_OK);
        ck_assert_msg(REL(fp.j[PBN_EI], jei, 1e-10), "%.10g vs %.10g", fp.j[PBN_EI], jei);
    }
}
END_TEST

START_TEST(test_r4_r5)
{
    /* both rates pinned: row 1 W_ei = -(2 r_e + 0.036)/r_i, row 2 W_ii = -(9 r_e + 0.027)/r_i,
       j = W/0.02.  rho 10, 20 Hz: -0.056/0.02/0.02 = -140, -0.117/0.02/0.02 = -292.5;
       rho_i 23 Hz: -0.056/0.023/0.02 = -121.739, -0.117/0.023/0.02 = -254.348. */
    pbn_config c = defaults();
    pbn_theory_fp fp;
    pbn_error e = {0, ""};
    c.plastic_ei = PBN_EI_ISTDP;
    c.plastic_ii = PBN_II_ISTDP;
    c.rho_i = 20;
    ck_assert_int_eq(pbn_theory_fixed_point(&c, 0, &fp, &e), PBN_OK);
    ck_assert_int_eq(fp.status, PBN_FP_OK);
    ck_assert(fabs(fp.j[PBN_EI] - -140.0) <= 0.05 && fabs(fp.j[PBN_II] - -292.5) <= 0.05);
    ck_assert(REL(fp.j[PBN_EI], -140.0, 1e-10) && REL(fp.j[PBN_II], -292.5, 1e-10));
    ck_assert(REL(fp.rate_hz[0], 10, 1e-10) && REL(fp.rate_hz[1], 20, 1e-10));
    c.rho_i = 23;
    ck_assert_int_eq(pbn_theory_fixed_point(&c, 0, &fp, &e), PBN_OK);
    ck_assert(fabs(fp.j[PBN_EI] - -121.74) <= 5e-3 && fabs(fp.j[PBN_II] - -254.35) <= 5e-3);
    ck_assert(REL(fp.j[PBN_EI], -0.056 / 0.023 / 0.02, 1e-10));
    ck_assert(REL(fp.j[PBN_II], -0.117 / 0.023 / 0.02, 1e-10));
}
END_TEST

START_TEST(test_r6_r1_r7_r2)
{
    pbn_theory_fp fp;
    pbn_error e = {0, ""};
    /* R6 pins r_i = rho_ie = 23 Hz; row 1 (jee 25, jei -150): 2 r_e - 3 0.023 + 0.036 = 0,
       r_e = 0.0165 kHz; row 2: W_ie = (5 0.023 - 0.027)/0.0165 = 0.088/0.0165 = 16/3,
       j_ie = W_ie/(p q_e) = (16/3)/0.08 = 200/3. */
    pbn_config c = defaults();
    c.plastic_ie = PBN_IE_HOMEO;
    ck_assert_int_eq(pbn_theory_fixed_point(&c, 0, &fp, &e), PBN_OK);
    ck_assert_int_eq(fp.status, PBN_FP_OK);
    ck_assert(REL(fp.j[PBN_IE], 200.0 / 3.0, 1e-10));
    ck_assert(REL(fp.rate_hz[0], 16.5, 1e-10) && REL(fp.rate_hz[1], 23.0, 1e-10));
    /* R1 and R7: the bound, whatever cx */
    c = defaults();
    c.plastic_ee = PBN_EE_HEBB_SOFT;
    c.plastic_ie = PBN_IE_HEBB_SOFT;
    c.jmax_ee = 25.5;
    c.jmax_ie = 100;
    c.cx = 0.5;
    for (unsigned f = 0; f < 4; f++) {
        ck_assert_int_eq(pbn_theory_fixed_point(&c, f, &fp, &e), PBN_OK);
        ck_assert(fp.j[PBN_EE] == 25.5 && fp.j[PBN_IE] == 100);
        ck_assert_int_eq(fp.status, PBN_FP_OK);
    }
    /* R5 and R6 together pin the I rate twice */
    c = defaults();
    c.plastic_ii = PBN_II_ISTDP;
    c.plastic_ie = PBN_IE_HOMEO;
    ck_assert_int_eq(pbn_theory_fixed_point(&c, 0, &fp, &e), PBN_OK);
    ck_assert_int_eq(fp.status, PBN_FP_NONE);
    ck_assert(fp.note[0]);
    /* R2: no rate fixed point; the weight stays configured */
    c = defaults();
    c.plastic_ee = PBN_EE_HEBB_ADD;
    ck_assert_int_eq(pbn_theory_fixed_point(&c, 0, &fp, &e), PBN_OK);
    ck_assert(!fp.set[PBN_EE] && fp.j[PBN_EE] == 25 && strstr(fp.note, "R2"));
    /* nothing plastic */
    c = defaults();
    ck_assert_int_eq(pbn_theory_fixed_point(&c, 0, &fp, &e), PBN_OK);
    ck_assert_int_eq(fp.status, PBN_FP_STATIC);
    ck_assert(REL(fp.rate_hz[0], 99.0 / 17, 1e-12));
    /* R6 targets that cannot be reached: rho_ie = 5 Hz makes row 1 give
       r_e = (3 0.005 - 0.036)/2 < 0; with jii = -100 and rho_ie = 13 Hz, r_e =
       (3 0.013 - 0.036)/2 = 1.5 Hz but W_ie = (2 0.013 - 0.027)/0.0015 < 0 */
    c = defaults();
    c.plastic_ie = PBN_IE_HOMEO;
    c.rho_ie = 5;
    ck_assert_int_eq(pbn_theory_fixed_point(&c, 0, &fp, &e), PBN_OK);
    ck_assert_int_eq(fp.status, PBN_FP_NONE);
    ck_assert_msg(strstr(fp.note, "R6") && strstr(fp.note, "E rate"), "%s", fp.note);
    c.jii = -100;
    c.rho_ie = 13;
    ck_assert_int_eq(pbn_theory_fixed_point(&c, 0, &fp, &e), PBN_OK);
    ck_assert_int_eq(fp.status, PBN_FP_NONE);
    ck_assert_msg(strstr(fp.note, "R6") && strstr(fp.note, "E->I weight"), "%s", fp.note);
}
END_TEST

START_TEST(test_effective_fixed)
{
    /* R4 with effective weights: k_e = 1 - 0.1/8, k_i = 1 - 0.1/4; r_e = 0.01,
       r_i = (9 k_e 0.01 + 0.027)/(5 k_i), W_ei = -(2 k_e 0.01 + 0.036)/r_i, j = W_ei/(0.02 k_i) */
    pbn_config c = defaults();
    pbn_theory_fp fp;
    pbn_error e = {0, ""};
    const double ke = 1 - 0.1 / 8, ki = 1 - 0.1 / 4;
    c.plastic_ei = PBN_EI_ISTDP;
    ck_assert_int_eq(pbn_theory_fixed_point(&c, PBN_THEORY_EFFECTIVE, &fp, &e), PBN_OK);
    double ri = (9 * ke * 0.01 + 0.027) / (5 * ki);
    ck_assert(REL(fp.j[PBN_EI], -(2 * ke * 0.01 + 0.036) / ri / (0.02 * ki), 1e-10));
    ck_assert(REL(fp.rate_hz[1], ri * 1e3, 1e-10));
}
END_TEST

/* Every rule and combination, every variant: the drift vanishes at the fixed point. */
START_TEST(test_roundtrip)
{
    struct { int ee, ei, ie, ii; double cx; } cases[] = {
        {PBN_EE_HEBB_SOFT, 0, 0, 0, 0.2},
        {PBN_EE_KOHONEN, 0, 0, 0, 0.1},
        {0, PBN_EI_ISTDP, 0, 0, 0.1},
        {0, PBN_EI_ISTDP, 0, PBN_II_ISTDP, 0.1},
        {0, PBN_EI_ISTDP, PBN_IE_HOMEO, 0, 0.1},
        {0, 0, PBN_IE_HOMEO, 0, 0.1},
        {0, 0, 0, PBN_II_ISTDP, 0.0},
        {0, 0, PBN_IE_HEBB_SOFT, 0, 0.3},
        {PBN_EE_KOHONEN, PBN_EI_ISTDP, 0, 0, 0.1},
        {PBN_EE_KOHONEN, 0, 0, PBN_II_ISTDP, 0.1},
        {PBN_EE_KOHONEN, PBN_EI_ISTDP, PBN_IE_HEBB_SOFT, PBN_II_ISTDP, 0.1},
        {PBN_EE_HEBB_SOFT, PBN_EI_ISTDP, 0, PBN_II_ISTDP, 0.1},
    };
    const unsigned flags[6] = {0, PBN_THEORY_EFFECTIVE, PBN_THEORY_CX,
                               PBN_THEORY_CX | PBN_THEORY_EFFECTIVE, PBN_THEORY_CX_WIDTH,
                               PBN_THEORY_CX_WIDTH | PBN_THEORY_EFFECTIVE};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
        for (int q = 0; q < 6; q++) {
            const unsigned f = flags[q];
            pbn_config c = defaults();
            pbn_theory_fp fp;
            pbn_error e = {0, ""};
            double d[PBN_NBLOCKS], dref[PBN_NBLOCKS], jp[PBN_NBLOCKS];
            c.plastic_ee = cases[k].ee;
            c.plastic_ei = cases[k].ei;
            c.plastic_ie = cases[k].ie;
            c.plastic_ii = cases[k].ii;
            c.cx = cases[k].cx;
            c.jei = -100;
            c.rho_i = 20;
            ck_assert_int_eq(pbn_theory_fixed_point(&c, f, &fp, &e), PBN_OK);
            ck_assert_msg(fp.status == PBN_FP_OK, "case %zu flags %u: %s", k, f, fp.note);
            ck_assert_int_eq(pbn_theory_drift(&c, f, fp.j, d, &e), PBN_OK);
            /* scale: the drift 1% away from the fixed point */
            memcpy(jp, fp.j, sizeof jp);
            for (int b = 0; b < 4; b++)
                jp[b] *= 1.01;
            ck_assert_int_eq(pbn_theory_drift(&c, f, jp, dref, &e), PBN_OK);
            double ref = 0;
            for (int b = 0; b < 4; b++)
                ref = fmax(ref, fabs(dref[b]));
            ck_assert(ref > 0);
            for (int b = 0; b < PBN_NBLOCKS; b++)
                ck_assert_msg(fabs(d[b]) <= 1e-9 * ref, "case %zu flags %u block %d: %g (ref %g)",
                              k, f, b, d[b], ref);
            /* pinned rates are on target */
            double x = sqrt(2.0) * 5 / 200, g = 0;
            if (f & PBN_THEORY_CX)
                g = c.cx / 0.01;
            if (f & PBN_THEORY_CX_WIDTH)
                g = c.cx / 0.01 * exp(x * x / 2) * erfc(x / sqrt(2.0));
            double pin = 2 * 200.0 / (2 * 200.0 + g);
            if (c.plastic_ei)
                ck_assert(REL(fp.rate_hz[0], pin * c.rho_e, 1e-10));
            if (c.plastic_ii)
                ck_assert(REL(fp.rate_hz[1], pin * c.rho_i, 1e-10));
            if (c.plastic_ie == PBN_IE_HOMEO)
                ck_assert(REL(fp.rate_hz[1], pin * c.rho_ie, 1e-10));
        }
}
END_TEST

START_TEST(test_drift_values)
{
    /* Hand-computed drifts away from a fixed point (paper/model.md section 6), eta 1e-3, N 1000. */
    pbn_config c = kohonen(2.0);
    double j[PBN_NBLOCKS], d[PBN_NBLOCKS];
    pbn_error e = {0, ""};
    /* R3 at jee 10, jei -100: r_e = 0.315/35 = 0.009 kHz;
       dj/dt = eta (b tau r_e^2 - j r_e) = 1e-3 (400 0.009^2 - 10 0.009) = -5.76e-5 per ms */
    pbn_theory_config_weights(&c, j);
    j[PBN_EE] = 10;
    ck_assert_int_eq(pbn_theory_drift(&c, 0, j, d, &e), PBN_OK);
    ck_assert(REL(d[PBN_EE], -5.76e-5, 1e-9));
    ck_assert(d[PBN_EI] == 0 && d[PBN_IE] == 0 && d[PBN_II] == 0);
    /* R4 at jee 25, jei -100: det = 18 - 10 = 8, r_e = 0.126/8 = 0.01575,
       r_i = (9 0.036 - 2 0.027)/8 = 0.03375; dj/dt = -(eta sqrt(N)/jnorm) j r_i (2 tau r_e - alpha)
       = -(1e-3 sqrt(1000)/(-200)) (-100) 0.03375 (400 0.01575 - 4) */
    c = defaults();
    c.plastic_ei = PBN_EI_ISTDP;
    pbn_theory_config_weights(&c, j);
    j[PBN_EI] = -100;
    ck_assert_int_eq(pbn_theory_drift(&c, 0, j, d, &e), PBN_OK);
    double want = -(1e-3 * sqrt(1000.0) / -200.0) * -100 * 0.03375 * (400 * 0.01575 - 4);
    ck_assert(REL(d[PBN_EI], want, 1e-9));
    ck_assert(d[PBN_EI] < 0); /* r_e above target: more inhibition */
    /* R1 at jee 20 (defaults otherwise, jmax 30): -eta tau r_e^2 (20 - 30) */
    c = defaults();
    c.plastic_ee = PBN_EE_HEBB_SOFT;
    pbn_theory_config_weights(&c, j);
    j[PBN_EE] = 20;
    double r[2];
    cramer(20, -150, 112.5, -250, 1, 1, r);
    ck_assert_int_eq(pbn_theory_drift(&c, 0, j, d, &e), PBN_OK);
    ck_assert(REL(d[PBN_EE], -1e-3 * 200 * r[0] * r[0] * (20 - 30), 1e-9));
    /* invalid rates: an error, not a number */
    j[PBN_EI] = 0;
    ck_assert_int_eq(pbn_theory_drift(&c, 0, j, d, &e), PBN_ETHEORY);
}
END_TEST

/* ---- transients ----------------------------------------------------------------------------- */

/* Kohonen drift with the closed-form rate (jei -100, b 2, eta 1e-3), for RK4 here. */
static double koh_f(double j)
{
    double re = 0.315 / (45 - j);
    return 1e-3 * re * (2 * 200 * re - j);
}

START_TEST(test_transient_kohonen)
{
    /* The library's rk8pd against a classical RK4 written here (step 100 ms, far below the
       time scale 1/(eta r_e |g'|) ~ 1.4e5 ms), from jee 1 to the stable root 3. */
    pbn_config c = kohonen(2.0);
    enum { NT = 21 };
    double t[NT], jo[NT * PBN_NBLOCKS], ro[NT * 2];
    size_t nv = 0;
    pbn_error e = {0, ""};
    for (int k = 0; k < NT; k++)
        t[k] = 1e5 * k;
    ck_assert_int_eq(pbn_theory_transient(&c, 0, t, NT, jo, ro, &nv, &e), PBN_OK);
    ck_assert_int_eq(nv, NT);
    double y = 1.0, tt = 0.0, h = 100.0;
    for (int k = 0; k < NT; k++) {
        while (tt < t[k] - 1e-9) {
            double k1 = koh_f(y), k2 = koh_f(y + 0.5 * h * k1), k3 = koh_f(y + 0.5 * h * k2),
                   k4 = koh_f(y + h * k3);
            y += h * (k1 + 2 * k2 + 2 * k3 + k4) / 6;
            tt += h;
        }
        ck_assert_msg(fabs(jo[k * PBN_NBLOCKS + PBN_EE] - y) <= 1e-7, "t = %g: %.10g vs %.10g",
                      t[k], jo[k * PBN_NBLOCKS + PBN_EE], y);
        ck_assert(jo[k * PBN_NBLOCKS + PBN_EI] == -100); /* static blocks constant */
        ck_assert(REL(ro[2 * k], 315.0 / (45 - y), 1e-6));
    }
    ck_assert(jo[0] == 1.0);
    /* approaches the fixed point: |j - 3| shrinks by exp(-|F'(3)| 2e6) ~ 1e-6 */
    ck_assert(fabs(jo[(NT - 1) * PBN_NBLOCKS] - 3.0) < 1e-4);
    /* the integration is stationary at the fixed point (round trip) */
    c.jee = 3.0;
    ck_assert_int_eq(pbn_theory_transient(&c, 0, t, NT, jo, NULL, &nv, &e), PBN_OK);
    ck_assert(fabs(jo[(NT - 1) * PBN_NBLOCKS] - 3.0) < 1e-9);
}
END_TEST

START_TEST(test_transient_r1_r4)
{
    enum { NT = 6 };
    double t[NT] = {0, 1e4, 1e5, 2e5, 3e5, 1e6}, jo[NT * PBN_NBLOCKS];
    size_t nv = 0;
    pbn_error e = {0, ""};
    pbn_theory_fp fp;
    /* R4 from jei -150 towards -119.658: monotone, and close after 1e6 ms
       (rate of approach |max_re_eig| ~ 3.6e-5 per ms at eta 1e-3) */
    pbn_config c = defaults();
    c.plastic_ei = PBN_EI_ISTDP;
    ck_assert_int_eq(pbn_theory_fixed_point(&c, 0, &fp, &e), PBN_OK);
    ck_assert_int_eq(pbn_theory_transient(&c, 0, t, NT, jo, NULL, &nv, &e), PBN_OK);
    ck_assert_int_eq(nv, NT);
    for (int k = 1; k < NT - 1; k++) /* (at 1e6 ms the steps are below the ODE tolerance) */
        ck_assert(jo[k * PBN_NBLOCKS + PBN_EI] > jo[(k - 1) * PBN_NBLOCKS + PBN_EI]);
    ck_assert(fabs(jo[(NT - 1) * PBN_NBLOCKS + PBN_EI] - fp.j[PBN_EI]) < 1e-6);
    /* the decay rate near the fixed point matches the Jacobian eigenvalue: from 2e5 to 3e5
       ms the distance (0.05 -> 0.001, linear regime) shrinks by exp(max_re_eig 1e5) */
    double d1 = jo[3 * PBN_NBLOCKS + PBN_EI] - fp.j[PBN_EI];
    double d2 = jo[4 * PBN_NBLOCKS + PBN_EI] - fp.j[PBN_EI];
    ck_assert_msg(REL(log(d2 / d1) / 1e5, fp.max_re_eig, 1e-2), "%g vs %g", log(d2 / d1) / 1e5,
                  fp.max_re_eig);
    /* R1 from jee 20 to jmax 30 */
    c = defaults();
    c.plastic_ee = PBN_EE_HEBB_SOFT;
    c.jee = 20;
    c.eta_ee = 1e-2;
    ck_assert_int_eq(pbn_theory_transient(&c, 0, t, NT, jo, NULL, &nv, &e), PBN_OK);
    ck_assert_int_eq(nv, NT);
    for (int k = 1; k < NT - 1; k++)
        ck_assert(jo[k * PBN_NBLOCKS] > jo[(k - 1) * PBN_NBLOCKS]);
    ck_assert(fabs(jo[(NT - 1) * PBN_NBLOCKS] - 30.0) < 1e-6);
}
END_TEST

START_TEST(test_transient_runaway_and_errors)
{
    /* b = 9, beyond the saddle node: the weight runs into the pole of r_e (j = 45) */
    pbn_config c = kohonen(9.0);
    enum { NT = 11 };
    double t[NT], jo[NT * PBN_NBLOCKS], ro[NT * 2];
    size_t nv = 99;
    pbn_error e = {0, ""};
    for (int k = 0; k < NT; k++)
        t[k] = 1e5 * k;
    ck_assert_int_eq(pbn_theory_transient(&c, 0, t, NT, jo, ro, &nv, &e), PBN_OK);
    ck_assert(nv >= 1 && nv < NT);
    for (size_t k = 1; k < nv; k++)
        ck_assert(jo[k * PBN_NBLOCKS] > jo[(k - 1) * PBN_NBLOCKS] && jo[k * PBN_NBLOCKS] < 45);
    for (size_t k = nv; k < NT; k++)
        ck_assert(isnan(jo[k * PBN_NBLOCKS]) && isnan(ro[2 * k]));
    /* bad sample times */
    t[3] = t[2] - 1;
    ck_assert_int_eq(pbn_theory_transient(&c, 0, t, NT, jo, NULL, &nv, &e), PBN_EINVAL);
    /* invalid rates at t = 0 */
    t[3] = 3e5;
    c.jee = 50;
    ck_assert_int_eq(pbn_theory_transient(&c, 0, t, NT, jo, NULL, &nv, &e), PBN_ETHEORY);
    /* nothing plastic: constant */
    c = defaults();
    ck_assert_int_eq(pbn_theory_transient(&c, 0, t, NT, jo, ro, &nv, &e), PBN_OK);
    ck_assert_int_eq(nv, NT);
    ck_assert(jo[(NT - 1) * PBN_NBLOCKS + PBN_EI] == -150 && REL(ro[1], 270.0 / 17, 1e-12));
}
END_TEST

/* ---- the I->E manifold ---------------------------------------------------------------------- */

START_TEST(test_manifold)
{
    pbn_config c = defaults();
    pbn_theory_manifold mo;
    pbn_error e = {0, ""};
    double j[PBN_NBLOCKS];
    c.plastic_ei = PBN_EI_ISTDP;
    pbn_theory_config_weights(&c, j);
    /* c = 0: the plain fixed point, found here by Brent root finding on r_e(j_ei) */
    const double c0[2] = {0, 0};
    ck_assert_int_eq(pbn_theory_manifold_solve_c(&c, 0, j, c0, &mo, &e), PBN_OK);
    ck_assert(REL(mo.jei, -0.056 / 0.0234 / 0.02, 1e-10));
    ck_assert(REL(mo.rate_hz[0], 10, 1e-10));
    /* a synthetic correction: the solution satisfies r_e = rho_e with r = -W^-1 (Wx rx + c);
       eliminated by hand: r_i = (9 0.01 + 0.027 + c_i)/5, W_ei = -(2 0.01 + 0.036 + c_e)/r_i */
    const double c1[2] = {0.004, -0.003};
    ck_assert_int_eq(pbn_theory_manifold_solve_c(&c, 0, j, c1, &mo, &e), PBN_OK);
    double ri = (0.09 + 0.027 - 0.003) / 5;
    ck_assert(REL(mo.jei, -(0.02 + 0.036 + 0.004) / ri / 0.02, 1e-10));
    ck_assert(REL(mo.rate_hz[0], 10, 1e-10) && REL(mo.rate_hz[1], ri * 1e3, 1e-10));
    /* from "measured" inputs: R_sim = R_mf + sqrt(N) c must give back c and the same j_ei */
    pbn_theory_measured m;
    memcpy(m.j, j, sizeof j);
    m.j[PBN_EI] = -130;
    m.rate_hz[0] = 11;
    m.rate_hz[1] = 24;
    const double sq = sqrt(1000.0), W[2][2] = {{2, -130 * 0.02}, {9, -5}}, u[2] = {0.036, 0.027};
    for (int a = 0; a < 2; a++)
        m.input_total[a] = sq * (W[a][0] * 0.011 + W[a][1] * 0.024 + u[a]) + sq * c1[a];
    ck_assert_int_eq(pbn_theory_manifold_solve(&c, 0, &m, &mo, &e), PBN_OK);
    ck_assert(fabs(mo.c[0] - c1[0]) < 1e-12 && fabs(mo.c[1] - c1[1]) < 1e-12);
    ck_assert(REL(mo.jei, -(0.02 + 0.036 + 0.004) / ri / 0.02, 1e-9));
    /* with the cx term the target is alpha/(2 tau + cx/rx) */
    c.cx = 0.1;
    ck_assert_int_eq(pbn_theory_manifold_solve_c(&c, PBN_THEORY_CX, j, c0, &mo, &e), PBN_OK);
    ck_assert(REL(mo.rate_hz[0], 4000.0 / 410, 1e-10));
    /* no solution: a correction so negative that no jei < 0 gives 10 Hz */
    const double cbad[2] = {-1.0, 0};
    ck_assert_int_eq(pbn_theory_manifold_solve_c(&c, 0, j, cbad, &mo, &e), PBN_ETHEORY);
    ck_assert(one_line(e.msg));
    /* from a pbn_results */
    pbn_results r;
    memset(&r, 0, sizeof r);
    r.input[0][3] = 1.5;
    r.input[1][3] = -0.5;
    r.rate_e = 9;
    r.rate_i = 22;
    for (int b = 0; b < PBN_NBLOCKS; b++)
        r.jfinal[b] = b + 1;
    pbn_theory_measured_from_results(&r, &m);
    ck_assert(m.input_total[0] == 1.5 && m.input_total[1] == -0.5 && m.rate_hz[1] == 22);
    ck_assert(m.j[PBN_IX] == 6);
}
END_TEST

/* ---- the list of predictions -------------------------------------------------------------- */

static double metric(const pbn_metric *m, size_t n, const char *name)
{
    for (size_t k = 0; k < n; k++)
        if (!strcmp(m[k].name, name))
            return m[k].value;
    ck_abort_msg("metric %s missing", name);
    return NAN;
}

START_TEST(test_metrics)
{
    pbn_metric m[PBN_THEORY_MAX_METRICS];
    pbn_error e = {0, ""};
    pbn_config c = defaults();
    c.cx = 0.1;
    size_t n = pbn_theory_metrics(&c, m, PBN_THEORY_MAX_METRICS, &e);
    ck_assert_int_eq(n, 22);
    ck_assert(!strcmp(m[0].name, "rate_e_hz") && REL(m[0].value, 99.0 / 17, 1e-12));
    ck_assert(REL(metric(m, n, "cov_ei"), 0.25 * 9.9 / 17 * 27 / 17, 1e-10));
    ck_assert(fabs(metric(m, n, "rate_i_eff_hz") - 16.289) < 1e-3);
    /* fewer slots than metrics */
    ck_assert_int_eq(pbn_theory_metrics(&c, m, 3, &e), 3);
    /* Kohonen: fixed point, both roots, saddle node */
    c = kohonen(2.0);
    n = pbn_theory_metrics(&c, m, PBN_THEORY_MAX_METRICS, &e);
    ck_assert(REL(metric(m, n, "jee_star"), 3, 1e-9));
    ck_assert(REL(metric(m, n, "jee_star_unstable"), 42, 1e-9));
    ck_assert(REL(metric(m, n, "b_saddle_node"), 2025.0 / 252, 1e-10));
    ck_assert(metric(m, n, "kohonen_roots") == 2);
    ck_assert(REL(metric(m, n, "rate_e_hz"), 7.5, 1e-9));
    /* beyond the saddle node: NaN and a note, not an error; initial rates still there */
    pbn_theory_report rep;
    c = kohonen(9.0);
    ck_assert_int_eq(pbn_theory_predict(&c, &rep, &e), PBN_OK);
    ck_assert(isnan(metric(rep.m, rep.n, "jee_star")));
    ck_assert(metric(rep.m, rep.n, "kohonen_roots") == 0);
    ck_assert(REL(metric(rep.m, rep.n, "rate_e_init_hz"), 315.0 / 44, 1e-10));
    ck_assert(strstr(rep.notes, "saddle node") != NULL);
    /* R4 with initial weights whose balance is impossible: the fixed point still exists */
    c = defaults();
    c.plastic_ei = PBN_EI_ISTDP;
    c.jei = -50;
    ck_assert_int_eq(pbn_theory_predict(&c, &rep, &e), PBN_OK);
    ck_assert(isnan(metric(rep.m, rep.n, "rate_e_init_hz")));
    ck_assert(REL(metric(rep.m, rep.n, "jei_star"), -0.056 / 0.0234 / 0.02, 1e-10));
    ck_assert(REL(metric(rep.m, rep.n, "rate_e_hz"), 10, 1e-10));
    ck_assert(rep.notes[0]);
    /* impossible static configuration: an error */
    c = defaults();
    c.jei = 0;
    pbn_error_clear(&e);
    ck_assert_int_eq(pbn_theory_metrics(&c, m, PBN_THEORY_MAX_METRICS, &e), 0);
    ck_assert_int_eq(e.code, PBN_ETHEORY);
    ck_assert(one_line(e.msg));
    /* Kohonen beyond the saddle node from impossible initial weights: nothing to predict */
    c = kohonen(9.0);
    c.jee = 50;
    pbn_error_clear(&e);
    ck_assert_int_eq(pbn_theory_predict(&c, &rep, &e), PBN_ETHEORY);
    ck_assert(one_line(e.msg));
    /* every rule combination fits in the list */
    c = defaults();
    c.plastic_ee = PBN_EE_KOHONEN;
    c.plastic_ei = PBN_EI_ISTDP;
    c.plastic_ie = PBN_IE_HEBB_SOFT;
    c.plastic_ii = PBN_II_ISTDP;
    ck_assert_int_eq(pbn_theory_predict(&c, &rep, &e), PBN_OK);
    ck_assert(rep.n < PBN_THEORY_MAX_METRICS);
}
END_TEST

/* ---- GSL's error handler is the caller's ------------------------------------------------- */

static int handler_calls = 0;
static void my_handler(const char *reason, const char *file, int line, int gsl_errno)
{
    (void)reason, (void)file, (void)line, (void)gsl_errno;
    handler_calls++;
}

START_TEST(test_gsl_handler)
{
    gsl_error_handler_t *old = gsl_set_error_handler(my_handler);
    pbn_config c = kohonen(9.0);
    pbn_theory_fp fp;
    pbn_error e = {0, ""};
    double r[2], t[3] = {0, 1e5, 1e6}, jo[3 * PBN_NBLOCKS];
    size_t nv;
    pbn_theory_fixed_point(&c, 0, &fp, &e);
    pbn_theory_transient(&c, 0, t, 3, jo, NULL, &nv, &e);
    c.jee = 20;
    c.jie = 100;
    c.jei = -50;
    pbn_theory_rates(&c, NULL, 0, r, &e); /* singular */
    ck_assert(gsl_set_error_handler(old) == my_handler);
    ck_assert_int_eq(handler_calls, 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("theory");
    TCase *tc = tcase_create("balance");
    tcase_add_test(tc, test_matrices);
    tcase_add_test(tc, test_rates_defaults);
    tcase_add_test(tc, test_rates_effective);
    tcase_add_test(tc, test_rates_given_weights);
    tcase_add_test(tc, test_rates_errors);
    tcase_add_test(tc, test_cov_defaults);
    suite_add_tcase(s, tc);
    tc = tcase_create("fixed");
    tcase_add_test(tc, test_kohonen_b2);
    tcase_add_test(tc, test_kohonen_list);
    tcase_add_test(tc, test_kohonen_saddle);
    tcase_add_test(tc, test_kohonen_cx);
    tcase_add_test(tc, test_r4_alone);
    tcase_add_test(tc, test_r4_cx);
    tcase_add_test(tc, test_r4_r5);
    tcase_add_test(tc, test_r6_r1_r7_r2);
    tcase_add_test(tc, test_effective_fixed);
    tcase_add_test(tc, test_roundtrip);
    tcase_add_test(tc, test_drift_values);
    suite_add_tcase(s, tc);
    tc = tcase_create("dynamics");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_transient_kohonen);
    tcase_add_test(tc, test_transient_r1_r4);
    tcase_add_test(tc, test_transient_runaway_and_errors);
    tcase_add_test(tc, test_manifold);
    tcase_add_test(tc, test_metrics);
    tcase_add_test(tc, test_gsl_handler);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
