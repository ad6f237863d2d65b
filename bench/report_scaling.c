/*
 * report_scaling.c - section "Wall time against N": per case, the exponent of wall time
 * per simulated second against N (least squares on the logarithms, GSL), over all sizes
 * and over the large ones, where the synaptic work of order N^2 dominates.
 */
#include "bench.h"

#include <stdio.h>
#include <gsl/gsl_fit.h>
#include <math.h>

/* The second exponent is fitted on the sizes N >= LARGE_N. */
#define LARGE_N 5000

/* The exponent of case kc over its sizes (N >= min_n) into one cell. */
static int exponent_cell(bench_table *t, const bench_state *b, int kc, long min_n)
{
    const bench_options *o = b->o;
    double x[BENCH_MAX_SIZES], y[BENCH_MAX_SIZES];
    size_t n = 0;
    for (int i = 0; i < o->nsizes; i++) {
        const bench_meas *m = &b->m[i][kc];
        if (!m->ok || o->sizes[i] < min_n)
            continue;
        x[n] = log((double)o->sizes[i]);
        y[n] = log(bench_wall_per_s(m));
        n++;
    }
    if (n < 2)
        return bench_table_add(t, "– (fewer than 2 sizes)");
    double c0, c1, cov00, cov01, cov11, sumsq;
    gsl_fit_linear(x, 1, y, 1, n, &c0, &c1, &cov00, &cov01, &cov11, &sumsq);
    if (n > 2)
        return bench_table_add(t, "%.2f ± %.2f", c1, sqrt(cov11));
    return bench_table_add(t, "%.2f", c1);
}

int bench_section_scaling(const bench_state *b, FILE *f)
{
    const bench_options *o = b->o;
    char large[48];
    snprintf(large, sizeof large, "exponent, N ≥ %d", LARGE_N);
    const char *h[] = {"case", "exponent, all sizes", large, "sizes"};
    bench_table t;
    fprintf(f, "#### Wall time against N\n\n");
    if (bench_table_init(&t, 4, h, "lrrl") != 0)
        goto nomem;
    for (int kc = 0; kc < NCASE; kc++) {
        if (!o->use_case[kc])
            continue;
        BENCH_ADD(&t, "%s", bench_cases[kc].label);
        if (exponent_cell(&t, b, kc, 0) != 0 || exponent_cell(&t, b, kc, LARGE_N) != 0)
            goto nomem;
        char list[256] = "";
        size_t len = 0;
        for (int i = 0; i < o->nsizes && len < sizeof list - 16; i++)
            if (b->m[i][kc].ok)
                len += (size_t)snprintf(list + len, sizeof list - len, "%s%ld",
                                        len ? ", " : "", o->sizes[i]);
        BENCH_ADD(&t, "%s", list);
    }
    bench_table_out(&t, f);
    fprintf(f, "\nLeast-squares slope of log(wall s / sim s) against log N (GSL gsl_fit_linear; "
               "± one standard error from the residuals when there are more than two sizes). "
               "With p fixed, synaptic events per simulated second grow as N^2 and neuron "
               "updates as N.\n\n");
    return 0;
nomem:
    bench_table_free(&t);
    return -1;
}
