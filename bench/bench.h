/*
 * bench.h - internals of pbn-bench, the performance benchmark behind `make bench`.
 *
 * The benchmark is three small parts:
 *   pbn-bench.c  the measurement (one forked child per configuration) and the report;
 *   hwkernels.c  the hardware-limit kernels of ../shared/bench, compiled and run at bench
 *                time on the same machine, their output parsed into ns per operation;
 *   table.c      aligned Markdown tables, so what the terminal shows and what goes into
 *                the README are the same text.
 * Nothing here is part of libpbn; the benchmark uses only the library's public API.
 */
#ifndef PBN_BENCH_H
#define PBN_BENCH_H

#include <limits.h>
#include <stddef.h>
#include <stdio.h>

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

/* ---- hardware kernels (hwkernels.c) ---------------------------------------------------- */

/* The two kernel programs, compiled once into a private temporary directory. */
typedef struct bench_hw {
    int available;          /* both programs compiled and runnable */
    char why[PATH_MAX + 1024]; /* when not available: one line saying why */
    char srcdir[PATH_MAX];  /* where synapse_kernels.c and neuron_kernel.c were found */
    char cc[256];           /* compiler command used */
    char tmp[64];           /* temporary directory holding the binaries */
    char syn[128], eif[128];
} bench_hw;

/* The kernels' costs at one N, in ns. */
typedef struct bench_kcost {
    int ok;
    double deliver; /* per event: spike delivery along a row (CSR, double weights) */
    double row;     /* per synapse: pre-spike weight update along a row */
    double col;     /* per synapse: post-spike update along a column via a transpose index */
    double neuron;  /* per neuron step: EIF Euler step, threshold, reset, decays */
    double wall_s;  /* wall seconds both kernel programs took (construction included) */
    char why[256];  /* when !ok */
} bench_kcost;

/*
 * Compile the kernels found in srcdir (NULL or "": not given) with `cc -O2 -march=native`
 * (cc may hold several words, e.g. "gcc -std=gnu11").  Never fails: when the sources are
 * missing or do not compile, hw->available is 0 and hw->why says so.
 */
void bench_hw_prepare(bench_hw *hw, const char *srcdir, const char *cc);
/*
 * Run both kernels `repeats` times at size N and keep the smallest cost of each operation
 * (k->ok 0 and k->why on failure).
 */
void bench_hw_measure(const bench_hw *hw, long N, int repeats, bench_kcost *k);
/* Remove the temporary directory. */
void bench_hw_cleanup(bench_hw *hw);

/* ---- tables (table.c) ------------------------------------------------------------------ */

/* A Markdown table whose cells are padded so that the columns line up in a terminal. */
typedef struct bench_table {
    size_t ncol, ncell, cap; /* cells row-major, the header row first */
    char **cell;
    char *align;             /* per column: 'l' or 'r' */
} bench_table;

/*
 * head: ncol column titles; align: ncol characters 'l' or 'r'.  Returns 0, or -1 when out
 * of memory.
 */
int bench_table_init(bench_table *t, size_t ncol, const char *const *head, const char *align);
/* Append the next cell (rows fill left to right).  Returns 0, or -1 when out of memory. */
int bench_table_add(bench_table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Print the table; an unfinished last row is padded with empty cells. */
void bench_table_print(const bench_table *t, FILE *out);
void bench_table_free(bench_table *t);

#endif
