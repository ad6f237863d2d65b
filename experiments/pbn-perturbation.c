/*
 * pbn-perturbation - the non-plastic perturbation sweeps (paper/model.md section 7,
 * "Further experiments"): static networks under correlated input (cx = 0.1), where the
 * recurrent weights are moved by hand instead of by a rule, to test that the covariance
 * theory follows the weights:
 *
 *   perturb_jee   jee = linspace(1, 20, 10), jei -100, N 10^4
 *   perturb_jei   jei = linspace(-150, -100, 8), jee 25, N 5000
 *
 * T 100 s each.  Seeding: "shared" - one network (connectivity, initial state and input
 * seed) for every weight of a sweep, so the weight is the only difference.
 *
 * Quick-profile reductions (paper -> quick) and why they keep the result:
 *   perturb_jee  N 10^4 -> 5000 and T 100 s -> 30 s: the linear-response covariance is
 *                O(1) at cx > 0 (it does not shrink with N), and 30 s give 60 windows
 *                of 250 ms in the second half over 1000 sampled pairs per type, a
 *                standard error of the mean covariance of a few per cent of its value;
 *   perturb_jei  T 100 s -> 30 s (the same reason); N and the weights as in the paper.
 */
#include "exp.h"

#include <stdio.h>

static void add(exp_ctx *x, const char *name, long N, double jee, double jei)
{
    char point[64];
    snprintf(point, sizeof point, "jee=%.4g,jei=%.4g", jee, jei);
    pbn_config c;
    exp_defaults(&c);
    c.N = N;
    c.seed = 9000 + (unsigned long)N; /* shared within a sweep */
    c.cx = 0.1;
    c.T = exp_pick(x, 5000, 30000, 100000);
    c.jee = jee;
    c.jei = jei;
    exp_add(x, name, point, 0, &c);
}

int main(int argc, char **argv)
{
    exp_ctx x;
    int rc = exp_init(&x, argc, argv,
                      "Non-plastic perturbation: covariances of static networks under correlated\n"
                      "input (cx 0.1) against jee and against jei, next to the covariance theory.");
    if (rc >= 0)
        return rc;
    if (exp_selected(&x, "perturb_jee")) {
        int n = (int)exp_pick(&x, 4, 10, 10);
        for (int k = 0; k < n; k++)
            add(&x, "perturb_jee", (long)exp_pick(&x, 500, 5000, 10000),
                1 + 19.0 * k / (n - 1), -100);
    }
    if (exp_selected(&x, "perturb_jei")) {
        int n = (int)exp_pick(&x, 4, 8, 8);
        for (int k = 0; k < n; k++)
            add(&x, "perturb_jei", (long)exp_pick(&x, 500, 5000, 5000), 25,
                -150 + 50.0 * k / (n - 1));
    }
    return exp_run(&x);
}
