/*
 * main.c - `make bench`: how fast the simulator is, and how far from this machine's
 * limits.
 *
 * Why it exists.  Issue 6 sets speed and memory targets for the simulator (targets.c
 * lists them).  Speed targets are checked by a benchmark, never by timed tests; this is
 * that benchmark.  It prints measurements and says pass or fail per target, but a failed
 * target does not make it fail (unless --strict).  `make check` runs only a smoke run of
 * it (tests/bench_smoke.sh), so that it keeps working, never the measurement itself.
 *
 * What it does.  For every N (default 1000, 2000, 5000, 10000, 15000) and every case (a:
 * no plasticity; b: Kohonen on EE; c: iSTDP on I->E with cx = 0.1) one simulation is built
 * and run in a forked child process (measure.c), in --repeats rounds over all of them;
 * the fastest round of each is kept.  For the same N, the hardware kernels of
 * ../shared/bench are compiled and run in the same invocation (hwkernels.c) and the costs
 * per event are set next to theirs.  Then the report (report.c) goes to stdout and, with
 * --out, into the generated block of a Markdown page (outfile.c).
 *
 * Everything goes through the public API of libpbn (pbn/pbn.h) and the helpers of
 * src/util; nothing of the kernels' code is in this repository.
 */
#define _POSIX_C_SOURCE 200809L
#include "bench.h"
#include "util/util.h"

#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The 1-minute load average; NaN when unknown. */
static double load1(void)
{
    double l = NAN;
    FILE *f = fopen("/proc/loadavg", "r");
    if (f) {
        if (fscanf(f, "%lf", &l) != 1)
            l = NAN;
        fclose(f);
    }
    return l;
}

/* ---- progress: a guess of each part's cost, in "seconds at N = 1000" units ----------- */

static double n2(long N) { return ((double)N / 1000.0) * ((double)N / 1000.0); }

/* The kernels at size N (all their repeats). */
static double kernel_weight(const bench_options *o, long N)
{
    return 0.04 * n2(N) * o->kernel_repeats;
}

/* One run of case k at size N. */
static double run_weight(const bench_options *o, long N, int k)
{
    double sim_ms = o->warmup_ms + o->measure_ms;
    return n2(N) * (0.005 * bench_cases[k].cost_guess * sim_ms / 1000 + 0.004);
}

static double total_weight(const bench_options *o, int kernels)
{
    double w = 0;
    for (int i = 0; i < o->nsizes; i++) {
        w += kernels ? kernel_weight(o, o->sizes[i]) : 0;
        for (int k = 0; k < NCASE; k++)
            w += o->use_case[k] ? o->repeats * run_weight(o, o->sizes[i], k) : 0;
    }
    return w;
}

/* ---- the measurements ----------------------------------------------------------------- */

typedef struct run {
    const bench_options *o;
    bench_meas (*m)[NCASE];
    bench_kcost *k;
    bench_hw *hw;
    util_progress prog;
    double done_w, total_w;
    volatile sig_atomic_t *stop;
} run;

static void measure_kernels(run *x)
{
    const bench_options *o = x->o;
    for (int i = 0; i < o->nsizes && x->hw->available && !*x->stop; i++) {
        long N = o->sizes[i];
        bench_kcost *k = &x->k[i];
        char extra[64];
        snprintf(extra, sizeof extra, "kernels N=%ld", N);
        util_progress_update(&x->prog, x->done_w / x->total_w, extra);
        bench_hw_measure(x->hw, N, o->kernel_repeats, k);
        x->done_w += kernel_weight(o, N);
        if (o->verbose)
            fprintf(stderr, "kernels N=%ld: %s delivery %.2f row %.2f column %.2f "
                            "neuron %.2f ns\n",
                    N, k->ok ? "" : k->why, k->deliver, k->row, k->col, k->neuron);
    }
}

/*
 * Repeats are rounds over every configuration, not back-to-back runs of one: a slow
 * stretch of a shared machine then spoils one repeat of several configurations rather
 * than every repeat of one, and keeping the fastest repeat filters it out.
 */
static void measure_rounds(run *x)
{
    const bench_options *o = x->o;
    for (int r = 0; r < o->repeats && !*x->stop; r++)
        for (int i = 0; i < o->nsizes && !*x->stop; i++)
            for (int k = 0; k < NCASE && !*x->stop; k++) {
                if (!o->use_case[k])
                    continue;
                long N = o->sizes[i];
                bench_meas *best = &x->m[i][k], one;
                double w = run_weight(o, N, k);
                bench_prog pc = {&x->prog, x->done_w / x->total_w, w / x->total_w, ""};
                snprintf(pc.extra, sizeof pc.extra, "N=%ld case %c round %d", N,
                         bench_cases[k].key, r + 1);
                util_progress_update(&x->prog, pc.base, pc.extra);
                bench_measure(o, N, k, &pc, r ? &one : best);
                x->done_w += w;
                /* the fastest repeat is kept whole; construction time is the fastest one */
                if (r && one.ok) {
                    double build = best->ok ? fmin(best->build_s, one.build_s) : one.build_s;
                    if (!best->ok || bench_wall_per_s(&one) < bench_wall_per_s(best))
                        *best = one;
                    best->build_s = build;
                }
            }
}

