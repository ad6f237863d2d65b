/*
 * pbn_input.h - the feed-forward (X) spike trains, streamed in time order.
 *
 * cx = 0: one Poisson process of rate Nx rx on [0, T]; each spike goes to a uniformly
 * drawn X neuron (so every X neuron fires at rx, none is left out).
 * cx > 0: a mother Poisson train of rate rx/cx on [0, T]; at each mother spike a
 * Binomial(Nx, cx) number of distinct X neurons is drawn (each neuron keeps the spike with
 * probability cx), each copy is shifted by Gaussian jitter of s.d. tau_jitter, and copies
 * outside [0, T] are dropped.
 *
 * The train is generated on the fly with a look-ahead of 12 jitter s.d.: a copy can be
 * returned late only if its jitter is below -12 s.d. (probability 1e-33 per spike); should
 * it happen, the spike is still delivered (at the next call) and counted in
 * pbn_input_late(), so no spike is ever lost.
 *
 * The stream is a deterministic function of (seed_input, rng, Nx, rx, cx, tau_jitter, T):
 * two inputs created from the same configuration return identical spikes.
 */
#ifndef PBN_INPUT_H
#define PBN_INPUT_H

#include "pbn_config.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pbn_xspike {
    double t;    /* ms */
    uint32_t id; /* X neuron, 0 .. Nx-1 */
} pbn_xspike;

typedef struct pbn_input pbn_input;

pbn_input *pbn_input_create(const pbn_config *cfg, pbn_error *err);
void pbn_input_free(pbn_input *in);

/*
 * The spikes with time <= t not returned before, in time order (ties in generation order).
 * *out points to storage owned by in, valid until the next call.
 */
int pbn_input_until(pbn_input *in, double t, const pbn_xspike **out, size_t *n, pbn_error *err);

/* Spikes returned so far, and how many of them were returned after their time had passed. */
uint64_t pbn_input_count(const pbn_input *in);
uint64_t pbn_input_late(const pbn_input *in);

#ifdef __cplusplus
}
#endif
#endif
