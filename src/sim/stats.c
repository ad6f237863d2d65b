/*
 * stats.c - mean spike-count covariances and correlations over distinct pairs.
 *
 * Why no N x N matrix: at N = 15000 the covariance matrix would be 1.8 GB.  The means the
 * paper needs follow from population sums (paper/model.md section 5):
 *   mean_{j != k} C_jk = (Var(sum_j n_j) - sum_j Var(n_j)) / (n (n - 1)),
 *   mean_{j != k} R_jk = (Var(sum_j z_j) - n) / (n (n - 1))   (z: z-scored counts of the
 *                                                              non-silent neurons),
 *   mean_{j in E, k in I} C_jk = Cov(sum_E n, sum_I n) / (n_E n_I), likewise for R.
 * The originals' E-E means included the diagonal: Var(sum n) / n^2 and Var(sum z) / n^2;
 * both are kept, as cov_ee_orig and corr_ee_orig, to set results next to the published
 * figures.  Covariances are normalised by n_windows - 1; silent neurons count in the
 * covariance means (their covariances are 0) and are left out of the correlation means
 * ("silent": zero count variance, for which R is undefined).
 */
#include "stats.h"

#include <math.h>
#include <stdlib.h>

/* Sample variance and covariance of two series (two passes, n - 1 normalisation). */
static void series_moments(const double *a, const double *b, uint64_t n, double *va,
                           double *vb, double *cab)
{
    double ma = 0, mb = 0, saa = 0, sbb = 0, sab = 0;
    for (uint64_t w = 0; w < n; w++) {
        ma += a[w];
        mb += b[w];
    }
    ma /= (double)n;
    mb /= (double)n;
    for (uint64_t w = 0; w < n; w++) {
        double da = a[w] - ma, db = b[w] - mb;
        saa += da * da;
        sbb += db * db;
        sab += da * db;
    }
    *va = saa / (double)(n - 1);
    *vb = sbb / (double)(n - 1);
    *cab = sab / (double)(n - 1);
}

static double pair_cov(const uint16_t *wc, uint64_t nw, long N, const double *mu, long a,
                       long b)
{
    double s = 0;
    for (uint64_t w = 0; w < nw; w++)
        s += ((double)wc[w * (uint64_t)N + (uint64_t)a] - mu[a]) *
             ((double)wc[w * (uint64_t)N + (uint64_t)b] - mu[b]);
    return s / (double)(nw - 1);
}