/* How many measurements failed (with --verbose, one line each on stderr). */
static int count_failed(const run *x)
{
    const bench_options *o = x->o;
    int n = 0;
    for (int i = 0; i < o->nsizes; i++)
        for (int k = 0; k < NCASE; k++) {
            const bench_meas *m = &x->m[i][k];
            if (!o->use_case[k])
                continue;
            n += !m->ok;
            if (o->verbose && m->ok)
                fprintf(stderr, "N=%ld %s: %.3f s per simulated s, build %.2f s\n",
                        o->sizes[i], bench_cases[k].label, bench_wall_per_s(m), m->build_s);
            else if (o->verbose)
                fprintf(stderr, "N=%ld %s: failed: %s\n", o->sizes[i], bench_cases[k].label,
                        m->why);
        }
    return n;
}

/* ---- the report ------------------------------------------------------------------------ */

/* Print the report and write it into --out.  Returns the exit status. */
static int report(const bench_state *st, int n_failed)
{
    const bench_options *o = st->o;
    char *rep = NULL;
    size_t replen = 0;
    int nfail_t = 0;
    FILE *f = open_memstream(&rep, &replen);
    if (!f) {
        fprintf(stderr, "pbn-bench: out of memory writing the report\n");
        return 1;
    }
    if (bench_report(st, f, &nfail_t) != 0) {
        fclose(f);
        free(rep);
        return 1;
    }
    fclose(f);
    fputs(rep, stdout);
    fflush(stdout);
    int out_rc = 0;
    if (o->out) {
        out_rc = bench_out_write(o->out, rep);
        if (out_rc == 0)
            fprintf(stderr, "pbn-bench: report written to %s\n", o->out);
    }
    free(rep);
    if (n_failed || out_rc)
        return 1;
    return o->strict && nfail_t ? 3 : 0;
}

int main(int argc, char **argv)
{
    bench_options o;
    int rc = bench_parse_options(argc, argv, &o);
    if (rc)
        return rc;
    /* every configuration must be valid before anything runs */
    for (int i = 0; i < o.nsizes; i++)
        for (int k = 0; k < NCASE; k++) {
            pbn_config cfg;
            pbn_error err = {0, ""};
            if (o.use_case[k] && bench_build_config(&o, o.sizes[i], k, &cfg, &err) != PBN_OK) {
                fprintf(stderr, "pbn-bench: %s\n", err.msg);
                return 2;
            }
        }
    if (o.out && (rc = bench_out_check(o.out)) != 0)
        return rc;

    run x = {.o = &o, .stop = util_catch_stop_signals(0)};
    x.m = calloc((size_t)o.nsizes, sizeof *x.m);
    x.k = calloc((size_t)o.nsizes, sizeof *x.k);
    bench_hw hw;
    if (!x.m || !x.k) {
        fprintf(stderr, "pbn-bench: out of memory\n");
        free(x.m);
        free(x.k);
        return 1;
    }
    int use_k = o.kernels && *o.kernels;
    bench_hw_prepare(&hw, use_k ? o.kernels : NULL, o.cc);
    if (!hw.available)
        fprintf(stderr, "pbn-bench: %s; the ratio columns are left out\n", hw.why);
    x.hw = &hw;
    x.total_w = total_weight(&o, hw.available);

    util_progress_start(&x.prog, "pbn-bench", o.progress);
    time_t wall0 = time(NULL);
    bench_state st = {&o, x.m, x.k, &hw, "", 0, load1(), NAN};
    strftime(st.started, sizeof st.started, "%Y-%m-%d %H:%M %Z", localtime(&wall0));
    double t0 = util_now();
    measure_kernels(&x);
    measure_rounds(&x);
    int n_failed = *x.stop ? 0 : count_failed(&x);
    util_progress_update(&x.prog, 1.0, NULL);
    util_progress_end(&x.prog);
    bench_hw_cleanup(&hw);
    if (*x.stop) {
        fprintf(stderr, "pbn-bench: interrupted; nothing written\n");
        rc = 130;
    } else {
        st.total_s = util_now() - t0;
        st.load1 = load1();
        rc = report(&st, n_failed);
    }
    free(x.m);
    free(x.k);
    return rc;
}
