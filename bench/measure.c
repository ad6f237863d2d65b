/*
 * measure.c - the cases, one measurement in a child process, and what is derived from it.
 *
 * For every N and every case (a: no plasticity; b: Kohonen on EE; c: iSTDP on I->E with
 * cx = 0.1) one simulation is built and run in a forked child process, so that its peak
 * memory (VmHWM) is its own and one large network does not pollute the next.  The child
 * advances a warm-up (the first ~200 ms are a transient: rates and costs are not yet
 * stationary), takes the library's counters, advances the measured window, and reports the
 * differences: wall seconds per simulated second, wall seconds per phase of the step
 * (enum pbn_phase), synaptic events.  Construction time (build_s) is measured by the
 * library inside pbn_sim_create.
 *
 * How costs are compared with the hardware kernels (ns per operation; the kernels measure
 * the same operations):
 *   delivery   phase PBN_PHASE_DELIVER ("recurrent delivery with pre-spike updates") /
 *              recurrent events.  In a plastic case the rows of the plastic block are
 *              delivery fused with the pre-spike (row) update, so the kernel cost it is
 *              compared with is the mix (static events x delivery + plastic events x
 *              (delivery + row update) + deferred post-spike updates x row update) / all
 *              events: a deferred block (Kohonen) applies its post-spike updates in the row
 *              pass, not in a column.
 *   column     phase PBN_PHASE_POST / column events, against the column kernel.
 *   input      phase PBN_PHASE_INPUT / feed-forward events (includes generating the X
 *              spikes), against the delivery kernel.
 *   neuron     phases PBN_PHASE_NEURON + PBN_PHASE_SPIKES + PBN_PHASE_DECAY per neuron and
 *              step, against the neuron kernel (which also does threshold, reset and
 *              decays, so the comparison is like for like; the simulator's share also
 *              includes its recording).
 *   whole step measured wall time against the sum of all of the above at kernel cost.
 */
#define _POSIX_C_SOURCE 200809L
#include "bench.h"
#include "util/util.h"

#include <stdio.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- the cases ---------------------------------------------------------------------- */

static const char *const sets_a[] = {NULL};
/* Slow learning: at the default rates j_ee drifts by eta (b tau r_e^2 - j r_e) ~ -1e-4 per
   ms... of order 0.5 per simulated second out of 25; the network stays near its default
   state for the whole measurement. */
static const char *const sets_b[] = {"plastic_ee=kohonen", "eta_ee=0.001", "beta=2", NULL};
static const char *const sets_c[] = {"plastic_ei=istdp", "eta_ei=0.001", "rho_e=10",
                                     "jnorm_ei=-200",    "cx=0.1",       NULL};

const bench_case bench_cases[NCASE] = {
    {'a', "a: static", "no plasticity, cx = 0", sets_a, 1.0},
    {'b', "b: Kohonen EE", "Kohonen (R3) on EE, eta_ee = 0.001, beta = 2, cx = 0", sets_b, 2.7},
    {'c', "c: iSTDP I→E", "iSTDP (R4) on I→E, eta_ei = 0.001, rho_e = 10 Hz, jnorm_ei = -200, "
                          "cx = 0.1", sets_c, 1.7},
};

/* Keys every configuration sets explicitly (dt and seed are the defaults of paper/model.md too).
   dt_record = 1000 ms: time courses are recorded every simulated second, the originals'
   dtRate and what the default T/100 gives for runs of 100 s and more; the default would
   record every 45 ms of this benchmark's short runs, and a recording bin costs a pass over
   a plastic block's weights. */
static const char *const sets_common[] = {"dt=0.1", "seed=1", "dt_record=1000", NULL};

static int set_pairs(pbn_config *cfg, const char *const *s, int n, pbn_error *err)
{
    for (int i = 0; n < 0 ? s[i] != NULL : i < n; i++)
        if (pbn_config_set_pair(cfg, s[i], err) != PBN_OK)
            return err->code;
    return PBN_OK;
}

int bench_build_config(const bench_options *o, long N, int ci, pbn_config *cfg,
                       pbn_error *err)
{
    pbn_config_defaults(cfg);
    if (set_pairs(cfg, sets_common, -1, err) != PBN_OK ||
        set_pairs(cfg, bench_cases[ci].sets, -1, err) != PBN_OK ||
        set_pairs(cfg, o->sets, o->nsets, err) != PBN_OK)
        return err->code;
    char buf[64];
    snprintf(buf, sizeof buf, "%ld", N);
    if (pbn_config_set(cfg, "N", buf, err) != PBN_OK)
        return err->code;
    uint64_t wsteps = (uint64_t)llround(o->warmup_ms / cfg->dt);
    uint64_t msteps = (uint64_t)llround(o->measure_ms / cfg->dt);
    if (msteps < 1)
        return pbn_error_set(err, PBN_EINVAL, "--T %g: shorter than one step (dt = %g ms)",
                             o->measure_ms, cfg->dt);
    snprintf(buf, sizeof buf, "%.17g", (double)(wsteps + msteps) * cfg->dt);
    if (pbn_config_set(cfg, "T", buf, err) != PBN_OK)
        return err->code;
    return pbn_config_validate(cfg, err);
}

