/*
 * cli_theory.c - `pbn theory [CONFIG|-] [--set key=value]...`: the mean-field predictions
 * for a configuration, as 'key = value' lines on stdout (pbn_theory_predict: the same
 * list the results database stores).  Notes explaining NaN values go to stderr, so
 * stdout holds nothing but the key = value lines.
 *
 * With --trajectory STEP_MS it prints instead the theory transient of the mean weights
 * (pbn_theory_transient: the drift equations integrated from the configured weights) as
 * a TSV table with a header line, one row every STEP_MS from 0 to T, so that a figure can
 * draw it next to a simulated trajectory.  Samples after the weights leave the balanced
 * domain are NaN (as in `pbn query` TSV, which gnuplot reads as missing).
 *
 * With --drift B:FROM:STEP:TO it prints the mean drift of block B's weight (per second,
 * pbn_theory_drift) and the balanced rates at each weight from FROM to TO, every other
 * weight as configured: the phase portrait of one rule.
 */
#include "cli.h"
#include "util/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Largest number of samples --trajectory prints (a guard against a typo in STEP_MS). */
#define TRAJ_MAX_SAMPLES 1000000

static void print_tsv_value(double v, char sep)
{
    if (isnan(v))
        printf("NaN%c", sep); /* as `pbn query` TSV: gnuplot reads it as missing */
    else
        printf("%.10g%c", v, sep);
}

