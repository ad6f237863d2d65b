/*
 * pbn-slow - slow learning is required (paper/model.md section 7, "Further experiments":
 * time-scale separation): the mean-field fixed points assume that the weights change
 * slowly next to the rates; the paper shows the theory holding for small learning rates
 * and failing as eta approaches 1.
 *
 *   slow_kohonen   R3 (b 2) from (1, -100)        eta in {1e-4, 1e-3, 1e-2, 1e-1, 1}
 *   slow_istdp     R4 (rho_e 10 Hz) from (25, -150)
 *   slow_hebb      R1 (jmax 30) from (25, -150)
 * N 5000, cx 0, T 5000 s, one network per rule (seeding "shared": eta is the only
 * difference).
 *
 * Quick-profile reductions (paper -> quick) and why they keep the result: N 5000 -> 2000;
 * the smallest learning rate 1e-4 -> 3e-3 and 1e-3 left out (their runs would need more
 * than 700 s each), so that every run lasts at least five mean-field time constants of
 * R1 and R3 (1/(eta tau r_e^2) and 1/(eta r_e), about 45 s at eta 3e-3): T = 250 s
 * (eta 3e-3), 150 s (1e-2) and 60 s (1e-1, 1); R4 is faster still (its steps are
 * eta sqrt(N)/200 of the weight per spike).  The grid still spans from slow learning to
 * eta = 1, which is where the claim is decided.  (A first quick profile had eta 1e-3
 * for 300 s, two time constants: its soft-Hebbian reference run had not reached its
 * fixed point while passing the drift criterion, so it could not test the claim.)
 */
#include "exp.h"

#include <stdio.h>

int main(int argc, char **argv)
{
    exp_ctx x;
    int rc = exp_init(&x, argc, argv,
                      "Slow learning is required: Kohonen, iSTDP on I->E and soft Hebbian at learning\n"
                      "rates from 1e-4 to 1, next to the mean-field fixed points.");
    if (rc >= 0)
        return rc;
    static const char *const exps[3] = {"slow_kohonen", "slow_istdp", "slow_hebb"};
    static const double etas[5] = {1e-4, 1e-3, 1e-2, 1e-1, 1};
    static const double quick_eta0 = 3e-3; /* the quick profile's smallest eta (below) */
    char point[64];
    for (int e = 0; e < 3; e++) {
        if (!exp_selected(&x, exps[e]))
            continue;
        for (int k = x.profile == PROFILE_PAPER ? 0 : 1; k < 5; k++) {
            double eta = x.profile == PROFILE_QUICK && k == 1 ? quick_eta0 : etas[k];
            pbn_config c;
            exp_defaults(&c);
            c.N = (long)exp_pick(&x, 500, 2000, 5000);
            c.seed = 8100 + (unsigned long)e; /* shared within a rule */
            c.T = x.profile == PROFILE_PAPER ? 5000000
                  : exp_pick(&x, 5000, k == 1 ? 250000 : k == 2 ? 150000 : 60000, 0);
            if (e == 0) {
                exp_set(&c, "plastic_ee", "kohonen");
                c.eta_ee = eta;
                c.jee = 1;
                c.jei = -100;
            } else if (e == 1) {
                exp_set(&c, "plastic_ei", "istdp");
                c.eta_ei = eta;
                c.rho_e = 10;
                c.jee = 25;
                c.jei = -150;
            } else {
                exp_set(&c, "plastic_ee", "hebb_soft");
                c.eta_ee = eta;
                c.jmax_ee = 30;
                c.jee = 25;
                c.jei = -150;
            }
            snprintf(point, sizeof point, "eta=%g", eta);
            exp_add(&x, exps[e], point, 0, &c);
        }
    }
    return exp_run(&x);
}
