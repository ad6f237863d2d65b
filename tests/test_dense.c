/*
 * test_dense.c - the sparse simulator against a dense-matrix reference of the spec.
 *
 * The reference below is written straight from paper/model.md sections 2-4 with N x N weight
 * matrices: absent synapses are zeros, and the rules' [J != 0] factors and
 * multiplicative forms keep them at zero, exactly as the spec says.  It knows nothing of
 * the simulator's data structures: it takes from the library only the initial state (the
 * connectivity as a dense matrix, the initial voltages) and the feed-forward spike train
 * (a second pbn_input built from the same configuration, which is deterministic).
 *
 * Both advance one step at a time; after every step the spike sets must be identical and
 * the voltages must agree to 1e-12 relative; weights, currents and traces are compared
 * every 250 steps and at the end, also to 1e-12 relative.
 *
 * Floating point: where the spec's algebra can be evaluated in more than one order, the
 * reference uses the grouping the simulator documents (a PSC increment is J * (1/tau), a
 * decay is I - I * (dt/tau), a rule is J - (eta x) J), so that the comparison tests the
 * structure (indexing, gating, ordering) and not rounding.  The one difference left on
 * purpose is the exponential: the reference calls the C library's exp, the simulator its
 * vectorised pbn_exp (within 2 ulp).  That difference touches only V, and every spike
 * resets V, so it cannot accumulate: voltages stay within about 1e-13 of each other.
 *
 * The learning rates are large (1e-2 .. 1) so that a few thousand steps change the
 * weights a lot; every test also checks that the weights did move, so a rule that does
 * nothing cannot pass.
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pbn/pbn.h"
#include "check_run.h"

#define TOL 1e-12

/* Check sends every assertion's location to its parent process; these loops compare
   millions of numbers, so only a failure goes through Check. */
#define EXPECT(cond, ...)                                                                     \
    do {                                                                                      \
        if (!(cond))                                                                          \
            ck_abort_msg(__VA_ARGS__);                                                        \
    } while (0)

typedef struct ref {
    long N, Ne, Ni, Nx;
    double *J;  /* N x N, J[j*N + k], post j, pre k */
    double *Jx; /* N x Nx */
    double *V, *Ie, *Ii, *Ix, *x;
    int *spk;
    long nspk;
    pbn_input *in;
    pbn_config c;
} ref;

static void ref_init(ref *r, const pbn_sim *sim, const pbn_config *cfg)
{
    const pbn_net *net = pbn_sim_net(sim);
    pbn_error err;
    r->c = *cfg;
    r->N = net->N;
    r->Ne = net->Ne;
    r->Ni = net->Ni;
    r->Nx = net->Nx;
    long N = r->N;
    r->J = calloc((size_t)(N * N), sizeof *r->J);
    r->Jx = calloc((size_t)(N * r->Nx), sizeof *r->Jx);
    r->V = malloc((size_t)N * sizeof *r->V);
    r->Ie = calloc((size_t)N, sizeof *r->Ie);
    r->Ii = calloc((size_t)N, sizeof *r->Ii);
    r->Ix = calloc((size_t)N, sizeof *r->Ix);
    r->x = calloc((size_t)N, sizeof *r->x);
    r->spk = malloc((size_t)N * sizeof *r->spk);
    memcpy(r->V, pbn_sim_voltage(sim), (size_t)N * sizeof *r->V);
    for (int bi = 0; bi < PBN_NBLOCKS; bi++) {
        const pbn_block *b = &net->b[bi];
        for (uint32_t k = 0; k < b->n_pre; k++)
            for (uint64_t q = b->rowptr[k]; q < b->rowptr[k + 1]; q++) {
                long j = b->post_offset + b->post[q];
                if (b->pre_pop == PBN_POP_X)
                    r->Jx[j * r->Nx + k] = pbn_block_weight(b, q);
                else
                    r->J[j * N + (b->pre_offset + k)] = pbn_block_weight(b, q);
            }
    }
    r->in = pbn_input_create(cfg, &err);
    ck_assert_msg(r->in != NULL, "%s", err.msg);
}