/* The theory transient sampled every step ms from 0 to cfg->T, as TSV on stdout. */
static int print_trajectory(const pbn_config *cfg, double step, unsigned flags)
{
    pbn_error err = {0, ""};
    double n = floor(cfg->T / step + 1e-9) + 1;
    if (n > TRAJ_MAX_SAMPLES) {
        fprintf(stderr,
                "pbn theory: --trajectory %g gives %.0f samples over T = %g ms; at most %d "
                "allowed (use a larger STEP_MS)\n",
                step, n, cfg->T, TRAJ_MAX_SAMPLES);
        return CLI_BADINPUT;
    }
    size_t nt = (size_t)n, n_valid = 0;
    double *t = malloc(nt * sizeof *t);
    double *j = malloc(nt * PBN_NBLOCKS * sizeof *j);
    double *r = malloc(nt * 2 * sizeof *r);
    int rc = CLI_OK;
    if (!t || !j || !r) {
        fprintf(stderr, "pbn theory: out of memory for %zu trajectory samples\n", nt);
        rc = CLI_ERR;
        goto done;
    }
    for (size_t k = 0; k < nt; k++)
        t[k] = (double)k * step;
    if (pbn_theory_transient(cfg, flags, t, nt, j, r, &n_valid, &err) != PBN_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    printf("t_ms\tjee\tjei\tjie\tjii\trate_e_hz\trate_i_hz\n");
    for (size_t k = 0; k < nt; k++) {
        const double *jk = j + k * PBN_NBLOCKS;
        print_tsv_value(t[k], '\t');
        print_tsv_value(jk[PBN_EE], '\t');
        print_tsv_value(jk[PBN_EI], '\t');
        print_tsv_value(jk[PBN_IE], '\t');
        print_tsv_value(jk[PBN_II], '\t');
        print_tsv_value(r[2 * k], '\t');
        print_tsv_value(r[2 * k + 1], '\n');
    }
    rc = cli_flush();
    if (n_valid < nt)
        fprintf(stderr,
                "pbn theory: note: the weights leave the balanced domain after t = %g ms; "
                "later samples are NaN\n",
                n_valid ? t[n_valid - 1] : 0.0);
done:
    free(t);
    free(j);
    free(r);
    return rc;
}

/* --drift B:FROM:STEP:TO: the mean drift of block B's weight at each weight from FROM to
   TO (every other weight as configured), as TSV on stdout: the phase portrait. */
static int print_drift(const pbn_config *cfg, const char *spec, unsigned flags)
{
    static const char *const names[PBN_NRECURRENT] = {"ee", "ei", "ie", "ii"};
    char buf[160];
    double v[3];
    int block = -1;
    char *p[4] = {buf, NULL, NULL, NULL};
    if (strlen(spec) < sizeof buf) {
        strcpy(buf, spec);
        for (int k = 1; k < 4 && p[k - 1]; k++)
            if ((p[k] = strchr(p[k - 1], ':')))
                *p[k]++ = 0;
    }
    for (int b = 0; p[0] && p[3] && b < PBN_NRECURRENT; b++)
        if (!strcmp(p[0], names[b]))
            block = b;
    if (block < 0 || util_parse_double(p[1], -1e9, 1e9, &v[0]) ||
        util_parse_double(p[2], 0, 1e9, &v[1]) || util_parse_double(p[3], -1e9, 1e9, &v[2]) ||
        !(v[1] > 0) || v[0] > v[2]) {
        fprintf(stderr, "pbn theory: --drift needs B:FROM:STEP:TO with B ee, ei, ie or ii, "
                        "STEP > 0 and FROM <= TO, got '%s'\n", spec);
        return CLI_BADINPUT;
    }
    double n = floor((v[2] - v[0]) / v[1] + 1e-9) + 1;
    if (n > TRAJ_MAX_SAMPLES) {
        fprintf(stderr, "pbn theory: --drift gives %.0f weights; at most %d allowed\n", n,
                TRAJ_MAX_SAMPLES);
        return CLI_BADINPUT;
    }
    printf("j\tdjdt_per_s\trate_e_hz\trate_i_hz\n");
    for (long k = 0; k < (long)n; k++) {
        double j[PBN_NBLOCKS], d[PBN_NBLOCKS], r[2];
        pbn_error err = {0, ""};
        pbn_theory_config_weights(cfg, j);
        j[block] = v[0] + (double)k * v[1];
        int ok = pbn_theory_drift(cfg, flags, j, d, &err) == PBN_OK &&
                 pbn_theory_rates(cfg, j, flags & PBN_THEORY_EFFECTIVE, r, &err) == PBN_OK;
        print_tsv_value(j[block], '\t');
        print_tsv_value(ok ? d[block] * 1000 : NAN, '\t'); /* per ms -> per s */
        print_tsv_value(ok ? r[0] : NAN, '\t');
        print_tsv_value(ok ? r[1] : NAN, '\n');
    }
    return cli_flush();
}

/* STEP_MS of --trajectory: a finite number > 0 (else a one-line error, 0 returned). */
static double parse_step(const char *s)
{
    double v;
    if (util_parse_double(s, 0, 1e300, &v) != 0 || !(v > 0)) {
        fprintf(stderr, "pbn theory: --trajectory needs a step in ms > 0, got '%s'\n", s);
        return 0;
    }
    return v;
}

int cmd_theory(int argc, char **argv)
{
    const char *cfgpath = NULL;
    char **sets = calloc((size_t)argc + 1, sizeof *sets);
    int nsets = 0;
    double step = 0; /* > 0: --trajectory */
    const char *drift = NULL;
    unsigned flags = 0;
    pbn_error err = {0, ""};
    pbn_config cfg;
    pbn_theory_report rep;
    if (!sets)
        return CLI_ERR;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            cli_usage(cli_find_cmd("theory"), stdout);
            free(sets);
            return cli_flush();
        } else if (!strcmp(a, "--set")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "pbn theory: --set needs a value (key=value)\n");
                free(sets);
                return CLI_BADINPUT;
            }
            sets[nsets++] = argv[++i];
        } else if (!strncmp(a, "--set=", 6)) {
            sets[nsets++] = (char *)a + 6;
        } else if (!strcmp(a, "--trajectory") || !strncmp(a, "--trajectory=", 13)) {
            const char *v = a[12] == '=' ? a + 13 : i + 1 < argc ? argv[++i] : NULL;
            if (!v) {
                fprintf(stderr, "pbn theory: --trajectory needs a step in ms (e.g. 500)\n");
                free(sets);
                return CLI_BADINPUT;
            }
            if (!(step = parse_step(v))) {
                free(sets);
                return CLI_BADINPUT;
            }
        } else if (!strcmp(a, "--drift") || !strncmp(a, "--drift=", 8)) {
            drift = a[7] == '=' ? a + 8 : i + 1 < argc ? argv[++i] : NULL;
            if (!drift) {
                fprintf(stderr, "pbn theory: --drift needs B:FROM:STEP:TO (e.g. ee:0:0.5:45)\n");
                free(sets);
                return CLI_BADINPUT;
            }
        } else if (!strcmp(a, "--cx")) {
            flags |= PBN_THEORY_CX;
        } else if (!strcmp(a, "--effective")) {
            flags |= PBN_THEORY_EFFECTIVE;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "pbn theory: unknown option '%s' (see pbn theory --help)\n", a);
            free(sets);
            return CLI_BADINPUT;
        } else if (!cfgpath) {
            cfgpath = a;
        } else {
            fprintf(stderr, "pbn theory: more than one CONFIG ('%s' and '%s')\n", cfgpath, a);
            free(sets);
            return CLI_BADINPUT;
        }
    }
    if (drift && step > 0) {
        fprintf(stderr, "pbn theory: --drift and --trajectory cannot be combined\n");
        free(sets);
        return CLI_BADINPUT;
    }
    if (flags && !(step > 0) && !drift) {
        fprintf(stderr, "pbn theory: --cx and --effective go with --trajectory or --drift (the "
                        "predictions list every variant already)\n");
        free(sets);
        return CLI_BADINPUT;
    }
    int rc = cli_load_config(&cfg, cfgpath, sets, nsets, &err);
    free(sets);
    if (rc != PBN_OK)
        return cli_fail(&err);
    if (step > 0)
        return print_trajectory(&cfg, step, flags);
    if (drift)
        return print_drift(&cfg, drift, flags);
    if (pbn_theory_predict(&cfg, &rep, &err) != PBN_OK)
        return cli_fail(&err);
    for (size_t k = 0; k < rep.n; k++)
        if (isnan(rep.m[k].value))
            printf("%s = nan\n", rep.m[k].name); /* never "-nan" */
        else
            printf("%s = %.10g\n", rep.m[k].name, rep.m[k].value);
    fflush(stdout);
    for (const char *p = rep.notes; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        fprintf(stderr, "pbn theory: note: %.*s\n", (int)len, p);
        p += len + (nl ? 1 : 0);
    }
    return cli_flush();
}
