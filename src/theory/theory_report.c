/*
 * theory_report.c - every prediction of one configuration as (name, value) pairs.
 *
 * Why: `pbn theory` prints them, and the results database stores "the theory for the
 * same configuration" next to a run with one call.  One list, built here, serves both,
 * so the printed and stored predictions cannot differ.
 *
 * What: the originals' theory (flags 0) at the fixed point of the plastic weights (or
 * at the configured weights when nothing is plastic), the effective-weights variant at
 * its own fixed point, the exact-input-term covariances, and for plastic runs the
 * input-correlation-corrected fixed points (narrow and finite-width closures) and the
 * rates at the initial weights.  The
 * order is fixed; which keys appear depends only on which rules are on, never on
 * whether a value exists (a value that does not exist is NaN and a note says why).
 */
#include "theory_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void add(pbn_theory_report *rep, const char *name, double v)
{
    if (rep->n < PBN_THEORY_MAX_METRICS) {
        rep->m[rep->n].name = name;
        rep->m[rep->n].value = v;
        rep->n++;
    }
}

/* Append one note line unless the same line is already there. */
static void note(pbn_theory_report *rep, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(pbn_theory_report *rep, const char *fmt, ...)
{
    char line[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    size_t n = strlen(rep->notes), l = strlen(line);
    /* an identical earlier line (at the start or after a newline) is not repeated */
    for (const char *p = rep->notes; (p = strstr(p, line)) != NULL; p++)
        if ((p == rep->notes || p[-1] == '\n') && p[l] == '\n')
            return;
    if (n + l + 2 <= sizeof rep->notes) {
        memcpy(rep->notes + n, line, l);
        rep->notes[n + l] = '\n';
        rep->notes[n + l + 1] = '\0';
    }
}

/* Covariances and correlations at weights j (NaN when j is NULL or the balance fails). */
static void add_cov(pbn_theory_report *rep, const pbn_config *cfg, const double *j,
                    unsigned flags, const char *const names[6])
{
    pbn_theory_cov cv;
    pbn_error e = {0, ""};
    int ok = j && pbn_theory_covariance(cfg, j, flags, &cv, &e) == PBN_OK;
    for (int k = 0; k < 3; k++)
        add(rep, names[k], ok ? cv.cov[k] : NAN);
    for (int k = 0; k < 3; k++)
        add(rep, names[3 + k], ok ? cv.corr[k] : NAN);
}

/*
 * The fixed point of one variant, with its note unless it says the same as the note of
 * the plain theory (base); returns the weights to evaluate at (NULL: none).
 */
static const double *variant(const pbn_config *cfg, unsigned flags, const char *label,
                             const pbn_theory_fp *base, pbn_theory_fp *fp,
                             pbn_theory_report *rep, pbn_error *err)
{
    if (pbn_theory_fixed_point(cfg, flags, fp, err) != PBN_OK)
        return NULL; /* err->code is set */
    if (fp->note[0] && !(base && strcmp(base->note, fp->note) == 0))
        note(rep, "%s%s", label, fp->note);
    return fp->status == PBN_FP_NONE ? NULL : fp->j;
}

int pbn_theory_predict(const pbn_config *cfg, pbn_theory_report *rep, pbn_error *err)
{
    static const char *const cov_names[6] = {"cov_ee", "cov_ei", "cov_ii",
                                             "corr_ee", "corr_ei", "corr_ii"};
    static const char *const cov_exact[6] = {"cov_ee_exact", "cov_ei_exact", "cov_ii_exact",
                                             "corr_ee_exact", "corr_ei_exact", "corr_ii_exact"};
    static const char *const cov_eff[6] = {"cov_ee_eff", "cov_ei_eff", "cov_ii_eff",
                                           "corr_ee_eff", "corr_ei_eff", "corr_ii_eff"};
    static const char *const star[PBN_NRECURRENT][4] = {
        {"jee_star", "jee_star_eff", "jee_star_cx", "jee_star_cxw"},
        {"jei_star", "jei_star_eff", "jei_star_cx", "jei_star_cxw"},
        {"jie_star", "jie_star_eff", "jie_star_cx", "jie_star_cxw"},
        {"jii_star", "jii_star_eff", "jii_star_cx", "jii_star_cxw"}};
    pbn_theory_fp fp0, fpe, fpc, fpw;
    int rule[PBN_NRECURRENT];
    double init_hz[2] = {NAN, NAN};
    pbn_error e = {0, ""};
    memset(rep, 0, sizeof *rep);
    if (pbn_config_validate(cfg, err) != PBN_OK)
        return PBN_EINVAL;
    theory_rules(cfg, rule);
    const int plastic = rule[PBN_EE] || rule[PBN_EI] || rule[PBN_IE] || rule[PBN_II];

    const double *j0 = variant(cfg, 0, "", NULL, &fp0, rep, &e);
    const double *je = e.code ? NULL : variant(cfg, PBN_THEORY_EFFECTIVE, "effective weights: ",
                                               &fp0, &fpe, rep, &e);
    const double *jc = NULL, *jw = NULL;
    if (plastic && !e.code)
        jc = variant(cfg, PBN_THEORY_CX, "with the input-correlation terms: ", &fp0, &fpc,
                     rep, &e);
    if (plastic && !e.code)
        jw = variant(cfg, PBN_THEORY_CX_WIDTH, "with the finite-width correlation terms: ",
                     &fpc, &fpw, rep, &e);
    if (e.code)
        return pbn_error_set(err, e.code, "%s", e.msg);
    if (plastic) {
        if (pbn_theory_rates(cfg, NULL, 0, init_hz, &e) != PBN_OK) {
            init_hz[0] = init_hz[1] = NAN;
            note(rep, "initial weights: %s", e.msg);
            if (!j0)
                return pbn_error_set(err, PBN_ETHEORY, "no prediction: %s; and %s", fp0.note,
                                     e.msg);
        }
    } else if (!j0) {
        /* nothing plastic and the balance fails: the configuration is impossible */
        pbn_theory_rates(cfg, NULL, 0, init_hz, &e);
        return pbn_error_set(err, PBN_ETHEORY, "%s", e.msg);
    }

    add(rep, "rate_e_hz", j0 ? fp0.rate_hz[0] : NAN);
    add(rep, "rate_i_hz", j0 ? fp0.rate_hz[1] : NAN);
    add(rep, "rate_e_eff_hz", je ? fpe.rate_hz[0] : NAN);
    add(rep, "rate_i_eff_hz", je ? fpe.rate_hz[1] : NAN);
    add_cov(rep, cfg, j0, 0, cov_names);
    add_cov(rep, cfg, j0, PBN_THEORY_EXACT_INPUT, cov_exact);
    add_cov(rep, cfg, je, PBN_THEORY_EFFECTIVE, cov_eff);
    if (!plastic)
        return PBN_OK;

    add(rep, "rate_e_init_hz", init_hz[0]);
    add(rep, "rate_i_init_hz", init_hz[1]);
    add(rep, "rate_e_cx_hz", jc ? fpc.rate_hz[0] : NAN);
    add(rep, "rate_i_cx_hz", jc ? fpc.rate_hz[1] : NAN);
    add(rep, "fp_max_eig", j0 ? fp0.max_re_eig : NAN);
    for (int b = 0; b < PBN_NRECURRENT; b++) {
        if (!rule[b])
            continue;
        add(rep, star[b][0], j0 && fp0.set[b] ? fp0.j[b] : NAN);
        add(rep, star[b][1], je && fpe.set[b] ? fpe.j[b] : NAN);
        add(rep, star[b][2], jc && fpc.set[b] ? fpc.j[b] : NAN);
        add(rep, star[b][3], jw && fpw.set[b] ? fpw.j[b] : NAN);
    }
    if (rule[PBN_EE] == PBN_EE_KOHONEN) {
        add(rep, "kohonen_roots", fp0.n_roots >= 0 ? (double)fp0.n_roots : NAN);
        add(rep, "jee_star_slope", fp0.root_slope[0]);
        add(rep, "jee_star_unstable", fp0.jee_root[1]);
        add(rep, "jee_star_unstable_slope", fp0.root_slope[1]);
        add(rep, "jee_star_unstable_eff", fpe.jee_root[1]);
        add(rep, "jee_star_unstable_cx", fpc.jee_root[1]);
        add(rep, "b_saddle_node", fp0.b_saddle_node);
        add(rep, "b_saddle_node_eff", fpe.b_saddle_node);
        add(rep, "b_saddle_node_cx", fpc.b_saddle_node);
    }
    return PBN_OK;
}

size_t pbn_theory_metrics(const pbn_config *cfg, pbn_metric *out, size_t max, pbn_error *err)
{
    pbn_theory_report rep;
    if (pbn_theory_predict(cfg, &rep, err) != PBN_OK)
        return 0;
    size_t n = rep.n < max ? rep.n : max;
    memcpy(out, rep.m, n * sizeof *out);
    return n;
}