static void ref_free(ref *r)
{
    free(r->J);
    free(r->Jx);
    free(r->V);
    free(r->Ie);
    free(r->Ii);
    free(r->Ix);
    free(r->x);
    free(r->spk);
    pbn_input_free(r->in);
}

/* Rules of one block, applied densely; pre in [k0, k1), post in [j0, j1). */
enum { HEBB_SOFT, HEBB_ADD, KOHONEN, HOMEO };

static void apply_rule(ref *r, int kind, long j0, long j1, long k0, long k1, double eta,
                       double a, double b)
{
    long N = r->N;
    double *J = r->J, *x = r->x;
    /* pre-spike updates: for each spiking pre k, every post j */
    for (long s = 0; s < r->nspk; s++) {
        long k = r->spk[s];
        if (k < k0 || k >= k1)
            continue;
        for (long j = j0; j < j1; j++) {
            double *w = &J[j * N + k];
            switch (kind) {
            case HEBB_SOFT: /* R1, R7: J -= eta x_j J */
                *w -= eta * x[j] * *w;
                break;
            case HEBB_ADD: /* R2: J -= eta x_j [J > Jmin][J != 0] */
                if (*w > a && *w != 0)
                    *w -= eta * x[j];
                break;
            case KOHONEN: /* R3: J += eta beta x_j [J != 0] */
                if (*w != 0)
                    *w += eta * a * x[j];
                break;
            case HOMEO: /* R4, R5, R6: J -= eta (x_j - alpha) J */
                *w -= eta * (x[j] - a) * *w;
                break;
            }
        }
    }
    /* post-spike updates: for each spiking post j, every pre k */
    for (long s = 0; s < r->nspk; s++) {
        long j = r->spk[s];
        if (j < j0 || j >= j1)
            continue;
        for (long k = k0; k < k1; k++) {
            double *w = &J[j * N + k];
            switch (kind) {
            case HEBB_SOFT: /* J += eta x_k Jmax [J != 0] */
                if (*w != 0)
                    *w += eta * x[k] * a;
                break;
            case HEBB_ADD: /* J += eta x_k [Jmin < J < Jmax][J != 0] */
                if (a < *w && *w < b && *w != 0)
                    *w += eta * x[k];
                break;
            case KOHONEN: /* J -= eta J */
                *w -= eta * *w;
                break;
            case HOMEO: /* J -= eta x_k J */
                *w -= eta * x[k] * *w;
                break;
            }
        }
    }
}

