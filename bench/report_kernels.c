/*
 * report_kernels.c - sections "Hardware kernels" (what the kernels of ../shared/bench cost
 * on this machine, per N) and "Cost per operation" (the simulator's cost of each operation
 * next to the kernels', and their ratio; measure.c says how they are matched up).
 */
#include "bench.h"

#include <stdio.h>
#include <math.h>

int bench_section_kernels(const bench_state *b, FILE *f)
{
    const bench_options *o = b->o;
    static const char *const h[] = {"N", "delivery ns/event", "row update ns/syn",
                                    "column update ns/syn", "neuron ns/step"};
    bench_table t;
    fprintf(f, "#### Hardware kernels (../shared/bench, run in the same invocation)\n\n");
    if (!bench_have_kernels(b)) {
        fprintf(f, "Not run: %s. The ratio columns are left out.\n\n",
                b->hw->available ? b->k[0].why : b->hw->why);
        return 0;
    }
    fprintf(f, "Compiled with `%s -O2 -march=native` from %s; the best of %d run(s) per N.\n\n",
            b->hw->cc, b->hw->srcdir, o->kernel_repeats);
    if (bench_table_init(&t, 5, h, "rrrrr") != 0)
        goto nomem;
    for (int i = 0; i < o->nsizes; i++) {
        const bench_kcost *k = &b->k[i];
        BENCH_ADD(&t, "%ld", o->sizes[i]);
        if (!k->ok) {
            if (bench_row_fill(&t, "failed") != 0)
                goto nomem;
            continue;
        }
        BENCH_ADD(&t, "%.2f", k->deliver);
        BENCH_ADD(&t, "%.2f", k->row);
        BENCH_ADD(&t, "%.2f", k->col);
        BENCH_ADD(&t, "%.2f", k->neuron);
    }
    bench_table_out(&t, f);
    fprintf(f, "\n");
    return 0;
nomem:
    bench_table_free(&t);
    return -1;
}

/* simulator, kernel and × for delivery, column, input (no kernel column), neuron; whole */
static int cost_row(bench_table *t, const bench_state *b, int i, int kc)
{
    const bench_meas *m = &b->m[i][kc];
    const bench_kcost *k = &b->k[i];
    char s1[32], s2[32], s3[32], s4[32], s5[32], s6[32];
    double kd = k->ok ? bench_kernel_deliver_mix(m, k) : NAN;
    double kcol = k->ok && m->ev_post ? k->col : NAN;
    double kin = k->ok ? k->deliver : NAN, kn = k->ok ? k->neuron : NAN;
    double whole = k->ok ? bench_wall_per_s(m) / bench_kernel_wall_per_s(m, k) : NAN;
    BENCH_ADD(t, "%s", bench_g3(s1, bench_ns_deliver(m)));
    BENCH_ADD(t, "%s", bench_g3(s2, kd));
    BENCH_ADD(t, "%s", bench_g3(s3, bench_ns_deliver(m) / kd));
    BENCH_ADD(t, "%s", bench_g3(s4, bench_ns_column(m)));
    BENCH_ADD(t, "%s", bench_g3(s5, kcol));
    BENCH_ADD(t, "%s", bench_g3(s6, bench_ns_column(m) / kcol));
    BENCH_ADD(t, "%s", bench_g3(s1, bench_ns_input(m)));
    BENCH_ADD(t, "%s", bench_g3(s2, bench_ns_input(m) / kin));
    BENCH_ADD(t, "%s", bench_g3(s3, bench_ns_neuron(m)));
    BENCH_ADD(t, "%s", bench_g3(s4, kn));
    BENCH_ADD(t, "%s", bench_g3(s5, bench_ns_neuron(m) / kn));
    BENCH_ADD(t, "%s", bench_g3(s6, whole));
    return 0;
nomem:
    return -1;
}

int bench_section_costs(const bench_state *b, FILE *f)
{
    static const char *const h[] = {"N",      "case",  "delivery", "kernel", "×",
                                    "column", "kernel", "×",       "input",  "×",
                                    "neuron", "kernel", "×",       "whole step ×"};
    bench_table t;
    fprintf(f, "#### Cost per operation (ns) against the kernels\n\n");
    if (bench_table_init(&t, 14, h, "rlrrrrrrrrrrrr") != 0 ||
        bench_table_rows(&t, b, NULL, cost_row) != 0) {
        bench_table_free(&t);
        return -1;
    }
    bench_table_out(&t, f);
    fprintf(f,
            "\n× is simulator / kernel. delivery: recurrent delivery phase per recurrent event; "
            "in a plastic case the plastic block's rows are delivery fused with the pre-spike "
            "(row) update, so its kernel is the mix of this run's events at delivery and "
            "delivery + row-update cost. column: post-spike updates per synapse of the "
            "spiking neuron's column, against the column kernel. input: feed-forward delivery "
            "per event, generating the X spikes included, against the delivery kernel. "
            "neuron: neuron update, spike detection, decay, reset and recording per neuron "
            "and step, against the neuron kernel. whole step: measured wall time against the "
            "sum of all these operations at kernel cost.\n\n");
    return 0;
}
