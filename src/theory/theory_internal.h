/*
 * theory_internal.h - helpers shared by the theory files (theory.c, theory_fixed.c,
 * theory_ode.c, theory_report.c); not installed.
 *
 * The public functions of pbn_theory.h swap GSL's error handler off on entry and put the
 * caller's back on return (theory_gsl_quiet / theory_gsl_restore); the helpers here
 * assume that has been done and never touch the handler themselves.
 */
#ifndef PBN_THEORY_INTERNAL_H
#define PBN_THEORY_INTERNAL_H

#include "pbn/pbn_theory.h"

#include <gsl/gsl_errno.h>

/* Turn GSL's abort-on-error handler off; returns the caller's handler for restoring. */
static inline gsl_error_handler_t *theory_gsl_quiet(void) { return gsl_set_error_handler_off(); }
static inline void theory_gsl_restore(gsl_error_handler_t *h) { gsl_set_error_handler(h); }

/* The rule of each recurrent block (enum pbn_rule_*), indexed PBN_EE .. PBN_II. */
void theory_rules(const pbn_config *cfg, int rule[PBN_NRECURRENT]);

/* The input-correlation term g (ms): cx/rx with PBN_THEORY_CX, times the finite-width
   factor with PBN_THEORY_CX_WIDTH, else 0. */
double theory_gfac(const pbn_config *cfg, unsigned flags);

/*
 * Solve W r = -(Wx rx + c) by LU.  Returns 0 and r (kHz, whatever its sign) when W is
 * regular; -1 when W is singular (then *det holds det W).
 */
int theory_solve(const pbn_theory_mf *mf, const double *c, double r[2], double *det);

/*
 * Balanced rates (kHz) at weights j, with errors as pbn_theory_mf_rates but the message
 * naming the weights.  Does not touch the GSL handler.
 */
int theory_rates_khz(const pbn_config *cfg, const double *j, unsigned flags, const double *c,
                     double r[2], pbn_error *err);

/* pbn_theory_drift without the handler swap (the ODE right-hand side calls it). */
int theory_drift(const pbn_config *cfg, unsigned flags, const double j[PBN_NBLOCKS],
                 double djdt[PBN_NBLOCKS], double r_khz[2], pbn_error *err);

#endif
