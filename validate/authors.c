/*
 * authors.c - the authors' own numbers that a row may compare pbn with (the verdict AS IN
 * THE AUTHORS' RUNS), each with its reading uncertainty, what it is and its source.
 *
 * Why: mean-field theory leaves out some properties of the model (rate heterogeneity,
 * weight-rate correlations at finite N, fast-learning fluctuations).  A deviation of pbn
 * from the theory that the authors' published simulations show as well is a property of
 * the model, not of pbn; one that they do not show is a FAIL.  Only numbers the authors'
 * code prints or their saved figures show are here (digitised values: about one unit of
 * the last digit given), never one of pbn's.  The authors' repository is
 * github.com/alanakil/PlasticBalancedNetsPackage; their plotting notebooks are in
 * original_simulations/plotting_code/.
 */
#include "claims.h"

#include <string.h>

static const vref refs[] = {
    {"pairs_equal_jei", 0.812, 0.012,
     "iSTDP on I->E and I->I (N 5000, T 5000 s, rho 10 / 23 Hz, Jnorm -200, from jei -150, "
     "jii -250), equal learning rates 1e-4: final mean j_ei -98.8 +- 1.5 over the plain "
     "fixed point -121.74: 0.812 +- 0.012 (j_ii -228.6 against -254.35)",
     "plotting_code (EI+II iSTDP notebook; authors_notebooks.tsv section 5, read from the "
     "plot)", 5000, 0},
    {"pairs_slow_ii_jei", 0.800, 0.012,
     "the same with (eta_ei, eta_ii) = (1e-3, 1e-4): final mean j_ei -97.4 +- 1.5 over "
     "-121.74: 0.800 +- 0.012 (the (1e-4, 1e-3) pair never converges: its weights run away "
     "to about -1.5e12)",
     "plotting_code (EI+II iSTDP notebook; authors_notebooks.tsv section 5)", 5000, 0},
    {"pairs_equal_re", 10.0, 0.15, "the equal pair's final E rate, 10.0 +- 0.15 Hz",
     "plotting_code (EI+II iSTDP notebook; authors_notebooks.tsv section 5)", 5000, 0},
    {"pairs_equal_ri", 23.0, 0.2, "the equal pair's final I rate, 23.0 +- 0.2 Hz",
     "plotting_code (EI+II iSTDP notebook; authors_notebooks.tsv section 5)", 5000, 0},
    {"stability_ratio_b12", 0.85, 0.03,
     "Kohonen stability sweep (N 5000, T 200 s, eta 1e-2, from jee 1, jei -100, one run per "
     "b = 1:0.2:4, seed 51): the simulated mean j_ee at 200 s over the theory's stable "
     "fixed point, 1.49/1.748 = 0.85 at b 1.2 (0.80 at b 2.4, 0.78 at b 3.4; read from the "
     "plot, +-0.03)",
     "plotting_code/Stability_analysis_kohonen_ee.ipynb cells 4, 11-13 (read from the plot)",
     5000, 2},
    {"stability_runaway_b", 3.5, 0.1,
     "the same sweep: b = 3.4 stays bounded over 200 s, b = 3.6 runs away at 18 s (the run "
     "stopped by the spike cap), so 3.4 < b_runaway <= 3.6: 3.5 +- 0.1 (the authors' text "
     "says about 3.3)",
     "plotting_code/Stability_analysis_kohonen_ee.ipynb cells 4, 6 (markdown), 13, 14", 5000,
     2},
    {"kohonen_control_centre", -0.158, 0.0034,
     "Kohonen initial-condition control (N 5000, T 5000 s, eta 2e-3, b 2, jei -100, 20 "
     "starts jee0 = 0.1:0.2:3.9): the final mean j_ee rises from about 2.37 (jee0 0.1) to "
     "2.68 (jee0 3.9), 2.525 at the centre jee0 2.0, against the mean-field 3.0: -0.158 "
     "(read from the plot, +-0.01 in j)",
     "plotting_code/diffIC_kohonen.ipynb (figure not saved to a file; read from the plot)",
     5000, 10},
    {"kohonen_control_slope", 0.082, 0.005,
     "the same control: slope of the final j_ee against jee0, (2.68 - 2.37)/3.8 = 0.082 "
     "(+-0.005 from reading both ends to +-0.01)",
     "plotting_code/diffIC_kohonen.ipynb (read from the plot)", 5000, 10},
    {"manifold_offset_sqrtN", 1029, 12,
     "initial-connectivity manifold (N 15000, T 400 s, eta abs(Jnorm) 2e-4, 40 starts "
     "jei0 = -250:5:-55, cx 0): the corrected theory lies below the simulated final j_ei by "
     "5.8 to 10.8, 8.4 on average over the starts; times sqrt(15000): 1029 (+-12 from "
     "reading the mean to +-0.1)",
     "plotting_code/diffIC_eiSTDP.ipynb (read from the plot)", 15000, 0},
    {"manifold_slope_ratio", 0.95, 0.02,
     "the same figure: slope of the corrected theory against the start divided by the "
     "simulation's, about 0.95 (from the digitised points; R^2 of the corrected theory "
     "about 0.91)",
     "plotting_code/diffIC_eiSTDP.ipynb (read from the plot)", 15000, 0},
};

const vref *vref_find(const char *key)
{
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++)
        if (!strcmp(refs[i].key, key))
            return &refs[i];
    return NULL;
}

size_t vref_count(void) { return sizeof refs / sizeof refs[0]; }
const vref *vref_at(size_t i) { return i < vref_count() ? &refs[i] : NULL; }
