/*
 * kernels.c - vectorised per-neuron loops (see kernels.h).
 *
 * Why our own exp: the libm exp is a scalar call, which keeps the compiler from
 * vectorising the neuron loop; with it the loop costs about 5 ns per neuron-step,
 * which alone would use the whole time budget of the performance targets at N = 10000.
 * pbn_exp is a textbook Cody-Waite reduction x = k ln2 + r, |r| <= ln2/2, and a
 * degree-13 Taylor polynomial in Horner form (truncation error below 1e-17), scaled by
 * 2^k through the exponent bits.  tests/test_kernels.c checks it against libm.
 *
 * On x86-64 the loops are compiled three times (AVX-512, AVX2, baseline) and the best
 * one for the CPU is picked at load time (GNU ifunc).  This file is compiled with
 * -fno-trapping-math (Makefile.am): it lets GCC turn the selects below into vector
 * blends; it changes no value (it only stops the compiler from preserving floating-point
 * exception flags, which nothing here reads).  Every array is of doubles, because GCC 12
 * does not vectorise this loop when it mixes element sizes.
 */
#include "config.h"
#include "kernels.h"

#include <stdint.h>
#include <string.h>

#if defined(HAVE_TARGET_CLONES) && defined(__x86_64__)
#define PBN_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define PBN_CLONES
#endif

static inline double exp_inline(double x)
{
    const double shift = 0x1.8p52;               /* rounds to an integer in the low bits */
    const double inv_ln2 = 1.44269504088896338700e+00;
    const double ln2_hi = 6.93147180369123816490e-01; /* 32 significant bits: k ln2_hi exact */
    const double ln2_lo = 1.90821492927058770002e-10;
    x = x < -708.0 ? -708.0 : x;
    x = x > 709.0 ? 709.0 : x;
    double kd = x * inv_ln2 + shift;
    uint64_t kbits;
    memcpy(&kbits, &kd, sizeof kbits);
    kd -= shift;
    double r = (x - kd * ln2_hi) - kd * ln2_lo;
    double p = 1.0 / 6227020800.0;                /* 1/13! */
    p = p * r + 1.0 / 479001600.0;
    p = p * r + 1.0 / 39916800.0;
    p = p * r + 1.0 / 3628800.0;
    p = p * r + 1.0 / 362880.0;
    p = p * r + 1.0 / 40320.0;
    p = p * r + 1.0 / 5040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    p = p * r + 1.0;
    p = p * r + 1.0;
    /* 2^k: k = kbits - bits(shift); biased exponent k + 1023 */
    uint64_t sbits = (kbits - UINT64_C(0x4338000000000000) + 1023) << 52;
    double scale;
    memcpy(&scale, &sbits, sizeof scale);
    return p * scale;
}

double pbn_exp(double x) { return exp_inline(x); }

/* One neuron's share of the step; flags are compile-time constants in each caller. */
static inline __attribute__((always_inline)) void
neuron_step(size_t n, double *restrict V, double *restrict Ie, double *restrict Ii,
            double *restrict Ix, double *restrict x, double *restrict cIe,
            double *restrict cIi, double *restrict cIx, const double istim,
            double *restrict xcnt, double *restrict fired, const pbn_neuron_params *p,
            double cx, const int decay, const int trace, const int update)
{
    const double dtC = p->dtC, gL = p->gL, EL = p->EL, VT = p->VT, invDT = p->invDT,
                 gLDT = p->gLDT, Vth = p->Vth, de = p->de, di = p->di, dx = p->dx,
                 ds = p->ds;
    for (size_t j = 0; j < n; j++) {
        double e = Ie[j], i = Ii[j], f = Ix[j];
        if (decay) {
            e -= e * de;
            i -= i * di;
            f -= f * dx;
            cIe[j] += e;
            cIi[j] += i;
            cIx[j] += f;
            if (trace)
                x[j] -= x[j] * ds;
        }
        if (update) {
            /* k additions of cx, as four additions of cx or 0: adding +0.0 changes nothing
               (Ix is never -0.0: it starts at +0 and only receives cx > 0 or 0) */
            double k = xcnt[j];
            f = f + (k >= 1 ? cx : 0.0);
            f = f + (k >= 2 ? cx : 0.0);
            f = f + (k >= 3 ? cx : 0.0);
            f = f + (k >= 4 ? cx : 0.0);
            xcnt[j] = 0;
            double v = V[j];
            v = v + dtC * (istim + e + i + f + gL * (EL - v) +
                           gLDT * exp_inline((v - VT) * invDT));
            V[j] = v;
            fired[j] = v >= Vth ? 1.0 : 0.0;
        }
        Ie[j] = e;
        Ii[j] = i;
        Ix[j] = f;
    }
}

#define ARGS(a) a->V, a->Ie, a->Ii, a->Ix, a->x, a->cIe, a->cIi, a->cIx, a->istim, a->xcnt, a->fired

PBN_CLONES
static void step_decay_trace(size_t n, const pbn_neuron_arrays *a, const pbn_neuron_params *p,
                             double cx)
{
    neuron_step(n, ARGS(a), p, cx, 1, 1, 1);
}

PBN_CLONES
static void step_decay(size_t n, const pbn_neuron_arrays *a, const pbn_neuron_params *p,
                       double cx)
{
    neuron_step(n, ARGS(a), p, cx, 1, 0, 1);
}

PBN_CLONES
static void step_only(size_t n, const pbn_neuron_arrays *a, const pbn_neuron_params *p,
                      double cx)
{
    neuron_step(n, ARGS(a), p, cx, 0, 0, 1);
}

PBN_CLONES
static void decay_trace(size_t n, const pbn_neuron_arrays *a, const pbn_neuron_params *p)
{
    neuron_step(n, ARGS(a), p, 0, 1, 1, 0);
}

PBN_CLONES
static void decay_only(size_t n, const pbn_neuron_arrays *a, const pbn_neuron_params *p)
{
    neuron_step(n, ARGS(a), p, 0, 1, 0, 0);
}

void pbn_kernel_step(size_t n, const pbn_neuron_arrays *a, const pbn_neuron_params *p,
                     double cx, int decay, int trace)
{
    if (!decay)
        step_only(n, a, p, cx);
    else if (trace)
        step_decay_trace(n, a, p, cx);
    else
        step_decay(n, a, p, cx);
}

void pbn_kernel_decay(size_t n, const pbn_neuron_arrays *a, const pbn_neuron_params *p,
                      int trace)
{
    if (trace)
        decay_trace(n, a, p);
    else
        decay_only(n, a, p);
}
