/*
 * cli_theory.c - `pbn theory [CONFIG] [--set key=value]...`: the mean-field predictions
 * for a configuration, as 'key = value' lines on stdout (pbn_theory_predict: the same
 * list the results database stores).  Notes explaining NaN values go to stderr, so
 * stdout holds nothing but the key = value lines.
 */
#include "cli.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void theory_usage(FILE *out)
{
    fprintf(out,
            "usage: pbn theory [CONFIG] [--set key=value]...\n"
            "\n"
            "Print the mean-field predictions (MODEL.md section 6) for a configuration as\n"
            "'key = value' lines: balanced rates (Hz), spike-count covariances and\n"
            "correlations in cov_window windows, and for plastic blocks the fixed points of\n"
            "their weights (unscaled), also with effective weights (_eff: recurrent weights\n"
            "scaled by 1 - dt/tau) and with the input-correlation terms (_cx).  A value that\n"
            "does not exist is printed as nan and a note on stderr says why.\n"
            "See paper/theory.md for the formulas.\n"
            "\n"
            "options:\n"
            "  --set key=value   override one key (repeatable; applied after CONFIG)\n"
            "\n"
            "exit status: 0 ok, 2 bad input or no valid balanced state\n"
            "\n"
            "keys (default, unit, allowed range):\n");
    pbn_config_print_help(out);
}

int cmd_theory(int argc, char **argv)
{
    const char *cfgpath = NULL;
    char **sets = calloc((size_t)argc + 1, sizeof *sets);
    int nsets = 0;
    pbn_error err = {0, ""};
    pbn_config cfg;
    pbn_theory_report rep;
    if (!sets)
        return CLI_ERR;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            theory_usage(stdout);
            free(sets);
            return CLI_OK;
        } else if (!strcmp(a, "--set")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "pbn theory: --set needs a value (key=value)\n");
                free(sets);
                return CLI_BADINPUT;
            }
            sets[nsets++] = argv[++i];
        } else if (!strncmp(a, "--set=", 6)) {
            sets[nsets++] = (char *)a + 6;
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
    int rc = cli_load_config(&cfg, cfgpath, sets, nsets, &err);
    free(sets);
    if (rc != PBN_OK)
        return cli_fail(&err);
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
    return CLI_OK;
}
