/*
 * pbn_theory.h - the mean-field theory of paper/model.md section 6, computed from a pbn_config.
 *
 * Why it exists: the paper's claim is that a mean-field theory predicts the simulations
 * (rates, covariances, where plastic weights settle and how they get there).  Every
 * prediction here is computed from the same pbn_config as a run (no theory constant is
 * written into the code), so an experiment can put theory and simulation side by side
 * for any parameter set.  The derivations, and the choices made where the spec leaves
 * room, are in paper/theory.md.
 *
 * Representation.  The balanced state is described by two 2x2/2x1 matrices built from
 * the configuration (pbn_theory_mf): W_ab = p j_ab q_b and Wx_a = p j_ax qx, with
 * q_e = Ne/N, q_i = Ni/N, qx = Nx/N from the integer population sizes (pbn_config_ne ...),
 * and rx in kHz.  Inside formulas rates are in kHz and times in ms; functions that take
 * a pbn_config return rates in Hz (like the simulator's results); functions on a
 * pbn_theory_mf work in kHz.  Weights are always unscaled (j = J sqrt(N)) and indexed by
 * the block enum of pbn_net.h (PBN_EE, PBN_EI = I->E, PBN_IE = E->I, PBN_II, PBN_EX,
 * PBN_IX).
 *
 * Variants (flags, combined with |):
 *   PBN_THEORY_EFFECTIVE    recurrent columns scaled by 1 - dt/tau_b (b = presynaptic type;
 *                           X stays nominal): the prediction the simulated rates converge
 *                           to as N grows (paper/model.md section 3).
 *   PBN_THEORY_CX           rule drifts and fixed points include the input-correlation
 *                           terms C~+ and C~- (paper/theory.md); nothing changes at cx = 0.
 *   PBN_THEORY_CX_WIDTH     as PBN_THEORY_CX, but the correlation terms are reduced by the
 *                           finite width of the input cross-covariance (a Gaussian of s.d.
 *                           sqrt(2) tau_jitter): factor exp(x^2/2) erfc(x/sqrt(2)),
 *                           x = sqrt(2) tau_jitter/tau_stdp (paper/theory.md).
 *   PBN_THEORY_EXACT_INPUT  covariances use the input term rx (cx + (1 - cx)/Nx) instead of
 *                           the originals' form (cx rx when cx > 0, rx/Nx when cx = 0).
 * flags = 0 is the originals' theory.
 *
 * Errors.  PBN_ETHEORY with a one-line message when the theory has no valid answer: W
 * singular, a balanced rate that is not positive.  A plastic configuration whose rule
 * has no fixed point (Kohonen beyond its saddle node, a target that needs a weight of the
 * wrong sign, additive Hebbian) is not an error: the fixed point reports status
 * PBN_FP_NONE and a note saying why.
 *
 * GSL.  Every function that calls GSL turns GSL's abort-on-error handler off for the
 * duration of the call and restores the caller's handler before returning; GSL failures
 * become pbn_error returns.  The swap touches GSL's process-wide handler, so do not call
 * these functions while another thread changes that handler.
 */
#ifndef PBN_THEORY_H
#define PBN_THEORY_H

#include "pbn_config.h"
#include "pbn_net.h"
#include "pbn_sim.h"