/* ---- one measurement (in a child process) ------------------------------------------ */

static void child_progress(void *ctx, uint64_t done, uint64_t total)
{
    bench_prog *c = ctx;
    double f = total ? (double)done / (double)total : 1.0;
    util_progress_update(c->p, c->base + c->share * f, c->extra);
}

/* A "Vm...:" line of /proc/self/status, in bytes; NaN when unavailable. */
static double proc_status_bytes(const char *key)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return NAN;
    char line[256];
    double v = NAN;
    size_t n = strlen(key);
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, key, n) && line[n] == ':') {
            v = 1024.0 * strtod(line + n + 1, NULL);
            break;
        }
    fclose(f);
    return v;
}

/* The window's counters: r minus r0 (the counters at its start). */
static void window(const pbn_results *r, const pbn_results *r0, bench_meas *m)
{
    m->status = r->status;
    m->N = r->N;
    m->Nx = r->Nx;
    m->build_s = r->build_s;
    m->run_s = r->run_s - r0->run_s;
    for (int k = 0; k < PBN_NPHASES; k++)
        m->phase[k] = r->phase_s[k] - r0->phase_s[k];
    m->ev_deliver = r->ev_deliver - r0->ev_deliver;
    m->ev_plastic = r->ev_deliver_plastic - r0->ev_deliver_plastic;
    m->ev_post = r->ev_post - r0->ev_post;
    m->ev_deferred = r->ev_post_deferred - r0->ev_post_deferred;
    m->ev_input = r->ev_input - r0->ev_input;
    m->spikes = r->spikes_total - r0->spikes_total;
}

/* The connectivity's size: synapses and bytes, of all blocks and of the plastic ones. */
static void connectivity(const pbn_net *net, bench_meas *m)
{
    m->net_bytes = (double)pbn_net_bytes(net);
    for (int b = 0; b < PBN_NBLOCKS; b++) {
        const pbn_block *blk = &net->b[b];
        m->nnz += blk->nnz;
        if (blk->w) {
            m->nnz_plastic += blk->nnz;
            m->plastic_bytes += (double)pbn_block_bytes(blk);
            m->plastic_lines += (double)blk->n_pre + (double)blk->n_post + 2.0;
        }
    }
}

/* The peak resident memory of this process, in bytes. */
static double peak_bytes(void)
{
    double v = proc_status_bytes("VmHWM");
    if (!(v > 0)) {
        struct rusage ru;
        if (getrusage(RUSAGE_SELF, &ru) == 0)
            v = 1024.0 * (double)ru.ru_maxrss;
    }
    return v;
}

static void measure_child(const bench_options *o, long N, int ci, bench_prog *pc,
                          bench_meas *m)
{
    pbn_error err = {0, ""};
    pbn_config cfg;
    memset(m, 0, sizeof *m);
    m->base_bytes = proc_status_bytes("VmRSS");
    if (bench_build_config(o, N, ci, &cfg, &err) != PBN_OK) {
        snprintf(m->why, sizeof m->why, "%s", err.msg);
        return;
    }
    pbn_sim *sim = pbn_sim_create(&cfg, &err);
    if (!sim) {
        snprintf(m->why, sizeof m->why, "%s", err.msg);
        return;
    }
    pbn_sim_set_progress(sim, child_progress, pc);
    const pbn_results *r = pbn_sim_results(sim);
    uint64_t wsteps = (uint64_t)llround(o->warmup_ms / cfg.dt);
    uint64_t msteps = pbn_config_nsteps(&cfg) - wsteps;
    pbn_results r0;
    if (wsteps && pbn_sim_advance(sim, wsteps, &err) != PBN_OK)
        goto failed;
    r0 = *r; /* counters only: the pointers are not used */
    if (pbn_sim_advance(sim, msteps, &err) != PBN_OK)
        goto failed;
    window(r, &r0, m);
    m->steps = pbn_sim_step_index(sim) - wsteps;
    m->sim_s = (double)m->steps * cfg.dt * 1e-3;
    connectivity(pbn_sim_net(sim), m);
    if (m->steps == 0) {
        snprintf(m->why, sizeof m->why, "the run stopped (%s) before the measured window",
                 pbn_run_status_name(r->status));
        pbn_sim_free(sim);
        return;
    }
    if (pbn_sim_finish(sim, &err) != PBN_OK)
        goto failed;
    m->rate_e = r->rate_e;
    m->rate_i = r->rate_i;
    m->peak_bytes = peak_bytes();
    pbn_sim_free(sim);
    m->ok = 1;
    return;
failed:
    snprintf(m->why, sizeof m->why, "%s", err.msg);
    pbn_sim_free(sim);
}

