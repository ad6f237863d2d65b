/*
 * core.h - what the core module gives the library's other modules; not installed.
 */
#ifndef PBN_CORE_H
#define PBN_CORE_H

#include "pbn/pbn_common.h"
#include <gsl/gsl_rng.h>

/* splitmix64 finaliser: an independent-looking seed for stream number `stream`. */
unsigned long pbn_seed_mix(unsigned long seed, unsigned long stream);

/* A GSL generator of the named type seeded with seed; NULL with err set on failure. */
gsl_rng *pbn_rng_new(const char *name, unsigned long seed, pbn_error *err);

#endif
