/*
 * exp.c - the experiment programs' common part (see exp.h).
 *
 * The per-run hook stores, for every run with I->E plasticity (R4), what the I->E
 * manifold analysis of paper/model.md section 6 needs beyond the standard results:
 *   metrics  cov_jr_ei     covariance over I->E synapses of the final weight j (unscaled)
 *                          and the presynaptic rate (Hz): <j r> - <j><r>;
 *            corr_jr_ei    the corresponding correlation;
 *            c_e, c_i      the mean-field correction c = (R_sim - R_mf)/sqrt(N);
 *   theory   jei_star_manifold, jei_star_manifold_cx   the corrected fixed point
 *            (plain 2 tau r_e = alpha, and with the input-correlation term).
 */
#include "exp.h"
#include "util/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the command line ------------------------------------------------------------------ */

static const char sweep_options_help[] =
    "  --db FILE        results database (default: $PBN_DB, else data/results.db)\n"
    "  --jobs N, -j N   run N tasks at once (default: all cores)\n"
    "  --shard I/N      run only the tasks k with k mod N = I (0 <= I < N); combine\n"
    "                   the shard databases with 'pbn merge OUT.db IN.db...'\n"
    "  --progress       show progress on stderr even when it is not a terminal\n"
    "  --quiet          never show progress\n"
    "  --prune-stale    delete the stored runs of these experiments that the plan no\n"
    "                   longer has (left by an earlier version of it); without it,\n"
    "                   such runs stop the sweep before anything runs\n"
    "Tasks already in the database are skipped: run the same command again to\n"
    "resume an interrupted sweep.\n";

const char *exp_sweep_options_help(void) { return sweep_options_help; }

int exp_parse_shard(const char *text, int *shard_i, int *shard_n, pbn_error *err)
{
    const char *slash = strchr(text, '/');
    char first[32];
    long i, n;
    if (slash && (size_t)(slash - text) < sizeof first) {
        memcpy(first, text, (size_t)(slash - text));
        first[slash - text] = '\0';
        if (util_parse_long(slash + 1, 1, 1000000, &n) == 0 &&
            util_parse_long(first, 0, n - 1, &i) == 0) {
            *shard_i = (int)i;
            *shard_n = (int)n;
            return PBN_OK;
        }
    }
    return pbn_error_set(err, PBN_EINVAL,
                         "--shard %s: expected I/N with 0 <= I < N (e.g. 0/4 for the first of "
                         "four shards)",
                         text);
}

int exp_parse_sweep_option(exp_ctx *x, int argc, char **argv, int *i, pbn_error *err)
{
    pbn_sweep_opts *o = &x->opts;
    const char *a = argv[*i], *v;
    int missing;
    if (!strcmp(a, "--progress")) {
        x->progress = UTIL_PROGRESS_ON;
        return 1;
    }
    if (!strcmp(a, "--quiet")) {
        x->progress = UTIL_PROGRESS_OFF;
        return 1;
    }
    if (!strcmp(a, "--prune-stale")) {
        o->prune_stale = 1;
        return 1;
    }
    if ((v = util_opt_value(argc, argv, i, "--db", &missing)) || missing) {
        if (missing || !*v) {
            pbn_error_set(err, PBN_EINVAL, "--db needs a file name");
            return -1;
        }
        o->db = v;
        return 1;
    }
    if ((v = util_opt_value(argc, argv, i, "--jobs", &missing)) || missing ||
        (v = util_opt_value(argc, argv, i, "-j", &missing)) || missing ||
        (!strncmp(a, "-j", 2) && a[2] >= '0' && a[2] <= '9' && (v = a + 2))) { /* -j2 */
        long n;
        if (missing || util_parse_long(v, 1, 4096, &n) != 0) {
            pbn_error_set(err, PBN_EINVAL, "--jobs %s: expected a number of cores, 1 .. 4096",
                          missing ? "" : v);
            return -1;
        }
        o->jobs = (int)n;
        return 1;
    }
    if ((v = util_opt_value(argc, argv, i, "--shard", &missing)) || missing) {
        if (missing) {
            pbn_error_set(err, PBN_EINVAL, "--shard needs I/N (e.g. 0/4)");
            return -1;
        }
        return exp_parse_shard(v, &o->shard_i, &o->shard_n, err) == PBN_OK ? 1 : -1;
    }
    return 0;
}

static void usage(const exp_ctx *x, const char *description, FILE *out)
{
    fprintf(out,
            "usage: %s [--profile quick|paper|smoke] [--only NAME[,NAME...]] [--list]\n"
            "       [sweep options]\n\n%s\n\n"
            "  --profile P   quick (default): reduced to fit `make figures` in 40 minutes on\n"
            "                2 cores; paper: the originals' parameters (a cluster's work);\n"
            "                smoke: tiny runs checking the pipeline\n"
            "  --only NAMES  run only these experiments of the family\n"
            "  --list        print the runs (experiment, point, repeat, N, T) and exit\n"
            "%s",
            x->prog, description, sweep_options_help);
}