static void ref_step(ref *r, long i)
{
    const pbn_config *c = &r->c;
    long N = r->N, Ne = r->Ne;
    double t = (double)i * c->dt, sq = sqrt((double)N), tau = c->tau_stdp;
    /* 1. feed-forward spikes with time <= t */
    const pbn_xspike *xs;
    size_t nx;
    pbn_error err;
    EXPECT(pbn_input_until(r->in, t, &xs, &nx, &err) == PBN_OK, "%s", err.msg);
    for (size_t q = 0; q < nx; q++)
        for (long j = 0; j < N; j++)
            r->Ix[j] += r->Jx[j * r->Nx + xs[q].id] * (1.0 / c->tau_x);
    /* 2. Euler step */
    for (long j = 0; j < N; j++) {
        double Istim = j < Ne ? c->istim_e : c->istim_i;
        r->V[j] += c->dt / c->Cm *
                   (Istim + r->Ie[j] + r->Ii[j] + r->Ix[j] + c->gL * (c->EL - r->V[j]) +
                    c->gL * c->DeltaT * exp((r->V[j] - c->VT) / c->DeltaT));
    }
    /* 3. spikes */
    r->nspk = 0;
    for (long j = 0; j < N; j++)
        if (r->V[j] >= c->Vth)
            r->spk[r->nspk++] = (int)j;
    /* 4. synaptic input, then plasticity in the order R1 R2 R3 R4 R6 R7 R5 */
    for (long s = 0; s < r->nspk; s++) {
        long k = r->spk[s];
        for (long j = 0; j < N; j++) {
            if (k < Ne)
                r->Ie[j] += r->J[j * N + k] * (1.0 / c->tau_e);
            else
                r->Ii[j] += r->J[j * N + k] * (1.0 / c->tau_i);
        }
    }
    if (c->plastic_ee == PBN_EE_HEBB_SOFT)
        apply_rule(r, HEBB_SOFT, 0, Ne, 0, Ne, c->eta_ee, c->jmax_ee / sq, 0);
    if (c->plastic_ee == PBN_EE_HEBB_ADD)
        apply_rule(r, HEBB_ADD, 0, Ne, 0, Ne, c->eta_ee, c->jmin_ee / sq, c->jmax_ee / sq);
    if (c->plastic_ee == PBN_EE_KOHONEN)
        apply_rule(r, KOHONEN, 0, Ne, 0, Ne, c->eta_ee, c->beta / sq, 0);
    if (c->plastic_ei == PBN_EI_ISTDP)
        apply_rule(r, HOMEO, 0, Ne, Ne, N, c->eta_ei / (c->jnorm_ei / sq),
                   2 * c->rho_e / 1000 * tau, 0);
    if (c->plastic_ie == PBN_IE_HOMEO)
        apply_rule(r, HOMEO, Ne, N, 0, Ne, c->eta_ie / (c->jnorm_ie / sq),
                   2 * c->rho_ie / 1000 * tau, 0);
    if (c->plastic_ie == PBN_IE_HEBB_SOFT)
        apply_rule(r, HEBB_SOFT, Ne, N, 0, Ne, c->eta_ie, c->jmax_ie / sq, 0);
    if (c->plastic_ii == PBN_II_ISTDP)
        apply_rule(r, HOMEO, Ne, N, Ne, N, c->eta_ii / (c->jnorm_ii / sq),
                   2 * c->rho_i / 1000 * tau, 0);
    for (long s = 0; s < r->nspk; s++)
        r->x[r->spk[s]] += 1;
    /* 5. decay */
    for (long j = 0; j < N; j++) {
        r->Ie[j] -= r->Ie[j] * (c->dt / c->tau_e);
        r->Ii[j] -= r->Ii[j] * (c->dt / c->tau_i);
        r->Ix[j] -= r->Ix[j] * (c->dt / c->tau_x);
        r->x[j] -= r->x[j] * (c->dt / c->tau_stdp);
    }
    /* 6. reset */
    for (long s = 0; s < r->nspk; s++)
        r->V[r->spk[s]] = c->Vre;
}

static int close_enough(double a, double b, double scale)
{
    double m = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    if (scale > m)
        m = scale;
    return fabs(a - b) <= TOL * m;
}

/* Compare every weight of the sparse network with the dense matrix. */
static void compare_weights(const ref *r, const pbn_sim *sim, long step, double *max_change,
                            long *zeros)
{
    const pbn_net *net = pbn_sim_net(sim);
    long N = r->N;
    for (int bi = 0; bi < 4; bi++) {
        const pbn_block *b = &net->b[bi];
        double nz = 0;
        for (uint32_t k = 0; k < b->n_pre; k++)
            for (uint64_t q = b->rowptr[k]; q < b->rowptr[k + 1]; q++) {
                long j = b->post_offset + b->post[q], kk = b->pre_offset + k;
                double ws = pbn_block_weight(b, q), wr = r->J[j * N + kk];
                EXPECT(close_enough(ws, wr, fabs(b->w0)),
                              "step %ld block %s J[%ld][%ld]: sparse %.17g dense %.17g", step,
                              b->name, j, kk, ws, wr);
                double ch = fabs(ws - b->w0) / fabs(b->w0);
                if (b->w && ch > max_change[bi])
                    max_change[bi] = ch;
                nz += ws == 0;
            }
        zeros[bi] = (long)nz;
    }
}

/*
 * Run cfg side by side with the reference; returns the largest relative weight change per
 * block (EE, EI, IE, II) and the number of exact zeros in each.  The simulator advances in
 * chunks of `chunk` steps: 1 runs every step on its own, more runs the fused pass of
 * kernels.h between steps.  Spike trains are compared for every step (through the raster),
 * the state at every chunk end.
 */
