/*
 * plasticity.c - step 4 of the time step (paper/model.md section 3) and the plasticity
 * rules R1-R7 (section 4): for the neurons that spiked, recurrent delivery fused with the
 * pre-spike updates, then the post-spike updates, then the traces' +1.
 *
 * Delivery and pre-spike updates are fused: one pass over the row of a spiking neuron
 * reads each weight, adds it to the target's current, then applies the pre-spike rule.
 * This equals "deliver everything, then update" because the row of one neuron holds only
 * its own outgoing synapses and post-spike updates come after all rows.  Post-spike
 * updates walk the transpose index (a column: every synapse onto the spiking neuron),
 * except Kohonen's, which are deferred (below).  Blocks are disjoint, so the rules of
 * different blocks commute; they are still applied in the spec's order R1, R2, R3, R4,
 * R6, R7, R5.
 *
 * The rules, by block and kind (rule.kind):
 *   E->E  R1 soft Hebbian (K_HEBB_SOFT), R2 additive Hebbian with bounds (K_HEBB_ADD),
 *         R3 Kohonen (K_KOHONEN)
 *   I->E  R4 iSTDP (K_HOMEO, target alpha_e)     I->I  R5 iSTDP (K_HOMEO, alpha_i)
 *   E->I  R6 homeostatic (K_HOMEO, alpha_ie), R7 soft Hebbian (K_HEBB_SOFT)
 *
 * Floating point: each update is written with the same association as the spec's
 * equations (J - (eta x) J, ...), so that a dense reference of the equations agrees to a
 * few ulp (tests/test_dense.c).
 */
#include "sim_internal.h"
#include "util/util.h"

#include <math.h>
#include <string.h>

/* The rule of every block for configuration c in stored units (weights J = j/sqrt(N)). */
static void rules_from_config(const pbn_config *c, double sq, rule rules[PBN_NBLOCKS])
{
    double tau = c->tau_stdp;
    memset(rules, 0, PBN_NBLOCKS * sizeof *rules);
    switch (c->plastic_ee) {
    case PBN_EE_HEBB_SOFT:
        rules[PBN_EE] = (rule){K_HEBB_SOFT, c->eta_ee, c->jmax_ee / sq, 0};
        break;
    case PBN_EE_HEBB_ADD:
        rules[PBN_EE] = (rule){K_HEBB_ADD, c->eta_ee, c->jmin_ee / sq, c->jmax_ee / sq};
        break;
    case PBN_EE_KOHONEN:
        rules[PBN_EE] = (rule){K_KOHONEN, c->eta_ee, c->eta_ee * (c->beta / sq), 0};
        break;
    }
    if (c->plastic_ei == PBN_EI_ISTDP)
        rules[PBN_EI] =
            (rule){K_HOMEO, c->eta_ei / (c->jnorm_ei / sq), 2.0 * (c->rho_e * 1e-3) * tau, 0};
    if (c->plastic_ie == PBN_IE_HOMEO)
        rules[PBN_IE] =
            (rule){K_HOMEO, c->eta_ie / (c->jnorm_ie / sq), 2.0 * (c->rho_ie * 1e-3) * tau, 0};
    else if (c->plastic_ie == PBN_IE_HEBB_SOFT)
        rules[PBN_IE] = (rule){K_HEBB_SOFT, c->eta_ie, c->jmax_ie / sq, 0};
    if (c->plastic_ii == PBN_II_ISTDP)
        rules[PBN_II] =
            (rule){K_HOMEO, c->eta_ii / (c->jnorm_ii / sq), 2.0 * (c->rho_i * 1e-3) * tau, 0};
}

void sim_setup_rules(pbn_sim *s)
{
    rules_from_config(&s->cfg, s->net->sqrtN, s->rules);
}

/*
 * The update of one synapse, by kind: the only place where the rules' arithmetic is
 * written.  The loops below and pbn_rule_pair call these (inlined), so a measured
 * learning window is the simulator's own arithmetic.  x is the trace of the other side
 * (at a pre spike the postsynaptic trace, at a post spike the presynaptic one).
 */
static inline double pre_hebb_soft(const rule *ru, double J, double x) /* R1 R7 */
{
    return J - (ru->eta * x) * J;
}
static inline double pre_hebb_add(const rule *ru, double J, double x) /* R2 */
{
    return (J > ru->a && J != 0) ? J - ru->eta * x : J;
}
static inline double pre_kohonen(const rule *ru, double J, double x) /* R3 */
{
    return J != 0 ? J + ru->a * x : J;
}
static inline double pre_homeo(const rule *ru, double J, double x) /* R4 R5 R6 */
{
    return J - (ru->eta * (x - ru->a)) * J;
}
static inline double post_hebb_soft(const rule *ru, double J, double x)
{
    return J != 0 ? J + (ru->eta * x) * ru->a : J;
}
static inline double post_hebb_add(const rule *ru, double J, double x)
{
    return (ru->a < J && J < ru->b && J != 0) ? J + ru->eta * x : J;
}
static inline double post_kohonen(const rule *ru, double J)
{
    return J - ru->eta * J;
}
static inline double post_homeo(const rule *ru, double J, double x)
{
    return J - (ru->eta * x) * J;
}

