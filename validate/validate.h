/*
 * validate.h - the statistics behind `pbn-validate` (the validation table of the paper's
 * claims), kept apart from the program so that tests/test_validate.c can check them.
 *
 * Why these: every claim of the validation is a statement about a trend (an error that
 * shrinks like a power of N, a quantity that extrapolates to a limit as N grows, a weight
 * that does or does not change with the input correlation or the initial weight), so
 * each is tested by a straight-line fit with an honest standard error:
 *
 *   - points that carry their own standard errors (means over repeats) are fitted by
 *     weighted least squares (gsl_fit_wlinear, weights 1/se^2); when the points scatter
 *     more than their error bars allow (reduced chi-square above 1), the parameter
 *     standard errors are scaled up by sqrt(chi2/dof), so a model that does not describe
 *     the data never gets a falsely small error;
 *   - points without standard errors (one run per point) are fitted by ordinary least
 *     squares (gsl_fit_linear) with standard errors from the residual scatter.
 *
 * Representation: plain arrays in, a vfit struct out.  Nothing here prints or exits.
 */
#ifndef PBN_VALIDATE_H
#define PBN_VALIDATE_H

#include <stddef.h>

typedef struct vfit {
    int ok;            /* 1 when the fit could be made (enough points, finite data) */
    size_t n;          /* points used */
    double c0, c1;     /* intercept and slope: y = c0 + c1 x */
    double se0, se1;   /* their standard errors (scaled, see above) */
    double cov01;      /* covariance of c0 and c1 (scaled the same way) */
    double chi2;       /* weighted: sum of squared normalised residuals; else sum of squares */
    double dof;        /* n - 2 */
    double scale;      /* the factor applied to the standard errors (1 when none) */
    int weighted;      /* 1 when the weights were used */
} vfit;

/* Mean and standard error (sd / sqrt(n), sd with n - 1) of the finite values of x;
   returns how many there were.  se is NaN when fewer than 2. */
size_t vstat_mean_se(const double *x, size_t n, double *mean, double *se);

/*
 * Straight-line fit y = c0 + c1 x.  se may be NULL (ordinary least squares).  With se,
 * points whose se is not finite or not positive get the root mean square of the valid
 * standard errors (a pooled estimate: a point of one run has no error bar of its own);
 * when no point has a valid se the fit is unweighted.  Points with a non-finite x or y
 * are skipped.  Needs at least 2 points (3 for any standard error: with 2 points the
 * unweighted standard errors are NaN).
 */
vfit vstat_fit(const double *x, const double *y, const double *se, size_t n);

/*
 * Log-log slope: fits ln|y| = c0 + c1 ln x with weights from the relative errors
 * (se of ln|y| = se / |y|).  Fails (ok = 0) when a y is zero or when the y change sign
 * (|y| is then not a power law); *sign_change is set to 1 in that case (may be NULL).
 */
vfit vstat_loglog(const double *x, const double *y, const double *se, size_t n,
                  int *sign_change);

/*
 * Extrapolation to x -> infinity of y = a + b x^(-p): fits y against x^(-p); c0 is the
 * limit a and se0 its standard error.
 */
vfit vstat_extrapolate(const double *x, const double *y, const double *se, size_t n,
                       double p);

/* The value of the fitted line at u, and its standard error from the covariance. */
double vfit_at(const vfit *f, double u, double *se);

/* A fit with two regressors: y = c[0] + c[1] u + c[2] w. */
typedef struct vfit3 {
    int ok;
    size_t n;
    double c[3], se[3];
    double chi2, dof, scale;
} vfit3;

/*
 * Weighted (se given and valid for some points: pooled for the others) or ordinary least
 * squares of y on (1, u, w), by GSL's gsl_multifit_wlinear / gsl_multifit_linear, with the
 * standard errors scaled as vstat_fit's.  Needs 4 finite points.
 */
vfit3 vstat_fit3(const double *u, const double *w, const double *y, const double *se,
                 size_t n);

/*
 * The two-sample Kolmogorov-Smirnov test: D = sup |F_x - F_y| of the two empirical
 * distribution functions (samples sorted with gsl_sort; NaNs are skipped), and the
 * asymptotic p-value Q_KS(lambda) = 2 sum_{k>=1} (-1)^(k-1) exp(-2 k^2 lambda^2) with
 * lambda = (sqrt(ne) + 0.12 + 0.11/sqrt(ne)) D and ne = n m / (n + m) (Stephens'
 * correction for small samples).  Returns 0, or -1 when a sample has no finite value
 * (D and p NaN).  The inputs are not changed.
 */
int vstat_ks2(const double *x, size_t n, const double *y, size_t m, double *D, double *p);
/* Q_KS(lambda) as above (1 for lambda <= 0). */
double vstat_ks_q(double lambda);
/* The critical D of the two-sample test at level alpha (asymptotic): the D at which
   the p-value is alpha, by bisection on Q_KS. */
double vstat_ks_critical(size_t n, size_t m, double alpha);

#endif
