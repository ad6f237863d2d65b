/*
 * kernels.h - the per-neuron loops of one time step (internal).
 *
 * These loops touch every neuron at every step (1e8 neuron-steps per simulated second at
 * N = 10000), so they are written to be auto-vectorised: plain arrays, no branches, and
 * an exponential (pbn_exp) made of IEEE additions and multiplications only.  The same
 * operations run in every SIMD lane and the build uses -ffp-contract=off, so results do
 * not depend on the vector width the CPU offers.
 */
#ifndef PBN_KERNELS_H
#define PBN_KERNELS_H

#include <stddef.h>

typedef struct pbn_neuron_params {
    double dtC;      /* dt / Cm */
    double gL, EL, VT, invDT, gLDT; /* gLDT = gL * DeltaT */
} pbn_neuron_params;

/*
 * exp(x) within 2 ulp of the correctly rounded value for -708 <= x <= 709; arguments
 * outside are clamped to that interval (exp(-708) = 3.3e-308 instead of a smaller
 * number, exp(709) = 8.2e307 instead of a larger one or infinity).
 */
double pbn_exp(double x);

/* Forward-Euler EIF step of n neurons (step 2 of the spec). */
void pbn_kernel_neurons(size_t n, double *restrict V, const double *restrict Ie,
                        const double *restrict Ii, const double *restrict Ix,
                        const double *restrict istim, const pbn_neuron_params *p);

/*
 * Step 5: I -= I * d for the three currents (d = dt/tau); adds the decayed currents to
 * the running sums cIe, cIi, cIx.
 */
void pbn_kernel_decay(size_t n, double *restrict Ie, double *restrict Ii, double *restrict Ix,
                      double de, double di, double dx, double *restrict cIe,
                      double *restrict cIi, double *restrict cIx);

/* x -= x * d (trace decay). */
void pbn_kernel_trace_decay(size_t n, double *restrict x, double d);

#endif
