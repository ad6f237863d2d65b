/*
 * input.c - streaming generation of the feed-forward spike trains (see pbn_input.h).
 *
 * Why streamed: a long run at N = 10000 has 1e8 input spikes; holding them all would
 * cost a gigabyte.  Only the spikes inside the jitter look-ahead are held, in a binary
 * min-heap keyed on (time, sequence number), so the order is fully deterministic.
 */
#include "pbn/pbn_input.h"
#include "core/core.h"

#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    double t;
    uint64_t seq;
    uint32_t id;
} pending;

struct pbn_input {
    gsl_rng *r;
    uint32_t nx;
    double T, cx, sigma, lookahead;
    double rate;       /* ms^-1: Nx rx (cx = 0) or rx / cx (mother, cx > 0) */
    double next;       /* time of the next (mother) spike not yet generated; > T: none */
    uint32_t *perm;    /* cx > 0: permutation used to draw distinct neurons */
    pending *heap;
    size_t nheap, capheap;
    uint64_t seq;
    pbn_xspike *out;
    size_t capout;
    double last_t;     /* largest t asked so far */
    uint64_t count, late;
};

void pbn_input_free(pbn_input *in)
{
    if (!in)
        return;
    gsl_rng_free(in->r);
    free(in->perm);
    free(in->heap);
    free(in->out);
    free(in);
}

static double next_gap(pbn_input *in)
{
    return in->rate > 0 ? gsl_ran_exponential(in->r, 1.0 / in->rate) : INFINITY;
}

pbn_input *pbn_input_create(const pbn_config *cfg, pbn_error *err)
{
    if (pbn_config_validate(cfg, err) != PBN_OK)
        return NULL;
    pbn_input *in = calloc(1, sizeof *in);
    if (!in) {
        pbn_error_set(err, PBN_ENOMEM, "out of memory");
        return NULL;
    }
    in->nx = (uint32_t)pbn_config_nx(cfg);
    in->T = cfg->T;
    in->cx = cfg->cx;
    in->sigma = cfg->cx > 0 ? cfg->tau_jitter : 0.0;
    in->lookahead = 12.0 * in->sigma;
    in->rate = cfg->cx > 0 ? cfg->rx * 1e-3 / cfg->cx : cfg->rx * 1e-3 * in->nx;
    in->last_t = -INFINITY;
    in->r = pbn_rng_new(cfg->rng, pbn_config_seed_input(cfg), err);
    if (!in->r)
        goto fail;
    if (cfg->cx > 0) {
        in->perm = malloc(in->nx * sizeof *in->perm);
        if (!in->perm)
            goto nomem;
        for (uint32_t i = 0; i < in->nx; i++)
            in->perm[i] = i;
    }
    in->next = next_gap(in);
    return in;
nomem:
    pbn_error_set(err, PBN_ENOMEM, "out of memory");
fail:
    pbn_input_free(in);
    return NULL;
}

static int less(const pending *a, const pending *b)
{
    return a->t < b->t || (a->t == b->t && a->seq < b->seq);
}

static int heap_push(pbn_input *in, double t, uint32_t id)
{
    if (in->nheap == in->capheap) {
        size_t ncap = in->capheap ? 2 * in->capheap : 1024;
        pending *nh = realloc(in->heap, ncap * sizeof *nh);
        if (!nh)
            return PBN_ENOMEM;
        in->heap = nh;
        in->capheap = ncap;
    }
    pending x = {t, in->seq++, id};
    size_t i = in->nheap++;
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (!less(&x, &in->heap[parent]))
            break;
        in->heap[i] = in->heap[parent];
        i = parent;
    }
    in->heap[i] = x;
    return PBN_OK;
}

static pending heap_pop(pbn_input *in)
{
    pending top = in->heap[0], x = in->heap[--in->nheap];
    size_t i = 0, n = in->nheap;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && less(&in->heap[c + 1], &in->heap[c]))
            c++;
        if (!less(&in->heap[c], &x))
            break;
        in->heap[i] = in->heap[c];
        i = c;
    }
    if (n)
        in->heap[i] = x;
    return top;
}

/* Generate (mother) spikes up to time horizon into the heap. */
static int generate(pbn_input *in, double horizon)
{
    while (in->next <= horizon && in->next <= in->T) {
        double m = in->next;
        if (in->cx <= 0) {
            uint32_t id = (uint32_t)gsl_rng_uniform_int(in->r, in->nx);
            if (heap_push(in, m, id))
                return PBN_ENOMEM;
        } else {
            unsigned int k = gsl_ran_binomial(in->r, in->cx, in->nx);
            for (unsigned int i = 0; i < k; i++) {
                /* partial Fisher-Yates: perm[0..k) becomes a uniform k-subset */
                uint32_t j = i + (uint32_t)gsl_rng_uniform_int(in->r, in->nx - i);
                uint32_t id = in->perm[j];
                in->perm[j] = in->perm[i];
                in->perm[i] = id;
                double t = in->sigma > 0 ? m + gsl_ran_gaussian_ziggurat(in->r, in->sigma) : m;
                if (t >= 0 && t <= in->T && heap_push(in, t, id))
                    return PBN_ENOMEM;
            }
        }
        in->next = m + next_gap(in);
    }
    return PBN_OK;
}

int pbn_input_until(pbn_input *in, double t, const pbn_xspike **out, size_t *n, pbn_error *err)
{
    size_t cnt = 0;
    if (generate(in, t + in->lookahead) != PBN_OK)
        return pbn_error_set(err, PBN_ENOMEM, "out of memory generating input spikes");
    while (in->nheap && in->heap[0].t <= t) {
        pending p = heap_pop(in);
        if (cnt == in->capout) {
            size_t ncap = in->capout ? 2 * in->capout : 256;
            pbn_xspike *no = realloc(in->out, ncap * sizeof *no);
            if (!no)
                return pbn_error_set(err, PBN_ENOMEM, "out of memory delivering input spikes");
            in->out = no;
            in->capout = ncap;
        }
        if (p.t <= in->last_t)
            in->late++;
        in->out[cnt].t = p.t;
        in->out[cnt].id = p.id;
        cnt++;
    }
    if (t > in->last_t)
        in->last_t = t;
    in->count += cnt;
    *out = in->out;
    *n = cnt;
    return PBN_OK;
}

uint64_t pbn_input_count(const pbn_input *in) { return in->count; }
uint64_t pbn_input_late(const pbn_input *in) { return in->late; }
