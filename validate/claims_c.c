/*
 * claims_c.c - C: Kohonen weights converge to the mean-field fixed point j = b tau r_e,
 * which is unique (no memory of where the weights started).
 *
 * The fixed point of the Kohonen rule is j* = b (tau r_e^2 + C~-)/r_e = b tau' r_e
 * (paper/theory.md); with the rates of the balanced state it is the theory's j_ee*.
 * Rows:
 *   C1  the deviation of the mean weight from j* (effective W) shrinks as N grows: the
 *       log-log slope of abs(j/j* - 1) against N, at most -1/2 (the theory's finite-size
 *       order), against a deviation that does not shrink (slope 0);
 *   C2  from the control's starts (one network, starts jee0 = 0.1 ... 3.9): the final
 *       weight at jee0 = 2, the centre of the paper's starts, from a straight-line fit
 *       over them, against the
 *       mean-field j* (nominal W, the paper's line), 5 % allowance (e^-3: three relaxation
 *       times into the approach), against the alternative of no learning;
 *   C3  the same control: the final weight does not depend on the start, slope 0 within
 *       0.05 (less than a twentieth of the initial difference remains), against full
 *       memory (slope 1);
 *   C4, C5  fast learning (the correlation sweep at cx = 0, eta 0.25): the mean weight
 *       at the rule's fixed point at the run's own E rate, 5 % allowance, against the
 *       starting weight.
 * Every row reads weights, so every run must have converged (the drift criterion,
 * claims.h); a row whose runs have not is INCONCLUSIVE.
 */
#include "claims.h"

#include <math.h>
#include <string.h>

enum { C_SIZE, C_CENTRE, C_SLOPE, C_FAST_SMALL, C_FAST_LARGE };

static const vclaim claims[] = {
    {"C1", "Kohonen weights converge to the mean-field fixed point b tau r_e as N grows",
     "size_kohonen", "every N", "log-log slope of abs(jee_mean / j* - 1) vs N; j* at "
     "effective W", VS_AT_MOST, 0.25, "", "0.25 is half the distance between prediction "
     "and alternative", "slope -1/2 or steeper: a deviation at most O(1/sqrt(N))",
     "slope 0: a deviation that does not shrink", NULL, C_SIZE, 0},
    {"C2", "Kohonen weights reach the mean-field fixed point from every start",
     "control_kohonen", "every start", "jee_final at jee0 = 2, the centre of the paper's "
     "starts (line fit over the starts) / j* - 1; j* nominal, the paper's line",
     VS_TWO_SIDED, VREACHED, "",
     "5 % = e^-3: three relaxation times into the approach", "0: at the fixed point",
     "the starting weights: no learning", "kohonen_control_centre", C_CENTRE, 0},
    {"C3", "the Kohonen fixed point is unique: the final weight does not depend on the start",
     "control_kohonen", "every start", "slope of jee_final vs the initial jee", VS_TWO_SIDED,
     0.05, "", "0.05: less than a twentieth of the initial difference remains (e^-3)",
     "0: no memory of the start", "1: full memory", "kohonen_control_slope", C_SLOPE, 0},
    {"C4", "Kohonen weights reach the fixed point also with fast learning",
     "corr_kohonen", "cx = 0, the smaller N", "jee_mean / (b tau r_e,sim) - 1 (one run)",
     VS_TWO_SIDED, VREACHED, "", "5 % = e^-3: three relaxation times into the approach",
     "0: at the fixed point at the run's own rate", "the starting weight: no learning", NULL,
     C_FAST_SMALL, 0},
    {"C5", "Kohonen weights reach the fixed point also with fast learning",
     "corr_kohonen", "cx = 0, the larger N", "jee_mean / (b tau r_e,sim) - 1 (one run)",
     VS_TWO_SIDED, VREACHED, "", "5 % = e^-3: three relaxation times into the approach",
     "0: at the fixed point at the run's own rate", "the starting weight: no learning", NULL,
     C_FAST_LARGE, 0},
};

/* The Kohonen rule's fixed point at the run's own E rate: j = b (tau + g/2) r_e. */
static double kohonen_fp_sim(const vrun *r)
{
    double re = vrun_metric(r, "rate_e_hz") / 1000.0, rx = r->cfg.rx / 1000.0;
    double g = r->cfg.cx > 0 ? r->cfg.cx / rx : 0;
    return r->cfg.beta * (r->cfg.tau_stdp + g / 2) * re;
}

static double y_dev_fp(const vrun *r, const void *c)
{
    (void)c;
    pbn_theory_fp fp;
    if (vrun_fixed_point(r, PBN_THEORY_EFFECTIVE, &fp))
        return NAN;
    return vrun_metric(r, "jee_mean") / fp.j[PBN_EE] - 1;
}