/* ---- step 4: recurrent delivery fused with pre-spike plasticity -------------------- */

/*
 * Deferred post-spike updates (Kohonen, whose post-spike update J -= eta J needs nothing
 * but J).  Between two spikes of the presynaptic neuron k, the only changes to J[j][k] are
 * the post-spike updates of j's spikes, so they can wait until row k is read again and be
 * applied then, one by one, in the same order, with the same arithmetic.  Each synapse
 * keeps in stamp the number of j's spikes already applied; nbefore[j] counts j's spikes
 * before the current step (a spike of this step is applied after this step's pre-spike
 * update, so it stays pending until the next read).  This removes the column walk, a
 * cache miss per synapse, at the price of reading nbefore[j] (a small array) in the row.
 * Up to two pending updates (the common case at similar rates) are computed branch-free
 * and selected; more go through a loop.
 */
static inline double pending_kohonen(const rule *ru, double J, uint32_t n)
{
    double J1 = post_kohonen(ru, J), J2 = post_kohonen(ru, J1);
    if (n > 2) {
        for (n -= 2; n; n--)
            J2 = post_kohonen(ru, J2);
        return J2;
    }
    return n == 0 ? J : n == 1 ? J1 : J2;
}

static uint64_t deliver_row_deferred(const rule *ru, pbn_block *b, uint32_t k,
                                     double *restrict I, const double *restrict xp, double inv,
                                     const uint32_t *restrict nbefore)
{
    const uint64_t q0 = b->rowptr[k], n = b->rowptr[k + 1] - q0;
    const uint16_t *restrict t = b->post + q0;
    double *restrict w = b->w + q0;
    uint32_t *restrict st = b->stamp + q0;
    const rule r = *ru; /* a local copy: the stores to w cannot alias it */
    uint64_t applied = 0;
    for (uint64_t q = 0; q < n; q++) {
        uint16_t j = t[q];
        uint32_t c = nbefore[j];
        applied += c - st[q];
        double J = pending_kohonen(&r, w[q], c - st[q]);
        I[j] += J * inv;
        w[q] = pre_kohonen(&r, J, xp[j]);
        st[q] = c;
    }
    return applied;
}

/* Bring every weight of the deferred blocks up to date (between steps). */
void sim_flush_deferred(pbn_sim *s)
{
    for (int bi = 0; bi < 4; bi++) {
        pbn_block *b = &s->net->b[bi];
        if (!b->stamp)
            continue;
        const uint32_t *nb = s->nbefore + b->post_offset;
        const rule r = s->rules[bi];
        uint64_t applied = 0;
        for (uint64_t q = 0; q < b->nnz; q++) {
            uint32_t c = nb[b->post[q]];
            applied += c - b->stamp[q];
            b->w[q] = pending_kohonen(&r, b->w[q], c - b->stamp[q]);
            b->stamp[q] = c;
        }
        s->res.ev_post_deferred += applied;
    }
}

static void deliver_row(const rule *ru, pbn_block *b, uint32_t k, double *restrict I,
                        const double *restrict xp, double inv)
{
    const uint64_t q0 = b->rowptr[k], n = b->rowptr[k + 1] - q0;
    const uint16_t *restrict t = b->post + q0;
    if (!b->w) {
        scatter_const(I, t, n, b->w0 * inv);
        return;
    }
    double *restrict w = b->w + q0;
    const rule r = *ru; /* a local copy: the stores to w cannot alias it */
    switch (ru->kind) {
    case K_HEBB_SOFT: /* R1, R7 pre: J -= eta x_post J */
        for (uint64_t q = 0; q < n; q++) {
            uint16_t j = t[q];
            double J = w[q];
            I[j] += J * inv;
            w[q] = pre_hebb_soft(&r, J, xp[j]);
        }
        break;
    case K_HEBB_ADD: /* R2 pre: J -= eta x_post [J > Jmin][J != 0] */
        for (uint64_t q = 0; q < n; q++) {
            uint16_t j = t[q];
            double J = w[q];
            I[j] += J * inv;
            w[q] = pre_hebb_add(&r, J, xp[j]);
        }
        break;
    case K_KOHONEN: /* R3 pre: J += eta beta x_post [J != 0] */
        for (uint64_t q = 0; q < n; q++) {
            uint16_t j = t[q];
            double J = w[q];
            I[j] += J * inv;
            w[q] = pre_kohonen(&r, J, xp[j]);
        }
        break;
    case K_HOMEO: /* R4 R5 R6 pre: J -= eta (x_post - alpha) J */
        for (uint64_t q = 0; q < n; q++) {
            uint16_t j = t[q];
            double J = w[q];
            I[j] += J * inv;
            w[q] = pre_homeo(&r, J, xp[j]);
        }
        break;
    default: /* plastic storage without a rule cannot happen; deliver only */
        for (uint64_t q = 0; q < n; q++)
            I[t[q]] += w[q] * inv;
        break;
    }
}

