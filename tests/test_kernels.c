/*
 * test_kernels.c - pbn_exp against the C library's exp.
 *
 * The neuron loop uses pbn_exp (vectorisable) instead of exp.  Its documented accuracy is
 * 2 ulp on [-708, 709]; checked on a dense grid and on random arguments, with the
 * clamping behaviour outside the interval.
 */
#include <check.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "sim/kernels.h"
#include "check_run.h"

static double ulps(double a, double b) { return fabs(a - b) / (DBL_EPSILON * fabs(b)); }

START_TEST(test_exp_grid)
{
    double worst = 0;
    for (long i = 0; i <= 2000000; i++) {
        double x = -708.0 + 1417.0 * (double)i / 2000000.0;
        double u = ulps(pbn_exp(x), exp(x));
        if (u > worst)
            worst = u;
    }
    ck_assert_msg(worst <= 2.0, "pbn_exp worst error %.3f ulp on [-708, 709]", worst);
}
END_TEST

START_TEST(test_exp_neuron_range)
{
    /* the range the EIF term sees: (V - VT)/DeltaT for V in [-80, -50] */
    srand(7);
    double worst = 0;
    for (int i = 0; i < 1000000; i++) {
        double x = -25.0 + 30.0 * rand() / (double)RAND_MAX;
        double u = ulps(pbn_exp(x), exp(x));
        if (u > worst)
            worst = u;
    }
    ck_assert_msg(worst <= 2.0, "worst %.3f ulp", worst);
    ck_assert(pbn_exp(0.0) == 1.0);
}
END_TEST

START_TEST(test_exp_clamp)
{
    ck_assert(pbn_exp(-1000.0) == pbn_exp(-708.0));
    ck_assert(pbn_exp(1000.0) == pbn_exp(709.0));
    ck_assert(isfinite(pbn_exp(1e300)));
    ck_assert(pbn_exp(-1000.0) > 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("kernels");
    TCase *tc = tcase_create("exp");
    tcase_add_test(tc, test_exp_grid);
    tcase_add_test(tc, test_exp_neuron_range);
    tcase_add_test(tc, test_exp_clamp);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
