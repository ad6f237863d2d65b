/*
 * pbn_progress.h - one progress line on stderr: percent, elapsed time, ETA.
 *
 * Shown only on a terminal unless forced (PBN_PROGRESS_ON), and only once the work has
 * taken more than two seconds (PBN_PROGRESS_DELAY overrides), so short runs stay quiet.  On a terminal the line is
 * redrawn in place (at most 4 times a second); when forced onto a file or pipe a new
 * line is written every 10 seconds.
 */
#ifndef PBN_PROGRESS_H
#define PBN_PROGRESS_H

#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

enum { PBN_PROGRESS_AUTO = -1, PBN_PROGRESS_OFF = 0, PBN_PROGRESS_ON = 1 };

typedef struct pbn_progress {
    int enabled, tty, shown;
    double t0, last, delay;
    char label[96];
    FILE *out;
} pbn_progress;

void pbn_progress_start(pbn_progress *p, const char *label, int mode);
/* Report frac (0..1) done; extra (may be NULL) is appended, e.g. "12/40 tasks". */
void pbn_progress_update(pbn_progress *p, double frac, const char *extra);
/* Finish the line (when anything was shown). */
void pbn_progress_end(pbn_progress *p);
/* Adapter for pbn_sim_set_progress: ctx is a pbn_progress. */
void pbn_progress_sim_cb(void *ctx, uint64_t done, uint64_t total);

#ifdef __cplusplus
}
#endif
#endif
