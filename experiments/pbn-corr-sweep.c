/*
 * pbn-corr-sweep - the input-correlation sweeps of the paper (paper/model.md section 7):
 *
 *   corr_kohonen   R3 on E->E against cx = linspace(0, 1, 10), from (jee, jei) = (5, -100),
 *                  eta 0.25, at a small and a large N
 *   corr_hebb      R1 on E->E (jmax 25) against cx, from (20, -100) (quick: from (25, -100))
 *   initjei_corr   R4 on I->E under correlated input (cx = 0.1) from 40 initial jei in
 *                  linspace(-250, -50, 40), jee 25, eta 5e-3
 *
 * Seeding: "shared" - at each N one network, one initial state and one input seed for
 * every condition (the input itself differs with cx).  Unlike the originals, the
 * covariances of every cx are stored (they are part of every run's results).
 *
 * Quick-profile reductions (paper -> quick) and why they keep the result (the learning
 * budget eta T is the guide, as in pbn-size-sweep.c):
 *   sizes         1000 and 10000 -> 1000 and 5000: still a small and a large network;
 *   Kohonen       T 200 s -> 100 s (eta 0.25: eta T = 25, paper 50).  The mean-field time
 *                 constant is 0.6 s, but synapses onto slowly firing cells relax at
 *                 eta r: at N 1000, cx 0, the second-half mean weight is 2.16 after 20 s,
 *                 1.95 after 100 s and 1.90 after 200 s (pbn run --set N=1000 --set
 *                 T=200000 --set plastic_ee=kohonen --set eta_ee=0.25 --set jee=5
 *                 --set jei=-100 --series FILE), so the 20 s of an earlier quick profile
 *                 had not converged;
 *   soft Hebbian  eta 1e-3 -> 1e-2, T 1000 s -> 100 s, and the start jee 20 -> 25 = jmax,
 *                 the fixed point at cx = 0.  The claim is that correlations move the fixed
 *                 point only mildly; a run started 20 % below it measures, at this budget
 *                 (eta T = 1), mostly how far it got (synapses onto slow cells lag), not
 *                 where the fixed point is.  Started at jmax, the weight settles within the
 *                 run at every cx, and the shift it shows does not depend on eta
 *                 (N 1000, cx 1: 26.15 at eta 1e-2 and T 100 s, 26.12 at 3e-3 and 200 s,
 *                 26.04 at 1e-3 and 400 s);
 *   initial jei   40 -> 13 initial values over the same range; T 50 s and eta as in the
 *                 paper.  These runs have not converged (the weights still drift along
 *                 the manifold: N 5000, jei0 -250: second-half mean -163 after 50 s, -159
 *                 after 100 s, -152 after 200 s), and converging would take far longer
 *                 than the paper's 50 s: the validation reports them as such.
 */
#include "exp.h"

#include <stdio.h>

int main(int argc, char **argv)
{
    exp_ctx x;
    int rc = exp_init(&x, argc, argv,
                      "Input-correlation sweeps: Kohonen (R3) and soft-bound Hebbian (R1)\n"
                      "against cx, and iSTDP (R4) from many initial weights under cx = 0.1.");
    if (rc >= 0)
        return rc;
    const long sizes[2] = {(long)exp_pick(&x, 300, 1000, 1000),
                           (long)exp_pick(&x, 600, 5000, 10000)};
    char point[64];
    for (int s = 0; s < 2; s++) {
        long N = sizes[s];
        unsigned long seed = 7000 + (unsigned long)N; /* shared at this N */
        int ncx = (int)exp_pick(&x, 4, 10, 10);
        for (int i = 0; i < ncx; i++) {
            double cx = (double)i / (ncx - 1);
            snprintf(point, sizeof point, "N=%ld,cx=%.4f", N, cx);
            pbn_config c;
            if (exp_selected(&x, "corr_kohonen")) {
                exp_defaults(&c);
                c.N = N;
                c.seed = seed;
                c.cx = cx;
                c.T = exp_pick(&x, 5000, 100000, 200000);
                exp_set(&c, "plastic_ee", "kohonen");
                c.eta_ee = 0.25;
                c.jee = 5;
                c.jei = -100;
                exp_add(&x, "corr_kohonen", point, 0, &c);
            }
            if (exp_selected(&x, "corr_hebb")) {
                exp_defaults(&c);
                c.N = N;
                c.seed = seed;
                c.cx = cx;
                c.T = exp_pick(&x, 5000, 100000, 1000000);
                exp_set(&c, "plastic_ee", "hebb_soft");
                c.eta_ee = exp_pick(&x, 2e-2, 1e-2, 1e-3);
                c.jmax_ee = 25;
                c.jee = exp_pick(&x, 25, 25, 20);
                c.jei = -100;
                exp_add(&x, "corr_hebb", point, 0, &c);
            }
        }
        int nj = (int)exp_pick(&x, 4, 13, 40);
        for (int i = 0; i < nj && exp_selected(&x, "initjei_corr"); i++) {
            double jei0 = -250.0 + 200.0 * i / (nj - 1);
            snprintf(point, sizeof point, "N=%ld,jei0=%.3f", N, jei0);
            pbn_config c;
            exp_defaults(&c);
            c.N = N;
            c.seed = seed; /* shared+: network, initial voltages and input */
            c.cx = 0.1;
            c.T = exp_pick(&x, 5000, 50000, 50000);
            exp_set(&c, "plastic_ei", "istdp");
            c.eta_ei = 5e-3;
            c.jee = 25;
            c.jei = jei0;
            exp_add(&x, "initjei_corr", point, 0, &c);
        }
    }
    return exp_run(&x);
}
