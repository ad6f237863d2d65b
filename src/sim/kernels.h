/*
 * kernels.h - the per-neuron loop of one time step (internal).
 *
 * This loop touches every neuron at every step (1e8 neuron-steps per simulated second at
 * N = 10000), so it is written to be auto-vectorised: plain arrays, no branches, and an
 * exponential (pbn_exp) made of IEEE additions and multiplications only.  The same
 * operations run in every SIMD lane and the build uses -ffp-contract=off, so results do
 * not depend on the vector width the CPU offers.
 *
 * One pass does, for each neuron j, what the spec's step does to j's own variables
 * between two rounds of spike delivery:
 *   (a) step 5 of the previous step (when `decay`): I -= I (dt/tau) for Ie, Ii, Ix and
 *       x -= x (dt/tau_STDP) (when `trace`), then adds the decayed currents to the
 *       running sums cIe, cIi, cIx used for time averages;
 *   (b) step 1 of this step: Ix += c, xcnt[j] times (the feed-forward spikes of this step
 *       that reach j, counted beforehand; every X synapse onto a population has the same
 *       weight, so this is exactly the spec's sequence of additions), then xcnt[j] = 0;
 *   (c) step 2: the Euler step of V;
 *   (d) step 3: fired[j] = (V >= Vth) as 1.0 or 0.0.
 * xcnt[j] must be at most PBN_KERNEL_MAXCNT; the caller falls back to applying the
 * inputs itself otherwise.
 */
#ifndef PBN_KERNELS_H
#define PBN_KERNELS_H

#include <stddef.h>
#include <stdint.h>

#define PBN_KERNEL_MAXCNT 4

typedef struct pbn_neuron_params {
    double dtC;                     /* dt / Cm */
    double gL, EL, VT, invDT, gLDT; /* gLDT = gL * DeltaT */
    double Vth;
    double de, di, dx, ds;          /* dt/tau_e, dt/tau_i, dt/tau_x, dt/tau_STDP */
} pbn_neuron_params;

/* Arrays of one population slice [0, n) (callers offset the pointers). */
typedef struct pbn_neuron_arrays {
    double *V, *Ie, *Ii, *Ix, *x;
    double *cIe, *cIi, *cIx;
    double istim;   /* constant stimulus of the population */
    double *xcnt;   /* counts, as doubles: every array of the loop has one element size */
    double *fired;  /* 1.0 or 0.0 */
} pbn_neuron_arrays;

/*
 * exp(x) within 2 ulp of the correctly rounded value for -708 <= x <= 709; arguments
 * outside are clamped to that interval (exp(-708) = 3.3e-308 instead of a smaller
 * number, exp(709) = 8.2e307 instead of a larger one or infinity).
 */
double pbn_exp(double x);

/* (a) if decay, (b), (c), (d) for n neurons; cx is the X increment J/tau_x. */
void pbn_kernel_step(size_t n, const pbn_neuron_arrays *a, const pbn_neuron_params *p,
                     double cx, int decay, int trace);

/* (a) alone: finishes a step whose decay is pending. */
void pbn_kernel_decay(size_t n, const pbn_neuron_arrays *a, const pbn_neuron_params *p,
                      int trace);

#endif
