/*
 * validate_stats.c - the line fits of the validation (see validate.h for why and how).
 *
 * GSL's fits are used as they are: gsl_fit_wlinear gives the parameter covariance for
 * known errors (weights 1/se^2), gsl_fit_linear estimates it from the residuals.  What
 * is added here: skipping non-finite points, a pooled error for points without one, the
 * chi-square scaling of weighted errors, and the transformations to log-log and to
 * powers of x.
 */
#include "validate.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_sort.h>
#include <math.h>
#include <stdlib.h>

size_t vstat_mean_se(const double *x, size_t n, double *mean, double *se)
{
    double s = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(x[i])) {
            s += x[i];
            k++;
        }
    *mean = k ? s / (double)k : NAN;
    if (k < 2) {
        *se = NAN;
        return k;
    }
    double ss = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(x[i]))
            ss += (x[i] - *mean) * (x[i] - *mean);
    *se = sqrt(ss / (double)(k - 1)) / sqrt((double)k);
    return k;
}

static vfit fit_empty(void)
{
    vfit f = {0};
    f.c0 = f.c1 = f.se0 = f.se1 = f.cov01 = f.chi2 = f.dof = NAN;
    f.scale = 1;
    return f;
}

vfit vstat_fit(const double *x, const double *y, const double *se, size_t n)
{
    vfit f = fit_empty();
    double *xs = malloc((n ? n : 1) * sizeof *xs), *ys = malloc((n ? n : 1) * sizeof *ys),
           *ws = malloc((n ? n : 1) * sizeof *ws);
    if (!xs || !ys || !ws)
        goto end;
    /* the valid points, and the pooled error for those without one */
    size_t m = 0, nse = 0;
    double sse2 = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(x[i]) || !isfinite(y[i]))
            continue;
        xs[m] = x[i];
        ys[m] = y[i];
        ws[m] = se ? se[i] : NAN;
        if (isfinite(ws[m]) && ws[m] > 0) {
            sse2 += ws[m] * ws[m];
            nse++;
        }
        m++;
    }
    f.n = m;
    if (m < 2)
        goto end;
    /* the fit uses the GSL return codes; keep GSL from aborting on a degenerate input */
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    double c00, c01, c11, chi2;
    int rc;
    if (se && nse > 0) {
        double pooled = sqrt(sse2 / (double)nse);
        for (size_t i = 0; i < m; i++) {
            double s = (isfinite(ws[i]) && ws[i] > 0) ? ws[i] : pooled;
            ws[i] = 1.0 / (s * s);
        }
        rc = gsl_fit_wlinear(xs, 1, ws, 1, ys, 1, m, &f.c0, &f.c1, &c00, &c01, &c11, &chi2);
        f.weighted = 1;
        f.dof = (double)m - 2;
        if (rc == GSL_SUCCESS && f.dof > 0 && chi2 / f.dof > 1) {
            double s = chi2 / f.dof;
            c00 *= s;
            c01 *= s;
            c11 *= s;
            f.scale = sqrt(s);
        }
    } else {
        rc = gsl_fit_linear(xs, 1, ys, 1, m, &f.c0, &f.c1, &c00, &c01, &c11, &chi2);
        f.dof = (double)m - 2;
        if (m < 3)
            c00 = c01 = c11 = NAN;
    }
    gsl_set_error_handler(old);
    if (rc != GSL_SUCCESS || !isfinite(f.c0) || !isfinite(f.c1)) {
        f.c0 = f.c1 = NAN;
        goto end;
    }
    f.chi2 = chi2;
    f.se0 = sqrt(c00);
    f.se1 = sqrt(c11);
    f.cov01 = c01;
    f.ok = 1;
end:
    free(xs);
    free(ys);
    free(ws);
    return f;
}

vfit vstat_loglog(const double *x, const double *y, const double *se, size_t n,
                  int *sign_change)
{
    vfit f = fit_empty();
    if (sign_change)
        *sign_change = 0;
    double *lx = malloc((n ? n : 1) * sizeof *lx), *ly = malloc((n ? n : 1) * sizeof *ly),
           *ls = malloc((n ? n : 1) * sizeof *ls);
    if (!lx || !ly || !ls)
        goto end;
    int pos = 0, neg = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(x[i]) || !isfinite(y[i]) || x[i] <= 0) {
            lx[i] = ly[i] = ls[i] = NAN;
            continue;
        }
        if (y[i] > 0)
            pos = 1;
        else if (y[i] < 0)
            neg = 1;
        else
            goto end; /* an error of exactly zero has no logarithm */
        lx[i] = log(x[i]);
        ly[i] = log(fabs(y[i]));
        ls[i] = se ? se[i] / fabs(y[i]) : NAN;
    }
    if (pos && neg) {
        if (sign_change)
            *sign_change = 1;
        goto end;
    }
    f = vstat_fit(lx, ly, se ? ls : NULL, n);
end:
    free(lx);
    free(ly);
    free(ls);
    return f;
}

vfit vstat_extrapolate(const double *x, const double *y, const double *se, size_t n,
                       double p)
{
    double *u = malloc((n ? n : 1) * sizeof *u);
    if (!u)
        return fit_empty();
    for (size_t i = 0; i < n; i++)
        u[i] = x[i] > 0 ? pow(x[i], -p) : NAN;
    vfit f = vstat_fit(u, y, se, n);
    free(u);
    return f;
}

double vfit_at(const vfit *f, double u, double *se)
{
    if (se) {
        double v = f->se0 * f->se0 + 2 * u * f->cov01 + u * u * f->se1 * f->se1;
        *se = v >= 0 ? sqrt(v) : NAN;
    }
    return f->c0 + f->c1 * u;
}

