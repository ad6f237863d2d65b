/*
 * sim_internal.h - what the simulator's own files share (not installed): the state of a
 * run (struct pbn_sim) and the parts of the time step that live in their own files.
 *
 *   sim.c         life cycle, the step loop (steps 1-3, 5, 6 of paper/model.md section 3),
 *                 statistics at the end
 *   plasticity.c  step 4: recurrent delivery fused with the pre-spike updates, post-spike
 *                 updates, the rules R1-R7 (paper/model.md section 4)
 *   record.c      recording: spike counts and raster, time-course bins
 */
#ifndef PBN_SIM_INTERNAL_H
#define PBN_SIM_INTERNAL_H

#include "pbn/pbn_sim.h"
#include "kernels.h"

#include <gsl/gsl_rng.h>
#include <signal.h>

/* The kind of update a block's rule makes (R1/R7: HEBB_SOFT; R2: HEBB_ADD; R3: KOHONEN;
   R4/R5/R6: HOMEO). */
enum { K_NONE = 0, K_HEBB_SOFT, K_HEBB_ADD, K_KOHONEN, K_HOMEO };

typedef struct rule {
    int kind;
    double eta; /* stored units: eta (R1 R2 R3 R7) or eta / Jnorm (R4 R5 R6) */
    double a;   /* HEBB_SOFT: Jmax; HEBB_ADD: Jmin; KOHONEN: eta*beta; HOMEO: alpha */
    double b;   /* HEBB_ADD: Jmax */
} rule;

struct pbn_sim {
    pbn_config cfg;
    pbn_net *net;
    pbn_input *in;
    pbn_results res;
    gsl_rng *stats_rng;
    long N, Ne, Ni, Nx;
    uint64_t n_steps, step, half, bin_steps, win_steps, n_win;
    double dt, inv_tau_e, inv_tau_i, inv_tau_x, de, di, dx, dstdp, Vth, Vre;
    pbn_neuron_params np;
    int any_plastic;
    rule rules[PBN_NBLOCKS];
    /* state, global neuron index */
    double *V, *Ie, *Ii, *Ix, *x, *istim;
    double *cIe, *cIi, *cIx;   /* running sums of the currents (after decay) */
    double *hIe, *hIi, *hIx;   /* their values at the end of the first half */
    double *xcnt;              /* feed-forward spikes reaching each neuron this step */
    uint32_t *nbefore;         /* spikes of each neuron before the current step (mod 2^32) */
    double *fired;             /* 1.0 where V >= Vth after this step's update */
    int decay_pending;         /* the last step's decay (step 5) is not done yet */
    uint64_t *cnt, *cnt_half;
    uint16_t *wc;              /* n_win x N spike counts */
    uint32_t *S;
    size_t nS;
    /* recording */
    size_t bin, cap_bins;
    uint64_t bin_spk[2], bin_start;
    double prev_pop[2][3];
    double whalf_sum[PBN_NBLOCKS];
    size_t whalf_n[PBN_NBLOCKS];
    uint64_t *syn_pos[PBN_NBLOCKS];
    size_t cap_raster;
    volatile sig_atomic_t *stop;
    pbn_progress_fn prog;
    void *prog_ctx;
    int finished;
    double t_phase, t_mark; /* phase timers */
};

/* I[t[q]] += c for the n targets t of a static row (every synapse of the row has the same
   weight): the delivery of the feed-forward input and of static recurrent blocks. */
static inline void scatter_const(double *restrict I, const uint16_t *restrict t, uint64_t n,
                                 double c)
{
    for (uint64_t q = 0; q < n; q++)
        I[t[q]] += c;
}

/* plasticity.c */
/* The rule of every block from the configuration (stored units). */
void sim_setup_rules(pbn_sim *s);
/* Step 4 for the spikes s->S of this step: delivery and pre-spike updates, post-spike
   updates, then the traces' +1. */
void sim_process_spikes(pbn_sim *s);
/* Bring every deferred (Kohonen) post-spike update up to date. */
void sim_flush_deferred(pbn_sim *s);

/* record.c */
/* Mean unscaled weight of a block. */
double sim_block_mean(const pbn_block *b, double sqrtN);
/* Close the recording bin that ends at step (rates, inputs, weights; the non-finite
   check that stops a diverged run). */
void sim_record_bin(pbn_sim *s, uint64_t step);
/* Count this step's spikes (rates, windows) and add them to the raster; PBN_ENOMEM when
   the raster cannot grow. */
int sim_record_spikes(pbn_sim *s, double t);

#endif
