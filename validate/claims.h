/*
 * claims.h - the claims of the paper as data, the rows they become, and what the claim
 * families (claims_a.c ... claims_f.c) share.
 *
 * A claim is one table entry (vclaim): its id, the claim as the paper words it, the data
 * it reads, the statistic, the sense of the comparison, the numeric allowance with its
 * reason, the prediction and the alternative in words, and where applicable the key of
 * the authors' own number (authors.c).  A family's evaluator computes, for each of its
 * entries, the statistic with its standard error, the numeric prediction and alternative
 * and the convergence of the runs it read, and hands them to the verdict logic
 * (verdict.h).  The published criterion is generated from the same numbers
 * (vtest_criterion), so the table cannot say one thing while the code tests another.
 */
#ifndef PBN_CLAIMS_H
#define PBN_CLAIMS_H

#include "vdata.h"
#include "verdict.h"
#include "validate.h"

#include <stdio.h>

/* The relative change of a weight between the last two quarters of a run above which
   it has not converged, unless the change is within its fluctuations (vrun_converged):
   for an approach whose time constant is at most the run's length, less than 4 times
   this remains, below the 5 % allowance of the weight rows. */
#define VDRIFT_MAX 0.01
/* e^-3: a weight three relaxation times into an exponential approach (weight rows). */
#define VREACHED 0.05

typedef struct vclaim {
    const char *id;        /* "A1" */
    const char *claim;     /* the paper's claim, in its words */
    const char *exp;       /* the experiment read (without the profile prefix) */
    const char *data;      /* which of its runs */
    const char *statistic; /* what is computed */
    vsense sense;
    double tol;            /* the allowance, in the statistic's units */
    const char *unit;      /* of the statistic ("" when none) */
    const char *tol_why;   /* why this allowance */
    const char *pred;      /* the prediction in words (the number is computed) */
    const char *alt;       /* the alternative in words */
    const char *ref;       /* key of the authors' number (authors.c), or NULL */
    int arg;               /* for the evaluator: population, covariance pair, ... */
    double darg;           /* for the evaluator: cx, N, ... */
} vclaim;

/* An authors' number: value, reading uncertainty, what it is and where it comes from,
   and the size and learning budget (eta T, s) of the authors' run (0: not applicable). */
typedef struct vref {
    const char *key;
    double value, unc;
    const char *what;
    const char *source;
    long N;
    double budget;
} vref;

/* NULL when the key is unknown. */
const vref *vref_find(const char *key);
size_t vref_count(void);
const vref *vref_at(size_t i);

typedef struct vrow {
    const vclaim *c;
    char data[240];       /* the runs actually read */
    char sim[240];        /* the statistic as measured, "x ± se" */
    char pred[160];       /* the prediction with its number */
    char alt[200];        /* the alternative with its number */
    char criterion[400];  /* generated from the numbers */
    char why[500];        /* what decided the verdict */
    vtest t;
    vverdict verdict;
} vrow;

#define VMAX_ROWS 96

/* A growing text buffer (the notes). */
typedef struct vbuf {
    char *s;
    size_t n, cap;
    int oom;
} vbuf;

void bprintf(vbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

typedef struct vctx {
    vdata *d;
    vrow rows[VMAX_ROWS];
    size_t nrows;
    vbuf notes;
    vbuf cost; /* the report's cost block (report_cost) */
} vctx;

/* A new row for claim c (NOT RUN until decided); NULL when the table is full. */
vrow *vrow_new(vctx *v, const vclaim *c);
/* The row is NOT RUN, for the reason given. */
void vrow_notrun(vrow *r, const char *why);
/* Decide the row from r->t (and the authors' number of its claim, if any); fills the
   criterion, the verdict and why. */
void vrow_decide(vrow *r);
/* Whether the series has enough points to be evaluated; else the row is NOT RUN. */
int vrow_enough(vctx *v, vrow *row, const vseries *s, size_t need);

/* The smaller (largest 0) or the larger (largest 1) N of the row's experiment in *N;
   0, with the row NOT RUN, when there is no such N. */
int vrow_pick_N(vctx *v, vrow *row, int largest, long *N);
/* The row's statistic: the log-log slope of a series (loglog_series), with pred and alt;
   the row says why when the slope cannot be fitted. */
vfit vrow_loglog(vrow *row, const vseries *s, double pred, double alt, size_t *dropped);

/* Append to a fixed buffer (truncating). */
void sappend(char *dst, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* 3 significant digits; "n/a" when not finite. */
const char *fmt_g(char *buf, size_t len, double v);
/* "m ± s" with the precision of s. */
const char *fmt_pm(char *buf, size_t len, double m, double s);
/* The points of a series as one Markdown list line "yname by xname: x mean ± se (n); ...". */
void note_series(vbuf *b, const vseries *s, const char *xname, const char *yname);

/* The largest drift (vrun_drift of block) over the runs of experiment exp selected by
   sel, and whether every one of them converged (vrun_converged with VDRIFT_MAX): 1, 0,
   or -1 when no run has a time course. */
int series_converged(const vdata *d, const char *exp, run_sel sel, const void *sctx,
                     const char *block, double *worst);

/* The log-log slope of |y| against x of a series (points not resolved from zero by 2
   standard errors left out; needs 3); ok 0 when it cannot be fitted. */
vfit loglog_series(const vseries *s, int *sign_change, size_t *dropped);
/* The extrapolation of y = y_inf + a x^-1/2 of a series, and in *law the change of y_inf
   when a 1/x law is fitted instead. */
vfit extrapolate_series(const vseries *s, double *law);
/* A straight-line fit of a series' means against x. */
vfit fit_series(const vseries *s);

/* The claim families, in the table's order. */
void claims_A(vctx *v);
void claims_B(vctx *v);
void claims_C(vctx *v);
void claims_D(vctx *v);
void claims_E(vctx *v);
void claims_F(vctx *v);
void claims_G(vctx *v);
void claims_H(vctx *v);
void claims_I(vctx *v);
void claims_J(vctx *v);
void claims_L(vctx *v);
void claims_M(vctx *v);
void claims_N(vctx *v);

#endif
