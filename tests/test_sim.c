/*
 * test_sim.c - whole runs: balance, determinism, divergence, interruption, and the
 * spike-count statistics against a brute-force covariance matrix.
 */
#include <check.h>
#include <gsl/gsl_linalg.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbn/pbn.h"
#include "check_run.h"

static pbn_sim *run(const pbn_config *c)
{
    pbn_error err;
    pbn_sim *s = pbn_sim_create(c, &err);
    ck_assert_msg(s != NULL, "%s", err.msg);
    ck_assert_msg(pbn_sim_run(s, &err) == PBN_OK, "%s", err.msg);
    return s;
}

/* r = -W^-1 Wx rx for a 2x2 W (solved independently of the theory module). */
static void balanced_rates(const double W[2][2], const double Wx[2], double rx, double r[2])
{
    double det = W[0][0] * W[1][1] - W[0][1] * W[1][0];
    r[0] = -(W[1][1] * Wx[0] - W[0][1] * Wx[1]) * rx / det;
    r[1] = -(-W[1][0] * Wx[0] + W[0][0] * Wx[1]) * rx / det;
}

/*
 * Balance at N = 2000 and 8000 (defaults, no plasticity, T = 4 s, statistics over the
 * second half).
 * - Balance: the net input E + I + X of each population is a small part of its
 *   components (|total| / (|E| + |I| + |X|) < 0.2; measured about 0.08 at N = 2000, and
 *   an unbalanced network, e.g. one without inhibition, is near 1).
 * - Recording identity: the recorded mean currents are sqrt(N) W_ab r_b (1 - dt/tau_b)
 *   (paper/model.md section 3: sampled after one decay), X included, within 4%: the X count
 *   over the 2 s half has a relative s.d. near 1% and in-degrees vary by a few percent.
 * - Rates near -W^-1 Wx rx: the balanced solution holds up to O(1/sqrt N); the
 *   correction is W_eff^-1 c / sqrt(N), c the net input (O(1) by balance), about -10%
 *   (E) and -20% (I) at N = 2000.  Tolerance 25% at N = 2000, and the error must shrink
 *   at N = 8000 (where it is expected near half as large: 1/sqrt(4)).
 */
START_TEST(test_balance)
{
    const long Ns[2] = {2000, 8000};
    double err_prev[2] = {1e9, 1e9};
    for (int n = 0; n < 2; n++) {
        pbn_config c;
        pbn_config_defaults(&c);
        c.N = Ns[n];
        c.T = 4000;
        pbn_sim *s = run(&c);
        const pbn_results *r = pbn_sim_results(s);
        ck_assert_int_eq(r->status, PBN_RUN_OK);
        double q[2] = {0.8, 0.2}, qx = 0.2, sq = sqrt((double)c.N);
        double J[2][2] = {{c.jee, c.jei}, {c.jie, c.jii}}, Jx[2] = {c.jex, c.jix};
        double W[2][2], Wx[2], r0[2];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++)
                W[a][b] = c.p * J[a][b] * q[b];
            Wx[a] = c.p * Jx[a] * qx;
        }
        balanced_rates(W, Wx, c.rx * 1e-3, r0);
        double rsim[2] = {r->rate_e * 1e-3, r->rate_i * 1e-3};
        double decay[3] = {1 - c.dt / c.tau_e, 1 - c.dt / c.tau_i, 1 - c.dt / c.tau_x};
        for (int a = 0; a < 2; a++) {
            const double *in = r->input[a];
            double ratio = fabs(in[3]) / (fabs(in[0]) + fabs(in[1]) + fabs(in[2]));
            ck_assert_msg(ratio < 0.2, "N %ld pop %d not balanced: %g", c.N, a, ratio);
            for (int b = 0; b < 2; b++) {
                double expect = sq * W[a][b] * rsim[b] * decay[b];
                ck_assert_msg(fabs(in[b] - expect) < 0.04 * fabs(expect),
                              "N %ld: input %d<-%d %g, expected %g", c.N, a, b, in[b], expect);
            }
            double expect_x = sq * Wx[a] * c.rx * 1e-3 * decay[2];
            ck_assert_msg(fabs(in[2] - expect_x) < 0.04 * expect_x, "N %ld: X input %g vs %g",
                          c.N, in[2], expect_x);
            double rel = fabs(rsim[a] - r0[a]) / r0[a];
            if (getenv("PBN_TEST_VERBOSE"))
                printf("N %ld pop %d: rate %g Hz, theory %g Hz, rel err %g, balance ratio %g\n",
                       c.N, a, rsim[a] * 1e3, r0[a] * 1e3, rel, ratio);
            ck_assert_msg(rel < 0.25, "N %ld pop %d: rate %g Hz vs balanced %g Hz", c.N, a,
                          rsim[a] * 1e3, r0[a] * 1e3);
            ck_assert_msg(rel < err_prev[a], "N %ld pop %d: error %g did not shrink (%g)", c.N,
                          a, rel, err_prev[a]);
            err_prev[a] = rel;
        }
        pbn_sim_free(s);
    }
}
END_TEST

