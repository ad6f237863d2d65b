/*
 * verdict.c - the verdict of a row (see verdict.h).
 */
#include "verdict.h"

#include <math.h>
#include <stdio.h>

const char *vverdict_name(vverdict v)
{
    static const char *const names[VV_N] = {"CONFIRMED", "AS IN THE AUTHORS' RUNS",
                                            "INCONCLUSIVE", "FAIL", "NOT RUN"};
    return v >= 0 && v < VV_N ? names[v] : "?";
}

vtest vtest_init(void)
{
    vtest t = {NAN, NAN, NAN, NAN, 0, 3, VS_TWO_SIDED, -1, 0, NAN, 0, 0, NULL};
    return t;
}

static double kk(const vtest *t) { return t->k > 0 ? t->k : 3; }

double vtest_width(const vtest *t)
{
    double s = isfinite(t->se) && t->se > 0 ? t->se : 0;
    return (t->tol > 0 ? t->tol : 0) + kk(t) * s;
}

int vtest_inside(const vtest *t, double v, int as_alternative)
{
    double w = vtest_width(t);
    if (!isfinite(v) || !isfinite(t->x))
        return 0;
    switch (t->sense) {
    case VS_AT_MOST:
        return as_alternative ? t->x + w >= v : t->x - w <= v;
    case VS_AT_LEAST:
        return as_alternative ? t->x - w <= v : t->x + w >= v;
    default:
        return fabs(t->x - v) <= w;
    }
}

/* "-0.91 ± 0.47" with 3 significant digits */
static void band(const vtest *t, char *buf, size_t len)
{
    snprintf(buf, len, "%.3g ± %.2g", t->x, vtest_width(t));
}

vverdict vtest_verdict(const vtest *t, char *why, size_t len)
{
    char b[64];
    char dummy[8];
    if (!why) {
        why = dummy;
        len = sizeof dummy;
    }
    if (!isfinite(t->x)) {
        snprintf(why, len, "the statistic could not be computed");
        return VV_INCONCLUSIVE;
    }
    band(t, b, sizeof b);
    if (t->invalid) {
        snprintf(why, len, "the theory is outside its own domain here: %s", t->invalid);
        return VV_INCONCLUSIVE;
    }
    int cp = vtest_inside(t, t->pred, 0), ca = vtest_inside(t, t->alt, 1);
    if (t->converged == 0) {
        if (!cp && t->has_ref && t->ref_same_protocol && isfinite(t->ref)) {
            double s = isfinite(t->se) && t->se > 0 ? t->se : 0;
            double d = fabs(t->x - t->ref), lim = (t->tol > 0 ? t->tol : 0) + kk(t) * s + t->ref_unc;
            if (d <= lim) {
                snprintf(why, len, "off the prediction %.3g (band %s), as the authors' own run "
                                   "with the same size and learning budget (%.3g ± %.2g): "
                                   "difference %.2g within %.2g; neither has converged",
                         t->pred, b, t->ref, t->ref_unc, d, lim);
                return VV_AUTHORS;
            }
        }
        snprintf(why, len, "not converged (see the drift criterion): the value %.3g is not a "
                           "settled one", t->x);
        return VV_INCONCLUSIVE;
    }
    const char *side = t->sense == VS_AT_MOST ? "reaches down to" : t->sense == VS_AT_LEAST ? "reaches up to" : "holds";
    if (cp && ca) {
        snprintf(why, len, "band %s %s the prediction %.3g and the alternative %.3g alike: "
                           "the data cannot decide", b, side, t->pred, t->alt);
        return VV_INCONCLUSIVE;
    }
    if (cp) {
        snprintf(why, len, "band %s %s the prediction %.3g and excludes the alternative %.3g",
                 b, side, t->pred, t->alt);
        return VV_CONFIRMED;
    }
    if (t->has_ref && isfinite(t->ref)) {
        double s = isfinite(t->se) && t->se > 0 ? t->se : 0;
        double d = fabs(t->x - t->ref), lim = (t->tol > 0 ? t->tol : 0) + kk(t) * s + t->ref_unc;
        if (d <= lim) {
            snprintf(why, len, "off the prediction %.3g (band %s), as the authors' own runs "
                               "(%.3g ± %.2g): difference %.2g within %.2g",
                     t->pred, b, t->ref, t->ref_unc, d, lim);
            return VV_AUTHORS;
        }
        snprintf(why, len, "band %s misses the prediction %.3g, and the authors' runs "
                           "(%.3g ± %.2g) too: difference %.2g beyond %.2g",
                 b, t->pred, t->ref, t->ref_unc, d, lim);
        return VV_FAIL;
    }
    snprintf(why, len, "band %s misses the prediction %.3g%s", b, t->pred,
             ca ? " and holds the alternative" : "");
    return VV_FAIL;
}

void vtest_criterion(const vtest *t, const char *unit, char *buf, size_t len)
{
    const char *u = unit && *unit ? unit : "";
    const char *sp = *u ? " " : "";
    char tol[48] = "";
    if (t->tol > 0)
        snprintf(tol, sizeof tol, "%.3g%s%s + ", t->tol, sp, u);
    switch (t->sense) {
    case VS_AT_MOST:
        snprintf(buf, len, "x - (%s%g s.e.) <= %.3g%s%s, and x + (same) < %.3g%s%s (alternative)",
                 tol, kk(t), t->pred, sp, u, t->alt, sp, u);
        break;
    case VS_AT_LEAST:
        snprintf(buf, len, "x + (%s%g s.e.) >= %.3g%s%s, and x - (same) > %.3g%s%s (alternative)",
                 tol, kk(t), t->pred, sp, u, t->alt, sp, u);
        break;
    default:
        snprintf(buf, len, "x ± (%s%g s.e.) holds %.3g%s%s and excludes %.3g%s%s (alternative)",
                 tol, kk(t), t->pred, sp, u, t->alt, sp, u);
    }
}
