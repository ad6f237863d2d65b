/*
 * rng.c - named GSL generators and seed derivation.
 *
 * One master seed drives every random stream of a run; each stream (connectivity of
 * each block, initial voltages, feed-forward input, statistics samples) gets its own
 * generator seeded from the master seed through a splitmix64 finaliser, so that changing
 * one part of a configuration (say the input correlation) leaves the other streams, and
 * therefore the network, untouched.
 */
#include "core/core.h"

#include <string.h>

unsigned long pbn_seed_mix(unsigned long seed, unsigned long stream)
{
    uint64_t z = (uint64_t)seed + 0x9e3779b97f4a7c15ULL * ((uint64_t)stream + 1);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return (unsigned long)(z ? z : 1);
}

gsl_rng *pbn_rng_new(const char *name, unsigned long seed, pbn_error *err)
{
    const gsl_rng_type **t;
    for (t = gsl_rng_types_setup(); *t; t++)
        if (strcmp((*t)->name, name) == 0)
            break;
    if (!*t) {
        pbn_error_set(err, PBN_EINVAL, "rng = %s: unknown GSL generator", name);
        return NULL;
    }
    gsl_rng *r = gsl_rng_alloc(*t);
    if (!r) {
        pbn_error_set(err, PBN_ENOMEM, "out of memory allocating a %s generator", name);
        return NULL;
    }
    gsl_rng_set(r, seed);
    return r;
}
