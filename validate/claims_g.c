/*
 * claims_g.c - G: the rules have the paper's learning windows.
 *
 * The paper draws each rule's window analytically: the weight change caused by one
 * presynaptic and one postsynaptic spike at lag t_post - t_pre, made of exponential
 * traces with time constant tau_STDP.  Here each window is measured from the library
 * (pbn_rule_pair: one synapse, the simulator's own update arithmetic and step order)
 * and compared with the paper's equations written out independently below, with
 * continuous traces exp(-|lag|/tau).  These rows need no run from the database.
 *
 * Statistic: the largest deviation of the measured window from the analytic one over
 * the lags 0 < |lag| <= 5 tau (every step), relative to the amplitude of the window's
 * trace term (the largest change the exponential part makes: the window minus its
 * value with the other side's trace at zero).
 * The simulator's traces are forward Euler, (1 - dt/tau)^n instead of exp(-n dt/tau):
 * relative to the trace term's amplitude that differs by at most about (dt/tau)/(2e) (to first
 * order in dt/tau: the maximum over n of
 * n (dt/tau)^2/2 exp(-n dt/tau)).  The allowance is half of dt/tau, above that bound; the
 * alternative is a trace one step early or late, which changes the window near lag 0 by
 * the fraction dt/tau of that amplitude.  Wrong signs, sides, amplitudes or time constants
 * deviate by far more.  Windows are taken at tau_STDP = 20 ms, as the paper draws them
 * (so 5 tau spans 1000 steps), N 5000, eta 0.01.
 */
#include "claims.h"

#include <math.h>
#include <string.h>

static const char tolw[] = "(dt/tau)/2: above the forward-Euler trace's own deviation, about "
                           "(dt/tau)/(2e) of the trace term";

/* The rules, in the table's order: the settings (applied to the defaults), the block,
   the weight before the pair. */
typedef struct grule {
    const char *sets[4];
    int block;
    double j0;
} grule;

static const grule rules[] = {
    {{"plastic_ee=hebb_soft", "eta_ee=0.01", "jmax_ee=30", NULL}, PBN_EE, 25},
    {{"plastic_ee=hebb_add", "eta_ee=0.01", "jmin_ee=0", "jmax_ee=50"}, PBN_EE, 25},
    {{"plastic_ee=kohonen", "eta_ee=0.01", "beta=2", NULL}, PBN_EE, 1},
    {{"plastic_ei=istdp", "eta_ei=0.01", "rho_e=10", NULL}, PBN_EI, -150},
    {{"plastic_ei=istdp", "plastic_ii=istdp", "eta_ii=0.01", "rho_i=20"}, PBN_II, -250},
    {{"plastic_ie=homeo", "eta_ie=0.01", "rho_ie=23", NULL}, PBN_IE, 100},
    {{"plastic_ie=hebb_soft", "eta_ie=0.01", "jmax_ie=112.5", NULL}, PBN_IE, 100},
};

#define GCL(id, rule, what)                                                                \
    {id, "the learning window of " rule " is the paper's: " what, "windows",                \
     "pbn_rule_pair at every lag 0 < |lag| <= 5 tau (tau_STDP 20 ms, N 5000, eta 0.01)",    \
     "largest |measured - analytic| / amplitude of the trace term", VS_AT_MOST, 0, "", tolw,         \
     "0: the paper's window (exponential traces)",                                         \
     "a trace one step early or late: dt/tau", NULL, 0, 0}

static const vclaim claims[] = {
    GCL("G1", "R1 (soft-bound Hebbian)", "+eta jmax e^-lag/tau after a pre spike, "
        "-eta j e^-|lag|/tau before it"),
    GCL("G2", "R2 (additive Hebbian)", "+-eta sqrt(N) e^-|lag|/tau within the bounds"),
    GCL("G3", "R3 (Kohonen)", "-eta j, plus eta b e^-|lag|/tau when the post spike is first"),
    GCL("G4", "R4 (iSTDP on I->E)", "|j| changes by eta sqrt(N) |j|/|jnorm| (e^-|lag|/tau - "
        "alpha_e)"),
    GCL("G5", "R5 (iSTDP on I->I)", "as R4 with alpha_i"),
    GCL("G6", "R6 (homeostatic E->I)", "j changes by eta sqrt(N) j/jnorm (alpha_ie - "
        "e^-|lag|/tau)"),
    GCL("G7", "R7 (soft-bound Hebbian on E->I)", "as R1 with jmax_ie"),
};

/* The paper's window of rule k (exact products of its two spike updates), in unscaled
   units, with the other side's trace E at the second spike (exp(-|lag|/tau)).    Written from paper/model.md section 4, not from the
   library. */
