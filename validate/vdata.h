/*
 * vdata.h - the runs of one profile as the validator reads them from the results
 * database, and the sweeps made of them.
 *
 * Representation: every final run (status ok or diverged) of the profile with its
 * configuration (parsed back from runs.config), its metrics and theory rows (name, value
 * lists), and the time courses of the plastic weights (series jee, jei, jie, jii: the
 * mean weight at the end of each recording bin), from which the drift criterion is
 * computed.  A series (vseries) is one point per sweep point of an experiment (the
 * repeats of the point averaged: mean and standard error of a per-run value).
 */
#ifndef PBN_VDATA_H
#define PBN_VDATA_H

#include "pbn/pbn.h"

#include <stddef.h>

typedef struct kv {
    char *name;
    double v;
} kv;

typedef struct kvlist {
    kv *a;
    size_t n, cap;
} kvlist;

/* The time course of one plastic block's mean weight. */
typedef struct vcourse {
    char name[8]; /* "jee", "jei", ... */
    size_t n;
    double *t, *w;
} vcourse;

typedef struct vrun {
    long long id;
    char *exp;     /* experiment name without the profile prefix, e.g. "size_kohonen" */
    char *point;
    long N;
    int status_ok; /* 1: "ok"; 0: "diverged" (kept for counting only) */
    char *commit;
    pbn_config cfg;
    int cfg_ok;
    kvlist m, t;   /* metrics, theory */
    vcourse c[4];  /* weight time courses (plastic blocks) */
    size_t nc;
} vrun;

typedef struct vdata {
    pbn_store *st;      /* open (read-only) while the claims are evaluated */
    const char *profile;
    const char *db_path;
    vrun *r;
    size_t n, cap;
    long n_other_status; /* interrupted runs of the profile (not final) */
    char commits[512];   /* distinct git commits of the runs, comma separated */
    char first[32], last[32]; /* earliest start and latest finish of the runs */
    int oom;
} vdata;

/* Load the profile's final runs with metrics, theory and weight time courses. */
int vdata_load(pbn_store *st, vdata *d, pbn_error *err);
void vdata_free(vdata *d);

double vrun_metric(const vrun *r, const char *name); /* NaN when absent */
double vrun_theory(const vrun *r, const char *name);
const vcourse *vrun_course(const vrun *r, const char *name); /* NULL when absent */

/*
 * The drift criterion of a weight: the relative change of block's mean weight ("jee",
 * "jei", ...) between the third and the last quarter of the run, |m4 - m3| / |m34|,
 * from its time course (NaN when the run has no time course of that block).  A weight
 * still approaching its fixed point moves from one quarter to the next; a settled one
 * only fluctuates.
 */
double vrun_drift(const vrun *r, const char *block);

/*
 * Whether block's mean weight has converged: its drift (above, returned in *drift) is at
 * most max_rel, or the change between the two quarters is smaller than 3 standard errors
 * of that change estimated from the bin-to-bin scatter within them (a weight that
 * fluctuates about a settled value, as under fast learning, rather than one still on its
 * way).  1 yes, 0 no, -1 no time course.
 */
int vrun_converged(const vrun *r, const char *block, double max_rel, double *drift);

/* ---- sweeps ------------------------------------------------------------------------ */

typedef double (*run_fn)(const vrun *r, const void *ctx);
typedef int (*run_sel)(const vrun *r, const void *ctx);

typedef struct vpoint {
    const char *point;
    double x;          /* the sweep variable (N, cx, initial weight) of the point */
    double mean, se;   /* of the per-run values (se NaN for one run) */
    int n;             /* runs with a finite value */
    long N;
} vpoint;

#define VMAX_POINTS 256

typedef struct vseries {
    vpoint p[VMAX_POINTS];
    size_t n;
    long runs;      /* runs used */
    long diverged;  /* runs of these points left out: diverged */
} vseries;

/*
 * The series of experiment exp: one point per sweep point (runs with status ok that sel
 * accepts; sel NULL: all), x = fx of its first run, the mean and standard error over its
 * runs of fy.  Sorted by x.
 */
void vseries_make(const vdata *d, const char *exp, run_sel sel, const void *sctx, run_fn fx,
                  run_fn fy, const void *yctx, vseries *s);
void vseries_arrays(const vseries *s, double *x, double *y, double *se);
/* The largest finite mean of a series (0 when none). */
double vseries_max(const vseries *s);

/* sweep variables and per-run values */
double x_N(const vrun *r, const void *c);
double x_cx(const vrun *r, const void *c);
double x_jei0(const vrun *r, const void *c);
double x_jee0(const vrun *r, const void *c);
double x_eta_sqrtN(const vrun *r, const void *c); /* eta_ei sqrt(N) */
double y_metric(const vrun *r, const void *c);    /* c: metric name */
double y_theory(const vrun *r, const void *c);    /* c: theory name */
double y_drift(const vrun *r, const void *c);     /* c: block name, vrun_drift */

/* selections */
int sel_N(const vrun *r, const void *c);      /* c: long N */
int sel_cx(const vrun *r, const void *c);     /* c: double cx */
int sel_cx_N(const vrun *r, const void *c);   /* c: double {cx, N} */

/* The distinct N of an experiment's runs, ascending; their number. */
size_t vdata_distinct_N(const vdata *d, const char *exp, long *out, size_t max);
long vdata_count(const vdata *d, const char *exp);
/* The run of an experiment with the largest N (of those the smallest seed), or NULL. */
const vrun *vdata_largest(const vdata *d, const char *exp);
/* The run of an experiment whose N is nearest N0 (smallest seed), or NULL. */
const vrun *vdata_nearest(const vdata *d, const char *exp, long N0);

/* ---- theory for a run's configuration --------------------------------------------- */

/* The run's weights: the second-half mean of each block (unscaled), the configured value
   where no mean was stored. */
void vrun_weights(const vrun *r, double j[PBN_NBLOCKS]);
/* Balanced rates (Hz) at the run's measured weights, with flags; 0 on success. */
int vrun_rates_measured(const vrun *r, unsigned flags, double rate[2]);
/* The fixed point with flags; 0 when it exists. */
int vrun_fixed_point(const vrun *r, unsigned flags, pbn_theory_fp *fp);
/* Fractions of a run's E cells that are silent, and that fire below slow_hz. */
int vrun_e_fractions(const vdata *d, const vrun *r, double slow_hz, double *silent,
                     double *slow);

#endif