static pbn_config small_plastic(void)
{
    pbn_config c;
    pbn_config_defaults(&c);
    c.N = 300;
    c.T = 1000;
    c.rx = 20;
    c.cx = 0.1;
    c.plastic_ei = PBN_EI_ISTDP;
    c.eta_ei = 0.1;
    c.record_spikes = 1;
    c.seed = 5;
    return c;
}

static void expect_same(const pbn_results *a, const pbn_results *b, int same)
{
    pbn_metric ma[PBN_MAX_METRICS], mb[PBN_MAX_METRICS];
    size_t n = pbn_results_metrics(a, ma, PBN_MAX_METRICS);
    pbn_results_metrics(b, mb, PBN_MAX_METRICS);
    int identical = a->n_raster == b->n_raster &&
                    memcmp(a->raster_t, b->raster_t, a->n_raster * sizeof *a->raster_t) == 0 &&
                    memcmp(a->raster_id, b->raster_id, a->n_raster * sizeof *a->raster_id) == 0;
    if (same) {
        ck_assert_msg(identical, "rasters differ");
        for (size_t i = 0; i < n; i++) {
            const char *nm = ma[i].name;
            if (!strcmp(nm, "build_s") || !strcmp(nm, "run_s") || !strcmp(nm, "wall_per_sim_s"))
                continue; /* wall-clock times */
            ck_assert_msg(memcmp(&ma[i].value, &mb[i].value, sizeof(double)) == 0,
                          "%s differs: %.17g vs %.17g", nm, ma[i].value, mb[i].value);
        }
        ck_assert_int_eq(memcmp(a->wsample[PBN_EI], b->wsample[PBN_EI],
                                a->n_wsample[PBN_EI] * sizeof(double)),
                         0);
    } else {
        ck_assert_msg(!identical, "different seeds gave the same raster");
    }
}

START_TEST(test_determinism)
{
    pbn_config c = small_plastic();
    pbn_sim *a = run(&c), *b = run(&c);
    expect_same(pbn_sim_results(a), pbn_sim_results(b), 1);
    pbn_config d = c;
    d.seed = 6;
    pbn_sim *e = run(&d);
    expect_same(pbn_sim_results(a), pbn_sim_results(e), 0);
    /* a shared network: same seed_net, other seeds differ */
    c.seed_net = 1234;
    d.seed_net = 1234;
    pbn_sim *f = run(&c), *g = run(&d);
    const pbn_net *nf = pbn_sim_net(f), *ng = pbn_sim_net(g), *na = pbn_sim_net(a);
    for (int bi = 0; bi < PBN_NBLOCKS; bi++) {
        ck_assert_uint_eq(nf->b[bi].nnz, ng->b[bi].nnz);
        ck_assert_int_eq(memcmp(nf->b[bi].post, ng->b[bi].post, nf->b[bi].nnz * 2), 0);
    }
    ck_assert(na->b[PBN_EE].nnz != nf->b[PBN_EE].nnz ||
              memcmp(na->b[PBN_EE].post, nf->b[PBN_EE].post, na->b[PBN_EE].nnz * 2) != 0);
    expect_same(pbn_sim_results(f), pbn_sim_results(g), 0);
    pbn_sim_free(a);
    pbn_sim_free(b);
    pbn_sim_free(e);
    pbn_sim_free(f);
    pbn_sim_free(g);
}
END_TEST