#ifdef __cplusplus
extern "C" {
#endif

enum {
    PBN_THEORY_EFFECTIVE = 1u,
    PBN_THEORY_CX = 2u,
    PBN_THEORY_EXACT_INPUT = 4u,
    PBN_THEORY_CX_WIDTH = 8u
};

/* ---- the balanced state ---------------------------------------------------------- */

/* Mean-field matrices of one configuration and one set of weights.  Index 0 = E, 1 = I. */
typedef struct pbn_theory_mf {
    double W[2][2];   /* W[a][b] = p j_ab q_b k_b (k_b = 1, or 1 - dt/tau_b when effective) */
    double Wx[2];     /* Wx[a] = p j_ax qx */
    double rx;        /* kHz */
    double q[2], qx;  /* Ne/N, Ni/N, Nx/N */
    double k[2];      /* column factors: 1, or 1 - dt/tau_e and 1 - dt/tau_i */
    long N, Ne, Ni, Nx;
} pbn_theory_mf;

/* The configured (initial) weights: j[PBN_EE] = cfg->jee, ..., j[PBN_IX] = cfg->jix. */
void pbn_theory_config_weights(const pbn_config *cfg, double j[PBN_NBLOCKS]);

/* Build the matrices for weights j (NULL: the configured weights) and flags. */
void pbn_theory_mf_build(const pbn_config *cfg, const double *j, unsigned flags,
                         pbn_theory_mf *mf);

/*
 * Balanced rates r = -W^-1 (Wx rx + c) in kHz (c: an extra input, NULL for none; the
 * manifold correction uses it).  PBN_ETHEORY when W is singular (|det W| below 1e-12 of
 * the size of its terms) or a rate is not positive.  r is written in every case where W
 * is regular, even when a rate is negative (for diagnostics).
 */
int pbn_theory_mf_rates(const pbn_theory_mf *mf, const double *c, double r_khz[2],
                        pbn_error *err);

/* Balanced rates in Hz for weights j (NULL: the configured weights). */
int pbn_theory_rates(const pbn_config *cfg, const double *j, unsigned flags,
                     double rate_hz[2], pbn_error *err);

/* ---- spike-count covariances ----------------------------------------------------- */

enum { PBN_THEORY_EE = 0, PBN_THEORY_EI = 1, PBN_THEORY_II = 2 };

typedef struct pbn_theory_cov {
    double cov[3];     /* [EE, EI, II]: mean covariance of distinct pairs, counts^2 */
    double corr[3];    /* cov_ab / sqrt(var_a var_b) */
    double var[2];     /* Poisson count variances r_a Tw */
    double rate_hz[2]; /* the balanced rates used */
    double s;          /* input term (kHz): cx rx, rx/Nx, or rx (cx + (1 - cx)/Nx) */
    double window;     /* Tw, ms */
} pbn_theory_cov;

/*
 * Mean spike-count covariances in windows Tw = cfg->cov_window for weights j (NULL: the
 * configured weights): C = Tw s v v^T with v = W^-1 Wx (so C_ab = Tw s r_a r_b / rx^2),
 * s as above (PBN_THEORY_EXACT_INPUT selects the exact input term), and correlations
 * R_ab = C_ab / sqrt(V_a V_b) with V = r Tw.  Errors as pbn_theory_mf_rates.
 */
int pbn_theory_covariance(const pbn_config *cfg, const double *j, unsigned flags,
                          pbn_theory_cov *out, pbn_error *err);

/* ---- plasticity: drift, fixed points, transients ------------------------------------ */

/*
 * Mean drift dj/dt of every block (per ms, unscaled weights; 0 for static blocks and for
 * R2, whose rate terms cancel) at weights j, with the rates at j.  With PBN_THEORY_CX the
 * input-correlation terms are included.  The formulas (paper/model.md section 6, extended to
 * R5, R6, R7 in paper/theory.md):
 *   R1  -eta_ee tau' r_e^2 (j - jmax_ee)            tau' = tau + g/2
 *   R3   eta_ee r_e (b tau' r_e - j)
 *   R4  -(eta_ei sqrt(N)/jnorm_ei) j [r_i ((2 tau + g) r_e - alpha_e)]
 *   R5  -(eta_ii sqrt(N)/jnorm_ii) j [r_i ((2 tau + g) r_i - alpha_i)]
 *   R6  -(eta_ie sqrt(N)/jnorm_ie) j [r_e ((2 tau + g) r_i - alpha_ie)]
 *   R7  -eta_ie tau' r_e r_i (j - jmax_ie)
 * alpha = 2 rho tau with rho in kHz; g = cx/rx (ms) with PBN_THEORY_CX, times the width
 * factor with PBN_THEORY_CX_WIDTH, else 0.  Errors as pbn_theory_mf_rates (rates at j
 * invalid).
 */
int pbn_theory_drift(const pbn_config *cfg, unsigned flags, const double j[PBN_NBLOCKS],
                     double djdt[PBN_NBLOCKS], pbn_error *err);

enum {
    PBN_FP_STATIC = 0, /* no plastic block: j are the configured weights */
    PBN_FP_OK = 1,     /* a fixed point with positive balanced rates */
    PBN_FP_NONE = 2    /* no valid fixed point (nothing plastic: the balance at the configured
                          weights is impossible); note says why */
};

typedef struct pbn_theory_fp {
    int status;
    double j[PBN_NBLOCKS];   /* weights at the fixed point (static blocks and R2: configured) */
    int set[PBN_NBLOCKS];    /* 1 where a rule determines the block's weight */
    double rate_hz[2];       /* balanced rates at j (NaN when status is PBN_FP_NONE) */
    double max_re_eig;       /* largest real part of the eigenvalues of d(drift)/dj over the
                                plastic blocks, 1/ms: < 0 stable, > 0 unstable (NaN: none) */
    /* R3 Kohonen with a free E rate: the roots of j = b tau' r_e(j) */
    int n_roots;             /* 0, 1 or 2 (-1: not a Kohonen analysis) */
    double jee_root[2];      /* ascending; NaN where absent; j[PBN_EE] = jee_root[0] */
    double root_slope[2];    /* d(drift_ee)/dj_ee at each root, 1/ms: < 0 stable */
    double b_saddle_node;    /* the b at which the two roots meet (NaN: not applicable) */
    char note[256];          /* why there is no fixed point, or a remark ("" when none) */
} pbn_theory_fp;

/*
 * The fixed point of the plastic weights of cfg (rules from plastic_ee .. plastic_ii,
 * all other weights as configured):
 *   R1 j_ee = jmax_ee; R7 j_ie = jmax_ie (whatever cx: the correlation terms are symmetric);
 *   R3 j_ee = b tau' r_e(j_ee): both roots by bracketing and Brent's method, the saddle node
 *      b where they meet by Brent minimisation (b beyond it: no fixed point);
 *   R4 pins r_e = alpha_e/(2 tau + g); R5 pins r_i = alpha_i/(2 tau + g); R6 pins
 *      r_i = alpha_ie/(2 tau + g) (g as for pbn_theory_drift); the balance
 *      equations then give the free rate and the plastic weights;
 *   R2 no rate fixed point (the weight keeps its configured value; note says so).
 * Stability from the eigenvalues of the numerical Jacobian of pbn_theory_drift.
 * Returns PBN_OK whenever fp was filled (status tells whether a fixed point exists); an
 * error only for a numerical failure.
 */
int pbn_theory_fixed_point(const pbn_config *cfg, unsigned flags, pbn_theory_fp *fp,
                           pbn_error *err);

/*
 * R3 Kohonen on its own terms, whatever plastic_ee says: the roots of j = b tau' r_e(j)
 * with b = cfg->beta and every other weight as configured (n_roots, jee_root, root_slope
 * with eta_ee, b_saddle_node filled in fp; the rest of fp as for a fixed point with the
 * smaller root).  b <= 0 is rejected (PBN_EINVAL).
 */
int pbn_theory_kohonen(const pbn_config *cfg, unsigned flags, pbn_theory_fp *fp,
                       pbn_error *err);

/*
 * Mean-weight trajectories: integrates dj/dt = pbn_theory_drift(j) with GSL's rk8pd from
 * the configured weights at t = 0 and samples at t_ms[0..nt-1] (ascending, >= 0).
 * j_out: nt x PBN_NBLOCKS, sample-major; rate_hz_out: nt x 2 (may be NULL).  When the
 * weights leave the balanced domain (e.g. Kohonen runaway: the rates blow up) integration
 * stops: *n_valid < nt and the remaining samples are NaN.  PBN_ETHEORY only when the
 * rates are already invalid at t = 0.
 */
int pbn_theory_transient(const pbn_config *cfg, unsigned flags, const double *t_ms, size_t nt,
                         double *j_out, double *rate_hz_out, size_t *n_valid, pbn_error *err);

/* ---- the I->E manifold (paper/model.md section 6, last paragraph) --------------------------- */

/* What the corrected theory needs from a run. */
typedef struct pbn_theory_measured {
    double input_total[2];  /* R_sim: second-half mean of Ie + Ii + Ix, E and I (mV/ms) */
    double rate_hz[2];      /* second-half mean rates */
    double j[PBN_NBLOCKS];  /* final mean weights */
} pbn_theory_measured;

typedef struct pbn_theory_manifold {
    double c[2];            /* (R_sim - R_mf)/sqrt(N), kHz-scale input units */
    double jei;             /* the corrected I->E fixed point */
    double rate_hz[2];      /* rates at it: r = -W(jei)^-1 (Wx rx + c) */
} pbn_theory_manifold;

/* R_sim, rates and final mean weights (jfinal) of a finished run. */
void pbn_theory_measured_from_results(const pbn_results *r, pbn_theory_measured *m);

/*
 * The corrected I->E fixed point: R_mf(a) = sqrt(N) (W r + Wx rx)_a with W from m->j and
 * r from m->rate_hz; c = (R_sim - R_mf)/sqrt(N); then Brent's method on j_ei for
 * r_e(j_ei) = alpha_e/(2 tau + g) with r = -W(j_ei)^-1 (Wx rx + c) (g as for
 * pbn_theory_drift; flags 0 is the spec's 2 tau r_e = alpha), the other weights from m->j,
 * over j_ei < 0 where both rates are positive.  PBN_ETHEORY when there is no such j_ei.
 */
int pbn_theory_manifold_solve(const pbn_config *cfg, unsigned flags,
                              const pbn_theory_measured *m, pbn_theory_manifold *out,
                              pbn_error *err);

/* Same with c given directly. */
int pbn_theory_manifold_solve_c(const pbn_config *cfg, unsigned flags,
                                const double j[PBN_NBLOCKS], const double c[2],
                                pbn_theory_manifold *out, pbn_error *err);

/* ---- every prediction of one configuration ------------------------------------------- */

#define PBN_THEORY_MAX_METRICS 64

typedef struct pbn_theory_report {
    size_t n;
    pbn_metric m[PBN_THEORY_MAX_METRICS]; /* names are static strings */
    char notes[2048];                     /* '\n'-terminated lines explaining NaNs; "" if none */
} pbn_theory_report;

/*
 * Every prediction relevant to cfg, in a fixed order, as (name, value) pairs (rates in
 * Hz, covariances in counts^2, weights unscaled):
 *   rate_e_hz rate_i_hz                    nominal theory at the fixed point (static:
 *                                          configured weights)
 *   rate_e_eff_hz rate_i_eff_hz            effective weights, at their own fixed point
 *   cov_ee cov_ei cov_ii corr_ee corr_ei corr_ii            originals' input term
 *   cov_*_exact corr_*_exact               exact input term rx (cx + (1 - cx)/Nx)
 *   cov_*_eff corr_*_eff                   originals' input term, effective weights
 * and when a block is plastic:
 *   rate_e_init_hz rate_i_init_hz          at the configured (initial) weights
 *   rate_e_cx_hz rate_i_cx_hz              at the input-correlation-corrected fixed point
 *   fp_max_eig                             stability of the fixed point (1/ms, < 0 stable)
 *   per plastic block b in ee, ei, ie, ii: j<b>_star j<b>_star_eff j<b>_star_cx
 *       j<b>_star_cxw (PBN_THEORY_CX_WIDTH)
 *   R3: kohonen_roots jee_star_slope jee_star_unstable jee_star_unstable_slope
 *       jee_star_unstable_eff jee_star_unstable_cx b_saddle_node b_saddle_node_eff
 *       b_saddle_node_cx
 * NaN marks a value that does not exist; rep->notes says why.  PBN_ETHEORY (one line)
 * when no rate at all can be predicted: a static configuration whose balance is
 * impossible, or a plastic one with neither a fixed point nor valid initial rates.
 */
int pbn_theory_predict(const pbn_config *cfg, pbn_theory_report *rep, pbn_error *err);

/* The metrics of pbn_theory_predict copied to out (at most max); 0 with err set on error. */
size_t pbn_theory_metrics(const pbn_config *cfg, pbn_metric *out, size_t max, pbn_error *err);

#ifdef __cplusplus
}
#endif
#endif