static void run_pair_chunked(pbn_config *cfg, long chunk, double max_change[4], long zeros[4])
{
    pbn_error err;
    cfg->record_spikes = 1;
    pbn_sim *sim = pbn_sim_create(cfg, &err);
    ck_assert_msg(sim != NULL, "%s", err.msg);
    const pbn_results *res = pbn_sim_results(sim);
    ref r;
    ref_init(&r, sim, cfg);
    long nsteps = (long)pbn_config_nsteps(cfg), total_spikes = 0, last_check = 0;
    size_t seen = 0;
    long *rstep = malloc(sizeof *rstep * (size_t)(r.N * 64)), *rid = NULL, cap = r.N * 64;
    rid = malloc(sizeof *rid * (size_t)cap);
    memset(max_change, 0, 4 * sizeof *max_change);
    for (long i = 1; i <= nsteps; i++) {
        ref_step(&r, i);
        for (long s = 0; s < r.nspk; s++) {
            if (total_spikes == cap) {
                cap *= 2;
                rstep = realloc(rstep, sizeof *rstep * (size_t)cap);
                rid = realloc(rid, sizeof *rid * (size_t)cap);
            }
            rstep[total_spikes] = i;
            rid[total_spikes++] = r.spk[s];
        }
        if (i % chunk != 0 && i != nsteps)
            continue;
        EXPECT(pbn_sim_advance(sim, (uint64_t)(i - last_check), &err) == PBN_OK, "%s", err.msg);
        last_check = i;
        EXPECT((long)pbn_sim_step_index(sim) == i, "advanced to %lu",
               (unsigned long)pbn_sim_step_index(sim));
        EXPECT((long)res->n_raster == total_spikes, "step %ld: %zu spikes (sparse) vs %ld (dense)",
               i, res->n_raster, total_spikes);
        for (; seen < res->n_raster; seen++) {
            long st = lround(res->raster_t[seen] / cfg->dt);
            EXPECT(st == rstep[seen] && (long)res->raster_id[seen] == rid[seen],
                   "spike %zu: step %ld neuron %u (sparse) vs step %ld neuron %ld (dense)", seen,
                   st, res->raster_id[seen], rstep[seen], rid[seen]);
        }
        const double *V = pbn_sim_voltage(sim);
        for (long j = 0; j < r.N; j++)
            EXPECT(close_enough(V[j], r.V[j], 1.0), "step %ld V[%ld]: %.17g vs %.17g", i, j,
                   V[j], r.V[j]);
        if (chunk > 1 || i % 250 == 0 || i == nsteps) {
            const double *Ie, *Ii, *Ix;
            pbn_sim_currents(sim, &Ie, &Ii, &Ix);
            for (long j = 0; j < r.N; j++) {
                EXPECT(close_enough(Ie[j], r.Ie[j], 1e-3), "step %ld Ie[%ld]", i, j);
                EXPECT(close_enough(Ii[j], r.Ii[j], 1e-3), "step %ld Ii[%ld]", i, j);
                EXPECT(close_enough(Ix[j], r.Ix[j], 1e-3), "step %ld Ix[%ld]", i, j);
                if (pbn_config_any_plastic(cfg)) /* traces are kept only when needed */
                    EXPECT(close_enough(pbn_sim_trace(sim)[j], r.x[j], 1e-3), "step %ld x[%ld]",
                           i, j);
            }
            compare_weights(&r, sim, i, max_change, zeros);
        }
    }
    /* the network must have been active, or nothing was tested */
    EXPECT(total_spikes > 2 * r.N, "only %ld spikes in %ld steps", total_spikes, nsteps);
    free(rstep);
    free(rid);
    ref_free(&r);
    pbn_sim_free(sim);
}

/*
 * Three ways of advancing: one step at a time; chunks of 37 steps; and the whole run in
 * one call with a single recording bin, so that nothing brings deferred weights up to
 * date before the end (many pending post-spike updates per synapse).
 */
static void run_pair(pbn_config *cfg, double max_change[4], long zeros[4])
{
    double ch1[4];
    long z1[4];
    pbn_config whole = *cfg;
    whole.dt_record = whole.T;
    run_pair_chunked(&whole, (long)pbn_config_nsteps(&whole), ch1, z1);
    run_pair_chunked(cfg, 1, ch1, z1);
    run_pair_chunked(cfg, 37, max_change, zeros);
}