START_TEST(test_divergence)
{
    /* weak inhibition: runaway excitation, far above the 50 Hz budget */
    pbn_config c;
    pbn_config_defaults(&c);
    c.N = 300;
    c.T = 2000;
    c.jei = -10;
    c.jii = -10;
    c.jee = 60;
    c.dt_record = 10;
    pbn_sim *s = run(&c);
    const pbn_results *r = pbn_sim_results(s);
    ck_assert_int_eq(r->status, PBN_RUN_DIVERGED);
    ck_assert_str_eq(pbn_run_status_name(r->status), "diverged");
    ck_assert(r->steps_done < r->n_steps);
    ck_assert(r->spikes_total > r->spike_budget);
    ck_assert_uint_eq(r->spike_budget, (uint64_t)ceil(0.05 * 300 * 2000));
    /* what was recorded up to the stop is kept: every bin up to the last step */
    ck_assert_uint_eq(r->n_bins, (r->steps_done + 99) / 100);
    ck_assert(fabs(r->t_bin[r->n_bins - 1] - r->t_end) < 1e-9);
    for (size_t b = 0; b < r->n_bins; b++)
        ck_assert(isfinite(r->rate_t[0][b]) && isfinite(r->wmean_t[PBN_EE][b]));
    ck_assert(isfinite(r->rate_e_whole) && r->rate_e_whole > 50);
    ck_assert_int_eq(r->diverged_reason, 1);
    ck_assert_str_eq(pbn_diverged_reason_name(r->diverged_reason), "spike_budget");
    ck_assert_str_eq(pbn_diverged_reason_name(PBN_DIVERGED_NONFINITE), "nonfinite");
    ck_assert_str_eq(pbn_diverged_reason_name(7), "unknown");
    pbn_sim_free(s);
}
END_TEST

START_TEST(test_nonfinite)
{
    /* R1 with eta x > 2 during bursts: the pre-spike update J -= eta x J flips the sign and
       grows the weight; it becomes infinite, then NaN.  The run must stop as diverged
       (reason 2) at the first recording bin that sees it, keeping what came before. */
    pbn_config c;
    pbn_config_defaults(&c);
    c.N = 300;
    c.T = 3000;
    c.rx = 20;
    c.plastic_ee = PBN_EE_HEBB_SOFT;
    c.eta_ee = 5;
    c.max_rate_hz = 1e5; /* keep the spike budget out of the way */
    c.dt_record = 10;
    pbn_sim *s = run(&c);
    const pbn_results *r = pbn_sim_results(s);
    ck_assert_int_eq(r->status, PBN_RUN_DIVERGED);
    ck_assert_int_eq(r->diverged_reason, 2);
    ck_assert(r->steps_done < r->n_steps);
    ck_assert(!isfinite(r->wmean_t[PBN_EE][r->n_bins - 1]) || !isfinite(r->jfinal[PBN_EE]));
    ck_assert(isfinite(r->wmean_t[PBN_EE][0]));
    pbn_sim_free(s);
}
END_TEST

START_TEST(test_interrupt)
{
    pbn_config c = small_plastic();
    pbn_error err;
    volatile sig_atomic_t flag = 0;
    pbn_sim *s = pbn_sim_create(&c, &err);
    pbn_sim_set_stop_flag(s, &flag);
    ck_assert(pbn_sim_advance(s, 1234, &err) == PBN_OK);
    flag = 1;
    ck_assert(pbn_sim_run(s, &err) == PBN_OK);
    const pbn_results *r = pbn_sim_results(s);
    ck_assert_int_eq(r->status, PBN_RUN_INTERRUPTED);
    ck_assert_uint_eq(r->steps_done, 1234);
    ck_assert(fabs(r->t_end - 123.4) < 1e-9);
    pbn_sim_free(s);
}
END_TEST

/*
 * The no-N x N statistics (stats.c) against the full covariance matrix built here from
 * the raster: counts in cov_window windows over the second half, C over windows with
 * n - 1, distinct-pair means, correlations over non-silent neurons, the originals'
 * diagonal-including E-E means, and the sampled pairs.  Same numbers, different
 * arithmetic: agreement to 1e-9 relative.
 */
