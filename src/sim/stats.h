/*
 * stats.h - spike-count statistics without an N x N matrix (internal).
 */
#ifndef PBN_STATS_H
#define PBN_STATS_H

#include "pbn/pbn_sim.h"
#include <gsl/gsl_rng.h>

/*
 * From wc, the spike counts of N neurons (E: 0 .. Ne-1) in nw windows (window-major:
 * wc[w * N + j]), fill res->n_windows, cov, corr, cov_ee_orig, corr_ee_orig, var_mean,
 * n_active and n_pairs random pairs per EE/EI/II (drawn from r).  Fewer than 2 windows:
 * NaN statistics, no pairs.
 */
int pbn_count_stats(const uint16_t *wc, uint64_t nw, long N, long Ne, gsl_rng *r,
                    long n_pairs, pbn_results *res, pbn_error *err);

#endif