static double y_dev_sim(const vrun *r, const void *c)
{
    (void)c;
    return vrun_metric(r, "jee_mean") / kohonen_fp_sim(r) - 1;
}

/* The fraction of silent and slowly firing E cells of a Kohonen run, and what silent
   cells alone do to the mean weight. */
static void note_heterogeneity(vbuf *nb, const vdata *d, const vrun *r)
{
    double fs, fslow, slow_hz = 1000.0 / (r->cfg.eta_ee * r->cfg.T / 2);
    if (!r || vrun_e_fractions(d, r, slow_hz, &fs, &fslow))
        return;
    double jfp = kohonen_fp_sim(r);
    bprintf(nb, "  Rate heterogeneity (the run of seed %lu, N = %ld): %.1f %% of the E cells are "
                "silent in the second half and %.1f %% fire below %.2g Hz, the rate whose "
                "relaxation time 1/(eta r) equals the second half (T/2 = %g s).  A weight moves "
                "only at its post-synaptic cell's spikes or through that cell's trace, so the "
                "weights onto cells that stay silent keep their initial value: were these cells "
                "to stay silent, the mean weight would sit %.1f %% %s b tau r_e even at "
                "t -> infinity (silent fraction times (j0/j_fp - 1)).\n",
            r->cfg.seed, r->N, 100 * fs, 100 * fslow, slow_hz, r->cfg.T / 2000,
            fabs(100 * fs * (r->cfg.jee / jfp - 1)), r->cfg.jee < jfp ? "below" : "above");
}

/* Whether every run of exp has the size and learning budget (eta_ee T) of the authors'
   run behind the row's reference. */
static int same_protocol(const vdata *d, const vrow *row)
{
    const vref *ref = row->c->ref ? vref_find(row->c->ref) : NULL;
    int any = 0;
    if (!ref || ref->N <= 0 || !(ref->budget > 0))
        return 0;
    for (size_t i = 0; i < d->n; i++) {
        const vrun *r = &d->r[i];
        if (!r->status_ok || !r->cfg_ok || strcmp(r->exp, row->c->exp))
            continue;
        any = 1;
        if (r->N != ref->N || fabs(r->cfg.eta_ee * r->cfg.T * 1e-3 - ref->budget) > 0.01 * ref->budget)
            return 0;
    }
    return any;
}

static void converged(vctx *v, vrow *row, run_sel sel, const void *sctx)
{
    double worst;
    row->t.converged = series_converged(v->d, row->c->exp, sel, sctx, "jee", &worst);
    if (row->t.converged >= 0)
        sappend(row->data, sizeof row->data, "; largest drift %.2g %%", 100 * worst);
}