static void base(pbn_config *c)
{
    pbn_config_defaults(c);
    c->N = 200;
    c->T = 400;   /* 4000 steps */
    c->seed = 11;
    c->rx = 20;   /* livelier than the default at this small N: ~13 Hz E, ~28 Hz I */
}

/* Plastic blocks must have moved by at least 1% somewhere. */
#define MOVED(block) ck_assert_msg(ch[block] > 0.01, "block %d barely changed (%g)", block, ch[block])

START_TEST(test_static)
{
    pbn_config c;
    double ch[4];
    long z[4];
    base(&c);
    c.cx = 0.1; /* correlated input through the same comparison */
    run_pair(&c, ch, z);
}
END_TEST

START_TEST(test_input_bursts)
{
    /* cx = 1 and no jitter: every X neuron fires at once, so a neuron can get more input
       spikes in one step than the fused pass takes (the simulator's fallback path) */
    pbn_config c;
    double ch[4];
    long z[4];
    base(&c);
    c.cx = 1;
    c.tau_jitter = 0;
    c.rx = 10;
    c.plastic_ei = PBN_EI_ISTDP;
    c.eta_ei = 0.3;
    run_pair(&c, ch, z);
    MOVED(PBN_EI);
    /* a little jitter spreads a burst over a few steps: 2-4 inputs per neuron and step,
       taken by the fused pass itself */
    c.tau_jitter = 0.15;
    c.seed = 13;
    run_pair(&c, ch, z);
}
END_TEST

START_TEST(test_r1_hebb_soft)
{
    pbn_config c;
    double ch[4];
    long z[4];
    base(&c);
    c.plastic_ee = PBN_EE_HEBB_SOFT;
    c.eta_ee = 0.05;
    run_pair(&c, ch, z);
    MOVED(PBN_EE);
}
END_TEST

START_TEST(test_r2_hebb_add)
{
    pbn_config c;
    double ch[4];
    long z[4];
    base(&c);
    c.plastic_ee = PBN_EE_HEBB_ADD;
    c.eta_ee = 0.05;
    c.jmin_ee = 22; /* narrow bounds so that gating and freezing happen */
    c.jmax_ee = 27;
    run_pair(&c, ch, z);
    MOVED(PBN_EE);
}
END_TEST

START_TEST(test_r2_bounds_exact)
{
    /* Weights that start exactly on a bound: at Jmin they are frozen for good (no update
       applies at or below Jmin); at Jmax only the pre-spike (depressing) update applies. */
    pbn_config c;
    double ch[4];
    long z[4];
    base(&c);
    c.plastic_ee = PBN_EE_HEBB_ADD;
    c.eta_ee = 0.05;
    c.jmin_ee = c.jee;
    c.jmax_ee = 40;
    run_pair(&c, ch, z);
    ck_assert_msg(ch[PBN_EE] == 0, "weights at Jmin changed (%g)", ch[PBN_EE]);
    base(&c);
    c.plastic_ee = PBN_EE_HEBB_ADD;
    c.eta_ee = 0.05;
    c.jmin_ee = 0;
    c.jmax_ee = c.jee;
    run_pair(&c, ch, z);
    MOVED(PBN_EE);
}
END_TEST

START_TEST(test_r3_kohonen)
{
    pbn_config c;
    double ch[4];
    long z[4];
    base(&c);
    c.plastic_ee = PBN_EE_KOHONEN;
    c.eta_ee = 0.05;
    run_pair(&c, ch, z);
    MOVED(PBN_EE);
}
END_TEST

START_TEST(test_r3_kohonen_eta1_zeros)
{
    /* eta = 1: the first post spike sets every incoming E->E weight to exactly 0, and a
       zero never regrows (paper/model.md section 4) */
    pbn_config c;
    double ch[4];
    long z[4];
    base(&c);
    c.plastic_ee = PBN_EE_KOHONEN;
    c.eta_ee = 1.0;
    run_pair(&c, ch, z);
    ck_assert_msg(z[PBN_EE] > 0, "no E->E weight reached exactly zero");
}
END_TEST