/* In the child: a stop signal the parent catches terminates it (one ignored stays so). */
static void default_stop_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t k = 0; k < sizeof sigs / sizeof *sigs; k++)
        if (signal(sigs[k], SIG_DFL) == SIG_IGN)
            signal(sigs[k], SIG_IGN);
}

/* The child: measure, send the result through fd, exit. */
static void child(const bench_options *o, long N, int ci, bench_prog *pc, int fd)
{
    default_stop_signals();
    bench_meas cm;
    measure_child(o, N, ci, pc, &cm);
    const char *p = (const char *)&cm;
    size_t left = sizeof cm;
    while (left) {
        ssize_t w = write(fd, p, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            _exit(1);
        p += w;
        left -= (size_t)w;
    }
    close(fd);
    _exit(0);
}

void bench_measure(const bench_options *o, long N, int ci, bench_prog *pc, bench_meas *m)
{
    int fd[2];
    memset(m, 0, sizeof *m);
    if (pipe(fd) != 0) {
        snprintf(m->why, sizeof m->why, "pipe: %s", strerror(errno));
        return;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(m->why, sizeof m->why, "fork: %s", strerror(errno));
        close(fd[0]);
        close(fd[1]);
        return;
    }
    if (pid == 0) {
        close(fd[0]);
        child(o, N, ci, pc, fd[1]);
    }
    close(fd[1]);
    size_t got = 0;
    char *dst = (char *)m;
    while (got < sizeof *m) {
        ssize_t r = read(fd[0], dst + got, sizeof *m - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd[0]);
    int st = 0;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            break;
    if (got != sizeof *m) {
        memset(m, 0, sizeof *m);
        if (WIFSIGNALED(st))
            snprintf(m->why, sizeof m->why, "the measuring process was killed by signal %d%s",
                     WTERMSIG(st), WTERMSIG(st) == SIGKILL ? " (out of memory?)" : "");
        else
            snprintf(m->why, sizeof m->why, "the measuring process ended without a result");
    }
}

/* ---- derived numbers ---------------------------------------------------------------- */

double bench_wall_per_s(const bench_meas *m) { return m->run_s / m->sim_s; }

/* ns per event of phase p; NaN without events */
static double ns_per(const bench_meas *m, pbn_phase p, uint64_t events)
{
    return events ? 1e9 * m->phase[p] / (double)events : NAN;
}

double bench_ns_deliver(const bench_meas *m)
{
    return ns_per(m, PBN_PHASE_DELIVER, m->ev_deliver);
}
double bench_ns_column(const bench_meas *m) { return ns_per(m, PBN_PHASE_POST, m->ev_post); }
double bench_ns_input(const bench_meas *m) { return ns_per(m, PBN_PHASE_INPUT, m->ev_input); }
double bench_ns_neuron(const bench_meas *m)
{
    return 1e9 *
           (m->phase[PBN_PHASE_NEURON] + m->phase[PBN_PHASE_SPIKES] + m->phase[PBN_PHASE_DECAY]) /
           ((double)m->N * (double)m->steps);
}

double bench_kernel_deliver_mix(const bench_meas *m, const bench_kcost *k)
{
    if (!m->ev_deliver)
        return NAN;
    double st = (double)(m->ev_deliver - m->ev_plastic), pl = (double)m->ev_plastic;
    /* deferred post-spike updates are applied along the rows: row-update work */
    return (st * k->deliver + pl * (k->deliver + k->row) + (double)m->ev_deferred * k->row) /
           (st + pl);
}

double bench_kernel_wall_per_s(const bench_meas *m, const bench_kcost *k)
{
    double t = 1e-9 * ((double)(m->ev_deliver - m->ev_plastic) * k->deliver +
                       (double)m->ev_plastic * (k->deliver + k->row) +
                       (double)m->ev_deferred * k->row +
                       (double)m->ev_post * k->col + (double)m->ev_input * k->deliver +
                       (double)m->N * (double)m->steps * k->neuron);
    return t / m->sim_s;
}
