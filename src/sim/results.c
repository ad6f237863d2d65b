/*
 * results.c - the summary of a run as named metrics.
 *
 * One list serves the "key = value" summary of `pbn run`, the results database and the
 * experiment programs, so every consumer sees the same names.
 */
#include "pbn/pbn_sim.h"

#include <math.h>
#include <stdio.h>

size_t pbn_results_metrics(const pbn_results *r, pbn_metric *out, size_t max)
{
    const pbn_metric m[] = {
        {"rate_e_hz", r->rate_e},
        {"rate_i_hz", r->rate_i},
        {"rate_e_whole_hz", r->rate_e_whole},
        {"rate_i_whole_hz", r->rate_i_whole},
        {"jee_mean", r->jmean[PBN_EE]},
        {"jei_mean", r->jmean[PBN_EI]},
        {"jie_mean", r->jmean[PBN_IE]},
        {"jii_mean", r->jmean[PBN_II]},
        {"jee_final", r->jfinal[PBN_EE]},
        {"jei_final", r->jfinal[PBN_EI]},
        {"jie_final", r->jfinal[PBN_IE]},
        {"jii_final", r->jfinal[PBN_II]},
        {"cov_ee", r->cov[PBN_PAIR_EE]},
        {"cov_ei", r->cov[PBN_PAIR_EI]},
        {"cov_ii", r->cov[PBN_PAIR_II]},
        {"corr_ee", r->corr[PBN_PAIR_EE]},
        {"corr_ei", r->corr[PBN_PAIR_EI]},
        {"corr_ii", r->corr[PBN_PAIR_II]},
        {"cov_ee_orig", r->cov_ee_orig},
        {"corr_ee_orig", r->corr_ee_orig},
        {"var_e", r->var_mean[0]},
        {"var_i", r->var_mean[1]},
        {"input_e", r->input[0][0]},
        {"input_i", r->input[0][1]},
        {"input_x", r->input[0][2]},
        {"input_total", r->input[0][3]},
        {"ipop_input_e", r->input[1][0]},
        {"ipop_input_i", r->input[1][1]},
        {"ipop_input_x", r->input[1][2]},
        {"ipop_input_total", r->input[1][3]},
        {"n_windows", (double)r->n_windows},
        {"steps_done", (double)r->steps_done},
        {"t_end_ms", r->t_end},
        {"spikes_total", (double)r->spikes_total},
        {"spike_budget", (double)r->spike_budget},
        {"diverged_reason", (double)r->diverged_reason},
        {"x_spikes", (double)r->x_spikes},
        {"x_late", (double)r->x_late},
        {"build_s", r->build_s},
        {"run_s", r->run_s},
        {"ev_deliver", (double)r->ev_deliver},
        {"ev_deliver_plastic", (double)r->ev_deliver_plastic},
        {"ev_post", (double)r->ev_post},
        {"ev_post_deferred", (double)r->ev_post_deferred},
        {"ev_input", (double)r->ev_input},
        {"wall_per_sim_s", r->t_end > 0 ? r->run_s / (r->t_end * 1e-3) : NAN},
    };
    size_t n = sizeof m / sizeof m[0];
    for (size_t i = 0; i < n && i < max; i++)
        out[i] = m[i];
    return n < max ? n : max;
}