int exp_init(exp_ctx *x, int argc, char **argv, const char *description)
{
    memset(x, 0, sizeof *x);
    const char *slash = strrchr(argv[0], '/');
    x->prog = slash ? slash + 1 : argv[0];
    x->profile = PROFILE_QUICK;
    x->profile_name = "quick";
    x->progress = UTIL_PROGRESS_AUTO;
    pbn_sweep_opts_init(&x->opts);
    for (int i = 1; i < argc; i++) {
        pbn_error err = {0, ""};
        int r = exp_parse_sweep_option(x, argc, argv, &i, &err);
        if (r < 0) {
            fprintf(stderr, "%s: %s\n", x->prog, err.msg);
            return 2;
        }
        if (r > 0)
            continue;
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(x, description, stdout);
            return 0;
        } else if (!strcmp(a, "--list")) {
            x->list = 1;
        } else if ((!strcmp(a, "--profile") || !strcmp(a, "--only")) && i + 1 < argc) {
            if (!strcmp(a, "--only"))
                x->only = argv[++i];
            else
                x->profile_name = argv[++i];
        } else if (!strncmp(a, "--profile=", 10)) {
            x->profile_name = a + 10;
        } else if (!strncmp(a, "--only=", 7)) {
            x->only = a + 7;
        } else {
            fprintf(stderr, "%s: unknown argument '%s' (see %s --help)\n", x->prog, a, x->prog);
            return 2;
        }
    }
    if (!strcmp(x->profile_name, "quick"))
        x->profile = PROFILE_QUICK;
    else if (!strcmp(x->profile_name, "paper"))
        x->profile = PROFILE_PAPER;
    else if (!strcmp(x->profile_name, "smoke"))
        x->profile = PROFILE_SMOKE;
    else {
        fprintf(stderr, "%s: --profile %s: unknown; allowed: quick, paper, smoke\n", x->prog,
                x->profile_name);
        return 2;
    }
    x->sw = pbn_sweep_new();
    if (!x->sw) {
        fprintf(stderr, "%s: out of memory\n", x->prog);
        return 1;
    }
    return -1;
}

double exp_pick(const exp_ctx *x, double smoke, double quick, double paper)
{
    return x->profile == PROFILE_PAPER ? paper : x->profile == PROFILE_QUICK ? quick : smoke;
}

/* Whether the comma-separated list holds the name (the first n bytes of name). */
static int in_list(const char *list, const char *name, size_t n)
{
    for (const char *p = list; *p;) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == n && !strncmp(p, name, n))
            return 1;
        if (!e)
            break;
        p = e + 1;
    }
    return 0;
}

int exp_selected(exp_ctx *x, const char *name)
{
    /* remember every experiment the program has, to check --only's names (exp_run) */
    size_t kn = strlen(x->known), n = strlen(name);
    if (!in_list(x->known, name, n) && kn + n + 2 < sizeof x->known)
        snprintf(x->known + kn, sizeof x->known - kn, "%s%s", kn ? "," : "", name);
    return !x->only || in_list(x->only, name, n);
}

/* An --only name that is none of the program's experiments: exit status 2 (after a line). */
static int check_only(const exp_ctx *x)
{
    for (const char *p = x->only; p && *p;) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (!in_list(x->known, p, len)) {
            fprintf(stderr, "%s: --only: no experiment '%.*s' in this program (it has: %s)\n",
                    x->prog, (int)len, p, x->known);
            return 2;
        }
        if (!e)
            break;
        p = e + 1;
    }
    return 0;
}

static void fatal(const char *what, const pbn_error *err)
{
    fprintf(stderr, "experiment plan error (%s): %s\n", what, err->msg);
    exit(1);
}

void exp_defaults(pbn_config *c) { pbn_config_defaults(c); }

void exp_set(pbn_config *c, const char *key, const char *value)
{
    pbn_error err;
    if (pbn_config_set(c, key, value, &err) != PBN_OK)
        fatal(key, &err);
}

long exp_size(int k)
{
    return lround(pow(10.0, 3.0 + k / 7.0) / 10.0) * 10;
}

void exp_add(exp_ctx *x, const char *name, const char *point, int repeat, const pbn_config *cfg)
{
    char full[64];
    pbn_error err;
    snprintf(full, sizeof full, "%s.%s", x->profile_name, name);
    if (pbn_config_validate(cfg, &err) != PBN_OK || pbn_sweep_add(x->sw, full, point, repeat, cfg, &err) != PBN_OK)
        fatal(full, &err);
    x->cost += (double)cfg->N * cfg->T;
}

/* ---- the per-run analysis (see the top of this file) ---------------------------------- */

