/*
 * network.c - building the sparse connectivity.
 *
 * Workload: built once per run, then read at every spike.  N = 15000 has about 2.7e7
 * synapses; construction must take seconds, and the layout is chosen for the hot loops
 * (see pbn_net.h): a row is a contiguous run of 16-bit targets, plus weights only where
 * plasticity needs them.
 *
 * Each block draws from its own generator (seeded from the connectivity seed and the
 * block number), so a block's synapses do not depend on the sizes or probabilities of
 * the other blocks.  Rows are drawn with geometric gaps: the gap to the next target is
 * Geometric(p), which is exactly the distribution of independent Bernoulli(p) draws.
 */
#include "pbn/pbn_net.h"
#include "core/core.h"

#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const block_names[PBN_NBLOCKS] = {"EE", "EI", "IE", "II", "EX", "IX"};
static const int block_post[PBN_NBLOCKS] = {PBN_POP_E, PBN_POP_E, PBN_POP_I,
                                            PBN_POP_I, PBN_POP_E, PBN_POP_I};
static const int block_pre[PBN_NBLOCKS] = {PBN_POP_E, PBN_POP_I, PBN_POP_E,
                                           PBN_POP_I, PBN_POP_X, PBN_POP_X};

void pbn_config_plastic_blocks(const pbn_config *cfg, int store[PBN_NBLOCKS])
{
    memset(store, 0, PBN_NBLOCKS * sizeof store[0]);
    if (cfg->plastic_ee == PBN_EE_KOHONEN)
        store[PBN_EE] = PBN_STORE_DEFERRED;
    else if (cfg->plastic_ee != PBN_EE_NONE)
        store[PBN_EE] = PBN_STORE_COLUMNS;
    store[PBN_EI] = cfg->plastic_ei != PBN_EI_NONE ? PBN_STORE_COLUMNS : PBN_STORE_STATIC;
    store[PBN_IE] = cfg->plastic_ie != PBN_IE_NONE ? PBN_STORE_COLUMNS : PBN_STORE_STATIC;
    store[PBN_II] = cfg->plastic_ii != PBN_II_NONE ? PBN_STORE_COLUMNS : PBN_STORE_STATIC;
}

static void block_free(pbn_block *b)
{
    free(b->rowptr);
    free(b->post);
    free(b->w);
    free(b->colptr);
    free(b->tpos);
    free(b->tpre);
    free(b->stamp);
    memset(b, 0, sizeof *b);
}

void pbn_net_free(pbn_net *net)
{
    if (!net)
        return;
    for (int i = 0; i < PBN_NBLOCKS; i++)
        block_free(&net->b[i]);
    free(net);
}

/* Draw the rows of block b with connection probability p. */
static int draw_rows(pbn_block *b, double p, gsl_rng *r, pbn_error *err)
{
    double mean = (double)b->n_pre * b->n_post * p;
    uint64_t cap = (uint64_t)(mean + 8.0 * sqrt(mean + 1.0)) + 16, nnz = 0;
    b->rowptr = malloc((b->n_pre + 1) * sizeof *b->rowptr);
    b->post = malloc(cap * sizeof *b->post);
    if (!b->rowptr || !b->post)
        goto nomem;
    for (uint32_t k = 0; k < b->n_pre; k++) {
        b->rowptr[k] = nnz;
        if (p <= 0)
            continue;
        for (uint64_t j = 0;;) {
            j += p >= 1 ? 1 : gsl_ran_geometric(r, p);
            if (j > b->n_post)
                break;
            if (nnz == cap) {
                uint64_t ncap = cap + cap / 2 + 16;
                uint16_t *np = realloc(b->post, ncap * sizeof *np);
                if (!np)
                    goto nomem;
                b->post = np;
                cap = ncap;
            }
            b->post[nnz++] = (uint16_t)(j - 1);
        }
    }
    b->rowptr[b->n_pre] = nnz;
    b->nnz = nnz;
    if (nnz < cap) { /* give back the slack */
        uint16_t *np = realloc(b->post, (nnz ? nnz : 1) * sizeof *np);
        if (np)
            b->post = np;
    }
    return PBN_OK;
nomem:
    return pbn_error_set(err, PBN_ENOMEM, "out of memory building block %s (%.3g synapses)",
                         b->name, mean);
}

