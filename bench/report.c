/*
 * report.c - the report's frame: the machine, build, command and configuration lines, the
 * cases, the sections in their order, and the problems at the end.
 *
 * The report is Markdown, read in two places: on the terminal after `make bench`, and in
 * the README's Performance section (--out).  Each section is a heading, a table
 * (table.c) and a note saying what its columns mean; the sections live in report_*.c and
 * targets.c, and the helpers they share (cells, rows) are here.
 */
#define _POSIX_C_SOURCE 200809L
#include "bench.h"

#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

/* The sections, in the order of the report. */
static int (*const sections[])(const bench_state *, FILE *) = {
    bench_section_speed,   bench_section_kernels, bench_section_costs,
    bench_section_phases,  bench_section_scaling, bench_section_targets,
};

/* Keys shown in the report's description of the configuration. */
static const char *const shown_keys[] = {"p",  "qe",  "qx",  "jee", "jei",      "jie", "jii",
                                         "jex", "jix", "rx", "dt",  "tau_stdp", "rng", "seed"};

/* ---- helpers of the sections -------------------------------------------------------- */

/* 3 significant digits without exponent notation for the magnitudes seen here. */
const char *bench_g3(char *buf, double v)
{
    if (!isfinite(v))
        snprintf(buf, 32, "–");
    else if (fabs(v) >= 100)
        snprintf(buf, 32, "%.0f", v);
    else if (fabs(v) >= 10)
        snprintf(buf, 32, "%.1f", v);
    else if (fabs(v) >= 1)
        snprintf(buf, 32, "%.2f", v);
    else
        snprintf(buf, 32, "%#.3g", v);
    return buf;
}

const char *bench_big(char *buf, double v)
{
    if (!isfinite(v))
        snprintf(buf, 32, "–");
    else if (v >= 1e9)
        snprintf(buf, 32, "%.2f G", v / 1e9);
    else if (v >= 1e6)
        snprintf(buf, 32, "%.0f M", v / 1e6);
    else
        snprintf(buf, 32, "%.0f k", v / 1e3);
    return buf;
}

int bench_have_kernels(const bench_state *b)
{
    for (int i = 0; i < b->o->nsizes; i++)
        if (b->k[i].ok)
            return 1;
    return 0;
}

int bench_row_fill(bench_table *t, const char *first)
{
    if (first && bench_table_add(t, "%s", first) != 0)
        return -1;
    while (t->ncell % t->ncol)
        if (bench_table_add(t, "–") != 0)
            return -1;
    return 0;
}

int bench_table_rows(bench_table *t, const bench_state *b, const char *failed,
                     bench_row_fn fill)
{
    const bench_options *o = b->o;
    for (int i = 0; i < o->nsizes; i++)
        for (int kc = 0; kc < NCASE; kc++) {
            if (!o->use_case[kc])
                continue;
            if (bench_table_add(t, "%ld", o->sizes[i]) != 0 ||
                bench_table_add(t, "%s", bench_cases[kc].label) != 0)
                return -1;
            if (b->m[i][kc].ok ? fill(t, b, i, kc) : bench_row_fill(t, failed))
                return -1;
        }
    return 0;
}

void bench_table_out(bench_table *t, FILE *f)
{
    bench_table_print(t, f);
    bench_table_free(t);
}

/* ---- the frame ---------------------------------------------------------------------- */

static void machine_line(FILE *f)
{
    char model[256] = "unknown CPU", mhz[64] = "", cache[64] = "";
    FILE *c = fopen("/proc/cpuinfo", "r");
    if (c) {
        char line[512];
        int got_model = 0, got_mhz = 0, got_cache = 0;
        while (fgets(line, sizeof line, c)) {
            char *colon = strchr(line, ':');
            if (!colon)
                continue;
            char *v = colon + 1;
            while (*v == ' ' || *v == '\t')
                v++;
            v[strcspn(v, "\n")] = '\0';
            if (!got_model && !strncmp(line, "model name", 10)) {
                snprintf(model, sizeof model, "%s", v);
                got_model = 1;
            } else if (!got_mhz && !strncmp(line, "cpu MHz", 7)) {
                snprintf(mhz, sizeof mhz, ", %.0f MHz", strtod(v, NULL));
                got_mhz = 1;
            } else if (!got_cache && !strncmp(line, "cache size", 10)) {
                snprintf(cache, sizeof cache, ", cache %s", v);
                got_cache = 1;
            }
        }
        fclose(c);
    }
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    double mem = NAN;
    FILE *mi = fopen("/proc/meminfo", "r");
    if (mi) {
        char line[256];
        while (fgets(line, sizeof line, mi))
            if (!strncmp(line, "MemTotal:", 9)) {
                mem = strtod(line + 9, NULL) / (1024.0 * 1024.0);
                break;
            }
        fclose(mi);
    }
    struct utsname u;
    char os[256] = "";
    if (uname(&u) == 0)
        snprintf(os, sizeof os, "; %s %s %s", u.sysname, u.release, u.machine);
    fprintf(f, "Machine: %s%s%s; %ld cores online (every measurement runs on one); %.1f GiB RAM%s.\n",
            model, mhz, cache, cores, mem, os);
}