static int hook(void *ctx, const pbn_task *task, const pbn_sim *sim, pbn_sink *sink,
                pbn_error *err)
{
    (void)ctx;
    const pbn_config *cfg = &task->cfg;
    const pbn_results *r = pbn_sim_results(sim);
    if (cfg->plastic_ei == PBN_EI_NONE || r->status != PBN_RUN_OK)
        return PBN_OK;
    /* covariance of final I->E weights with presynaptic second-half rates */
    const pbn_net *net = pbn_sim_net(sim);
    const pbn_block *b = &net->b[PBN_EI];
    double sj = 0, sr = 0, sjj = 0, srr = 0, sjr = 0, n = (double)b->nnz;
    for (uint32_t k = 0; k < b->n_pre; k++) {
        double rk = r->rate[b->pre_offset + k];
        for (uint64_t q = b->rowptr[k]; q < b->rowptr[k + 1]; q++) {
            double j = b->w[q] * net->sqrtN;
            sj += j;
            sr += rk;
            sjj += j * j;
            srr += rk * rk;
            sjr += j * rk;
        }
    }
    double mj = sj / n, mr = sr / n;
    double cjr = sjr / n - mj * mr, vj = sjj / n - mj * mj, vr = srr / n - mr * mr;
    int rc = pbn_sink_metric(sink, "cov_jr_ei", cjr, err);
    if (!rc)
        rc = pbn_sink_metric(sink, "corr_jr_ei", vj > 0 && vr > 0 ? cjr / sqrt(vj * vr) : NAN, err);
    if (rc)
        return rc;
    /* the corrected manifold fixed point from this run's measurements */
    pbn_theory_measured m;
    pbn_theory_measured_from_results(r, &m);
    pbn_metric th[2];
    size_t nth = 0;
    const unsigned flags[2] = {0, PBN_THEORY_CX};
    const char *names[2] = {"jei_star_manifold", "jei_star_manifold_cx"};
    for (int f = 0; f < 2; f++) {
        pbn_theory_manifold out;
        pbn_error te;
        if (pbn_theory_manifold_solve(cfg, flags[f], &m, &out, &te) == PBN_OK) {
            th[nth].name = names[f];
            th[nth++].value = out.jei;
            if (f == 0 && ((rc = pbn_sink_metric(sink, "c_e", out.c[0], err)) ||
                           (rc = pbn_sink_metric(sink, "c_i", out.c[1], err))))
                return rc;
        }
    }
    return nth ? pbn_sink_theory(sink, th, nth, err) : PBN_OK;
}

/* The sweep's progress on the progress line: "12/40 tasks" after the times. */
static void sweep_progress(void *ctx, double frac, size_t done, size_t total)
{
    char extra[64];
    snprintf(extra, sizeof extra, "%zu/%zu tasks", done, total);
    util_progress_update(ctx, frac, extra);
}

int exp_run(exp_ctx *x)
{
    pbn_error err = {0, ""};
    size_t n = pbn_sweep_size(x->sw);
    int only_rc = check_only(x);
    if (only_rc) {
        pbn_sweep_free(x->sw);
        return only_rc;
    }
    if (x->list) {
        printf("experiment\tpoint\trepeat\tN\tT_ms\tseed\thash\teta\n");
        for (size_t i = 0; i < n; i++) {
            const pbn_task *t = pbn_sweep_task(x->sw, i);
            const pbn_config *c = &t->cfg;
            /* learning rates of the plastic blocks, ee/ei/ie/ii order, '/'-separated */
            char eta[128] = "";
            const int on[PBN_NRECURRENT] = {c->plastic_ee, c->plastic_ei, c->plastic_ie, c->plastic_ii};
            const double val[PBN_NRECURRENT] = {c->eta_ee, c->eta_ei, c->eta_ie, c->eta_ii};
            for (int b = 0; b < PBN_NRECURRENT; b++)
                if (on[b])
                    snprintf(eta + strlen(eta), sizeof eta - strlen(eta), "%s%g",
                             eta[0] ? "/" : "", val[b]);
            printf("%s\t%s\t%d\t%ld\t%g\t%lu\t%s\t%s\n", t->experiment, t->point, t->repeat,
                   c->N, c->T, c->seed, t->hash, eta[0] ? eta : "-");
        }
        printf("# %zu runs, %.3g neuron-seconds simulated\n", n, x->cost / 1000.0);
        pbn_sweep_free(x->sw);
        return 0;
    }
    util_progress prog;
    util_progress_start(&prog, x->prog, x->progress);
    x->opts.stop = util_catch_stop_signals(UTIL_SIG_ONCE);
    x->opts.hook = hook;
    x->opts.theory = pbn_theory_metrics;
    x->opts.progress = sweep_progress;
    x->opts.progress_ctx = &prog;
    pbn_sweep_summary sum;
    int rc = pbn_sweep_run(x->sw, &x->opts, &sum, &err);
    util_progress_end(&prog);
    char line[512];
    pbn_sweep_summary_text(&sum, &x->opts, line, sizeof line);
    if (rc == PBN_OK || sum.shard > 0) /* else it stopped before looking at any task */
        fprintf(stderr, "%s (%s): %s\n", x->prog, x->profile_name, line);
    pbn_sweep_free(x->sw);
    if (rc == PBN_EINTR) {
        fprintf(stderr, "%s: interrupted; run the same command again to resume\n", x->prog);
        return 130;
    }
    if (rc != PBN_OK) {
        /* stale runs: say how to prune them through make as well */
        fprintf(stderr, "%s: %s%s\n", x->prog, err.msg,
                sum.stale ? " (through make: make figures PRUNE=1)" : "");
        return 1;
    }
    return sum.failed ? 1 : 0;
}
