/*
 * report_phases.c - section "Where the time goes": the share of the measured wall time
 * spent in each phase of the step (enum pbn_phase, pbn_results.phase_s), and what the
 * timers do not cover.
 */
#include "bench.h"

#include <stdio.h>

/* The columns, one per phase. */
static const char *const phase_head[PBN_NPHASES] = {
    [PBN_PHASE_INPUT] = "input",
    [PBN_PHASE_NEURON] = "neuron",
    [PBN_PHASE_SPIKES] = "spikes",
    [PBN_PHASE_DELIVER] = "delivery + pre",
    [PBN_PHASE_POST] = "post (column)",
    [PBN_PHASE_DECAY] = "decay + record",
};

/* % of the window's wall time per phase, and what no phase covers */
static int phase_row(bench_table *t, const bench_state *b, int i, int kc)
{
    const bench_meas *m = &b->m[i][kc];
    double sum = 0;
    for (int p = 0; p < PBN_NPHASES; p++) {
        BENCH_ADD(t, "%.1f", 100.0 * m->phase[p] / m->run_s);
        sum += m->phase[p];
    }
    BENCH_ADD(t, "%.1f", 100.0 * (m->run_s - sum) / m->run_s);
    return 0;
nomem:
    return -1;
}

int bench_section_phases(const bench_state *b, FILE *f)
{
    const char *h[PBN_NPHASES + 3] = {"N", "case"};
    char align[PBN_NPHASES + 3] = "rl";
    bench_table t;
    for (int p = 0; p < PBN_NPHASES + 1; p++) {
        h[2 + p] = p < PBN_NPHASES ? phase_head[p] : "other";
        align[2 + p] = 'r';
    }
    fprintf(f, "#### Where the time goes (%% of the measured wall time)\n\n");
    if (bench_table_init(&t, PBN_NPHASES + 3, h, align) != 0 ||
        bench_table_rows(&t, b, NULL, phase_row) != 0) {
        bench_table_free(&t);
        return -1;
    }
    bench_table_out(&t, f);
    fprintf(f, "\nThe phases of pbn_results.phase_s: input delivery; neuron update; spike "
               "detection and recording; recurrent delivery with pre-spike updates; post-spike "
               "updates; decay and time-course recording. other: the loop and the timers.\n\n");
    return 0;
}