START_TEST(test_r4_istdp)
{
    pbn_config c;
    double ch[4];
    long z[4];
    base(&c);
    c.plastic_ei = PBN_EI_ISTDP;
    c.eta_ei = 0.5;
    run_pair(&c, ch, z);
    MOVED(PBN_EI);
}
END_TEST

START_TEST(test_r4_r5_istdp)
{
    pbn_config c;
    double ch[4];
    long z[4];
    base(&c);
    c.plastic_ei = PBN_EI_ISTDP;
    c.plastic_ii = PBN_II_ISTDP;
    c.eta_ei = 0.5;
    c.eta_ii = 0.5;
    c.rho_i = 23;
    run_pair(&c, ch, z);
    MOVED(PBN_EI);
    MOVED(PBN_II);
}
END_TEST

START_TEST(test_r4_r6_homeo)
{
    pbn_config c;
    double ch[4];
    long z[4];
    base(&c);
    c.plastic_ei = PBN_EI_ISTDP;
    c.plastic_ie = PBN_IE_HOMEO;
    c.eta_ei = 0.5;
    c.eta_ie = 0.5;
    run_pair(&c, ch, z);
    MOVED(PBN_EI);
    MOVED(PBN_IE);
}
END_TEST

START_TEST(test_r7_hebb_soft_ie)
{
    pbn_config c;
    double ch[4];
    long z[4];
    base(&c);
    c.plastic_ie = PBN_IE_HEBB_SOFT;
    c.eta_ie = 0.05;
    c.jmax_ie = 150;
    run_pair(&c, ch, z);
    MOVED(PBN_IE);
}
END_TEST

START_TEST(test_all_hebbian)
{
    /* R1 + R4 + R7 + R5 together, correlated input */
    pbn_config c;
    double ch[4];
    long z[4];
    base(&c);
    c.cx = 0.2;
    c.plastic_ee = PBN_EE_HEBB_SOFT;
    c.plastic_ei = PBN_EI_ISTDP;
    c.plastic_ie = PBN_IE_HEBB_SOFT;
    c.plastic_ii = PBN_II_ISTDP;
    c.eta_ee = 0.02;
    c.eta_ei = 0.3;
    c.eta_ie = 0.02;
    c.eta_ii = 0.3;
    run_pair(&c, ch, z);
    for (int b = 0; b < 4; b++)
        MOVED(b);
}
END_TEST

START_TEST(test_all_homeostatic)
{
    /* R3 + R4 + R6 + R5 together, and R2 + R4 in a second network */
    pbn_config c;
    double ch[4];
    long z[4];
    base(&c);
    c.plastic_ee = PBN_EE_KOHONEN;
    c.plastic_ei = PBN_EI_ISTDP;
    c.plastic_ie = PBN_IE_HOMEO;
    c.plastic_ii = PBN_II_ISTDP;
    c.eta_ee = 0.05;
    c.eta_ei = 0.3;
    c.eta_ie = 0.3;
    c.eta_ii = 0.3;
    run_pair(&c, ch, z);
    for (int b = 0; b < 4; b++)
        MOVED(b);
    base(&c);
    c.seed = 12;
    c.plastic_ee = PBN_EE_HEBB_ADD;
    c.plastic_ei = PBN_EI_ISTDP;
    c.eta_ee = 0.02;
    c.eta_ei = 0.3;
    run_pair(&c, ch, z);
    MOVED(PBN_EE);
    MOVED(PBN_EI);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("dense reference");
    TCase *tc = tcase_create("rules");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_static);
    tcase_add_test(tc, test_input_bursts);
    tcase_add_test(tc, test_r1_hebb_soft);
    tcase_add_test(tc, test_r2_hebb_add);
    tcase_add_test(tc, test_r2_bounds_exact);
    tcase_add_test(tc, test_r3_kohonen);
    tcase_add_test(tc, test_r3_kohonen_eta1_zeros);
    tcase_add_test(tc, test_r4_istdp);
    tcase_add_test(tc, test_r4_r5_istdp);
    tcase_add_test(tc, test_r4_r6_homeo);
    tcase_add_test(tc, test_r7_hebb_soft_ie);
    tcase_add_test(tc, test_all_hebbian);
    tcase_add_test(tc, test_all_homeostatic);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