/* ---- step 4: post-spike plasticity along a column ---------------------------------- */

/* Each synapse of a column lies in another row: prefetch the weight PF synapses ahead so
   that several cache misses are in flight at once. */
#define PF 32
#define PREFETCH(q) __builtin_prefetch(&w[pos[(q) + PF < c1 ? (q) + PF : (q)]], 1, 0)

static void update_column(const rule *ru, pbn_block *b, uint32_t j, const double *restrict xq)
{
    const uint64_t c0 = b->colptr[j], c1 = b->colptr[j + 1];
    const uint32_t *restrict pos = b->tpos;
    const uint16_t *restrict pre = b->tpre;
    double *restrict w = b->w;
    const rule r = *ru;
    switch (ru->kind) {
    case K_HEBB_SOFT: /* R1, R7 post: J += eta x_pre Jmax [J != 0] */
        for (uint64_t q = c0; q < c1; q++) {
            PREFETCH(q);
            double J = w[pos[q]];
            w[pos[q]] = post_hebb_soft(&r, J, xq[pre[q]]);
        }
        break;
    case K_HEBB_ADD: /* R2 post: J += eta x_pre [Jmin < J < Jmax][J != 0] */
        for (uint64_t q = c0; q < c1; q++) {
            PREFETCH(q);
            double J = w[pos[q]];
            w[pos[q]] = post_hebb_add(&r, J, xq[pre[q]]);
        }
        break;
    case K_KOHONEN: /* R3 post: J -= eta J */
        for (uint64_t q = c0; q < c1; q++) {
            PREFETCH(q);
            double J = w[pos[q]];
            w[pos[q]] = post_kohonen(&r, J);
        }
        break;
    case K_HOMEO: /* R4 R5 R6 post: J -= eta x_pre J */
        for (uint64_t q = c0; q < c1; q++) {
            PREFETCH(q);
            double J = w[pos[q]];
            w[pos[q]] = post_homeo(&r, J, xq[pre[q]]);
        }
        break;
    default:
        break;
    }
}

void sim_process_spikes(pbn_sim *s)
{
    pbn_net *net = s->net;
    const long Ne = s->Ne;
    const uint32_t *S = s->S;
    const size_t nS = s->nS;
    /* delivery + pre-spike updates, spikes in ascending order */
    for (size_t q = 0; q < nS; q++) {
        uint32_t k = S[q];
        const int bl[2][2] = {{PBN_EE, PBN_IE}, {PBN_EI, PBN_II}};
        uint32_t kk0 = k < (uint32_t)Ne ? k : k - (uint32_t)Ne;
        for (int z = 0; z < 2; z++) {
            const pbn_block *b = &net->b[bl[k >= (uint32_t)Ne][z]];
            uint64_t len = b->rowptr[kk0 + 1] - b->rowptr[kk0];
            s->res.ev_deliver += len;
            if (b->w)
                s->res.ev_deliver_plastic += len;
        }
        if (k < (uint32_t)Ne) {
            if (net->b[PBN_EE].stamp)
                s->res.ev_post_deferred += deliver_row_deferred(
                    &s->rules[PBN_EE], &net->b[PBN_EE], k, s->Ie, s->x, s->inv_tau_e, s->nbefore);
            else
                deliver_row(&s->rules[PBN_EE], &net->b[PBN_EE], k, s->Ie, s->x, s->inv_tau_e);
            deliver_row(&s->rules[PBN_IE], &net->b[PBN_IE], k, s->Ie + Ne, s->x + Ne,
                        s->inv_tau_e);
        } else {
            uint32_t kk = k - (uint32_t)Ne;
            deliver_row(&s->rules[PBN_EI], &net->b[PBN_EI], kk, s->Ii, s->x, s->inv_tau_i);
            deliver_row(&s->rules[PBN_II], &net->b[PBN_II], kk, s->Ii + Ne, s->x + Ne,
                        s->inv_tau_i);
        }
    }
    if (!s->any_plastic)
        return;
    s->t_mark = util_now();
    s->res.phase_s[PBN_PHASE_DELIVER] += s->t_mark - s->t_phase;
    s->t_phase = s->t_mark;
    /* post-spike updates, rule order R1 R2 R3 (EE), R4 (EI), R6 R7 (IE), R5 (II) */
    static const int order[4] = {PBN_EE, PBN_EI, PBN_IE, PBN_II};
    for (int o = 0; o < 4; o++) {
        int bi = order[o];
        pbn_block *b = &net->b[bi];
        if (!b->w || !b->tpos || s->rules[bi].kind == K_NONE)
            continue; /* static, or deferred (applied in deliver_row_deferred) */
        const double *xq = s->x + b->pre_offset;
        for (size_t q = 0; q < nS; q++) {
            uint32_t j = S[q];
            if (j >= b->post_offset && j < b->post_offset + b->n_post) {
                uint32_t jj = j - b->post_offset;
                s->res.ev_post += b->colptr[jj + 1] - b->colptr[jj];
                update_column(&s->rules[bi], b, jj, xq);
            }
        }
    }
    for (size_t q = 0; q < nS; q++) {
        s->x[S[q]] += 1.0;
        s->nbefore[S[q]]++;
    }
    s->t_mark = util_now();
    s->res.phase_s[PBN_PHASE_POST] += s->t_mark - s->t_phase;
    s->t_phase = s->t_mark;
}


