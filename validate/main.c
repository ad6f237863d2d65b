/*
 * pbn-validate - the validation table of the paper's claims, computed from the results
 * database (never typed in): paper/validation.md, and the generated blocks of the
 * reproduction report paper/README.md.
 *
 * Why it exists: a figure shows that simulation and theory look alike; a reader also
 * needs to know, claim by claim, what number was compared with what, how far apart they
 * may be and why, what alternative the comparison rules out, and whether it does.  The
 * claims are data (one table per family: claims_a.c ... claims_f.c), each turned into one
 * row with a verdict by the rules of verdict.h:
 *
 *   A  the rates approach the balanced rates as N grows (error O(1/sqrt(N)))
 *   B  spike-count covariances are O(1/N) at cx = 0 and O(1), of linear-response size,
 *      at cx > 0
 *   C  Kohonen weights converge to a unique fixed point
 *   D  iSTDP pins the E rate (and the I rate with I->I iSTDP)
 *   E  input correlations shift the weights only mildly, as the correlation terms say
 *   F  with I->E iSTDP the final weight depends on the start, and the corrected theory
 *      explains it
 *
 * Theory values come from the library (pbn/pbn_theory.h) evaluated for each run's stored
 * configuration (runs.config); simulated values from the stored metrics and time courses.
 * Runs with status "diverged" are left out of the statistics and counted.
 *
 * Output: --out FILE (Markdown: header, verdict definitions, the table, key numbers, notes
 * per claim, the authors' numbers used), and with --readme FILE the blocks between
 * "<!-- pbn-validate:begin NAME -->" and "<!-- pbn-validate:end NAME -->" lines of that
 * file (NAME: summary, verdicts, table, numbers, plan); everything outside them is kept
 * byte for byte.  One summary line on stderr.  Exit status: 0 when the claims could be
 * evaluated, 1 with --strict when a claim FAILs, 1 with a one-line error when the
 * database (or a file) cannot be read or written, 2 for bad arguments.
 */
#include "claims.h"
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PROG "pbn-validate"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: " PROG " [--db FILE] [--profile NAME] [--out FILE] [--readme FILE]\n"
            "       [--plan FILE]... [--strict] [--quiet]\n\n"
            "Validate the paper's claims against the results database: for each claim the\n"
            "statistic with its standard error, the prediction, the alternative it must\n"
            "exclude, the criterion with its reason and a verdict (CONFIRMED, AS IN THE\n"
            "AUTHORS' RUNS, INCONCLUSIVE, FAIL, NOT RUN), written as Markdown.\n\n"
            "  --db FILE       results database (default: $PBN_DB, else data/results.db)\n"
            "  --profile NAME  the profile whose runs are validated (default quick)\n"
            "  --out FILE      the validation page (default paper/validation.md for quick,\n"
            "                  paper/validation-NAME.md for another profile)\n"
            "  --readme FILE   also fill the generated blocks of this report, between\n"
            "                  '<!-- pbn-validate:begin NAME -->' and '<!-- pbn-validate:end NAME -->'\n"
            "                  lines (NAME: summary, verdicts, table, numbers, plan)\n"
            "  --plan FILE     an experiment program's --list output (repeatable): the runs of\n"
            "                  each profile for the 'plan' block (kept as it is without --plan)\n"
            "  --strict        exit 1 when a claim FAILs\n"
            "  --quiet         no summary line on stderr\n\n"
            "exit status: 0 evaluated (FAILs included unless --strict), 1 a FAIL with --strict or\n"
            "a database or file that cannot be read or written, 2 bad arguments\n");
}


