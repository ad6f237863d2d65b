/*
 * record.c - what a run records while it runs (paper/model.md section 5): spike counts
 * per neuron (whole run, second half, count windows), the raster, and the time-course
 * bins (population rates, mean inputs, mean weights of every block, followed synapses);
 * the statistics computed from them at the end are in sim.c and stats.c.
 */
#include "sim_internal.h"

#include <math.h>
#include <stdlib.h>

/* ---- recording --------------------------------------------------------------------- */

double sim_block_mean(const pbn_block *b, double sqrtN)
{
    if (b->nnz == 0)
        return NAN;
    if (!b->w)
        return b->w0 * sqrtN;
    double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0}, sum = 0; /* independent sums: vectorised */
    uint64_t q = 0;
    for (; q + 8 <= b->nnz; q += 8)
        for (int u = 0; u < 8; u++)
            acc[u] += b->w[q + u];
    for (; q < b->nnz; q++)
        sum += b->w[q];
    for (int u = 0; u < 8; u++)
        sum += acc[u];
    return sum / (double)b->nnz * sqrtN;
}

void sim_record_bin(pbn_sim *s, uint64_t step)
{
    pbn_results *r = &s->res;
    size_t b = s->bin;
    uint64_t steps = step - s->bin_start;
    if (steps == 0 || b >= s->cap_bins)
        return;
    double dur_s = (double)steps * s->dt * 1e-3;
    r->t_bin[b] = (double)step * s->dt;
    sim_flush_deferred(s);
    r->rate_t[0][b] = (double)s->bin_spk[0] / ((double)s->Ne * dur_s);
    r->rate_t[1][b] = (double)s->bin_spk[1] / ((double)s->Ni * dur_s);
    const double *cum[3] = {s->cIe, s->cIi, s->cIx};
    for (int p = 0; p < 2; p++) {
        long j0 = p ? s->Ne : 0, j1 = p ? s->N : s->Ne;
        for (int k = 0; k < 3; k++) {
            double sum = 0;
            for (long j = j0; j < j1; j++)
                sum += cum[k][j];
            r->input_t[p][k][b] = (sum - s->prev_pop[p][k]) / ((double)steps * (double)(j1 - j0));
            s->prev_pop[p][k] = sum;
        }
    }
    for (int bi = 0; bi < PBN_NBLOCKS; bi++) {
        const pbn_block *blk = &s->net->b[bi];
        double m = sim_block_mean(blk, s->net->sqrtN);
        r->wmean_t[bi][b] = m;
        if (step > s->half) {
            s->whalf_sum[bi] += m;
            s->whalf_n[bi]++;
        }
        for (size_t q = 0; q < r->n_syn[bi]; q++)
            r->syn_w[bi][q * s->cap_bins + b] = blk->w[s->syn_pos[bi][q]] * s->net->sqrtN;
    }
    r->n_bins = b + 1;
    s->bin++;
    /* A run whose weights or voltages became infinite or NaN (possible with large
       learning rates: nothing is clipped) cannot recover; stop it as diverged. */
    int finite = 1;
    for (int bi = 0; bi < PBN_NBLOCKS && finite; bi++)
        if (s->net->b[bi].w && !isfinite(r->wmean_t[bi][b]))
            finite = 0;
    for (long j = 0; j < s->N && finite; j++)
        if (!isfinite(s->V[j]))
            finite = 0;
    if (!finite && r->status == PBN_RUN_RUNNING) {
        r->status = PBN_RUN_DIVERGED;
        r->diverged_reason = PBN_DIVERGED_NONFINITE;
    }
    s->bin_start = step;
    s->bin_spk[0] = s->bin_spk[1] = 0;
}

int sim_record_spikes(pbn_sim *s, double t)
{
    pbn_results *r = &s->res;
    const uint64_t i = s->step;
    const int second = i > s->half;
    uint64_t w = second ? (i - s->half - 1) / s->win_steps : 0;
    uint16_t *wrow = (second && w < s->n_win) ? s->wc + w * (uint64_t)s->N : NULL;
    for (size_t q = 0; q < s->nS; q++) {
        uint32_t j = s->S[q];
        s->cnt[j]++;
        s->bin_spk[j >= (uint32_t)s->Ne]++;
        if (second)
            s->cnt_half[j]++;
        if (wrow)
            wrow[j]++;
    }
    r->spikes_total += s->nS;
    if (s->cfg.record_spikes && t >= s->cfg.raster_start && t < s->cfg.raster_stop && s->nS) {
        if (r->n_raster + s->nS > s->cap_raster) {
            size_t ncap = s->cap_raster ? s->cap_raster : 4096;
            while (ncap < r->n_raster + s->nS)
                ncap *= 2;
            double *nt = realloc(r->raster_t, ncap * sizeof *nt);
            if (!nt)
                return PBN_ENOMEM;
            r->raster_t = nt;
            uint32_t *ni = realloc(r->raster_id, ncap * sizeof *ni);
            if (!ni)
                return PBN_ENOMEM;
            r->raster_id = ni;
            s->cap_raster = ncap;
        }
        for (size_t q = 0; q < s->nS; q++) {
            r->raster_t[r->n_raster] = t;
            r->raster_id[r->n_raster++] = s->S[q];
        }
    }
    return PBN_OK;
}

