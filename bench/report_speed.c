/*
 * report_speed.c - section "Speed and memory": per size and case, wall time per simulated
 * second, construction time, synaptic events per second, bytes per synapse, peak memory
 * and the rates the network ran at (a network that is not in its usual state is not
 * measured at its usual cost).
 */
#include "bench.h"

#include <stdio.h>

/* wall s / sim s, build s, events / s, B / synapse, B / plastic synapse, peak, rates */
static int speed_row(bench_table *t, const bench_state *b, int i, int kc)
{
    const bench_meas *m = &b->m[i][kc];
    char s1[32], s2[32];
    BENCH_ADD(t, "%s%s", bench_g3(s1, bench_wall_per_s(m)),
              m->status == PBN_RUN_DIVERGED ? " (diverged)" : "");
    BENCH_ADD(t, "%.2f", m->build_s);
    BENCH_ADD(t, "%s", bench_big(s2, (double)(m->ev_deliver + m->ev_input) / m->run_s));
    BENCH_ADD(t, "%.2f", m->net_bytes / (double)m->nnz);
    if (m->nnz_plastic)
        BENCH_ADD(t, "%.2f", m->plastic_bytes / (double)m->nnz_plastic);
    else
        BENCH_ADD(t, "–");
    BENCH_ADD(t, "%.0f", m->peak_bytes / 1048576.0);
    BENCH_ADD(t, "%.2f, %.2f", m->rate_e, m->rate_i);
    return 0;
nomem:
    return -1;
}

int bench_section_speed(const bench_state *b, FILE *f)
{
    static const char *const h[] = {"N", "case", "wall s / sim s", "build s",
                                    "syn. events / s", "B / synapse", "B / plastic syn.",
                                    "peak MiB", "rates E, I (Hz)"};
    bench_table t;
    fprintf(f, "#### Speed and memory\n\n");
    if (bench_table_init(&t, 9, h, "rlrrrrrrr") != 0 ||
        bench_table_rows(&t, b, "failed", speed_row) != 0) {
        bench_table_free(&t);
        return -1;
    }
    bench_table_out(&t, f);
    fprintf(f, "\nwall s / sim s: wall time per simulated second in the measured window, one "
               "core. build s: network construction (pbn_sim_create). syn. events / s: "
               "recurrent and feed-forward spike deliveries per second of wall time. B / "
               "synapse: bytes of the connectivity (pbn_net_bytes) per synapse of all six "
               "blocks; B / plastic syn.: the same for the plastic block alone (weights and "
               "transpose index included). peak MiB: peak resident memory of the process "
               "that built and ran the network (VmHWM; about %.0f MiB of it are program and "
               "libraries). Rates: second half of the whole run.\n\n",
            b->m[0][0].ok ? b->m[0][0].base_bytes / 1048576.0 : 3.0);
    return 0;
}