int main(int argc, char **argv)
{
    const char *db = NULL, *profile = "quick", *out_path = NULL, *readme = NULL;
    const char *plans[8];
    int nplans = 0, strict = 0, quiet = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **dst = NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--strict")) {
            strict = 1;
            continue;
        } else if (!strcmp(a, "--quiet")) {
            quiet = 1;
            continue;
        } else if (!strcmp(a, "--db"))
            dst = &db;
        else if (!strcmp(a, "--profile"))
            dst = &profile;
        else if (!strcmp(a, "--out"))
            dst = &out_path;
        else if (!strcmp(a, "--readme"))
            dst = &readme;
        else if (!strcmp(a, "--plan")) {
            if (nplans == 8) {
                fprintf(stderr, PROG ": --plan: at most 8 files\n");
                return 2;
            }
            dst = &plans[nplans++];
        } else {
            fprintf(stderr, PROG ": unknown argument '%s' (see " PROG " --help)\n", a);
            return 2;
        }
        if (i + 1 >= argc || !argv[i + 1][0]) {
            fprintf(stderr, PROG ": %s needs a value (see " PROG " --help)\n", a);
            return 2;
        }
        *dst = argv[++i];
    }
    if (!db)
        db = pbn_store_default_path();
    char def_out[512];
    if (!out_path) {
        if (!strcmp(profile, "quick"))
            snprintf(def_out, sizeof def_out, "paper/validation.md");
        else
            snprintf(def_out, sizeof def_out, "paper/validation-%s.md", profile);
        out_path = def_out;
    }
    pbn_error err = {0, ""};
    static plan pl;
    for (int k = 0; k < nplans; k++)
        if (plan_read(&pl, plans[k], &err)) {
            fprintf(stderr, PROG ": %s\n", err.msg);
            return err.code == PBN_EINVAL ? 2 : 1;
        }

    vdata d;
    memset(&d, 0, sizeof d);
    d.profile = profile;
    d.db_path = db;
    pbn_store *st = pbn_store_open(db, PBN_STORE_READ, &err);
    if (!st) {
        fprintf(stderr, PROG ": %s\n", err.msg);
        return 1;
    }
    int rc = vdata_load(st, &d, &err);
    pbn_error cerr;
    if (rc) {
        pbn_store_close(st, &cerr);
        fprintf(stderr, PROG ": %s: %s\n", db, err.msg);
        vdata_free(&d);
        return rc == PBN_EINVAL ? 2 : 1;
    }
    d.st = st;

    static vctx v;
    v.d = &d;
    claims_A(&v);
    claims_B(&v);
    claims_C(&v);
    claims_D(&v);
    claims_E(&v);
    claims_F(&v);
    claims_G(&v);
    claims_H(&v);
    claims_I(&v);
    claims_J(&v);
    claims_L(&v);
    claims_M(&v);
    claims_N(&v);
    report_cost(&v);
    pbn_store_close(st, &cerr);
    d.st = NULL;
    if (v.notes.oom) {
        fprintf(stderr, PROG ": out of memory\n");
        vdata_free(&d);
        return 1;
    }

    vmeta m = {0};
    char date[32];
    const char *sde = getenv("SOURCE_DATE_EPOCH"); /* reproducible output when set */
    time_t now = sde && *sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
    struct tm tmv;
    gmtime_r(&now, &tmv);
    strftime(date, sizeof date, "%Y-%m-%d", &tmv);
    m.date = date;
    for (size_t i = 0; i < d.n; i++) {
        if (d.r[i].status_ok)
            m.n_ok++;
        else
            m.n_div++;
    }

    rc = write_validation(out_path, &v, &m, &err);
    int nblocks = 0;
    if (!rc && readme)
        rc = fill_readme(readme, &v, &m, &pl, nplans > 0, &nblocks, &err);
    int c[VV_N];
    vctx_counts(&v, c);
    if (rc)
        fprintf(stderr, PROG ": %s\n", err.msg);
    else if (!quiet) {
        fprintf(stderr,
                PROG ": profile %s, %zu runs: %d CONFIRMED, %d AS IN THE AUTHORS' RUNS, %d "
                     "INCONCLUSIVE, %d FAIL, %d NOT RUN -> %s",
                profile, d.n, c[VV_CONFIRMED], c[VV_AUTHORS], c[VV_INCONCLUSIVE], c[VV_FAIL],
                c[VV_NOTRUN], out_path);
        if (readme)
            fprintf(stderr, " and %d block(s) of %s", nblocks, readme);
        fprintf(stderr, "\n");
    }
    vdata_free(&d);
    free(v.notes.s);
    free(v.cost.s);
    if (rc)
        return rc == PBN_EINVAL ? 2 : 1;
    return strict && c[VV_FAIL] ? 1 : 0;
}
