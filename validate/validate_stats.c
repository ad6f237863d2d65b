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
