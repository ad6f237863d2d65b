/*
 * pbn_sim.h - one simulation: network, input, the time step of the spec, plasticity,
 * recording and the statistics of paper/model.md section 5.
 *
 * Life cycle: pbn_sim_create (builds the network: the expensive allocation) ->
 * pbn_sim_run (or pbn_sim_advance step by step, then pbn_sim_finish) -> read
 * pbn_sim_results -> pbn_sim_free.  Nothing is printed; progress goes through an
 * optional callback.
 *
 * Determinism: the same configuration (seeds and generator included) gives bit-identical
 * results on every run and every x86-64 CPU.  Different seeds give different networks,
 * initial voltages and inputs.
 */
#ifndef PBN_SIM_H
#define PBN_SIM_H

#include "pbn_config.h"
#include "pbn_input.h"
#include "pbn_net.h"

#include <signal.h>

#ifdef __cplusplus
extern "C" {
#endif

/* How a run ended. */
enum {
    PBN_RUN_RUNNING = 0,
    PBN_RUN_OK = 1,          /* all T/dt steps done */
    PBN_RUN_DIVERGED = 2,    /* stopped early: spike budget ceil(max_rate N T) exhausted, or
                                a weight or voltage became non-finite (diverged_reason) */
    PBN_RUN_INTERRUPTED = 3  /* stop requested (e.g. Ctrl-C): stopped early */
};
const char *pbn_run_status_name(int status); /* "running", "ok", "diverged", "interrupted" */

/* Why a run diverged (pbn_results.diverged_reason; stored as the metric of that name, so
   the values are fixed). */
typedef enum pbn_diverged_reason {
    PBN_DIVERGED_NONE = 0,
    PBN_DIVERGED_SPIKE_BUDGET = 1,  /* more than ceil(max_rate_hz N T) spikes */
    PBN_DIVERGED_NONFINITE = 2      /* a weight or voltage became infinite or NaN (checked at
                                       every recording bin) */
} pbn_diverged_reason;
/* "none", "spike_budget", "nonfinite" ("unknown" for any other value). */
const char *pbn_diverged_reason_name(int reason);

/* The phases of a time step timed in pbn_results.phase_s (wall seconds). */
typedef enum pbn_phase {
    PBN_PHASE_INPUT = 0,    /* feed-forward input: generating the X spikes, counting them per
                               target */
    PBN_PHASE_NEURON,       /* the pass over the neurons: the previous step's decay, input,
                               Euler step, threshold */
    PBN_PHASE_SPIKES,       /* spike collection and recording (and time-course bins) */
    PBN_PHASE_DELIVER,      /* recurrent delivery with pre-spike updates */
    PBN_PHASE_POST,         /* post-spike (column) updates */
    PBN_PHASE_DECAY,        /* the decay that ends a call of pbn_sim_advance */
    PBN_NPHASES
} pbn_phase;

enum { PBN_PAIR_EE = 0, PBN_PAIR_EI = 1, PBN_PAIR_II = 2 };

/*
 * Everything a run records.  Weights are reported unscaled (j = J sqrt(N)); rates in Hz;
 * currents as the simulator holds them (mV/ms), sampled after the decay (step 6).
 * "Second half": steps i with T/2 < t_i <= T.  Quantities that need a part of the run that
 * was not reached (a run that stopped early) are NaN.
 */
typedef struct pbn_results {
    int status;
    uint64_t n_steps, steps_done;
    double t_end;                 /* ms simulated */
    uint64_t spikes_total, spike_budget;
    pbn_diverged_reason diverged_reason;
    uint64_t x_spikes, x_late;    /* input spikes delivered; of which after their time */
    double build_s, run_s;        /* wall seconds: network construction, time stepping */
    double phase_s[PBN_NPHASES];  /* wall seconds per phase of the step (pbn_phase) */
    /* synaptic events: recurrent deliveries (each also a pre-spike update in a plastic
       block), of which in plastic blocks; post-spike (column) updates; input deliveries */
    uint64_t ev_deliver, ev_deliver_plastic, ev_post, ev_input;
    /* post-spike updates of deferred (Kohonen) blocks, applied in the row pass or at a
       flush instead of a column walk */
    uint64_t ev_post_deferred;
    long N, Ne, Ni, Nx;

    /* rates */
    double rate_e, rate_i;              /* second half, population means incl. silent cells */
    double rate_e_whole, rate_i_whole;  /* whole run (the originals' sweep values) */
    double *rate;                       /* N: per neuron, second half */

    /* time courses: bin b ends at t_bin[b] */
    size_t n_bins;
    double *t_bin;
    double *rate_t[2];                  /* [E, I] population rate in the bin */
    double *wmean_t[PBN_NBLOCKS];       /* mean weight of every block at the bin end */
    double *input_t[2][3];              /* [pop][E, I, X] bin-averaged mean current */

    /* individual synapses followed over time (plastic blocks): n_syn[b] synapses */
    size_t n_syn[PBN_NBLOCKS];
    uint32_t *syn_post[PBN_NBLOCKS], *syn_pre[PBN_NBLOCKS];
    double *syn_w[PBN_NBLOCKS];         /* synapse-major: bin t of synapse k at
                                           syn_w[b][k * syn_stride + t], t < n_bins */
    size_t syn_stride;                  /* bins of the full run (>= n_bins) */

    /* weights */
    double jmean[PBN_NBLOCKS];          /* time average over the second half of the mean */
    double jfinal[PBN_NBLOCKS];         /* mean at the end */
    size_t n_wsample[PBN_NBLOCKS];
    double *wsample[PBN_NBLOCKS];       /* final weights of random synapses (plastic blocks) */

    /* inputs, second half */
    double *in_e, *in_i, *in_x;         /* N: per-neuron time averages */
    double input[2][4];                 /* [pop][E, I, X, total] population means */

    /* spike-count statistics, cov_window windows over the second half */
    size_t n_windows;
    double cov[3], corr[3];             /* distinct-pair means, [EE, EI, II] */
    double cov_ee_orig, corr_ee_orig;   /* the originals' E-E means (diagonal included) */
    double var_mean[2];                 /* mean count variance, [E, I] */
    size_t n_active[2];                 /* neurons with non-zero count variance */
    size_t n_pairs[3];
    uint32_t *pair_a[3], *pair_b[3];    /* global neuron indices */
    double *pair_cov[3], *pair_corr[3]; /* corr NaN where a neuron is silent */

    /* spike raster (record_spikes) */
    size_t n_raster;
    double *raster_t;
    uint32_t *raster_id;
} pbn_results;

typedef struct pbn_sim pbn_sim;

/* Progress callback: steps done out of total; called every few thousand steps. */
typedef void (*pbn_progress_fn)(void *ctx, uint64_t done, uint64_t total);

/* Build the network and state.  NULL with err set on a bad configuration or no memory. */
pbn_sim *pbn_sim_create(const pbn_config *cfg, pbn_error *err);
void pbn_sim_free(pbn_sim *sim);

/*
 * Ask a running simulation to stop at the end of the current step when *flag becomes
 * non-zero (e.g. from a signal handler: the flag is read once per step).  NULL: never.
 */
void pbn_sim_set_stop_flag(pbn_sim *sim, volatile sig_atomic_t *flag);
void pbn_sim_set_progress(pbn_sim *sim, pbn_progress_fn fn, void *ctx);

/*
 * Advance up to nsteps steps (fewer when the run ends).  Returns PBN_OK, or an error code
 * (out of memory).  pbn_sim_status tells whether the run is still going.
 */
int pbn_sim_advance(pbn_sim *sim, uint64_t nsteps, pbn_error *err);
int pbn_sim_status(const pbn_sim *sim);
/* Compute the statistics of what was simulated; the run cannot continue afterwards. */
int pbn_sim_finish(pbn_sim *sim, pbn_error *err);
/* pbn_sim_advance to the end, then pbn_sim_finish. */
int pbn_sim_run(pbn_sim *sim, pbn_error *err);

const pbn_results *pbn_sim_results(const pbn_sim *sim);
const pbn_config *pbn_sim_config(const pbn_sim *sim);
const pbn_net *pbn_sim_net(const pbn_sim *sim);

/* State, for tests and tools (global neuron index: E first, then I). */
uint64_t pbn_sim_step_index(const pbn_sim *sim);     /* steps done */
const double *pbn_sim_voltage(const pbn_sim *sim);
const double *pbn_sim_trace(const pbn_sim *sim);
void pbn_sim_currents(const pbn_sim *sim, const double **Ie, const double **Ii,
                      const double **Ix);
/* The neurons that spiked in the last step, ascending. */
const uint32_t *pbn_sim_last_spikes(const pbn_sim *sim, size_t *n);

/*
 * The learning window of a rule, measured with the simulator's own update code: the
 * change dj (unscaled, j = J sqrt(N)) of one synapse of block (PBN_EE, PBN_EI, PBN_IE or
 * PBN_II) with weight j0 under the rule cfg configures for that block, when its
 * presynaptic neuron spikes at step 0 and its postsynaptic neuron at step lag (lag < 0:
 * the postsynaptic spike first, the presynaptic one -lag steps later; 0: both in one
 * step).  Both traces start at 0 and evolve as in a run (paper/model.md sections 3-4):
 * in a step the pre-spike update, then the post-spike update, then the traces' +1, and
 * every trace decays by x dt/tau_stdp at the end of each step.  The window includes each
 * spike's own terms (for R4-R6 the rate term of the presynaptic spike, for R3 the decay
 * at the postsynaptic spike), so it is the whole change a pair causes.  PBN_EINVAL (dj
 * NaN) for an invalid configuration, a block without a rule, a non-finite j0 or
 * |lag| > PBN_RULE_PAIR_MAX_LAG.
 */
#define PBN_RULE_PAIR_MAX_LAG 10000000L
int pbn_rule_pair(const pbn_config *cfg, int block, double j0, long lag, double *dj,
                  pbn_error *err);

/* Summary metrics as (name, value) pairs, in a fixed order (status excluded). */
typedef struct pbn_metric {
    const char *name;
    double value;
} pbn_metric;
size_t pbn_results_metrics(const pbn_results *r, pbn_metric *out, size_t max);
#define PBN_MAX_METRICS 64

#ifdef __cplusplus
}
#endif
#endif