vfit3 vstat_fit3(const double *u, const double *w, const double *y, const double *se, size_t n)
{
    vfit3 f;
    f.ok = 0;
    f.n = 0;
    for (int k = 0; k < 3; k++)
        f.c[k] = f.se[k] = NAN;
    f.chi2 = f.dof = NAN;
    f.scale = 1;
    size_t m = 0, nse = 0;
    double sse2 = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(u[i]) && isfinite(w[i]) && isfinite(y[i])) {
            m++;
            if (se && isfinite(se[i]) && se[i] > 0) {
                nse++;
                sse2 += se[i] * se[i];
            }
        }
    if (m < 4)
        return f; /* three parameters and at least one degree of freedom */
    double pooled = nse ? sqrt(sse2 / (double)nse) : NAN;
    gsl_matrix *X = gsl_matrix_alloc(m, 3), *C = gsl_matrix_alloc(3, 3);
    gsl_vector *Y = gsl_vector_alloc(m), *W = gsl_vector_alloc(m), *c = gsl_vector_alloc(3);
    gsl_multifit_linear_workspace *ws = gsl_multifit_linear_alloc(m, 3);
    if (X && C && Y && W && c && ws) {
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            if (!(isfinite(u[i]) && isfinite(w[i]) && isfinite(y[i])))
                continue;
            double s = se && isfinite(se[i]) && se[i] > 0 ? se[i] : pooled;
            gsl_matrix_set(X, k, 0, 1.0);
            gsl_matrix_set(X, k, 1, u[i]);
            gsl_matrix_set(X, k, 2, w[i]);
            gsl_vector_set(Y, k, y[i]);
            gsl_vector_set(W, k, nse ? 1.0 / (s * s) : 1.0);
            k++;
        }
        double chi2;
        gsl_error_handler_t *old = gsl_set_error_handler_off();
        int rc = nse ? gsl_multifit_wlinear(X, W, Y, c, C, &chi2, ws)
                     : gsl_multifit_linear(X, Y, c, C, &chi2, ws);
        gsl_set_error_handler(old);
        if (rc == GSL_SUCCESS) {
            f.ok = 1;
            f.n = m;
            f.chi2 = chi2;
            f.dof = (double)m - 3;
            /* weighted: GSL's covariance is (X^T W X)^-1, from the errors alone: scale it up
               by sqrt(reduced chi-square) when the points scatter more than their errors;
               unweighted: GSL's covariance already carries the residual variance */
            double red = chi2 / f.dof;
            f.scale = nse && red > 1 ? sqrt(red) : 1;
            for (int q = 0; q < 3; q++) {
                f.c[q] = gsl_vector_get(c, q);
                f.se[q] = sqrt(gsl_matrix_get(C, q, q)) * f.scale;
            }
        }
    }
    gsl_matrix_free(X);
    gsl_matrix_free(C);
    gsl_vector_free(Y);
    gsl_vector_free(W);
    gsl_vector_free(c);
    if (ws)
        gsl_multifit_linear_free(ws);
    return f;
}

/* ---- Kolmogorov-Smirnov ------------------------------------------------------------ */

double vstat_ks_q(double lambda)
{
    if (!(lambda > 0))
        return 1;
    double sum = 0, sign = 1;
    for (int k = 1; k <= 200; k++) {
        double term = sign * exp(-2.0 * k * k * lambda * lambda);
        sum += term;
        if (fabs(term) < 1e-16 * fabs(sum) || fabs(term) < 1e-300)
            break;
        sign = -sign;
    }
    double q = 2 * sum;
    return q < 0 ? 0 : q > 1 ? 1 : q;
}

static double ks_lambda(double D, size_t n, size_t m)
{
    double ne = (double)n * (double)m / (double)(n + m), s = sqrt(ne);
    return (s + 0.12 + 0.11 / s) * D;
}

/* The finite values of a sample, sorted, in a new array; their number in *k. */
static double *sorted_finite(const double *x, size_t n, size_t *k)
{
    double *a = malloc((n ? n : 1) * sizeof *a);
    *k = 0;
    if (!a)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (isfinite(x[i]))
            a[(*k)++] = x[i];
    gsl_sort(a, 1, *k);
    return a;
}

int vstat_ks2(const double *x, size_t n, const double *y, size_t m, double *D, double *p)
{
    size_t nx, ny;
    double *a = sorted_finite(x, n, &nx), *b = sorted_finite(y, m, &ny);
    *D = *p = NAN;
    if (!a || !b || !nx || !ny) {
        free(a);
        free(b);
        return -1;
    }
    size_t i = 0, j = 0;
    double d = 0;
    while (i < nx && j < ny) {
        double v = a[i] < b[j] ? a[i] : b[j];
        while (i < nx && a[i] == v) /* ties: step both functions past the value */
            i++;
        while (j < ny && b[j] == v)
            j++;
        double f = fabs((double)i / (double)nx - (double)j / (double)ny);
        if (f > d)
            d = f;
    }
    free(a);
    free(b);
    *D = d;
    *p = vstat_ks_q(ks_lambda(d, nx, ny));
    return 0;
}

double vstat_ks_critical(size_t n, size_t m, double alpha)
{
    if (!n || !m || !(alpha > 0 && alpha < 1))
        return NAN;
    double lo = 0, hi = 1;
    for (int it = 0; it < 100; it++) {
        double mid = (lo + hi) / 2;
        if (vstat_ks_q(ks_lambda(mid, n, m)) > alpha)
            lo = mid;
        else
            hi = mid;
    }
    return (lo + hi) / 2;
}
