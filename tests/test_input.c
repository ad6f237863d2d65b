/*
 * test_input.c - statistics of the feed-forward spike trains (paper/model.md section 2).
 *
 * Nx = 200 neurons at rx = 10 Hz for 2000 s, counted in nw = 2000 windows of W = 1 s.
 *
 * Expected values, derived here:
 * - Each X train is a Poisson process of rate rx (a thinned, jittered Poisson process is
 *   Poisson), so a neuron's total count is rx T = 20000 with s.d. sqrt(20000) = 141, and
 *   its count Fano factor is 1.
 * - Two neurons share a mother spike with probability cx^2; with independent Gaussian
 *   jitter of s.d. s the two copies land in the same window of length W with integral
 *   W - 2 s / sqrt(pi) over the mother's position (each window edge loses
 *   s * integral Phi(u)(1 - Phi(u)) du = s / sqrt(pi)).  Hence the count covariance is
 *   cx^2 (rx/cx) (W - 2s/sqrt(pi)) and the count correlation
 *   R = cx (1 - 2 s / (sqrt(pi) W)) = 0.99436 cx for s = 5 ms, W = 1000 ms.
 * Tolerances (four standard errors):
 * - mean count over the neurons: s.d. sqrt(Nx rx T (1 + (Nx - 1) cx)) / Nx, the correlated
 *   trains adding up coherently;
 * - mean pairwise correlation: its estimate is dominated by the sample variance of the
 *   common (mother) count, relative s.d. sqrt(2/(nw - 1)), i.e. s.d. cx sqrt(2/(nw-1));
 *   plus, for independent trains, s.d. sqrt(2/(nw-1)) / (Nx - 1).
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbn/pbn.h"
#include "check_run.h"

#define NX 200
#define TMS 2000000.0
#define WIN 1000.0
#define NW 2000

static void run_stats(double cx)
{
    pbn_config c;
    pbn_error err;
    pbn_config_defaults(&c);
    c.N = 1000; /* Nx = 200 */
    c.T = TMS;
    c.cx = cx;
    c.seed = 3 + (unsigned long)(cx * 10);
    pbn_input *in = pbn_input_create(&c, &err);
    ck_assert_msg(in != NULL, "%s", err.msg);
    unsigned *cnt = calloc((size_t)NW * NX, sizeof *cnt);
    double last = 0;
    uint64_t total = 0;
    /* stream in 1 ms steps, as a simulation would (in 0.1 ms steps) */
    for (long i = 1; i <= (long)TMS; i++) {
        const pbn_xspike *xs;
        size_t n;
        if (pbn_input_until(in, (double)i, &xs, &n, &err) != PBN_OK)
            ck_abort_msg("%s", err.msg);
        for (size_t q = 0; q < n; q++) {
            if (xs[q].t < last || xs[q].t > (double)i || xs[q].t < 0 || xs[q].id >= NX)
                ck_abort_msg("spike %g id %u out of order or range at t = %ld", xs[q].t,
                             xs[q].id, i);
            last = xs[q].t;
            long w = (long)(xs[q].t / WIN);
            if (w >= NW)
                w = NW - 1; /* a spike at exactly T */
            cnt[w * NX + xs[q].id]++;
        }
        total += n;
    }
    ck_assert_uint_eq(pbn_input_late(in), 0);
    ck_assert_uint_eq(pbn_input_count(in), total);
    pbn_input_free(in);

    /* per-neuron counts and Fano factors */
    double rxT = 10.0 * TMS / 1000.0, sum_counts = 0, fano = 0;
    double mu[NX], sd[NX];
    for (int a = 0; a < NX; a++) {
        double s = 0, s2 = 0;
        for (int w = 0; w < NW; w++)
            s += cnt[w * NX + a];
        double m = s / NW;
        for (int w = 0; w < NW; w++)
            s2 += (cnt[w * NX + a] - m) * (cnt[w * NX + a] - m);
        mu[a] = m;
        sd[a] = sqrt(s2 / (NW - 1));
        ck_assert_msg(fabs(s - rxT) < 6 * sqrt(rxT), "cx %g: neuron %d fired %g spikes, expected %g",
                      cx, a, s, rxT);
        sum_counts += s;
        fano += (s2 / (NW - 1)) / m;
    }
    fano /= NX;
    double sd_mean = sqrt(NX * rxT * (1 + (NX - 1) * cx)) / NX;
    ck_assert_msg(fabs(sum_counts / NX - rxT) < 4 * sd_mean, "cx %g: mean count %g vs %g +- %g",
                  cx, sum_counts / NX, rxT, sd_mean);
    ck_assert_msg(fabs(fano - 1) < 4 * sqrt(2.0 / (NW - 1)) * (1 + cx * 3),
                  "cx %g: Fano factor %g", cx, fano);

    /* mean pairwise count correlation from the z-scored population sum */
    double *z = calloc(NW, sizeof *z), zm = 0, zv = 0;
    for (int w = 0; w < NW; w++) {
        for (int a = 0; a < NX; a++)
            z[w] += (cnt[w * NX + a] - mu[a]) / sd[a];
        zm += z[w];
    }
    zm /= NW;
    for (int w = 0; w < NW; w++)
        zv += (z[w] - zm) * (z[w] - zm);
    zv /= NW - 1;
    double rbar = (zv - NX) / ((double)NX * (NX - 1));
    double expect = cx * (1 - 2 * 5.0 / (sqrt(M_PI) * WIN));
    double se = cx * sqrt(2.0 / (NW - 1)) + sqrt(2.0 / (NW - 1)) / (NX - 1);
    if (getenv("PBN_TEST_VERBOSE"))
        printf("cx %g: mean count %g (%g), Fano %g, mean corr %g (expected %g +- %g)\n", cx,
               sum_counts / NX, rxT, fano, rbar, expect, 4 * se);
    ck_assert_msg(fabs(rbar - expect) < 4 * se, "cx %g: mean correlation %g, expected %g +- %g",
                  cx, rbar, expect, 4 * se);
    free(z);
    free(cnt);
}