static double analytic(const pbn_config *c, int k, double j0, double lag_ms, double E)
{
    double sq = sqrt((double)c->N), tau = c->tau_stdp;
    double J = j0 / sq, eta, a;
    int pre_first = lag_ms > 0;
    switch (k) {
    case 0: case 6: /* soft Hebbian: pre J -= eta x J; post J += eta x Jmax */
        eta = k == 0 ? c->eta_ee : c->eta_ie;
        a = (k == 0 ? c->jmax_ee : c->jmax_ie) / sq;
        return (pre_first ? eta * E * a : -eta * E * J) * sq;
    case 1: /* additive, within the bounds: pre J -= eta x; post J += eta x */
        return (pre_first ? c->eta_ee * E : -c->eta_ee * E) * sq;
    case 2: { /* Kohonen: pre J += eta beta x; post J -= eta J */
        double eb = c->eta_ee * c->beta / sq;
        double J1 = pre_first ? J - c->eta_ee * J : (J - c->eta_ee * J) + eb * E;
        return (J1 - J) * sq;
    }
    default: { /* homeostatic: pre J -= eta (x - alpha) J; post J -= eta x J */
        double rho = k == 3 ? c->rho_e : k == 4 ? c->rho_i : c->rho_ie;
        double jn = k == 3 ? c->jnorm_ei : k == 4 ? c->jnorm_ii : c->jnorm_ie;
        double e = (k == 3 ? c->eta_ei : k == 4 ? c->eta_ii : c->eta_ie) / (jn / sq);
        double al = 2 * rho * 1e-3 * tau;
        double J1 = pre_first ? J * (1 + e * al) * (1 - e * E) : J * (1 - e * (E - al));
        return (J1 - J) * sq;
    }
    }
}

void claims_G(vctx *v)
{
    vbuf *nb = &v->notes;
    bprintf(nb, "\n### G. The rules' learning windows\n\n"
                "Each window is measured with the simulator's own update code (pbn_rule_pair: "
                "one synapse, one pre and one post spike, traces from zero, the step order "
                "of a run) and compared with the paper's equations with exponential traces; "
                "tau_STDP 20 ms as the paper draws them, N 5000, eta 0.01.  Figure: "
                "fig_windows.\n\n");
    for (size_t k = 0; k < sizeof claims / sizeof claims[0]; k++) {
        const vclaim *c = &claims[k];
        vrow *row = vrow_new(v, c);
        if (!row)
            return;
        pbn_config cfg;
        pbn_error err = {0, ""};
        pbn_config_defaults(&cfg);
        cfg.N = 5000;
        cfg.tau_stdp = 20;
        int ok = 1;
        for (int s = 0; s < 4 && rules[k].sets[s] && ok; s++)
            ok = pbn_config_set_pair(&cfg, rules[k].sets[s], &err) == PBN_OK;
        if (ok)
            ok = pbn_config_validate(&cfg, &err) == PBN_OK;
        long n = lround(5 * cfg.tau_stdp / cfg.dt);
        double peak = 0, dev = 0, at = 0;
        for (long l = -n; l <= n && ok; l++) {
            if (l == 0)
                continue; /* one step: neither spike sees the other (no analytic limit) */
            double dj, lag = (double)l * cfg.dt;
            if (pbn_rule_pair(&cfg, rules[k].block, rules[k].j0, l, &dj, &err) != PBN_OK) {
                ok = 0;
                break;
            }
            double y = analytic(&cfg, (int)k, rules[k].j0, lag, exp(-fabs(lag) / cfg.tau_stdp));
            /* the amplitude of the trace's part of the window */
            peak = fmax(peak, fabs(y - analytic(&cfg, (int)k, rules[k].j0, lag, 0)));
            if (fabs(dj - y) > dev) {
                dev = fabs(dj - y);
                at = lag;
            }
        }
        if (!ok || !(peak > 0)) {
            vrow_notrun(row, ok ? "the analytic window is zero" : err.msg);
            continue;
        }
        double ds = cfg.dt / cfg.tau_stdp;
        row->t.x = dev / peak;
        row->t.se = 0;
        row->t.pred = 0;
        row->t.alt = ds;
        row->t.tol = ds / 2;
        snprintf(row->data, sizeof row->data, "pbn_rule_pair, %ld lags 0 < |lag| <= %g ms, "
                 "j0 %g", 2 * n, 5 * cfg.tau_stdp, rules[k].j0);
        vrow_decide(row);
        bprintf(nb, "- **%s**: largest deviation %.3g of the trace term's amplitude %.4g at lag %g ms "
                    "(bound of the Euler trace %.3g).\n",
                c->id, dev / peak, peak, at, ds / (2 * M_E));
    }
}
