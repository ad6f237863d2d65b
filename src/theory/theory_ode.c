/*
 * theory_ode.c - transient mean-weight trajectories: the drift equations integrated in
 * real time with GSL's ODE driver, to draw next to simulated weight trajectories.
 *
 * Why: a fixed point says where the weights go, not how fast; the paper's transients
 * (and the time-scale-separation experiment) compare the simulated mean weights over
 * time with the solution of dj/dt = drift(j) (paper/model.md section 6).
 *
 * How: the state is the vector of plastic weights (one to four blocks); the right-hand
 * side is theory_drift (rates re-balanced at every evaluation).  Embedded Runge-Kutta
 * Prince-Dormand 8(9) (gsl_odeiv2_step_rk8pd) with tight tolerances carries the state
 * from one sample time to the next.  When the right-hand side fails (the rates at a
 * trial point are not positive: the weights are leaving the balanced domain, e.g. the
 * Kohonen runaway towards the pole of r_e), GSL restores the last good state; the step is
 * retried from there with a smaller first step, and after repeated failures the
 * trajectory is declared ended at that time.
 */
#include "theory_internal.h"

#include <gsl/gsl_odeiv2.h>
#include <math.h>
#include <string.h>

#define ODE_EPS 1e-10     /* absolute (weight units) and relative tolerance */
#define ODE_NMAX 1000000  /* steps per sample interval */
#define ODE_RETRIES 40

typedef struct ode_ctx {
    const pbn_config *cfg;
    unsigned flags;
    double j[PBN_NBLOCKS]; /* static weights; plastic entries overwritten from y */
    int idx[PBN_NRECURRENT];
    size_t m;
} ode_ctx;

static int ode_rhs(double t, const double y[], double dydt[], void *p)
{
    ode_ctx *c = p;
    double dj[PBN_NBLOCKS];
    (void)t;
    for (size_t s = 0; s < c->m; s++)
        c->j[c->idx[s]] = y[s];
    if (theory_drift(c->cfg, c->flags, c->j, dj, NULL, NULL) != PBN_OK)
        return GSL_EDOM; /* not GSL_EBADFUNC: GSL then restores the state of the last step */
    for (size_t s = 0; s < c->m; s++)
        dydt[s] = dj[c->idx[s]];
    return GSL_SUCCESS;
}

/* Store sample k: the weights in ctx->j (plastic entries from y) and their rates. */
static void store(ode_ctx *c, const double *y, size_t k, double *j_out, double *rate_out)
{
    double r[2];
    for (size_t s = 0; s < c->m; s++)
        c->j[c->idx[s]] = y[s];
    memcpy(j_out + k * PBN_NBLOCKS, c->j, sizeof c->j);
    if (rate_out) {
        if (theory_rates_khz(c->cfg, c->j, c->flags, NULL, r, NULL) == PBN_OK) {
            rate_out[2 * k] = r[0] * 1e3;
            rate_out[2 * k + 1] = r[1] * 1e3;
        } else {
            rate_out[2 * k] = rate_out[2 * k + 1] = NAN;
        }
    }
}

static int transient(const pbn_config *cfg, unsigned flags, const double *t_ms, size_t nt,
                     double *j_out, double *rate_out, size_t *n_valid, pbn_error *err)
{
    ode_ctx c;
    int rule[PBN_NRECURRENT];
    double y[PBN_NRECURRENT], r[2];
    *n_valid = 0;
    for (size_t k = 0; k < nt; k++) {
        for (int b = 0; b < PBN_NBLOCKS; b++)
            j_out[k * PBN_NBLOCKS + b] = NAN;
        if (rate_out)
            rate_out[2 * k] = rate_out[2 * k + 1] = NAN;
        if (!(t_ms[k] >= 0) || !isfinite(t_ms[k]) || (k > 0 && !(t_ms[k] >= t_ms[k - 1])))
            return pbn_error_set(err, PBN_EINVAL,
                                 "transient: sample time %zu is %g ms; times must be finite, "
                                 ">= 0 and ascending",
                                 k, t_ms[k]);
    }
    memset(&c, 0, sizeof c);
    c.cfg = cfg;
    c.flags = flags;
    pbn_theory_config_weights(cfg, c.j);
    theory_rules(cfg, rule);
    for (int b = 0; b < PBN_NRECURRENT; b++)
        if (rule[b] != 0) {
            c.idx[c.m] = b;
            y[c.m++] = c.j[b];
        }
    int rc = theory_rates_khz(cfg, c.j, flags, NULL, r, err);
    if (rc != PBN_OK)
        return rc;
    if (c.m == 0) { /* nothing plastic: constant weights */
        for (size_t k = 0; k < nt; k++)
            store(&c, y, k, j_out, rate_out);
        *n_valid = nt;
        return PBN_OK;
    }
    gsl_odeiv2_system sys = {ode_rhs, NULL, c.m, &c};
    double h0 = 1.0; /* ms; the driver adapts it */
    gsl_odeiv2_driver *d =
        gsl_odeiv2_driver_alloc_y_new(&sys, gsl_odeiv2_step_rk8pd, h0, ODE_EPS, ODE_EPS);
    if (!d)
        return pbn_error_set(err, PBN_ENOMEM, "transient: out of memory");
    gsl_odeiv2_driver_set_nmax(d, ODE_NMAX);
    double t = 0.0;
    size_t k = 0;
    for (; k < nt; k++) {
        int ok = 1;
        if (t_ms[k] > t) {
            int st = gsl_odeiv2_driver_apply(d, &t, t_ms[k], y);
            for (int retry = 0; st != GSL_SUCCESS && retry < ODE_RETRIES; retry++) {
                /* the state is the last good one (time t); try again with smaller steps */
                h0 *= 0.1;
                gsl_odeiv2_driver_reset_hstart(d, h0);
                st = gsl_odeiv2_driver_apply(d, &t, t_ms[k], y);
            }
            ok = st == GSL_SUCCESS;
            if (ok && h0 < 1.0) { /* back to the default for the next interval */
                h0 = 1.0;
                gsl_odeiv2_driver_reset_hstart(d, h0);
            }
        }
        if (!ok)
            break;
        store(&c, y, k, j_out, rate_out);
    }
    gsl_odeiv2_driver_free(d);
    *n_valid = k;
    return PBN_OK;
}

int pbn_theory_transient(const pbn_config *cfg, unsigned flags, const double *t_ms, size_t nt,
                         double *j_out, double *rate_hz_out, size_t *n_valid, pbn_error *err)
{
    *n_valid = 0;
    if (pbn_config_validate(cfg, err) != PBN_OK)
        return PBN_EINVAL;
    gsl_error_handler_t *h = theory_gsl_quiet();
    int rc = transient(cfg, flags, t_ms, nt, j_out, rate_hz_out, n_valid, err);
    theory_gsl_restore(h);
    return rc;
}