/* Weights, and a transpose index or stamps, of a plastic block. */
static int make_plastic(pbn_block *b, int store, pbn_error *err)
{
    uint64_t nnz = b->nnz;
    b->w = malloc((nnz ? nnz : 1) * sizeof *b->w);
    if (store == PBN_STORE_DEFERRED) {
        b->stamp = calloc(nnz ? nnz : 1, sizeof *b->stamp);
        if (!b->w || !b->stamp)
            return pbn_error_set(err, PBN_ENOMEM, "out of memory for the weights of block %s",
                                 b->name);
        for (uint64_t q = 0; q < nnz; q++)
            b->w[q] = b->w0;
        return PBN_OK;
    }
    b->colptr = calloc(b->n_post + 1, sizeof *b->colptr);
    b->tpos = malloc((nnz ? nnz : 1) * sizeof *b->tpos);
    b->tpre = malloc((nnz ? nnz : 1) * sizeof *b->tpre);
    if (!b->w || !b->colptr || !b->tpos || !b->tpre)
        return pbn_error_set(err, PBN_ENOMEM, "out of memory for the weights of block %s",
                             b->name);
    for (uint64_t q = 0; q < nnz; q++)
        b->w[q] = b->w0;
    for (uint64_t q = 0; q < nnz; q++)
        b->colptr[b->post[q] + 1]++;
    for (uint32_t j = 0; j < b->n_post; j++)
        b->colptr[j + 1] += b->colptr[j];
    uint64_t *fill = malloc((b->n_post ? b->n_post : 1) * sizeof *fill);
    if (!fill)
        return pbn_error_set(err, PBN_ENOMEM, "out of memory for the transpose of block %s",
                             b->name);
    memcpy(fill, b->colptr, b->n_post * sizeof *fill);
    for (uint32_t k = 0; k < b->n_pre; k++)
        for (uint64_t q = b->rowptr[k]; q < b->rowptr[k + 1]; q++) {
            uint64_t c = fill[b->post[q]]++;
            b->tpos[c] = (uint32_t)q;
            b->tpre[c] = (uint16_t)k;
        }
    free(fill);
    return PBN_OK;
}

pbn_net *pbn_net_create(const pbn_config *cfg, const int store[PBN_NBLOCKS], pbn_error *err)
{
    if (pbn_config_validate(cfg, err) != PBN_OK)
        return NULL;
    pbn_net *net = calloc(1, sizeof *net);
    gsl_rng *r = NULL;
    if (!net) {
        pbn_error_set(err, PBN_ENOMEM, "out of memory");
        return NULL;
    }
    net->N = cfg->N;
    net->Ne = pbn_config_ne(cfg);
    net->Ni = pbn_config_ni(cfg);
    net->Nx = pbn_config_nx(cfg);
    net->sqrtN = sqrt((double)cfg->N);
    const long size[3] = {net->Ne, net->Ni, net->Nx};
    const long offset[3] = {0, net->Ne, 0};
    const double j[PBN_NBLOCKS] = {cfg->jee, cfg->jei, cfg->jie, cfg->jii, cfg->jex, cfg->jix};
    unsigned long seed = pbn_config_seed_net(cfg);
    for (int i = 0; i < PBN_NBLOCKS; i++) {
        pbn_block *b = &net->b[i];
        b->name = block_names[i];
        b->post_pop = block_post[i];
        b->pre_pop = block_pre[i];
        b->n_post = (uint32_t)size[b->post_pop];
        b->n_pre = (uint32_t)size[b->pre_pop];
        b->post_offset = (uint32_t)offset[b->post_pop];
        b->pre_offset = (uint32_t)offset[b->pre_pop];
        b->w0 = j[i] / net->sqrtN;
        r = pbn_rng_new(cfg->rng, pbn_seed_mix(seed, (unsigned long)i), err);
        if (!r)
            goto fail;
        if (draw_rows(b, cfg->p, r, err) != PBN_OK)
            goto fail;
        gsl_rng_free(r);
        r = NULL;
        if (store && store[i] && make_plastic(b, store[i], err) != PBN_OK)
            goto fail;
    }
    return net;
fail:
    gsl_rng_free(r);
    pbn_net_free(net);
    return NULL;
}

size_t pbn_block_bytes(const pbn_block *b)
{
    size_t s = (b->n_pre + 1) * sizeof *b->rowptr + b->nnz * sizeof *b->post;
    if (b->w)
        s += b->nnz * sizeof *b->w;
    if (b->tpos)
        s += b->nnz * (sizeof *b->tpos + sizeof *b->tpre) + (b->n_post + 1) * sizeof *b->colptr;
    if (b->stamp)
        s += b->nnz * sizeof *b->stamp;
    return s;
}

size_t pbn_net_bytes(const pbn_net *net)
{
    size_t s = sizeof *net;
    for (int i = 0; i < PBN_NBLOCKS; i++)
        s += pbn_block_bytes(&net->b[i]);
    return s;
}