START_TEST(test_uncorrelated) { run_stats(0.0); }
END_TEST
START_TEST(test_cx_01) { run_stats(0.1); }
END_TEST
START_TEST(test_cx_05) { run_stats(0.5); }
END_TEST

/* Streaming must not lose, add or reorder anything: the same spikes whatever the steps. */
static void collect(const pbn_config *c, double step, double **t, uint32_t **id, size_t *n)
{
    pbn_error err;
    pbn_input *in = pbn_input_create(c, &err);
    size_t cap = 1024;
    *t = malloc(cap * sizeof **t);
    *id = malloc(cap * sizeof **id);
    *n = 0;
    for (double now = step;; now += step) {
        if (now > c->T)
            now = c->T;
        const pbn_xspike *xs;
        size_t k;
        ck_assert(pbn_input_until(in, now, &xs, &k, &err) == PBN_OK);
        for (size_t q = 0; q < k; q++) {
            if (*n == cap) {
                cap *= 2;
                *t = realloc(*t, cap * sizeof **t);
                *id = realloc(*id, cap * sizeof **id);
            }
            (*t)[*n] = xs[q].t;
            (*id)[(*n)++] = xs[q].id;
        }
        if (now >= c->T)
            break;
    }
    pbn_input_free(in);
}

START_TEST(test_streaming_equivalence)
{
    const double cxs[3] = {0, 0.1, 1.0};
    for (int k = 0; k < 3; k++) {
        pbn_config c;
        pbn_config_defaults(&c);
        c.T = 20000;
        c.cx = cxs[k];
        c.tau_jitter = 20;
        double *t1, *t2;
        uint32_t *i1, *i2;
        size_t n1, n2;
        collect(&c, 0.1, &t1, &i1, &n1);
        collect(&c, c.T, &t2, &i2, &n2);
        ck_assert_uint_eq(n1, n2);
        ck_assert_int_eq(memcmp(t1, t2, n1 * sizeof *t1), 0);
        ck_assert_int_eq(memcmp(i1, i2, n1 * sizeof *i1), 0);
        /* every X neuron fires (none left out): 200 neurons x 200 expected spikes each */
        int seen[200] = {0};
        for (size_t q = 0; q < n1; q++)
            seen[i1[q]] = 1;
        for (int a = 0; a < 200; a++)
            ck_assert_msg(seen[a], "cx %g: X neuron %d never fired", cxs[k], a);
        /* cx = 1: every mother spike is copied to all neurons */
        free(t1);
        free(t2);
        free(i1);
        free(i2);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("input");
    TCase *tc = tcase_create("input");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_uncorrelated);
    tcase_add_test(tc, test_cx_01);
    tcase_add_test(tc, test_cx_05);
    tcase_add_test(tc, test_streaming_equivalence);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
