/*
 * pbn-variants - single long runs that compare rule variants (paper/model.md section 7,
 * "Further experiments"):
 *
 *   pairs_istdp    R4 on I->E and R5 on I->I together (rho_e 10 Hz, rho_i 23 Hz, Jnorm
 *                  -200 for both), from (jee, jei) = (25, -150), jii -250, cx 0, N 5000,
 *                  T 5000 s, with three pairs of learning rates (eta_ei, eta_ii):
 *                  "equal" (1e-4, 1e-4), "slow_ei" (1e-4, 1e-3: I->E the slower) and
 *                  "slow_ii" (1e-3, 1e-4: I->I the slower).  The theory has one fixed point, both rates pinned.
 *   hebb_variants  Hebbian rules on E->E side by side from (25, -150), cx 0, N 5000:
 *                  "classic" additive without bounds (R2, bounds +-1e20, eta 5e-3,
 *                  T 500 s: no rate fixed point, it runs away), "hard" additive with
 *                  bounds [0, 50] (eta 1e-3, T 5000 s) and "soft" bound (R1, jmax 30,
 *                  eta 5e-3 as in the authors' plotted run, T 10^4 s; converges to jmax).
 *
 * Seeding: one network for the variants of each experiment (seeding "shared": the rule is
 * the only difference).  These runs record 1000 synapse trajectories (n_syn_samples) for
 * the weight histograms and traces.
 *
 * Quick-profile reductions (paper -> quick) and why they keep the result.  N 5000 -> 2000
 * and learning 10 times faster in the rule's own units, so that each run covers the
 * paper's learning budget in a tenth of its duration:
 *   iSTDP steps change j by eta sqrt(N)/|jnorm| per spike, so eta is scaled by
 *   10 sqrt(5000/2000) = 15.8 (eta sqrt(N) ten times the paper's: a step of 3.5e-4 of
 *   the weight for the base rate, still slow learning) and T 5000 s -> 500 s: the equal
 *   pair's damped oscillation (period about 1000 s in the authors' run) then has a period
 *   near 100 s and the same number of periods within the run;
 *   R2's step in j is eta sqrt(N) x as well: the same scaling (classic T 500 s -> 50 s,
 *   hard T 5000 s -> 500 s);
 *   R1's step does not depend on N: eta x 10 (5e-2), T 10^4 s -> 500 s (half the paper's
 *   budget eta T: its mean-field time constant 1/(eta tau r_e^2) is then about 3 s, and
 *   the authors' mean weight at the matching time, 2500 s, is within 1 % of its value at
 *   5000 s).
 */
#include "exp.h"

#include <math.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    exp_ctx x;
    int rc = exp_init(&x, argc, argv,
                      "Rule variants: iSTDP on I->E and I->I with three pairs of learning rates,\n"
                      "and the Hebbian rules (additive unbounded, hard bounds, soft bound) side by side.");
    if (rc >= 0)
        return rc;
    const long N = (long)exp_pick(&x, 500, 2000, 5000);
    /* learning-rate factor for rules whose step in j grows like sqrt(N) */
    const double fN = exp_pick(&x, 100 * sqrt(5000.0 / 500), 10 * sqrt(5000.0 / 2000), 1);
    const double tf = exp_pick(&x, 1000, 10, 1); /* duration divisor */
    if (exp_selected(&x, "pairs_istdp")) {
        static const char *const names[3] = {"equal", "slow_ei", "slow_ii"};
        static const double eei[3] = {1e-4, 1e-4, 1e-3}, eii[3] = {1e-4, 1e-3, 1e-4};
        for (int k = 0; k < 3; k++) {
            pbn_config c;
            exp_defaults(&c);
            c.N = N;
            c.seed = 5500; /* shared */
            c.T = 5000000 / tf;
            exp_set(&c, "plastic_ei", "istdp");
            exp_set(&c, "plastic_ii", "istdp");
            c.eta_ei = eei[k] * fN;
            c.eta_ii = eii[k] * fN;
            c.rho_e = 10;
            c.rho_i = 23;
            c.jnorm_ei = -200;
            c.jnorm_ii = -200;
            c.jee = 25;
            c.jei = -150;
            c.jii = -250;
            c.n_syn_samples = 1000;
            exp_add(&x, "pairs_istdp", names[k], 0, &c);
        }
    }
    if (exp_selected(&x, "hebb_variants")) {
        static const char *const names[3] = {"classic", "hard", "soft"};
        for (int k = 0; k < 3; k++) {
            pbn_config c;
            exp_defaults(&c);
            c.N = N;
            c.seed = 5600; /* shared */
            c.jee = 25;
            c.jei = -150;
            c.n_syn_samples = 1000;
            if (k < 2) {
                exp_set(&c, "plastic_ee", "hebb_add");
                c.eta_ee = (k == 0 ? 5e-3 : 1e-3) * fN;
                c.jmin_ee = k == 0 ? -1e20 : 0;
                c.jmax_ee = k == 0 ? 1e20 : 50;
                c.T = (k == 0 ? 500000 : 5000000) / tf;
            } else {
                exp_set(&c, "plastic_ee", "hebb_soft");
                c.eta_ee = 5e-3 * (tf > 1 ? 10 : 1); /* smoke as quick: R1 is N-free */
                c.jmax_ee = 30;
                c.T = 10000000 / (tf > 1 ? 2 * tf : 1);
            }
            exp_add(&x, "hebb_variants", names[k], 0, &c);
        }
    }
    return exp_run(&x);
}