START_TEST(test_stats_brute_force)
{
    pbn_config c;
    pbn_config_defaults(&c);
    c.N = 200;
    c.T = 40000;
    c.rx = 15;
    c.cx = 0.2;
    c.record_spikes = 1;
    c.n_pair_samples = 50;
    pbn_sim *s = run(&c);
    const pbn_results *r = pbn_sim_results(s);
    const long N = 200, Ne = 160;
    const long half = (long)(r->n_steps / 2), ws = 2500;
    const long nw = (long)(r->n_steps - (uint64_t)half) / ws;
    ck_assert_uint_eq(r->n_windows, (size_t)nw);
    double *n = calloc((size_t)(nw * N), sizeof *n);
    long spikes_half[2] = {0, 0};
    for (size_t q = 0; q < r->n_raster; q++) {
        long step = lround(r->raster_t[q] / c.dt);
        if (step <= half)
            continue;
        spikes_half[r->raster_id[q] >= Ne]++;
        long w = (step - half - 1) / ws;
        if (w < nw)
            n[w * N + r->raster_id[q]] += 1;
    }
    double half_s = (double)(r->n_steps - (uint64_t)half) * c.dt * 1e-3;
    ck_assert(fabs(r->rate_e - spikes_half[0] / (Ne * half_s)) < 1e-9 * r->rate_e);
    ck_assert(fabs(r->rate_i - spikes_half[1] / ((N - Ne) * half_s)) < 1e-9 * r->rate_i);
    double *mu = calloc(N, sizeof *mu), *C = calloc((size_t)(N * N), sizeof *C);
    for (long j = 0; j < N; j++) {
        for (long w = 0; w < nw; w++)
            mu[j] += n[w * N + j];
        mu[j] /= nw;
    }
    for (long j = 0; j < N; j++)
        for (long k = 0; k < N; k++) {
            double acc = 0;
            for (long w = 0; w < nw; w++)
                acc += (n[w * N + j] - mu[j]) * (n[w * N + k] - mu[k]);
            C[j * N + k] = acc / (nw - 1);
        }
    double sum[3] = {0, 0, 0}, cnt[3] = {0, 0, 0}, rsum[3] = {0, 0, 0}, rcnt[3] = {0, 0, 0};
    double ee_diag = 0, ree_diag = 0, ree_diag_n = 0;
    for (long j = 0; j < N; j++)
        for (long k = 0; k < N; k++) {
            int kind = (j < Ne && k < Ne) ? 0 : (j >= Ne && k >= Ne) ? 2 : 1;
            double R = C[j * N + k] / sqrt(C[j * N + j] * C[k * N + k]);
            int active = C[j * N + j] > 0 && C[k * N + k] > 0;
            if (kind == 0) {
                ee_diag += C[j * N + k];
                if (active) {
                    ree_diag += R;
                    ree_diag_n++;
                }
            }
            if (j == k || (kind == 1 && j >= Ne))
                continue; /* distinct pairs; E-I counted once (j in E, k in I) */
            sum[kind] += C[j * N + k];
            cnt[kind]++;
            if (active) {
                rsum[kind] += R;
                rcnt[kind]++;
            }
        }
    for (int k = 0; k < 3; k++) {
        double cm = sum[k] / cnt[k], rm = rsum[k] / rcnt[k];
        ck_assert_msg(fabs(r->cov[k] - cm) < 1e-9 * fabs(cm) + 1e-12, "cov %d: %.12g vs %.12g",
                      k, r->cov[k], cm);
        ck_assert_msg(fabs(r->corr[k] - rm) < 1e-9 * fabs(rm) + 1e-12, "corr %d: %.12g vs %.12g",
                      k, r->corr[k], rm);
    }
    double ce = ee_diag / (Ne * Ne), re = ree_diag / ree_diag_n;
    ck_assert(fabs(r->cov_ee_orig - ce) < 1e-9 * fabs(ce));
    ck_assert(fabs(r->corr_ee_orig - re) < 1e-9 * fabs(re));
    /* correlated input makes the covariances clearly positive (not a vacuous match) */
    ck_assert(r->cov[0] > 0 && r->corr[0] > 0.01);
    for (int k = 0; k < 3; k++) {
        ck_assert_uint_eq(r->n_pairs[k], 50);
        for (size_t q = 0; q < r->n_pairs[k]; q++) {
            long a = r->pair_a[k][q], b = r->pair_b[k][q];
            ck_assert(a != b);
            ck_assert(fabs(r->pair_cov[k][q] - C[a * N + b]) < 1e-9 * (fabs(C[a * N + b]) + 1e-3));
        }
    }
    free(n);
    free(mu);
    free(C);
    pbn_sim_free(s);
}
END_TEST