void claims_C(vctx *v)
{
    vbuf *nb = &v->notes;
    char a[64], b[64];
    bprintf(nb, "\n### C. Kohonen weights converge to a unique fixed point\n\n"
                "The Kohonen rule's fixed point is j = b (tau r_e^2 + C~-)/r_e = b tau' r_e "
                "(theory.md section 5).  Every row reads weights, and a weight still moving "
                "is not a fixed point: each run must pass the drift criterion (the mean "
                "weight changed by less than %.0f %% between the last two quarters of the "
                "run), else the row is INCONCLUSIVE.\n\n",
            100 * VDRIFT_MAX);
    for (size_t i = 0; i < sizeof claims / sizeof claims[0]; i++) {
        const vclaim *c = &claims[i];
        vrow *row = vrow_new(v, c);
        if (!row)
            return;
        if (c->arg == C_SIZE) {
            vseries s;
            vseries_make(v->d, c->exp, NULL, NULL, x_N, y_dev_fp, NULL, &s);
            if (!vrow_enough(v, row, &s, 3))
                continue;
            size_t dropped = 0;
            vfit f = vrow_loglog(row, &s, -0.5, 0, &dropped);
            converged(v, row, NULL, NULL);
            vrow_decide(row);
            bprintf(nb, "- **C1** (size_kohonen): slope %s.\n",
                    f.ok ? fmt_pm(a, sizeof a, f.c1, f.se1) : "n/a");
            note_series(nb, &s, "N", "jee_mean / j* - 1");
            vseries sm, sd;
            vseries_make(v->d, c->exp, NULL, NULL, x_N, y_metric, "jee_mean", &sm);
            vseries_make(v->d, c->exp, NULL, NULL, x_N, y_drift, "jee", &sd);
            note_series(nb, &sm, "N", "jee_mean");
            note_series(nb, &sd, "N", "drift of jee (last two quarters)");
            vseries sr;
            vseries_make(v->d, c->exp, NULL, NULL, x_N, y_dev_sim, NULL, &sr);
            note_series(nb, &sr, "N", "jee_mean / (b tau r_e,sim) - 1 (the rule at the run's own rate)");
            note_heterogeneity(nb, v->d, vdata_largest(v->d, c->exp));
        } else if (c->arg == C_CENTRE || c->arg == C_SLOPE) {
            vseries s;
            vseries_make(v->d, c->exp, NULL, NULL, x_jee0, y_metric, "jee_final", &s);
            if (!vrow_enough(v, row, &s, 3))
                continue;
            vfit f = fit_series(&s);
            const vrun *r0 = vdata_largest(v->d, c->exp);
            pbn_theory_fp fp;
            if (!f.ok || vrun_fixed_point(r0, 0, &fp)) {
                snprintf(row->sim, sizeof row->sim, "no fit or no fixed point");
                vrow_decide(row);
                continue;
            }
            /* the centre of the paper's starts, 0.1 .. 3.9, where the authors' number is read */
            double centre = 2.0, jstar = fp.j[PBN_EE];
            if (c->arg == C_CENTRE) {
                double se;
                double jc = vfit_at(&f, centre, &se);
                row->t.x = jc / jstar - 1;
                row->t.se = se / jstar;
                row->t.pred = 0;
                row->t.alt = centre / jstar - 1;
                snprintf(row->data, sizeof row->data, "%s: %zu starts %g .. %g, N = %ld", c->exp,
                         s.n, s.p[0].x, s.p[s.n - 1].x, r0->N);
            } else {
                row->t.x = f.c1;
                row->t.se = f.se1;
                row->t.pred = 0;
                row->t.alt = 1;
                snprintf(row->data, sizeof row->data, "%s: %zu starts, N = %ld", c->exp, s.n,
                         r0->N);
            }
            converged(v, row, NULL, NULL);
            row->t.ref_same_protocol = same_protocol(v->d, row);
            if (row->t.ref_same_protocol)
                sappend(row->data, sizeof row->data, "; the authors' N and eta T");
            vrow_decide(row);
            if (c->arg == C_CENTRE) {
                char d[64];
                bprintf(nb, "- **C2/C3** (control_kohonen, N = %ld): final weight %s at the "
                            "centre start %g against j* = %s; slope against the start %s.\n",
                        r0->N, fmt_pm(a, sizeof a, row->t.x * jstar + jstar, row->t.se * jstar),
                        centre, fmt_g(b, sizeof b, jstar), fmt_pm(d, sizeof d, f.c1, f.se1));
                note_series(nb, &s, "initial jee", "jee_final");
                vseries sd;
                vseries_make(v->d, c->exp, NULL, NULL, x_jee0, y_drift, "jee", &sd);
                note_series(nb, &sd, "initial jee", "drift of jee (last two quarters)");
                /* the start with the smallest initial weight shows the frozen synapses best */
                const vrun *lo = NULL;
                for (size_t q = 0; q < v->d->n; q++)
                    if (!strcmp(v->d->r[q].exp, c->exp) && v->d->r[q].status_ok &&
                        (!lo || v->d->r[q].cfg.jee < lo->cfg.jee))
                        lo = &v->d->r[q];
                note_heterogeneity(nb, v->d, lo);
            }
        } else {
            long N;
            if (!vrow_pick_N(v, row, c->arg == C_FAST_LARGE, &N))
                continue;
            double sc[2] = {0, (double)N};
            vseries s;
            vseries_make(v->d, c->exp, sel_cx_N, sc, x_N, y_dev_sim, NULL, &s);
            if (!vrow_enough(v, row, &s, 1))
                continue;
            const vrun *r = NULL;
            for (size_t q = 0; q < v->d->n && !r; q++)
                if (!strcmp(v->d->r[q].exp, c->exp) && sel_cx_N(&v->d->r[q], sc) &&
                    v->d->r[q].status_ok)
                    r = &v->d->r[q];
            row->t.x = s.p[0].mean;
            row->t.se = s.p[0].se;
            row->t.pred = 0;
            row->t.alt = r ? r->cfg.jee / kohonen_fp_sim(r) - 1 : NAN;
            snprintf(row->data, sizeof row->data, "%s: cx = 0, N = %ld", c->exp, N);
            converged(v, row, sel_cx_N, sc);
            vrow_decide(row);
            bprintf(nb, "- **%s** (corr_kohonen, cx = 0, N = %ld): jee_mean %s against the "
                        "rule at the run's own rate %s (start %g, T %g s, eta %g).\n",
                    c->id, N, r ? fmt_g(a, sizeof a, vrun_metric(r, "jee_mean")) : "n/a",
                    r ? fmt_g(b, sizeof b, kohonen_fp_sim(r)) : "n/a", r ? r->cfg.jee : NAN,
                    r ? r->cfg.T / 1000 : NAN, r ? r->cfg.eta_ee : NAN);
        }
    }
}