/* ---- one pair of spikes: the learning window, measured ------------------------------ */

static double rule_pre(const rule *ru, double J, double x)
{
    switch (ru->kind) {
    case K_HEBB_SOFT: return pre_hebb_soft(ru, J, x);
    case K_HEBB_ADD: return pre_hebb_add(ru, J, x);
    case K_KOHONEN: return pre_kohonen(ru, J, x);
    case K_HOMEO: return pre_homeo(ru, J, x);
    default: return J;
    }
}

static double rule_post(const rule *ru, double J, double x)
{
    switch (ru->kind) {
    case K_HEBB_SOFT: return post_hebb_soft(ru, J, x);
    case K_HEBB_ADD: return post_hebb_add(ru, J, x);
    case K_KOHONEN: return post_kohonen(ru, J);
    case K_HOMEO: return post_homeo(ru, J, x);
    default: return J;
    }
}

int pbn_rule_pair(const pbn_config *cfg, int block, double j0, long lag, double *dj,
                  pbn_error *err)
{
    static const char *const names[PBN_NRECURRENT] = {"ee", "ei", "ie", "ii"};
    if (!cfg || !dj)
        return pbn_error_set(err, PBN_EINVAL, "pbn_rule_pair: NULL configuration or result");
    *dj = NAN;
    if (pbn_config_validate(cfg, err) != PBN_OK)
        return err ? err->code : PBN_EINVAL;
    if (block < 0 || block >= PBN_NRECURRENT)
        return pbn_error_set(err, PBN_EINVAL,
                             "pbn_rule_pair: block %d is not a recurrent block (allowed: "
                             "0 ee, 1 ei, 2 ie, 3 ii)", block);
    if (!isfinite(j0))
        return pbn_error_set(err, PBN_EINVAL, "pbn_rule_pair: the weight must be finite");
    if (lag < -PBN_RULE_PAIR_MAX_LAG || lag > PBN_RULE_PAIR_MAX_LAG)
        return pbn_error_set(err, PBN_EINVAL,
                             "pbn_rule_pair: lag %ld steps; allowed: at most %ld in magnitude",
                             lag, (long)PBN_RULE_PAIR_MAX_LAG);
    const double sq = sqrt((double)cfg->N);
    rule rules[PBN_NBLOCKS];
    rules_from_config(cfg, sq, rules);
    const rule *ru = &rules[block];
    if (ru->kind == K_NONE)
        return pbn_error_set(err, PBN_EINVAL,
                             "pbn_rule_pair: block %s has no plasticity rule in this "
                             "configuration (set plastic_%s)", names[block], names[block]);
    /* The step order of paper/model.md section 3: in a step, the pre-spike update (with
       the postsynaptic trace), then the post-spike update (with the presynaptic trace),
       then the traces' +1; the traces decay at the end of every step, as in the
       simulator's kernel (x -= x dt/tau_stdp). */
    const double J0 = j0 / sq, ds = cfg->dt / cfg->tau_stdp;
    const long n = lag < 0 ? -lag : lag;
    double J = J0, xpre = 0, xpost = 0;
    for (long step = 0; step <= n; step++) {
        int pre = lag >= 0 ? step == 0 : step == n;
        int post = lag >= 0 ? step == n : step == 0;
        if (pre)
            J = rule_pre(ru, J, xpost);
        if (post)
            J = rule_post(ru, J, xpre);
        xpre += pre;
        xpost += post;
        xpre -= xpre * ds;
        xpost -= xpost * ds;
    }
    *dj = (J - J0) * sq;
    return PBN_OK;
}