START_TEST(test_time_courses)
{
    pbn_config c = small_plastic();
    c.dt_record = 100;
    pbn_sim *s = run(&c);
    const pbn_results *r = pbn_sim_results(s);
    ck_assert_uint_eq(r->n_bins, 10);
    /* bin rates average to the whole-run rate */
    double m = 0;
    for (size_t b = 0; b < r->n_bins; b++)
        m += r->rate_t[0][b];
    ck_assert(fabs(m / 10 - r->rate_e_whole) < 1e-9 * r->rate_e_whole);
    /* the weight trajectory ends at the final mean; samples follow real synapses */
    ck_assert(fabs(r->wmean_t[PBN_EI][9] - r->jfinal[PBN_EI]) < 1e-9 * fabs(r->jfinal[PBN_EI]));
    ck_assert(r->jfinal[PBN_EI] != c.jei);
    ck_assert_uint_eq(r->n_syn[PBN_EI], 20);
    for (size_t q = 0; q < r->n_syn[PBN_EI]; q++) {
        ck_assert(r->syn_post[PBN_EI][q] < 240 && r->syn_pre[PBN_EI][q] >= 240);
        ck_assert(isfinite(r->syn_w[PBN_EI][q * r->n_bins + 9]));
    }
    ck_assert_uint_eq(r->n_syn[PBN_EE], 0);
    ck_assert(r->wmean_t[PBN_EE][5] == c.jee);
    pbn_sim_free(s);
}
END_TEST

/* ---- learning windows (pbn_rule_pair) against the rules' equations ------------------ */

/* The change of one pair from the equations of paper/model.md section 4, written out
   here independently of the simulator: the other side's trace at the second spike is
   (1 - dt/tau)^|lag| (one +1 decayed once per step), the first spike sees a zero
   trace, and in one step both see zero.  Stored units (J = j/sqrt(N)). */
typedef struct wrule {
    int kind; /* 1 soft Hebbian, 2 additive with bounds, 3 Kohonen, 4 homeostatic */
    double eta, a, b; /* eta; Jmax | Jmin | eta*beta | alpha; Jmax (additive) */
} wrule;

static double pair_expected(const wrule *w, double J0, long lag, double ds)
{
    long n = lag < 0 ? -lag : lag;
    double E = lag == 0 ? 0 : pow(1 - ds, (double)n);
    double J = J0;
    int pre_first = lag >= 0;
    for (int spike = 0; spike < 2; spike++) {
        int is_pre = pre_first ? spike == 0 : spike == 1;
        double x = spike == 0 ? 0 : E; /* the other side's trace */
        switch (w->kind) {
        case 1: J = is_pre ? J - w->eta * x * J : (J != 0 ? J + w->eta * x * w->a : J); break;
        case 2: J = is_pre ? ((J > w->a && J != 0) ? J - w->eta * x : J)
                           : ((w->a < J && J < w->b && J != 0) ? J + w->eta * x : J); break;
        case 3: J = is_pre ? (J != 0 ? J + w->a * x : J) : J - w->eta * J; break;
        case 4: J = is_pre ? J - w->eta * (x - w->a) * J : J - w->eta * x * J; break;
        }
    }
    return J - J0;
}

