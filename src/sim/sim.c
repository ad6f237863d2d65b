/*
 * sim.c - one simulation: its life cycle and the time step of paper/model.md section 3;
 * step 4 (delivery and plasticity, section 4) is in plasticity.c, recording in record.c.
 *
 * One step, in the spec's order (do not reorder: the order is part of the published
 * results):
 *   1. deliver the X spikes with time <= t_i           (stage_input, pbn_kernel_step)
 *   2. Euler step of every V                           (pbn_kernel_step)
 *   3. S = {j : V_j >= Vth}, ascending                 (pbn_kernel_step, one_step)
 *   4. for S: record; add J/tau to the targets' currents; plasticity with the traces as
 *      they were before the step (pre-spike updates, then post-spike updates); x += 1
 *   5. decay currents and traces                       (next pbn_kernel_step)
 *   6. record (after the decay); V := Vre for S        (after_decay, one_step)
 *
 * Steps 5 of one step and 1-3 of the next touch only each neuron's own variables, so
 * they are done in a single pass over the neurons (kernels.h); a step's decay is
 * therefore pending until the next step begins or pbn_sim_advance returns, and the
 * recording of step 6 (time averages, bins) follows it.  The result is the same,
 * operation for operation, as doing the steps one after the other.
 *
 * Step 4 (delivery and plasticity): see plasticity.c.
 *
 * Floating point: each update is written with the same association as the spec's
 * equations (J - (eta x) J, ...), so the sparse simulator and a dense reference of the
 * equations differ only where this file multiplies by 1/tau or dt/tau instead of
 * dividing, and in pbn_exp: a few ulp (tests/test_dense.c).
 */
#include "pbn/pbn_sim.h"
#include "core/core.h"
#include "util/util.h"
#include "kernels.h"
#include "sim_internal.h"
#include "stats.h"

#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *pbn_run_status_name(int status)
{
    switch (status) {
    case PBN_RUN_RUNNING: return "running";
    case PBN_RUN_OK: return "ok";
    case PBN_RUN_DIVERGED: return "diverged";
    case PBN_RUN_INTERRUPTED: return "interrupted";
    }
    return "unknown";
}

const char *pbn_diverged_reason_name(int reason)
{
    switch (reason) {
    case PBN_DIVERGED_NONE: return "none";
    case PBN_DIVERGED_SPIKE_BUDGET: return "spike_budget";
    case PBN_DIVERGED_NONFINITE: return "nonfinite";
    }
    return "unknown";
}

static void results_free(pbn_results *r)
{
    free(r->rate);
    free(r->t_bin);
    for (int p = 0; p < 2; p++) {
        free(r->rate_t[p]);
        for (int k = 0; k < 3; k++)
            free(r->input_t[p][k]);
    }
    for (int b = 0; b < PBN_NBLOCKS; b++) {
        free(r->wmean_t[b]);
        free(r->syn_post[b]);
        free(r->syn_pre[b]);
        free(r->syn_w[b]);
        free(r->wsample[b]);
    }
    free(r->in_e);
    free(r->in_i);
    free(r->in_x);
    for (int k = 0; k < 3; k++) {
        free(r->pair_a[k]);
        free(r->pair_b[k]);
        free(r->pair_cov[k]);
        free(r->pair_corr[k]);
    }
    free(r->raster_t);
    free(r->raster_id);
}

void pbn_sim_free(pbn_sim *s)
{
    if (!s)
        return;
    pbn_net_free(s->net);
    pbn_input_free(s->in);
    gsl_rng_free(s->stats_rng);
    results_free(&s->res);
    free(s->V);
    free(s->Ie);
    free(s->Ii);
    free(s->Ix);
    free(s->x);
    free(s->istim);
    free(s->cIe);
    free(s->cIi);
    free(s->cIx);
    free(s->hIe);
    free(s->hIi);
    free(s->hIx);
    free(s->xcnt);
    free(s->nbefore);
    free(s->fired);
    free(s->cnt);
    free(s->cnt_half);
    free(s->wc);
    free(s->S);
    for (int b = 0; b < PBN_NBLOCKS; b++)
        free(s->syn_pos[b]);
    free(s);
}

