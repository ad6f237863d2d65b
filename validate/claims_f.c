/*
 * claims_f.c - F: with iSTDP on I->E only, the final I->E weight depends on the initial
 * one (a manifold of fixed points), and the corrected mean-field theory explains the
 * dependence.
 *
 * The rule pins the E rate but not the weights: every weight configuration with
 * r_e = rho_e is a fixed point.  Plain mean field predicts one final mean weight whatever
 * the start; the corrected theory (paper/model.md section 6) adds the measured O(1)
 * correction c = (R_sim - R_mf)/sqrt(N) of each run (weight-rate correlations
 * <J r> != <J><r>) and solves the pinning condition again (stored per run as
 * jei_star_manifold, and _cx with the correlation term).  It uses measurements of the same
 * run: it tests whether the correction accounts for the dependence, not a prediction from
 * the configuration alone.  Per set of starts (one N and cx), three rows:
 *   dependence   the slope of the final mean weight against the initial one, against the
 *                corrected theory's slope (allowance: half of it, the midpoint to the
 *                alternative) and the plain theory's 0;
 *   explanation  the corrected theory's slope over the simulation's, 1 within 0.1 (it
 *                explains nine tenths of the dependence), against the plain theory's 0;
 *   offset       the mean distance of the simulation above the corrected theory times
 *                sqrt(N) (an O(1/sqrt(N)) correction the theory leaves out shows as an
 *                N-independent number), against 0 (the theory exact); the alternative is
 *                the authors' own offset at N 15000 (Fig. 7), the allowance half the
 *                distance between the two.
 * The corrected theory drops the net input R_sim/sqrt(N) of the E cells, an
 * O(1/sqrt(N)) term; when that term is larger than the correction itself (the mean
 * abs(c_e)) the theory is outside its own domain and the explanation and offset rows are
 * INCONCLUSIVE.  Every start must pass the drift criterion on its I->E weights.
 */
#include "claims.h"

#include <math.h>
#include <string.h>

enum { F_DEP, F_RATIO, F_OFFSET };

static const char cl_dep[] = "the final I->E weight depends on the initial one (a manifold "
                             "of fixed points)";
static const char cl_exp[] = "the corrected mean-field theory explains the dependence";
static const char cl_off[] = "the corrected theory predicts the final weight itself, up to "
                             "O(1/sqrt(N))";
static const char st_dep[] = "slope of jei_final vs the initial jei";
static const char st_exp[] = "slope of the corrected theory vs the initial jei / the "
                             "simulation's slope";
static const char st_off[] = "mean over starts of (jei_final - corrected theory) sqrt(N)";

#define SET(d, e, o, exp, data, set, ref1, ref2)                                          \
    {d, cl_dep, exp, data, st_dep, VS_TWO_SIDED, 0, "", "half the corrected theory's "   \
     "slope: the midpoint to the alternative (computed)", "the corrected theory's slope", \
     "0: the plain theory, one fixed point", NULL, (set) * 4 + F_DEP, 0},                \
    {e, cl_exp, exp, data, st_exp, VS_TWO_SIDED, 0.1, "", "0.1: the theory explains nine " \
     "tenths of the dependence", "1", "0: the plain theory", ref1, (set) * 4 + F_RATIO, 0}, \
    {o, cl_off, exp, data, st_off, VS_TWO_SIDED, 0, "", "half the distance between "      \
     "prediction and alternative (computed)", "0: the theory exact", "the authors' "      \
     "offset at N 15000 (Fig. 7)", ref2, (set) * 4 + F_OFFSET, 0}

static const vclaim claims[] = {
    SET("F1", "F2", "F3", "manifold", "cx = 0, every start", 0, "manifold_slope_ratio",
        "manifold_offset_sqrtN"),
    SET("F4", "F5", "F6", "manifold", "cx = 0.1, every start", 1, NULL, NULL),
    SET("F7", "F8", "F9", "initjei_corr", "the smaller N, every start", 2, NULL, NULL),
    SET("F10", "F11", "F12", "initjei_corr", "the larger N, every start", 3, NULL, NULL),
};

typedef struct fset_eval {
    int ok;
    long N;
    double cx;
    vseries sj, st;   /* final weights, corrected theory, by start */
    vfit fj, ft;
    double off, off_se, drop, corr; /* offset sqrt(N) mean and se; dropped term; correction */
    int conv;
    double worst;
    char why[200];
} fset_eval;