static void command_line(FILE *f, const bench_options *o)
{
    fprintf(f, "`pbn-bench --sizes ");
    for (int i = 0; i < o->nsizes; i++)
        fprintf(f, "%s%ld", i ? "," : "", o->sizes[i]);
    fprintf(f, " --cases ");
    int first = 1;
    for (int k = 0; k < NCASE; k++)
        if (o->use_case[k]) {
            fprintf(f, "%s%c", first ? "" : ",", bench_cases[k].key);
            first = 0;
        }
    fprintf(f, " --warmup %g --T %g --repeats %d --kernel-repeats %d --ratio-min-n %ld",
            o->warmup_ms, o->measure_ms, o->repeats, o->kernel_repeats, o->ratio_min_n);
    for (int i = 0; i < o->nsets; i++)
        fprintf(f, " --set %s", o->sets[i]);
    fprintf(f, "`");
}

static void configuration(FILE *f, const bench_options *o)
{
    pbn_config cfg;
    pbn_error err = {0, ""};
    if (bench_build_config(o, o->sizes[0], 0, &cfg, &err) != PBN_OK)
        return;
    fprintf(f, "Configuration (paper/model.md defaults):");
    for (size_t i = 0; i < sizeof shown_keys / sizeof *shown_keys; i++) {
        const pbn_param *p = pbn_config_param(shown_keys[i]);
        char v[64];
        if (!p)
            continue;
        if (p->kind == PBN_P_DOUBLE) /* %g reads better here than the canonical form */
            snprintf(v, sizeof v, "%g", *(const double *)((const char *)&cfg + p->offset));
        else
            pbn_config_format_value(&cfg, p, v, sizeof v);
        fprintf(f, "%s %s %s%s%s", i ? "," : "", p->name, v, *p->unit ? " " : "", p->unit);
    }
    for (int i = 0; i < o->nsets; i++)
        fprintf(f, ", %s", o->sets[i]);
    fprintf(f, ". Each run simulates %g ms of warm-up, then the measured window of %g ms; "
               "every number below is from the window alone, except construction time "
               "and peak memory.\n\n",
            o->warmup_ms, o->measure_ms);
}

/* The head of the report: machine, build, command, configuration, cases. */
static void head(const bench_state *b, FILE *f)
{
    const bench_options *o = b->o;
    machine_line(f);
    fprintf(f, "libpbn %s (commit %s); measured %s, %.0f s in all; command ", pbn_version(),
            pbn_git_commit(), b->started, b->total_s);
    command_line(f, o);
    fprintf(f, ".");
    if (isfinite(b->load0) && isfinite(b->load1))
        fprintf(f, " Load average (1 min) %.2f before, %.2f after: above about 1 the other core "
                   "was busy and the numbers are pessimistic.",
                b->load0, b->load1);
    fprintf(f, "\n\n");
    configuration(f, o);
    fprintf(f, "Cases:\n\n");
    for (int k = 0; k < NCASE; k++)
        if (o->use_case[k])
            fprintf(f, "- %s — %s\n", bench_cases[k].label, bench_cases[k].what);
    fprintf(f, "\n");
}

/* The measurements that failed or diverged, and the kernel runs that failed. */
static void problems(const bench_state *b, FILE *f)
{
    const bench_options *o = b->o;
    int header = 0;
    for (int i = 0; i < o->nsizes; i++) {
        for (int kc = 0; kc <= NCASE; kc++) {
            char line[600];
            if (kc < NCASE) {
                const bench_meas *m = &b->m[i][kc];
                if (!o->use_case[kc] || (m->ok && m->status != PBN_RUN_DIVERGED))
                    continue;
                snprintf(line, sizeof line, "N = %ld, %s: %s", o->sizes[i],
                         bench_cases[kc].label,
                         m->ok ? "the network diverged (spike budget exhausted) during the run"
                               : m->why);
            } else if (b->hw->available && !b->k[i].ok) {
                snprintf(line, sizeof line, "hardware kernels at N = %ld: %s", o->sizes[i],
                         b->k[i].why);
            } else {
                continue;
            }
            if (!header)
                fprintf(f, "\nProblems:\n\n");
            header = 1;
            fprintf(f, "- %s\n", line);
        }
    }
}

int bench_report(const bench_state *b, FILE *f, int *n_failed_targets)
{
    *n_failed_targets = 0;
    head(b, f);
    for (size_t s = 0; s < sizeof sections / sizeof *sections; s++) {
        int rc = sections[s](b, f);
        if (rc < 0) {
            fprintf(stderr, "pbn-bench: out of memory writing the report\n");
            return -1;
        }
        *n_failed_targets += rc;
    }
    problems(b, f);
    return 0;
}