#define ALLOC(p, n)                                                                           \
    do {                                                                                      \
        size_t n_ = (size_t)(n);                                                              \
        (p) = calloc(n_ ? n_ : 1, sizeof *(p));                                               \
        if (!(p))                                                                             \
            goto nomem;                                                                       \
    } while (0)

/* Distinct positions 0 <= pos < n, k of them (k <= n), ascending (selection sampling). */
static void sample_positions(gsl_rng *r, uint64_t n, size_t k, uint64_t *out)
{
    size_t got = 0;
    for (uint64_t i = 0; i < n && got < k; i++)
        if ((double)(n - i) * gsl_rng_uniform(r) < (double)(k - got))
            out[got++] = i;
}

static uint32_t row_of(const pbn_block *b, uint64_t pos)
{
    uint32_t lo = 0, hi = b->n_pre; /* rowptr[lo] <= pos < rowptr[hi] */
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (b->rowptr[mid] <= pos)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

pbn_sim *pbn_sim_create(const pbn_config *cfg, pbn_error *err)
{
    if (pbn_config_validate(cfg, err) != PBN_OK)
        return NULL;
    pbn_sim *s = calloc(1, sizeof *s);
    if (!s) {
        pbn_error_set(err, PBN_ENOMEM, "out of memory");
        return NULL;
    }
    double t0 = util_now();
    s->cfg = *cfg;
    int store[PBN_NBLOCKS];
    pbn_config_plastic_blocks(cfg, store);
    s->net = pbn_net_create(cfg, store, err);
    if (!s->net)
        goto fail;
    s->in = pbn_input_create(cfg, err);
    if (!s->in)
        goto fail;
    s->stats_rng = pbn_rng_new(cfg->rng, pbn_config_seed_stats(cfg), err);
    if (!s->stats_rng)
        goto fail;
    long N = s->N = cfg->N;
    s->Ne = s->net->Ne;
    s->Ni = s->net->Ni;
    s->Nx = s->net->Nx;
    s->dt = cfg->dt;
    s->n_steps = pbn_config_nsteps(cfg);
    s->half = s->n_steps / 2;
    s->bin_steps = pbn_config_record_steps(cfg);
    s->win_steps = (uint64_t)llround(cfg->cov_window / cfg->dt);
    if (s->win_steps > 65535) {
        pbn_error_set(err, PBN_EINVAL,
                      "cov_window = %g: at most 65535 time steps (%g ms at dt = %g)",
                      cfg->cov_window, 65535 * cfg->dt, cfg->dt);
        goto fail;
    }
    s->n_win = (s->n_steps - s->half) / s->win_steps;
    s->inv_tau_e = 1.0 / cfg->tau_e;
    s->inv_tau_i = 1.0 / cfg->tau_i;
    s->inv_tau_x = 1.0 / cfg->tau_x;
    s->de = cfg->dt / cfg->tau_e;
    s->di = cfg->dt / cfg->tau_i;
    s->dx = cfg->dt / cfg->tau_x;
    s->dstdp = cfg->dt / cfg->tau_stdp;
    s->Vth = cfg->Vth;
    s->Vre = cfg->Vre;
    s->np = (pbn_neuron_params){cfg->dt / cfg->Cm, cfg->gL, cfg->EL, cfg->VT,
                                1.0 / cfg->DeltaT, cfg->gL * cfg->DeltaT, cfg->Vth,
                                s->de, s->di, s->dx, s->dstdp};
    s->any_plastic = pbn_config_any_plastic(cfg);
    sim_setup_rules(s);

    ALLOC(s->V, N);
    ALLOC(s->Ie, N);
    ALLOC(s->Ii, N);
    ALLOC(s->Ix, N);
    ALLOC(s->x, N);
    ALLOC(s->istim, N);
    ALLOC(s->cIe, N);
    ALLOC(s->cIi, N);
    ALLOC(s->cIx, N);
    ALLOC(s->hIe, N);
    ALLOC(s->hIi, N);
    ALLOC(s->hIx, N);
    ALLOC(s->xcnt, N);
    ALLOC(s->nbefore, N);
    ALLOC(s->fired, N);
    ALLOC(s->cnt, N);
    ALLOC(s->cnt_half, N);
    ALLOC(s->S, N);
    if (s->n_win) {
        size_t cells = (size_t)s->n_win * (size_t)N;
        if (cells / (size_t)N != s->n_win)
            goto nomem;
        ALLOC(s->wc, cells);
    }
    for (long j = 0; j < N; j++)
        s->istim[j] = j < s->Ne ? cfg->istim_e : cfg->istim_i;
    {
        gsl_rng *r = pbn_rng_new(cfg->rng, pbn_config_seed_init(cfg), err);
        if (!r)
            goto fail;
        for (long j = 0; j < N; j++)
            s->V[j] = cfg->Vre + (cfg->VT - cfg->Vre) * gsl_rng_uniform(r);
        gsl_rng_free(r);
    }

    /* recording buffers */
    pbn_results *res = &s->res;
    res->N = N;
    res->Ne = s->Ne;
    res->Ni = s->Ni;
    res->Nx = s->Nx;
    res->n_steps = s->n_steps;
    res->status = PBN_RUN_RUNNING;
    res->spike_budget = (uint64_t)ceil(cfg->max_rate_hz * 1e-3 * (double)N * cfg->T);
    s->cap_bins = (size_t)((s->n_steps + s->bin_steps - 1) / s->bin_steps);
    res->syn_stride = s->cap_bins;
    ALLOC(res->t_bin, s->cap_bins);
    for (int p = 0; p < 2; p++) {
        ALLOC(res->rate_t[p], s->cap_bins);
        for (int k = 0; k < 3; k++)
            ALLOC(res->input_t[p][k], s->cap_bins);
    }
    for (int b = 0; b < PBN_NBLOCKS; b++) {
        const pbn_block *blk = &s->net->b[b];
        ALLOC(res->wmean_t[b], s->cap_bins);
        if (!blk->w)
            continue;
        size_t k = (size_t)cfg->n_syn_samples < blk->nnz ? (size_t)cfg->n_syn_samples
                                                           : (size_t)blk->nnz;
        res->n_syn[b] = k;
        ALLOC(s->syn_pos[b], k);
        ALLOC(res->syn_post[b], k);
        ALLOC(res->syn_pre[b], k);
        ALLOC(res->syn_w[b], k * s->cap_bins);
        sample_positions(s->stats_rng, blk->nnz, k, s->syn_pos[b]);
        for (size_t q = 0; q < k; q++) {
            res->syn_post[b][q] = blk->post_offset + blk->post[s->syn_pos[b][q]];
            res->syn_pre[b][q] = blk->pre_offset + row_of(blk, s->syn_pos[b][q]);
        }
    }
    res->build_s = util_now() - t0;
    return s;
nomem:
    pbn_error_set(err, PBN_ENOMEM, "out of memory allocating the state of N = %ld", cfg->N);
fail:
    pbn_sim_free(s);
    return NULL;
}

void pbn_sim_set_stop_flag(pbn_sim *s, volatile sig_atomic_t *flag) { s->stop = flag; }
void pbn_sim_set_progress(pbn_sim *s, pbn_progress_fn fn, void *ctx)
{
    s->prog = fn;
    s->prog_ctx = ctx;
}

/* ---- step 1: feed-forward input ---------------------------------------------------- */

/*
 * Count this step's feed-forward spikes per target (xcnt).  When a neuron gets more than
 * the fused kernel handles, or the previous decay has been done already, the increments
 * are instead added to Ix right here, in spike order.  Returns the largest count.
 */
static double stage_input(pbn_sim *s, const pbn_xspike *xs, size_t n)
{
    const pbn_block *ex = &s->net->b[PBN_EX], *ix = &s->net->b[PBN_IX];
    double *cE = s->xcnt, *cI = s->xcnt + s->Ne;
    double max = 0;
    if (n <= PBN_KERNEL_MAXCNT) { /* a row has distinct targets: no count can exceed n */
        for (size_t q = 0; q < n; q++) {
            uint32_t k = xs[q].id;
            const uint64_t e0 = ex->rowptr[k], e1 = ex->rowptr[k + 1];
            const uint64_t i0 = ix->rowptr[k], i1 = ix->rowptr[k + 1];
            for (uint64_t m = e0; m < e1; m++)
                cE[ex->post[m]] += 1.0;
            for (uint64_t m = i0; m < i1; m++)
                cI[ix->post[m]] += 1.0;
            s->res.ev_input += (e1 - e0) + (i1 - i0);
        }
        return (double)n;
    }
    for (size_t q = 0; q < n; q++) {
        uint32_t k = xs[q].id;
        const uint16_t *t = ex->post + ex->rowptr[k];
        uint64_t len = ex->rowptr[k + 1] - ex->rowptr[k];
        for (uint64_t m = 0; m < len; m++) {
            double c = cE[t[m]] += 1.0;
            max = c > max ? c : max;
        }
        t = ix->post + ix->rowptr[k];
        s->res.ev_input += len;
        len = ix->rowptr[k + 1] - ix->rowptr[k];
        for (uint64_t m = 0; m < len; m++) {
            double c = cI[t[m]] += 1.0;
            max = c > max ? c : max;
        }
        s->res.ev_input += len;
    }
    return max;
}

/* Add this step's feed-forward increments to Ix directly, in spike order (step 1). */
static void apply_input(pbn_sim *s, const pbn_xspike *xs, size_t n)
{
    const pbn_block *ex = &s->net->b[PBN_EX], *ix = &s->net->b[PBN_IX];
    const double ce = ex->w0 * s->inv_tau_x, ci = ix->w0 * s->inv_tau_x;
    double *IxE = s->Ix, *IxI = s->Ix + s->Ne;
    for (size_t q = 0; q < n; q++) {
        uint32_t k = xs[q].id;
        scatter_const(IxE, ex->post + ex->rowptr[k], ex->rowptr[k + 1] - ex->rowptr[k], ce);
        scatter_const(IxI, ix->post + ix->rowptr[k], ix->rowptr[k + 1] - ix->rowptr[k], ci);
    }
    memset(s->xcnt, 0, (size_t)s->N * sizeof *s->xcnt);
}

/* ---- the step ---------------------------------------------------------------------- */

static pbn_neuron_arrays slice(const pbn_sim *s, long j0)
{
    return (pbn_neuron_arrays){s->V + j0,   s->Ie + j0,  s->Ii + j0,    s->Ix + j0,
                               s->x + j0,   s->cIe + j0, s->cIi + j0,   s->cIx + j0,
                               s->istim[j0], s->xcnt + j0, s->fired + j0};
}

/* Step 6 of step i, once its decay is done: the running sums at T/2 and the bins. */
static void after_decay(pbn_sim *s, uint64_t i)
{
    const size_t N = (size_t)s->N;
    if (i == s->half) {
        memcpy(s->hIe, s->cIe, N * sizeof *s->hIe);
        memcpy(s->hIi, s->cIi, N * sizeof *s->hIi);
        memcpy(s->hIx, s->cIx, N * sizeof *s->hIx);
    }
    if (i % s->bin_steps == 0 || i == s->n_steps)
        sim_record_bin(s, i);
}

/* Do the pending decay of step `step` (the last one simulated). */
static void finish_decay(pbn_sim *s, uint64_t step)
{
    if (!s->decay_pending)
        return;
    double t0 = util_now();
    pbn_neuron_arrays a = slice(s, 0);
    pbn_kernel_decay((size_t)s->N, &a, &s->np, s->any_plastic);
    s->decay_pending = 0;
    after_decay(s, step);
    s->res.phase_s[PBN_PHASE_DECAY] += util_now() - t0;
}

static int one_step(pbn_sim *s, pbn_error *err)
{
    const uint64_t i = ++s->step;
    const double t = (double)i * s->dt;
    const size_t N = (size_t)s->N;
    double *ph = s->res.phase_s;
    const pbn_xspike *xs;
    size_t nx;
    s->t_phase = util_now();
    if (pbn_input_until(s->in, t, &xs, &nx, err) != PBN_OK)           /* 1 */
        return err ? err->code : PBN_ENOMEM;
    double maxcnt = stage_input(s, xs, nx);
    int fused = s->decay_pending;
    if (maxcnt > PBN_KERNEL_MAXCNT) {
        finish_decay(s, i - 1); /* then the increments go in one by one, as the spec writes */
        apply_input(s, xs, nx);
        fused = 0;
    }
    s->t_mark = util_now();
    ph[PBN_PHASE_INPUT] += s->t_mark - s->t_phase;
    /* previous step's 5, this step's 1 and 2, flags for 3: one pass per population */
    const pbn_block *ex = &s->net->b[PBN_EX], *ix = &s->net->b[PBN_IX];
    pbn_neuron_arrays aE = slice(s, 0), aI = slice(s, s->Ne);
    pbn_kernel_step((size_t)s->Ne, &aE, &s->np, ex->w0 * s->inv_tau_x, fused, s->any_plastic);
    pbn_kernel_step((size_t)s->Ni, &aI, &s->np, ix->w0 * s->inv_tau_x, fused, s->any_plastic);
    s->decay_pending = 0;
    s->t_phase = util_now();
    ph[PBN_PHASE_NEURON] += s->t_phase - s->t_mark;
    if (fused)
        after_decay(s, i - 1);
    size_t nS = 0;                                                    /* 3 */
    const double *f = s->fired;
    size_t j = 0;
    for (; j + 8 <= N; j += 8) { /* most groups of 8 are silent: one test for all 8 */
        if (f[j] + f[j + 1] + f[j + 2] + f[j + 3] + f[j + 4] + f[j + 5] + f[j + 6] + f[j + 7] != 0)
            for (size_t b = 0; b < 8; b++)
                if (f[j + b])
                    s->S[nS++] = (uint32_t)(j + b);
    }
    for (; j < N; j++)
        if (f[j])
            s->S[nS++] = (uint32_t)j;
    s->nS = nS;
    if (sim_record_spikes(s, t) != PBN_OK)                                /* 4 */
        return pbn_error_set(err, PBN_ENOMEM, "out of memory recording spikes");
    s->t_mark = util_now();
    ph[PBN_PHASE_SPIKES] += s->t_mark - s->t_phase;
    s->t_phase = s->t_mark;
    sim_process_spikes(s);
    if (!s->any_plastic) {
        s->t_mark = util_now();
        ph[PBN_PHASE_DELIVER] += s->t_mark - s->t_phase;
        s->t_phase = s->t_mark;
    }
    s->decay_pending = 1;                                             /* 5: next pass */
    for (size_t q = 0; q < nS; q++)                                   /* 6 */
        s->V[s->S[q]] = s->Vre;
    if (s->res.status != PBN_RUN_RUNNING)
        ; /* stopped by the non-finite check of the last recording bin */
    else if (s->res.spikes_total > s->res.spike_budget) {
        s->res.status = PBN_RUN_DIVERGED;
        s->res.diverged_reason = PBN_DIVERGED_SPIKE_BUDGET;
    } else if (i == s->n_steps)
        s->res.status = PBN_RUN_OK;
    return PBN_OK;
}

int pbn_sim_advance(pbn_sim *s, uint64_t nsteps, pbn_error *err)
{
    double t0 = util_now();
    int rc = PBN_OK;
    for (uint64_t k = 0; k < nsteps && s->res.status == PBN_RUN_RUNNING && !s->finished; k++) {
        if (s->stop && *s->stop) {
            s->res.status = PBN_RUN_INTERRUPTED;
            break;
        }
        rc = one_step(s, err);
        if (rc)
            break;
        if (s->prog && (s->step & 4095) == 0)
            s->prog(s->prog_ctx, s->step, s->n_steps);
    }
    finish_decay(s, s->step);
    sim_flush_deferred(s);
    s->res.run_s += util_now() - t0;
    return rc;
}

int pbn_sim_status(const pbn_sim *s) { return s->res.status; }

/* Free (and clear) what pbn_sim_finish allocates into the results. */
static void finish_undo(pbn_results *r)
{
    free(r->rate);
    free(r->in_e);
    free(r->in_i);
    free(r->in_x);
    r->rate = r->in_e = r->in_i = r->in_x = NULL;
    for (int bi = 0; bi < PBN_NBLOCKS; bi++) {
        free(r->wsample[bi]);
        r->wsample[bi] = NULL;
        r->n_wsample[bi] = 0;
    }
    for (int k = 0; k < 3; k++) {
        free(r->pair_a[k]);
        free(r->pair_b[k]);
        free(r->pair_cov[k]);
        free(r->pair_corr[k]);
        r->pair_a[k] = r->pair_b[k] = NULL;
        r->pair_cov[k] = r->pair_corr[k] = NULL;
        r->n_pairs[k] = 0;
    }
}

/*
 * The statistics of what was simulated.  All or nothing: the run is marked finished only
 * when every statistic has been computed; when an allocation fails, what this call
 * allocated is freed and the statistics generator is put back as it was, so a later call
 * (with memory freed meanwhile) gives exactly the results a first successful call would
 * have given.
 */
int pbn_sim_finish(pbn_sim *s, pbn_error *err)
{
    if (s->finished)
        return PBN_OK;
    pbn_results *r = &s->res;
    const long N = s->N, Ne = s->Ne;
    const size_t n = (size_t)N;
    gsl_rng *saved = gsl_rng_clone(s->stats_rng);
    uint64_t *pos = NULL;
    int rc = PBN_OK;
    if (!saved)
        return pbn_error_set(err, PBN_ENOMEM, "out of memory computing statistics");
    if (r->status == PBN_RUN_RUNNING)
        r->status = PBN_RUN_INTERRUPTED; /* finished before the end */
    if (s->step % s->bin_steps != 0 && s->step != s->n_steps)
        sim_record_bin(s, s->step); /* the partial bin of a run that stopped early (once: it
                                   leaves nothing to record on a second call) */
    r->steps_done = s->step;
    r->t_end = (double)s->step * s->dt;
    r->x_spikes = pbn_input_count(s->in);
    r->x_late = pbn_input_late(s->in);

    /* rates */
    double whole_s = (double)s->step * s->dt * 1e-3;
    uint64_t half_steps = s->step > s->half ? s->step - s->half : 0;
    double half_s = (double)half_steps * s->dt * 1e-3;
    uint64_t tot[2] = {0, 0}, tot_half[2] = {0, 0};
    r->rate = calloc(n, sizeof *r->rate);
    r->in_e = calloc(n, sizeof *r->in_e);
    r->in_i = calloc(n, sizeof *r->in_i);
    r->in_x = calloc(n, sizeof *r->in_x);
    if (!r->rate || !r->in_e || !r->in_i || !r->in_x) {
        rc = pbn_error_set(err, PBN_ENOMEM, "out of memory computing statistics");
        goto end;
    }
    for (long j = 0; j < N; j++) {
        int p = j >= Ne;
        tot[p] += s->cnt[j];
        tot_half[p] += s->cnt_half[j];
        r->rate[j] = half_steps ? (double)s->cnt_half[j] / half_s : NAN;
    }
    r->rate_e_whole = whole_s > 0 ? (double)tot[0] / ((double)Ne * whole_s) : NAN;
    r->rate_i_whole = whole_s > 0 ? (double)tot[1] / ((double)s->Ni * whole_s) : NAN;
    r->rate_e = half_steps ? (double)tot_half[0] / ((double)Ne * half_s) : NAN;
    r->rate_i = half_steps ? (double)tot_half[1] / ((double)s->Ni * half_s) : NAN;

    /* inputs over the second half (running sums minus their value at T/2) */
    double pop[2][3] = {{0, 0, 0}, {0, 0, 0}};
    for (long j = 0; j < N; j++) {
        double hs = (double)half_steps;
        r->in_e[j] = half_steps ? (s->cIe[j] - s->hIe[j]) / hs : NAN;
        r->in_i[j] = half_steps ? (s->cIi[j] - s->hIi[j]) / hs : NAN;
        r->in_x[j] = half_steps ? (s->cIx[j] - s->hIx[j]) / hs : NAN;
        int p = j >= Ne;
        pop[p][0] += r->in_e[j];
        pop[p][1] += r->in_i[j];
        pop[p][2] += r->in_x[j];
    }
    for (int p = 0; p < 2; p++) {
        double np = p ? (double)s->Ni : (double)Ne;
        for (int k = 0; k < 3; k++)
            r->input[p][k] = pop[p][k] / np;
        r->input[p][3] = r->input[p][0] + r->input[p][1] + r->input[p][2];
    }

    /* weights */
    for (int bi = 0; bi < PBN_NBLOCKS; bi++) {
        const pbn_block *b = &s->net->b[bi];
        r->jfinal[bi] = sim_block_mean(b, s->net->sqrtN);
        r->jmean[bi] = s->whalf_n[bi] ? s->whalf_sum[bi] / (double)s->whalf_n[bi] : NAN;
        if (!b->w)
            continue;
        size_t k = (size_t)s->cfg.n_weight_samples < b->nnz ? (size_t)s->cfg.n_weight_samples
                                                             : (size_t)b->nnz;
        pos = malloc((k ? k : 1) * sizeof *pos);
        r->wsample[bi] = malloc((k ? k : 1) * sizeof *r->wsample[bi]);
        if (!pos || !r->wsample[bi]) {
            rc = pbn_error_set(err, PBN_ENOMEM, "out of memory sampling weights");
            goto end;
        }
        sample_positions(s->stats_rng, b->nnz, k, pos);
        for (size_t q = 0; q < k; q++)
            r->wsample[bi][q] = b->w[pos[q]] * s->net->sqrtN;
        r->n_wsample[bi] = k;
        free(pos);
        pos = NULL;
    }

    /* spike-count covariances and correlations over the windows completed */
    uint64_t nw = half_steps / s->win_steps;
    if (nw > s->n_win)
        nw = s->n_win;
    rc = pbn_count_stats(s->wc, nw, N, Ne, s->stats_rng, s->cfg.n_pair_samples, r, err);
end:
    free(pos);
    if (rc == PBN_OK)
        s->finished = 1;
    else {
        finish_undo(r);
        gsl_rng_memcpy(s->stats_rng, saved);
    }
    gsl_rng_free(saved);
    return rc;
}

int pbn_sim_run(pbn_sim *s, pbn_error *err)
{
    int rc = pbn_sim_advance(s, s->n_steps, err);
    if (s->prog)
        s->prog(s->prog_ctx, s->step, s->n_steps);
    if (rc)
        return rc;
    return pbn_sim_finish(s, err);
}

const pbn_results *pbn_sim_results(const pbn_sim *s) { return &s->res; }
const pbn_config *pbn_sim_config(const pbn_sim *s) { return &s->cfg; }
const pbn_net *pbn_sim_net(const pbn_sim *s) { return s->net; }
uint64_t pbn_sim_step_index(const pbn_sim *s) { return s->step; }
const double *pbn_sim_voltage(const pbn_sim *s) { return s->V; }
const double *pbn_sim_trace(const pbn_sim *s) { return s->x; }
void pbn_sim_currents(const pbn_sim *s, const double **Ie, const double **Ii, const double **Ix)
{
    *Ie = s->Ie;
    *Ii = s->Ii;
    *Ix = s->Ix;
}
const uint32_t *pbn_sim_last_spikes(const pbn_sim *s, size_t *n)
{
    *n = s->nS;
    return s->S;
}