static void eval_set(vctx *v, const char *exp, int set, fset_eval *e)
{
    memset(e, 0, sizeof *e);
    long Ns[8];
    size_t nN = vdata_distinct_N(v->d, exp, Ns, 8);
    int by_cx = set < 2;
    if (!nN || (!by_cx && set == 3 && nN < 2)) {
        snprintf(e->why, sizeof e->why, nN ? "only one N of %s.%s in the database"
                                           : "no runs of %s.%s in the database",
                 v->d->profile, exp);
        return;
    }
    e->N = by_cx ? Ns[0] : set == 3 ? Ns[nN - 1] : Ns[0];
    e->cx = set == 0 ? 0 : 0.1;
    double sc[2] = {e->cx, (double)e->N};
    const char *corr = e->cx > 0 ? "jei_star_manifold_cx" : "jei_star_manifold";
    vseries_make(v->d, exp, sel_cx_N, sc, x_jei0, y_metric, "jei_final", &e->sj);
    vseries_make(v->d, exp, sel_cx_N, sc, x_jei0, y_theory, corr, &e->st);
    if (e->sj.n < 3) {
        snprintf(e->why, sizeof e->why, "%zu starts of %s.%s at N = %ld, cx = %g (3 needed)",
                 e->sj.n, v->d->profile, exp, e->N, e->cx);
        return;
    }
    e->fj = fit_series(&e->sj);
    e->ft = fit_series(&e->st);
    double vals[VMAX_POINTS];
    size_t n = 0;
    for (size_t k = 0; k < e->sj.n && k < e->st.n; k++)
        if (isfinite(e->st.p[k].mean) && isfinite(e->sj.p[k].mean))
            vals[n++] = (e->sj.p[k].mean - e->st.p[k].mean) * sqrt((double)e->N);
    vstat_mean_se(vals, n, &e->off, &e->off_se);
    /* the term the solve drops, and the correction itself */
    vseries sin_, sce;
    vseries_make(v->d, exp, sel_cx_N, sc, x_jei0, y_metric, "input_total", &sin_);
    vseries_make(v->d, exp, sel_cx_N, sc, x_jei0, y_metric, "c_e", &sce);
    double drop = 0, cor = 0;
    size_t m = 0;
    for (size_t k = 0; k < sin_.n && k < sce.n; k++)
        if (isfinite(sin_.p[k].mean) && isfinite(sce.p[k].mean)) {
            drop += fabs(sin_.p[k].mean) / sqrt((double)e->N);
            cor += fabs(sce.p[k].mean);
            m++;
        }
    e->drop = m ? drop / (double)m : NAN;
    e->corr = m ? cor / (double)m : NAN;
    e->conv = series_converged(v->d, exp, sel_cx_N, sc, "jei", &e->worst);
    e->ok = 1;
}

void claims_F(vctx *v)
{
    vbuf *nb = &v->notes;
    bprintf(nb, "\n### F. The final I->E weight depends on the initial one; the corrected "
                "theory explains it\n\n"
                "With iSTDP on I->E only the rule pins the E rate but not the weights, so "
                "where they settle depends on where they started.  The corrected theory adds "
                "each run's measured O(1) correction c = (R_sim - R_mf)/sqrt(N) and solves "
                "the pinning condition again; it drops the net input R_sim/sqrt(N), an "
                "O(1/sqrt(N)) term, so where that term is larger than the correction the "
                "theory is outside its domain (its rows are INCONCLUSIVE).  Every start must "
                "pass the drift criterion on its I->E weights.\n\n");
    fset_eval e;
    int cur = -1;
    for (size_t i = 0; i < sizeof claims / sizeof claims[0]; i++) {
        const vclaim *c = &claims[i];
        int set = c->arg / 4, kind = c->arg % 4;
        vrow *row = vrow_new(v, c);
        if (!row)
            return;
        if (set != cur) {
            eval_set(v, c->exp, set, &e);
            cur = set;
            if (e.ok) {
                char a[64], b[64];
                bprintf(nb, "- **%s-%s** (%s, N = %ld, cx = %g): slope %s (corrected theory %s); "
                            "offset times sqrt(N) %s; dropped term R_sim/sqrt(N) %.3g against "
                            "the correction abs(c_e) %.3g; largest drift %.2g %%.\n",
                        c->id, claims[i + 2].id, c->exp, e.N, e.cx,
                        e.fj.ok ? fmt_pm(a, sizeof a, e.fj.c1, e.fj.se1) : "n/a",
                        e.ft.ok ? fmt_pm(b, sizeof b, e.ft.c1, e.ft.se1) : "n/a",
                        fmt_pm(a, sizeof a, e.off, e.off_se), e.drop, e.corr, 100 * e.worst);
                note_series(nb, &e.sj, "initial jei", "jei_final");
                note_series(nb, &e.st, "initial jei",
                            e.cx > 0 ? "jei_star_manifold_cx" : "jei_star_manifold");
            }
        }
        if (!e.ok) {
            vrow_notrun(row, e.why);
            continue;
        }
        snprintf(row->data, sizeof row->data, "%s: N = %ld, cx = %g, %zu starts", c->exp, e.N,
                 e.cx, e.sj.n);
        if (e.conv >= 0)
            sappend(row->data, sizeof row->data, "; largest drift %.2g %%", 100 * e.worst);
        row->t.converged = e.conv;
        static char invalid[160];
        if (kind != F_DEP && isfinite(e.drop) && isfinite(e.corr) && e.drop > e.corr) {
            snprintf(invalid, sizeof invalid,
                     "the dropped term R_sim/sqrt(N) = %.3g exceeds the correction abs(c_e) = "
                     "%.3g", e.drop, e.corr);
            row->t.invalid = invalid;
        }
        if (kind == F_DEP) {
            row->t.x = e.fj.ok ? e.fj.c1 : NAN;
            row->t.se = e.fj.ok ? e.fj.se1 : NAN;
            row->t.pred = e.ft.ok ? e.ft.c1 : NAN;
            row->t.tol = e.ft.ok ? fabs(e.ft.c1) / 2 : 0;
            row->t.alt = 0;
        } else if (kind == F_RATIO) {
            double q = e.fj.ok && e.ft.ok ? e.ft.c1 / e.fj.c1 : NAN;
            row->t.x = q;
            row->t.se = fabs(q) * sqrt(pow(e.ft.se1 / e.ft.c1, 2) + pow(e.fj.se1 / e.fj.c1, 2));
            row->t.pred = 1;
            row->t.alt = 0;
        } else {
            const vref *ref = vref_find("manifold_offset_sqrtN");
            row->t.x = e.off;
            row->t.se = e.off_se;
            row->t.pred = 0;
            row->t.alt = ref ? ref->value : NAN;
            row->t.tol = ref ? fabs(ref->value) / 2 : 0;
        }
        vrow_decide(row);
        /* vrow_decide keeps the pointer: the next row of this set overwrites the text, so
           copy the reason into the row now */
        if (row->t.invalid)
            row->t.invalid = NULL;
    }
}
