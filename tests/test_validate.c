/*
 * test_validate.c - the statistics of the validation (validate/validate_stats.c).
 *
 * Known-answer tests: every expected value is worked out by hand from the textbook
 * formulas of least squares (slope = Sxy/Sxx, intercept = ybar - slope xbar, residual
 * variance SSR/(n - 2); weighted: Delta = S Sxx - Sx^2, var(slope) = S/Delta,
 * var(intercept) = Sxx/Delta, cov = -Sx/Delta with S = sum w, Sx = sum w x,
 * Sxx = sum w x^2), the arithmetic shown in each test, so that they do not depend on GSL.
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "validate/validate.h"
#include "check_run.h"

#define TOL 1e-9

START_TEST(test_mean_se)
{
    /* 1, 2, 3, 4 (NaN skipped): mean 2.5; sd^2 = (2.25 + 0.25 + 0.25 + 2.25)/3 = 5/3;
       se = sqrt(5/3)/2 */
    double x[5] = {1, 2, NAN, 3, 4}, m, se;
    ck_assert_uint_eq(vstat_mean_se(x, 5, &m, &se), 4);
    ck_assert_double_eq_tol(m, 2.5, TOL);
    ck_assert_double_eq_tol(se, sqrt(5.0 / 3.0) / 2.0, TOL);
    /* one value: no standard error */
    ck_assert_uint_eq(vstat_mean_se(x, 1, &m, &se), 1);
    ck_assert(isnan(se));
}
END_TEST

START_TEST(test_fit_unweighted)
{
    /* x 0..3, y 0 1 1 2: xbar 1.5, ybar 1, Sxx 5, Sxy 3: slope 0.6, intercept 0.1;
       residuals -0.1 0.3 -0.3 0.1, SSR 0.2, s^2 = 0.1: se(slope) = sqrt(0.1/5),
       se(intercept) = sqrt(0.1 (1/4 + 2.25/5)) = sqrt(0.07) */
    double x[4] = {0, 1, 2, 3}, y[4] = {0, 1, 1, 2};
    vfit f = vstat_fit(x, y, NULL, 4);
    ck_assert(f.ok);
    ck_assert(!f.weighted);
    ck_assert_double_eq_tol(f.c1, 0.6, TOL);
    ck_assert_double_eq_tol(f.c0, 0.1, TOL);
    ck_assert_double_eq_tol(f.se1, sqrt(0.02), TOL);
    ck_assert_double_eq_tol(f.se0, sqrt(0.07), TOL);
    ck_assert_double_eq_tol(f.dof, 2, TOL);
}
END_TEST

START_TEST(test_fit_weighted_exact)
{
    /* y = 2 + 3x at x = 1, 2, 4 with se 1, 1, 2 (w = 1, 1, 1/4): S = 2.25, Sx = 4, Sxx = 9,
       Delta = 20.25 - 16 = 4.25; var(slope) = 2.25/4.25, var(intercept) = 9/4.25,
       cov = -4/4.25; chi2 = 0, so no scaling */
    double x[3] = {1, 2, 4}, y[3] = {5, 8, 14}, se[3] = {1, 1, 2};
    vfit f = vstat_fit(x, y, se, 3);
    ck_assert(f.ok && f.weighted);
    ck_assert_double_eq_tol(f.c1, 3, TOL);
    ck_assert_double_eq_tol(f.c0, 2, TOL);
    ck_assert_double_eq_tol(f.se1, sqrt(2.25 / 4.25), TOL);
    ck_assert_double_eq_tol(f.se0, sqrt(9 / 4.25), TOL);
    ck_assert_double_eq_tol(f.cov01, -4 / 4.25, TOL);
    ck_assert_double_eq_tol(f.scale, 1, TOL);
    /* the line and its error at u = 1: 5, var = 9/4.25 - 8/4.25 + 2.25/4.25 */
    double e, at = vfit_at(&f, 1, &e);
    ck_assert_double_eq_tol(at, 5, TOL);
    ck_assert_double_eq_tol(e, sqrt(3.25 / 4.25), TOL);
}
END_TEST

