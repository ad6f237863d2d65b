/*
 * store_testlib.h - helpers shared by the store and sweep tests (not installed).
 *
 * The central one is tu_dump: a canonical text of everything a database holds for its
 * final runs that must not depend on how the runs were produced (run ids, times, host
 * and wall-clock figures left out; runs ordered by identity, rows by their keys, reals
 * printed exactly with %a).  Two databases hold the same results iff their dumps are
 * equal, which is how "resumed = uninterrupted" and "merged shards = whole sweep" are
 * checked.
 */
#ifndef STORE_TESTLIB_H
#define STORE_TESTLIB_H

#include "pbn/pbn.h"

/* A fresh temporary directory (0755, so a process without privileges can enter it). */
void tu_tmpdir(char *buf, size_t len);
/* Remove a directory tree. */
void tu_rmtree(const char *path);
/* path = dir/name */
void tu_path(char *buf, size_t len, const char *dir, const char *name);

/* A tiny configuration (N 100-200, a few hundred ms): milliseconds to simulate. */
void tu_tiny(pbn_config *cfg, long N, double T, unsigned long seed);

/* Canonical dump of the final runs of a database; caller frees.  Fails the test on error. */
char *tu_dump(const char *db);
/* The first line where two dumps differ, for messages (static buffer). */
const char *tu_first_diff(const char *a, const char *b);

/* One integer (a real is rounded; -1 on NULL) from a query on db (read-only). */
long long tu_int(const char *db, const char *sql);
/* One text value; caller frees ("" on NULL). */
char *tu_text(const char *db, const char *sql);
/* Up to max reals of the first column (NULL -> NaN); returns how many rows. */
size_t tu_reals(pbn_store *st, const char *sql, double *out, size_t max);

/* Same double, NaN equal to NaN. */
int tu_same(double a, double b);

/* Read a whole file (for "unchanged" checks); *len receives its size; caller frees. */
unsigned char *tu_slurp(const char *path, size_t *len);

/* Run a simulation to the end; fails the test on error.  Caller frees with pbn_sim_free. */
pbn_sim *tu_run(const pbn_config *cfg);

#endif
