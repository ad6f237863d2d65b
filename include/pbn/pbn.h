/*
 * pbn.h - the public interface of libpbn, the plastic balanced network suite.
 *
 * Reproduction of Akil, Rosenbaum & Josic (2021), "Balanced networks under
 * spike-timing dependent plasticity", PLOS Comput Biol 17: e1008958.
 *
 * The library never prints, never exits and never parses a command line: failures are
 * return codes with one line of text (pbn_common.h), progress reaches the caller through
 * callbacks (pbn_sim_set_progress, pbn_sweep_opts.progress).
 *
 *   pbn_config.h   parameters: defaults, ranges, parsing, canonical form
 *   pbn_net.h      sparse connectivity
 *   pbn_input.h    feed-forward (X) spike trains
 *   pbn_sim.h      the simulator and its results
 *   pbn_theory.h   mean-field theory: rates, covariances, fixed points, transients
 *   pbn_store.h    results database (SQLite): store, query, merge
 *   pbn_sweep.h    sweep runner: parallel, resumable, shardable
 */
#ifndef PBN_H
#define PBN_H

#include "pbn_common.h"
#include "pbn_config.h"
#include "pbn_input.h"
#include "pbn_net.h"
#include "pbn_sim.h"
#include "pbn_store.h"
#include "pbn_sweep.h"
#include "pbn_theory.h"

#endif