START_TEST(test_fit_weighted_scaled)
{
    /* the data of test_fit_unweighted with equal errors 0.1 (w = 100): same line;
       chi2 = SSR/0.01 = 20 on 2 dof, so the variances are scaled by 10:
       var(slope) = 10/(100 * 5) = 0.02, the unweighted value */
    double x[4] = {0, 1, 2, 3}, y[4] = {0, 1, 1, 2}, se[4] = {0.1, 0.1, 0.1, 0.1};
    vfit f = vstat_fit(x, y, se, 4);
    ck_assert(f.ok && f.weighted);
    ck_assert_double_eq_tol(f.c1, 0.6, TOL);
    ck_assert_double_eq_tol(f.chi2, 20, 1e-7);
    ck_assert_double_eq_tol(f.scale, sqrt(10), 1e-9);
    ck_assert_double_eq_tol(f.se1, sqrt(0.02), 1e-9);
}
END_TEST

START_TEST(test_fit_pooled_error)
{
    /* the exact line of test_fit_weighted_exact with the middle error missing: it gets
       the RMS of the others, sqrt((1 + 4)/2), so w = 1, 0.4, 0.25: S = 1.65,
       Sx = 2.8, Sxx = 6.6, Delta = 10.89 - 7.84 = 3.05, var(slope) = 1.65/3.05 */
    double x[3] = {1, 2, 4}, y[3] = {5, 8, 14}, se[3] = {1, NAN, 2};
    vfit f = vstat_fit(x, y, se, 3);
    ck_assert(f.ok);
    ck_assert_double_eq_tol(f.c1, 3, TOL);
    ck_assert_double_eq_tol(f.se1, sqrt(1.65 / 3.05), TOL);
}
END_TEST

START_TEST(test_fit_degenerate)
{
    double x[3] = {1, NAN, 2}, y[3] = {1, 2, NAN};
    vfit f = vstat_fit(x, y, NULL, 3); /* one valid point */
    ck_assert(!f.ok);
    double x2[2] = {1, 2}, y2[2] = {3, 5};
    f = vstat_fit(x2, y2, NULL, 2); /* two points: the line, but no error */
    ck_assert(f.ok);
    ck_assert_double_eq_tol(f.c1, 2, TOL);
    ck_assert(isnan(f.se1));
    double x3[3] = {2, 2, 2}, y3[3] = {1, 2, 3};
    f = vstat_fit(x3, y3, NULL, 3); /* no spread in x: no slope */
    ck_assert(!f.ok);
}
END_TEST

START_TEST(test_loglog)
{
    /* y = 5 x^-1/2 with 10 % errors: ln y = ln 5 - ln x / 2 exactly */
    double x[3] = {1000, 4000, 16000}, y[3], se[3];
    for (int i = 0; i < 3; i++) {
        y[i] = 5 / sqrt(x[i]);
        se[i] = 0.1 * y[i];
    }
    int sc = -1;
    vfit f = vstat_loglog(x, y, se, 3, &sc);
    ck_assert(f.ok);
    ck_assert_int_eq(sc, 0);
    ck_assert_double_eq_tol(f.c1, -0.5, TOL);
    ck_assert_double_eq_tol(f.c0, log(5), 1e-8);
    /* errors of ln y are all 0.1: w = 100, Sxx of ln x = 2 (ln 4)^2; var(slope) =
       1/(100 * 2 (ln 4)^2) */
    ck_assert_double_eq_tol(f.se1, 1 / sqrt(200 * log(4) * log(4)), 1e-9);
    /* negative values of one sign: |y| is used */
    for (int i = 0; i < 3; i++)
        y[i] = -3 / x[i];
    f = vstat_loglog(x, y, NULL, 3, &sc);
    ck_assert(f.ok);
    ck_assert_double_eq_tol(f.c1, -1, TOL);
    /* a sign change is not a power law */
    y[1] = -y[1];
    f = vstat_loglog(x, y, NULL, 3, &sc);
    ck_assert(!f.ok);
    ck_assert_int_eq(sc, 1);
    /* nor is a zero */
    y[1] = 0;
    f = vstat_loglog(x, y, NULL, 3, &sc);
    ck_assert(!f.ok);
}
END_TEST