START_TEST(test_rule_pair_windows)
{
    /* every rule, at the paper's parameters and with tau_stdp 20 ms (short lags count) */
    static const char *const sets[][3] = {
        {"plastic_ee=hebb_soft", "eta_ee=0.01", "jmax_ee=30"},
        {"plastic_ee=hebb_add", "eta_ee=0.01", "jmax_ee=50"},
        {"plastic_ee=kohonen", "eta_ee=0.01", "beta=2"},
        {"plastic_ei=istdp", "eta_ei=0.01", "rho_e=10"},
        {"plastic_ii=istdp", "eta_ii=0.01", "rho_i=20"},
        {"plastic_ie=homeo", "eta_ie=0.01", "rho_ie=23"},
        {"plastic_ie=hebb_soft", "eta_ie=0.01", "jmax_ie=112.5"},
    };
    static const int block[] = {PBN_EE, PBN_EE, PBN_EE, PBN_EI, PBN_II, PBN_IE, PBN_IE};
    static const double j0[] = {25, 25, 2, -150, -250, 100, 100};
    static const long lags[] = {-20000, -3001, -200, -17, -2, -1, 0, 1, 2, 17, 200, 3001, 20000};
    for (size_t r = 0; r < sizeof block / sizeof block[0]; r++) {
        pbn_config c;
        pbn_error err = {0, ""};
        pbn_config_defaults(&c);
        c.N = 5000;
        c.tau_stdp = 20;
        if (block[r] == PBN_II)
            ck_assert_int_eq(pbn_config_set_pair(&c, "plastic_ei=istdp", &err), PBN_OK);
        for (int k = 0; k < 3; k++)
            ck_assert_int_eq(pbn_config_set_pair(&c, sets[r][k], &err), PBN_OK);
        ck_assert_int_eq(pbn_config_validate(&c, &err), PBN_OK);
        double sq = sqrt((double)c.N), tau = c.tau_stdp, ds = c.dt / tau;
        wrule w = {0, 0, 0, 0};
        switch (r) {
        case 0: w = (wrule){1, c.eta_ee, c.jmax_ee / sq, 0}; break;
        case 1: w = (wrule){2, c.eta_ee, c.jmin_ee / sq, c.jmax_ee / sq}; break;
        case 2: w = (wrule){3, c.eta_ee, c.eta_ee * (c.beta / sq), 0}; break;
        case 3: w = (wrule){4, c.eta_ei / (c.jnorm_ei / sq), 2 * c.rho_e * 1e-3 * tau, 0}; break;
        case 4: w = (wrule){4, c.eta_ii / (c.jnorm_ii / sq), 2 * c.rho_i * 1e-3 * tau, 0}; break;
        case 5: w = (wrule){4, c.eta_ie / (c.jnorm_ie / sq), 2 * c.rho_ie * 1e-3 * tau, 0}; break;
        case 6: w = (wrule){1, c.eta_ie, c.jmax_ie / sq, 0}; break;
        }
        double J0 = j0[r] / sq;
        double C = fmax(fmax(fabs(J0), fabs(w.a)), fmax(fabs(w.b), 1.0));
        for (size_t q = 0; q < sizeof lags / sizeof lags[0]; q++) {
            double dj;
            ck_assert_int_eq(pbn_rule_pair(&c, block[r], j0[r], lags[q], &dj, &err), PBN_OK);
            double want = pair_expected(&w, J0, lags[q], ds) * sq;
            /* Round-off only: the trace is |lag| subtractions (each within one ulp of x),
               the rest a handful of operations; one step more or less of decay would
               change the second spike's term by a fraction dt/tau = 5e-3, nine orders
               above this bound. */
            long n = lags[q] < 0 ? -lags[q] : lags[q];
            double tol = (4 * DBL_EPSILON * fabs(J0) +
                          (double)(n + 8) * 4 * DBL_EPSILON * fabs(w.eta) * C) * sq;
            ck_assert_msg(fabs(dj - want) <= tol, "rule %zu lag %ld: measured %.17g, "
                          "equations %.17g (tolerance %.3g)", r, lags[q], dj, want, tol);
        }
        /* a weight at exactly zero stays at zero under every rule but R2's pre term
           (which is masked as well) */
        double dz;
        ck_assert_int_eq(pbn_rule_pair(&c, block[r], 0.0, 10, &dz, &err), PBN_OK);
        ck_assert(dz == 0);
    }
}
END_TEST

START_TEST(test_rule_pair_errors)
{
    pbn_config c;
    pbn_error err = {0, ""};
    double dj = 0;
    pbn_config_defaults(&c);
    ck_assert_int_eq(pbn_rule_pair(&c, PBN_EE, 1, 10, &dj, &err), PBN_EINVAL);
    ck_assert(isnan(dj));
    ck_assert(strstr(err.msg, "no plasticity rule") != NULL);
    c.plastic_ee = PBN_EE_KOHONEN;
    ck_assert_int_eq(pbn_rule_pair(&c, PBN_EX, 1, 10, &dj, &err), PBN_EINVAL);
    ck_assert_int_eq(pbn_rule_pair(&c, -1, 1, 10, &dj, &err), PBN_EINVAL);
    ck_assert_int_eq(pbn_rule_pair(&c, PBN_EE, NAN, 10, &dj, &err), PBN_EINVAL);
    ck_assert_int_eq(pbn_rule_pair(&c, PBN_EE, 1, PBN_RULE_PAIR_MAX_LAG + 1, &dj, &err),
                     PBN_EINVAL);
    ck_assert_int_eq(pbn_rule_pair(&c, PBN_EE, 1, 10, NULL, &err), PBN_EINVAL);
    ck_assert_int_eq(pbn_rule_pair(&c, PBN_EE, 1, -10, &dj, &err), PBN_OK);
    ck_assert(isfinite(dj));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("simulation");
    TCase *tc = tcase_create("sim");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_balance);
    tcase_add_test(tc, test_determinism);
    tcase_add_test(tc, test_divergence);
    tcase_add_test(tc, test_nonfinite);
    tcase_add_test(tc, test_interrupt);
    tcase_add_test(tc, test_stats_brute_force);
    tcase_add_test(tc, test_time_courses);
    tcase_add_test(tc, test_rule_pair_windows);
    tcase_add_test(tc, test_rule_pair_errors);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
