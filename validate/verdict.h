/*
 * verdict.h - how a row of the validation table reaches its verdict (pure functions, no
 * database: tests/test_validate.c checks them case by case).
 *
 * Every row compares one statistic x (with standard error se) with the paper's
 * prediction p and with a stated alternative a that the data must be able to exclude.
 * The band around the estimate is
 *
 *     x ± w,   w = tol + k se      (tol: the allowance the row states; k = 3)
 *
 * and a value v is "inside the band" when |x - v| <= w (two-sided rows), or, for a claim
 * that the statistic is at most (at least) p, when the band reaches p's side:
 * x - w <= p (x + w >= p), the alternative lying on the other side (x + w >= a, resp.
 * x - w <= a).  Then, in this order:
 *
 *   NOT RUN      the data are not in the database;
 *   INCONCLUSIVE the runs have not converged by the row's drift criterion, or the
 *                statistic could not be computed, or the theory is outside its own
 *                domain of validity for these runs, or the band holds the prediction and
 *                the alternative alike (the data cannot decide: a power check made for
 *                every row);
 *   CONFIRMED    the band holds the prediction and excludes the alternative;
 *   AS IN THE AUTHORS' RUNS
 *                the band misses the prediction, but the authors' own published
 *                simulation of the same protocol deviates the same way: their number
 *                ref takes the prediction's place with the same allowance, plus its
 *                reading uncertainty u: |x - ref| <= tol + k se + u (ref and u from the
 *                authors' code or figures, cited by source: authors.c);
 *   FAIL         anything else.
 *
 * A row whose runs have not converged is INCONCLUSIVE, with one exception: when its runs
 * have the size and the learning budget (eta T) of the authors' run it is compared with,
 * the two are equally far along, and agreement with the authors' number (while the
 * prediction is missed) is reported as AS IN THE AUTHORS' RUNS, saying that neither
 * converged.
 */
#ifndef PBN_VERDICT_H
#define PBN_VERDICT_H

#include <stddef.h>

typedef enum {
    VV_CONFIRMED = 0,
    VV_AUTHORS,
    VV_INCONCLUSIVE,
    VV_FAIL,
    VV_NOTRUN,
    VV_N
} vverdict;

/* "CONFIRMED", "AS IN THE AUTHORS' RUNS", "INCONCLUSIVE", "FAIL", "NOT RUN" */
const char *vverdict_name(vverdict v);

typedef enum {
    VS_TWO_SIDED = 0, /* the statistic equals the prediction */
    VS_AT_MOST,       /* the statistic is at most the prediction (the alternative is above) */
    VS_AT_LEAST       /* the statistic is at least the prediction (the alternative is below) */
} vsense;

typedef struct vtest {
    double x, se;      /* the statistic and its standard error (se NaN or 0: none) */
    double pred, alt;  /* prediction and alternative */
    double tol;        /* the stated allowance, >= 0 */
    double k;          /* standard errors in the band (0: 3) */
    vsense sense;
    int converged;     /* 1 yes, 0 no (then INCONCLUSIVE), -1 no criterion */
    int has_ref;       /* the authors' number: ref +- ref_unc */
    double ref, ref_unc;
    int ref_same_protocol; /* the runs have the authors' size and learning budget (eta T):
                              a comparison of like with like also when neither converged */
    const char *invalid; /* non-NULL: the theory compared with is outside its own domain
                            here (why): INCONCLUSIVE */
} vtest;

/* A test with everything NaN/0 but k = 3 and converged = -1. */
vtest vtest_init(void);

/* The half-width w of the band. */
double vtest_width(const vtest *t);

/* Whether value v is inside the band, read as the prediction's side (0) or as the
   alternative's side (1) of a one-sided row. */
int vtest_inside(const vtest *t, double v, int as_alternative);

/*
 * The verdict of t, with one phrase in why (why may be NULL) saying what decided it,
 * numbers included, e.g. "band -0.91 ± 0.47 holds -0.5 and excludes 0".
 */
vverdict vtest_verdict(const vtest *t, char *why, size_t len);

/*
 * The criterion as text, generated from the numbers so that the table cannot say one thing
 * while the code tests another: e.g. "x ± (0.25 + 3 s.e.) must hold -0.5 and exclude 0".
 * unit (may be "") follows the numbers.
 */
void vtest_criterion(const vtest *t, const char *unit, char *buf, size_t len);

#endif