START_TEST(test_extrapolate)
{
    /* y = 7 + 2/sqrt(x): a straight line in u = x^-1/2 with intercept 7 */
    double x[3] = {100, 400, 1600}, y[3];
    for (int i = 0; i < 3; i++)
        y[i] = 7 + 2 / sqrt(x[i]);
    vfit f = vstat_extrapolate(x, y, NULL, 3, 0.5);
    ck_assert(f.ok);
    ck_assert_double_eq_tol(f.c0, 7, TOL);
    ck_assert_double_eq_tol(f.c1, 2, 1e-8);
    ck_assert_double_eq_tol(f.se0, 0, 1e-9);
}
END_TEST

/* The KS statistic against cases worked out by hand, and Q_KS against its table. */
START_TEST(test_ks)
{
    const double a[4] = {1, 2, 3, 4}, b[4] = {5, 6, 7, 8};
    double D, p;
    ck_assert_int_eq(vstat_ks2(a, 4, b, 4, &D, &p), 0);
    ck_assert(fabs(D - 1) < 1e-15); /* disjoint: the functions differ by 1 at x = 4 */
    const double c[3] = {1, 3, 5}, d[3] = {2, 4, 6};
    ck_assert_int_eq(vstat_ks2(c, 3, d, 3, &D, &p), 0);
    ck_assert(fabs(D - 1.0 / 3) < 1e-15); /* interleaved: F_c - F_d = 1/3 after each c */
    /* ties within and across samples; a NaN is skipped */
    const double e[5] = {1, 1, 2, 2, NAN}, f[4] = {1, 2, 2, 2};
    ck_assert_int_eq(vstat_ks2(e, 5, f, 4, &D, &p), 0);
    ck_assert(fabs(D - 0.25) < 1e-15); /* at x = 1: 2/4 against 1/4 */
    ck_assert_int_eq(vstat_ks2(a, 4, a, 4, &D, &p), 0);
    ck_assert(D == 0 && p == 1);
    /* Q_KS: the classical critical values 1.358 (5 %) and 1.628 (1 %) */
    ck_assert(fabs(vstat_ks_q(1.3581) - 0.05) < 2e-4);
    ck_assert(fabs(vstat_ks_q(1.6276) - 0.01) < 1e-4);
    ck_assert(vstat_ks_q(0) == 1);
    /* the critical D inverts it: for large samples 1.358 sqrt(2/n) */
    double dc = vstat_ks_critical(100000, 100000, 0.05);
    ck_assert(fabs(dc / (1.3581 * sqrt(2.0 / 100000)) - 1) < 2e-3);
    double NaNs[2] = {NAN, NAN};
    ck_assert_int_eq(vstat_ks2(NaNs, 2, a, 4, &D, &p), -1);
    ck_assert(isnan(D));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("validate");
    TCase *tc = tcase_create("stats");
    tcase_add_test(tc, test_mean_se);
    tcase_add_test(tc, test_fit_unweighted);
    tcase_add_test(tc, test_fit_weighted_exact);
    tcase_add_test(tc, test_fit_weighted_scaled);
    tcase_add_test(tc, test_fit_pooled_error);
    tcase_add_test(tc, test_fit_degenerate);
    tcase_add_test(tc, test_loglog);
    tcase_add_test(tc, test_extrapolate);
    tcase_add_test(tc, test_ks);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
