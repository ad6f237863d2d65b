/*
 * window.c - `pbn window [CONFIG|-] [--set key=value]... --block B [--weight J0]
 * [--lags FROM:STEP:TO]`: the learning window of the rule a configuration sets on one
 * block, measured with the simulator's own update code (pbn_rule_pair): for each lag
 * (t_post - t_pre, ms) the change of one synapse's weight after one presynaptic and one
 * postsynaptic spike.  A TSV table on stdout with a header line, for figures.
 */
#include "cli.h"
#include "util/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* At most this many lags (a guard against a typo in STEP). */
#define WINDOW_MAX_LAGS 100000

static int parse_block(const char *s)
{
    static const char *const names[PBN_NRECURRENT] = {"ee", "ei", "ie", "ii"};
    for (int b = 0; b < PBN_NRECURRENT; b++)
        if (!strcmp(s, names[b]))
            return b;
    return -1;
}

/* "FROM:STEP:TO" in ms: FROM <= TO, STEP > 0. */
static int parse_lags(const char *s, double v[3])
{
    char buf[128];
    if (strlen(s) >= sizeof buf)
        return -1;
    strcpy(buf, s);
    char *a = buf, *b = strchr(a, ':'), *c = b ? strchr(b + 1, ':') : NULL;
    if (!b || !c)
        return -1;
    *b++ = 0;
    *c++ = 0;
    if (util_parse_double(a, -1e9, 1e9, &v[0]) || util_parse_double(b, 0, 1e9, &v[1]) ||
        util_parse_double(c, -1e9, 1e9, &v[2]) || !(v[1] > 0) || v[0] > v[2])
        return -1;
    return 0;
}

/* The configured (initial) weight of a block. */
static double configured_weight(const pbn_config *c, int block)
{
    double j[PBN_NBLOCKS];
    pbn_theory_config_weights(c, j);
    return j[block];
}

static int bad(const char *msg, const char *arg)
{
    fprintf(stderr, "pbn window: %s%s%s%s\n", msg, arg ? " '" : "", arg ? arg : "",
            arg ? "'" : "");
    return CLI_BADINPUT;
}

int cmd_window(int argc, char **argv)
{
    const char *cfgpath = NULL;
    char **sets = calloc((size_t)argc + 1, sizeof *sets);
    int nsets = 0, block = -1, have_w = 0, rc;
    double w0 = 0, lags[3] = {-1000, 10, 1000};
    pbn_error err = {0, ""};
    pbn_config cfg;
    if (!sets)
        return CLI_ERR;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            cli_usage(cli_find_cmd("window"), stdout);
            free(sets);
            return cli_flush();
        } else if (!strcmp(a, "--set") || !strcmp(a, "--block") || !strcmp(a, "--weight") ||
                   !strcmp(a, "--lags")) {
            if (!v) {
                free(sets);
                return bad("a value is missing after", a);
            }
            i++;
            if (!strcmp(a, "--set")) {
                sets[nsets++] = (char *)v;
            } else if (!strcmp(a, "--block")) {
                if ((block = parse_block(v)) < 0) {
                    free(sets);
                    return bad("--block must be ee, ei, ie or ii, got", v);
                }
            } else if (!strcmp(a, "--weight")) {
                if (util_parse_double(v, -1e12, 1e12, &w0) != 0) {
                    free(sets);
                    return bad("--weight needs a finite number (unscaled weight), got", v);
                }
                have_w = 1;
            } else if (parse_lags(v, lags) != 0) {
                free(sets);
                return bad("--lags needs FROM:STEP:TO in ms with STEP > 0 and FROM <= TO, got",
                           v);
            }
        } else if (a[0] == '-' && a[1]) {
            free(sets);
            return bad("unknown option (see pbn window --help):", a);
        } else if (!cfgpath) {
            cfgpath = a;
        } else {
            free(sets);
            return bad("more than one CONFIG:", a);
        }
    }
    rc = cli_load_config(&cfg, cfgpath, sets, nsets, &err);
    free(sets);
    if (rc != PBN_OK)
        return cli_fail(&err);
    if (block < 0)
        return bad("--block ee|ei|ie|ii is required", NULL);
    double n = floor((lags[2] - lags[0]) / lags[1] + 1e-9) + 1;
    if (n > WINDOW_MAX_LAGS) {
        fprintf(stderr, "pbn window: --lags gives %.0f lags; at most %d allowed\n", n,
                WINDOW_MAX_LAGS);
        return CLI_BADINPUT;
    }
    if (!have_w)
        w0 = configured_weight(&cfg, block);
    double dj0;
    if (pbn_rule_pair(&cfg, block, w0, 0, &dj0, &err) != PBN_OK) /* before the header */
        return cli_fail(&err);
    printf("lag_ms\tlag_steps\tj0\tdj\n");
    for (long k = 0; k < (long)n; k++) {
        double lag_ms = lags[0] + (double)k * lags[1];
        double steps = lag_ms / cfg.dt;
        long ls = lround(steps);
        if (fabs(steps - (double)ls) > 1e-6) {
            fprintf(stderr, "pbn window: lag %g ms is not a whole number of steps of dt = %g "
                            "ms\n", lag_ms, cfg.dt);
            return CLI_BADINPUT;
        }
        double dj;
        if (pbn_rule_pair(&cfg, block, w0, ls, &dj, &err) != PBN_OK)
            return cli_fail(&err);
        printf("%.10g\t%ld\t%.17g\t%.17g\n", (double)ls * cfg.dt, ls, w0, dj);
    }
    return cli_flush();
}
