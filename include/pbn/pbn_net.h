/*
 * pbn_net.h - sparse connectivity: six blocks (EE, EI, IE, II, EX, IX), J[post][pre].
 *
 * Every synapse of a block is an independent Bernoulli(p) draw (self-connections
 * allowed), generated row by row with geometric gaps, which is the same distribution
 * at a cost proportional to the number of synapses instead of N^2.
 *
 * Storage (one block): compressed rows by presynaptic neuron, targets as 16-bit indices
 * inside the postsynaptic population (hence populations of at most 65535 neurons).
 * A static block stores no weights at all: every synapse keeps its initial weight w0,
 * so delivery reads 2 bytes per synapse.  A plastic block adds a double weight per
 * synapse and, for its post-spike updates, either
 *   - a transpose index (per postsynaptic neuron: the position of each incoming synapse
 *     and its presynaptic index): 16 bytes per synapse (PBN_STORE_COLUMNS), or
 *   - a 32-bit stamp per synapse, for a rule whose post-spike update depends on the weight
 *     alone (Kohonen): the update is deferred until the row is next read
 *     (PBN_STORE_DEFERRED, see sim.c): 14 bytes per synapse.
 *
 * Invariants: rows are ascending in presynaptic index; targets inside a row are strictly
 * ascending; the transpose lists each column's synapses in ascending presynaptic order.
 */
#ifndef PBN_NET_H
#define PBN_NET_H

#include "pbn_config.h"

#ifdef __cplusplus
extern "C" {
#endif

enum { PBN_POP_E = 0, PBN_POP_I = 1, PBN_POP_X = 2 };
/* Block indices; the first letter is the postsynaptic population.  The recurrent blocks
   (the ones a plasticity rule may act on) come first: PBN_EE .. PBN_II, PBN_NRECURRENT of
   them. */
enum {
    PBN_EE = 0, PBN_EI = 1, PBN_IE = 2, PBN_II = 3, PBN_EX = 4, PBN_IX = 5,
    PBN_NBLOCKS = 6, PBN_NRECURRENT = 4
};

typedef struct pbn_block {
    const char *name;    /* "EE", "EI" (I->E), "IE" (E->I), "II", "EX", "IX" */
    int post_pop, pre_pop;
    uint32_t n_post, n_pre;
    uint32_t post_offset; /* global index of the first postsynaptic neuron (0 or Ne) */
    uint32_t pre_offset;  /* global index of the first presynaptic neuron (0 or Ne; 0 for X) */
    uint64_t nnz;
    uint64_t *rowptr;    /* n_pre + 1 */
    uint16_t *post;      /* nnz: target inside the postsynaptic population */
    double w0;           /* initial stored weight J = j / sqrt(N) */
    double *w;           /* nnz stored weights; NULL for a static block */
    uint64_t *colptr;    /* n_post + 1 (plastic blocks only) */
    uint32_t *tpos;      /* nnz: position in post[] / w[] of the column's synapses */
    uint16_t *tpre;      /* nnz: presynaptic index of the column's synapses */
    uint32_t *stamp;     /* nnz (deferred blocks): postsynaptic spike count when last updated */
} pbn_block;

/* How a block is stored (pbn_net_create). */
enum { PBN_STORE_STATIC = 0, PBN_STORE_COLUMNS = 1, PBN_STORE_DEFERRED = 2 };

typedef struct pbn_net {
    long N, Ne, Ni, Nx;
    double sqrtN;
    pbn_block b[PBN_NBLOCKS];
} pbn_net;

/*
 * Build the connectivity of cfg from its connectivity seed; store[b] (PBN_STORE_*) says
 * how block b is stored (NULL: all static).  Returns NULL with err set on failure.
 */
pbn_net *pbn_net_create(const pbn_config *cfg, const int store[PBN_NBLOCKS], pbn_error *err);
void pbn_net_free(pbn_net *net);

/* Stored weight of synapse at position q of block b (deferred blocks: as of their last
   flush; pbn_sim brings them up to date whenever it returns). */
static inline double pbn_block_weight(const pbn_block *b, uint64_t q)
{
    return b->w ? b->w[q] : b->w0;
}

/* Bytes held by the connectivity (all blocks), and by one block. */
size_t pbn_net_bytes(const pbn_net *net);
size_t pbn_block_bytes(const pbn_block *b);

/* How a configuration's plasticity rules store each block (PBN_STORE_*). */
void pbn_config_plastic_blocks(const pbn_config *cfg, int store[PBN_NBLOCKS]);

#ifdef __cplusplus
}
#endif
#endif
