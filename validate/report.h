/*
 * report.h - what the validator writes: the validation page (summary, the verdicts'
 * definitions, the claims table, key numbers, notes, the authors' numbers used) and the
 * generated blocks of the reproduction report; and the plan of the profiles (the
 * experiment programs' --list output), for the report's 'plan' block.
 */
#ifndef PBN_VREPORT_H
#define PBN_VREPORT_H

#include "claims.h"

typedef struct plan_exp {
    char name[64];   /* "<profile>.<experiment>" */
    long runs;
    long N[64];
    size_t nN;
    double T[16];    /* ms */
    size_t nT;
    int max_repeat;
    double cost;     /* sum of N T: neuron-milliseconds */
    char eta[8][32]; /* learning rates of the plastic blocks, as listed */
    size_t neta;
} plan_exp;

typedef struct plan {
    plan_exp e[64];
    size_t n;
} plan;

/* Add an experiment program's --list output to the plan. */
int plan_read(plan *pl, const char *path, pbn_error *err);

typedef struct vmeta {
    const char *date;
    long n_ok, n_div;
} vmeta;

/* The cost of each experiment of the profile as stored (runs, core-seconds, the longest
   run), as a Markdown table in v->cost, from the open database v->d->st. */
void report_cost(vctx *v);

/* Counts of the rows by verdict. */
void vctx_counts(const vctx *v, int c[VV_N]);

/* The validation page, written atomically. */
int write_validation(const char *path, const vctx *v, const vmeta *m, pbn_error *err);

/* Fill the generated blocks of the report at path (summary, verdicts, table, numbers,
   plan: kept as it is when have_plan is 0); *nblocks receives how many. */
int fill_readme(const char *path, const vctx *v, const vmeta *m, plan *pl, int have_plan,
                int *nblocks, pbn_error *err);

#endif