int pbn_count_stats(const uint16_t *wc, uint64_t nw, long N, long Ne, gsl_rng *r,
                    long n_pairs, pbn_results *res, pbn_error *err)
{
    const long Ni = N - Ne;
    int rc = PBN_OK;
    double *mu = NULL, *var = NULL, *sd = NULL, *se = NULL, *si = NULL, *ze = NULL, *zi = NULL;
    res->n_windows = nw;
    for (int k = 0; k < 3; k++)
        res->cov[k] = res->corr[k] = NAN;
    res->cov_ee_orig = res->corr_ee_orig = NAN;
    res->var_mean[0] = res->var_mean[1] = NAN;
    if (nw < 2 || !wc)
        return PBN_OK;

    mu = calloc((size_t)N, sizeof *mu);
    var = calloc((size_t)N, sizeof *var);
    sd = calloc((size_t)N, sizeof *sd);
    se = calloc(nw, sizeof *se);
    si = calloc(nw, sizeof *si);
    ze = calloc(nw, sizeof *ze);
    zi = calloc(nw, sizeof *zi);
    if (!mu || !var || !sd || !se || !si || !ze || !zi) {
        rc = pbn_error_set(err, PBN_ENOMEM, "out of memory computing count statistics");
        goto end;
    }
    for (uint64_t w = 0; w < nw; w++) {
        const uint16_t *row = wc + w * (uint64_t)N;
        double e = 0, i = 0;
        for (long j = 0; j < Ne; j++)
            e += row[j];
        for (long j = Ne; j < N; j++)
            i += row[j];
        se[w] = e;
        si[w] = i;
        for (long j = 0; j < N; j++)
            mu[j] += row[j];
    }
    for (long j = 0; j < N; j++)
        mu[j] /= (double)nw;
    for (uint64_t w = 0; w < nw; w++) {
        const uint16_t *row = wc + w * (uint64_t)N;
        for (long j = 0; j < N; j++) {
            double d = (double)row[j] - mu[j];
            var[j] += d * d;
        }
    }
    double sumvar[2] = {0, 0};
    size_t act[2] = {0, 0};
    for (long j = 0; j < N; j++) {
        var[j] /= (double)(nw - 1);
        sd[j] = sqrt(var[j]);
        sumvar[j >= Ne] += var[j];
        act[j >= Ne] += var[j] > 0;
    }
    res->var_mean[0] = sumvar[0] / (double)Ne;
    res->var_mean[1] = sumvar[1] / (double)Ni;
    res->n_active[0] = act[0];
    res->n_active[1] = act[1];

    double vse, vsi, cei;
    series_moments(se, si, nw, &vse, &vsi, &cei);
    double ne = (double)Ne, ni = (double)Ni;
    res->cov[PBN_PAIR_EE] = Ne > 1 ? (vse - sumvar[0]) / (ne * (ne - 1)) : NAN;
    res->cov[PBN_PAIR_II] = Ni > 1 ? (vsi - sumvar[1]) / (ni * (ni - 1)) : NAN;
    res->cov[PBN_PAIR_EI] = cei / (ne * ni);
    res->cov_ee_orig = vse / (ne * ne);

    /* z-scored population sums over the non-silent neurons */
    for (uint64_t w = 0; w < nw; w++) {
        const uint16_t *row = wc + w * (uint64_t)N;
        double e = 0, i = 0;
        for (long j = 0; j < Ne; j++)
            if (var[j] > 0)
                e += ((double)row[j] - mu[j]) / sd[j];
        for (long j = Ne; j < N; j++)
            if (var[j] > 0)
                i += ((double)row[j] - mu[j]) / sd[j];
        ze[w] = e;
        zi[w] = i;
    }
    double vze, vzi, czei;
    series_moments(ze, zi, nw, &vze, &vzi, &czei);
    double ae = (double)act[0], ai = (double)act[1];
    res->corr[PBN_PAIR_EE] = act[0] > 1 ? (vze - ae) / (ae * (ae - 1)) : NAN;
    res->corr[PBN_PAIR_II] = act[1] > 1 ? (vzi - ai) / (ai * (ai - 1)) : NAN;
    res->corr[PBN_PAIR_EI] = act[0] && act[1] ? czei / (ae * ai) : NAN;
    res->corr_ee_orig = act[0] ? vze / (ae * ae) : NAN;

    /* random pairs for histograms */
    if (n_pairs > 0) {
        const long lo[3][2] = {{0, 0}, {0, Ne}, {Ne, Ne}}; /* first index of a, b */
        const long sz[3][2] = {{Ne, Ne}, {Ne, Ni}, {Ni, Ni}};
        for (int k = 0; k < 3; k++) {
            size_t n = (size_t)n_pairs;
            if (k != PBN_PAIR_EI && sz[k][0] < 2)
                n = 0;
            res->pair_a[k] = malloc((n ? n : 1) * sizeof *res->pair_a[k]);
            res->pair_b[k] = malloc((n ? n : 1) * sizeof *res->pair_b[k]);
            res->pair_cov[k] = malloc((n ? n : 1) * sizeof *res->pair_cov[k]);
            res->pair_corr[k] = malloc((n ? n : 1) * sizeof *res->pair_corr[k]);
            if (!res->pair_a[k] || !res->pair_b[k] || !res->pair_cov[k] || !res->pair_corr[k]) {
                rc = pbn_error_set(err, PBN_ENOMEM, "out of memory sampling pairs");
                goto end;
            }
            for (size_t q = 0; q < n; q++) {
                long a, b;
                do {
                    a = lo[k][0] + (long)gsl_rng_uniform_int(r, (unsigned long)sz[k][0]);
                    b = lo[k][1] + (long)gsl_rng_uniform_int(r, (unsigned long)sz[k][1]);
                } while (a == b);
                double c = pair_cov(wc, nw, N, mu, a, b);
                res->pair_a[k][q] = (uint32_t)a;
                res->pair_b[k][q] = (uint32_t)b;
                res->pair_cov[k][q] = c;
                res->pair_corr[k][q] = var[a] > 0 && var[b] > 0 ? c / (sd[a] * sd[b]) : NAN;
            }
            res->n_pairs[k] = n;
        }
    }
end:
    free(mu);
    free(var);
    free(sd);
    free(se);
    free(si);
    free(ze);
    free(zi);
    return rc;
}
