/*
 * options.c - pbn-bench's command line and --help.
 *
 * Every bad option ends the program before anything runs with one line on stderr that
 * names the option, the value and what is allowed, and exit status 2.  Values are given as
 * "--name VALUE" or "--name=VALUE" (util_opt_value); numbers are parsed whole and checked
 * against their range (util_parse_long, util_parse_double).
 */
#define _POSIX_C_SOURCE 200809L
#include "bench.h"
#include "util/util.h"

#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
    fprintf(f,
            "usage: pbn-bench [options]\n"
            "\n"
            "Measure the simulator (wall time per simulated second, construction time, synaptic\n"
            "events per second, bytes per synapse, peak memory, cost per event against the\n"
            "hardware kernels of ../shared/bench, exponent of wall time against N) and check\n"
            "the performance targets of issue 6.  Prints Markdown tables on stdout.\n"
            "\n"
            "options:\n"
            "  --sizes LIST      network sizes N (default 1000,2000,5000,10000,15000)\n"
            "  --cases LIST      any of a (no plasticity), b (Kohonen on EE), c (iSTDP on I->E,\n"
            "                    cx = 0.1); default a,b,c\n"
            "  --warmup MS       simulated warm-up before the measured window (default 500)\n"
            "  --T MS            simulated time measured (default 4000)\n"
            "  --quick           smoke run: --sizes 1000,2000 --warmup 100 --T 500\n"
            "  --kernels DIR     folder of synapse_kernels.c and neuron_kernel.c (default: the\n"
            "                    SHARED_BENCH environment variable); without it the ratio\n"
            "                    columns are left out\n"
            "  --no-kernels      do not run the hardware kernels\n"
            "  --kernel-repeats R  run the kernels R times per N and keep the best (default 3)\n"
            "  --repeats R       run every simulation R times, in R rounds over all of them,\n"
            "                    and keep the fastest (default 3)\n"
            "  --ratio-min-n N   the per-event targets are judged on sizes >= N (default 5000;\n"
            "                    the worst over all sizes is shown as well)\n"
            "  --cc CC           compiler for the kernels (default: $CC, else cc)\n"
            "  --set key=value   extra configuration key for every run (repeatable), e.g. a\n"
            "                    thread count; N and T are set by the benchmark\n"
            "  --out FILE        also write the report to FILE.  An existing FILE must hold\n"
            "                    the two lines\n"
            "                      " BENCH_MARK_BEGIN "\n"
            "                      " BENCH_MARK_END "\n"
            "                    and only the text between them is replaced (anything may\n"
            "                    follow 'report' on the begin line); a missing FILE is\n"
            "                    created holding the two lines and the report\n"
            "  --strict          exit with status 3 when a target fails\n"
            "  --progress        show progress on stderr even when it is not a terminal\n"
            "  --quiet           never show progress\n"
            "  -v, --verbose     one line on stderr per finished measurement\n"
            "  -h, --help        this text\n"
            "\n"
            "Values may also be given as --option=VALUE.\n"
            "\n"
            "exit status: 0 measured (whatever the targets), 1 a measurement failed, 2 bad\n"
            "options, 3 a target failed (--strict), 130 interrupted\n");
}

/* One line on stderr; returns 2, the exit status of a bad option. */
static int bad_option(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int bad_option(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "pbn-bench: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, " (see pbn-bench --help)\n");
    va_end(ap);
    return 2;
}

static int parse_sizes(const char *s, bench_options *o)
{
    o->nsizes = 0;
    if (!*s)
        return bad_option("--sizes '%s': no size given", s);
    for (const char *p = s;;) {
        char item[32];
        size_t n = strcspn(p, ",");
        long v;
        if (n < sizeof item) {
            memcpy(item, p, n);
            item[n] = '\0';
        }
        if (n >= sizeof item || util_parse_long(item, 10, 80000, &v) != 0)
            return bad_option("--sizes %s: expected comma-separated integers 10 .. 80000", s);
        if (o->nsizes == BENCH_MAX_SIZES)
            return bad_option("--sizes %s: at most %d sizes", s, BENCH_MAX_SIZES);
        for (int i = 0; i < o->nsizes; i++)
            if (o->sizes[i] == v)
                return bad_option("--sizes %s: a size is given twice", s);
        o->sizes[o->nsizes++] = v;
        p += n;
        if (!*p)
            break;
        if (!*++p)
            return bad_option("--sizes %s: trailing comma", s);
    }
    /* ascending, for the tables */
    for (int i = 1; i < o->nsizes; i++)
        for (int j = i; j > 0 && o->sizes[j - 1] > o->sizes[j]; j--) {
            long t = o->sizes[j];
            o->sizes[j] = o->sizes[j - 1];
            o->sizes[j - 1] = t;
        }
    return 0;
}

static int parse_cases(const char *s, bench_options *o)
{
    memset(o->use_case, 0, sizeof o->use_case);
    int any = 0;
    for (const char *p = s; *p; p++) {
        if (*p == ',')
            continue;
        int k = *p - 'a';
        if (k < 0 || k >= NCASE || (p[1] && p[1] != ','))
            return bad_option("--cases %s: expected a comma-separated list of a, b, c", s);
        o->use_case[k] = 1;
        any = 1;
    }
    if (!any)
        return bad_option("--cases '%s': no case given", s);
    return 0;
}

static int parse_ms(const char *opt, const char *s, double *v)
{
    double x;
    if (util_parse_double(s, 0, 1e7, &x) != 0 || !(x > 0))
        return bad_option("%s %s: expected a time in ms, > 0 and <= 1e7", opt, s);
    *v = x;
    return 0;
}

static int parse_int(const char *opt, const char *s, long lo, long hi, long *v)
{
    if (util_parse_long(s, lo, hi, v) != 0)
        return bad_option("%s %s: expected an integer %ld .. %ld", opt, s, lo, hi);
    return 0;
}

static int parse_set(const char *v, bench_options *o)
{
    if (o->nsets == BENCH_MAX_SETS)
        return bad_option("--set %s: at most %d --set options", v, BENCH_MAX_SETS);
    const char *eq = strchr(v, '=');
    if (!eq || eq == v)
        return bad_option("--set %s: expected key=value", v);
    if (eq - v == 1 && (v[0] == 'N' || v[0] == 'T'))
        return bad_option("--set %s: N and T are set by --sizes and --warmup/--T", v);
    o->sets[o->nsets++] = v;
    return 0;
}

static void defaults(bench_options *o)
{
    static const long def_sizes[] = {1000, 2000, 5000, 10000, 15000};
    memset(o, 0, sizeof *o);
    o->nsizes = (int)(sizeof def_sizes / sizeof *def_sizes);
    memcpy(o->sizes, def_sizes, sizeof def_sizes);
    for (int k = 0; k < NCASE; k++)
        o->use_case[k] = 1;
    o->warmup_ms = 500;
    o->measure_ms = 4000;
    o->kernel_repeats = 3;
    o->repeats = 3;
    o->ratio_min_n = 5000;
    o->progress = UTIL_PROGRESS_AUTO;
    o->kernels = getenv("SHARED_BENCH");
    o->cc = getenv("CC");
}

/* The options that take a value, in the order of --help. */
enum {
    O_SIZES, O_CASES, O_WARMUP, O_T, O_KERNELS, O_KERNEL_REPEATS, O_REPEATS, O_RATIO_MIN_N,
    O_CC, O_OUT, O_SET, N_VALUED
};
static const char *const valued[N_VALUED] = {
    [O_SIZES] = "--sizes",     [O_CASES] = "--cases",
    [O_WARMUP] = "--warmup",   [O_T] = "--T",
    [O_KERNELS] = "--kernels", [O_KERNEL_REPEATS] = "--kernel-repeats",
    [O_REPEATS] = "--repeats", [O_RATIO_MIN_N] = "--ratio-min-n",
    [O_CC] = "--cc",           [O_OUT] = "--out",
    [O_SET] = "--set",
};

/* Option `which` with value v.  Returns 0 or 2 (message printed). */
static int set_valued(bench_options *o, int which, const char *v)
{
    const char *name = valued[which];
    long l = 0;
    int rc = 0;
    switch (which) {
    case O_SIZES:
        return parse_sizes(v, o);
    case O_CASES:
        return parse_cases(v, o);
    case O_WARMUP:
        return parse_ms(name, v, &o->warmup_ms);
    case O_T:
        return parse_ms(name, v, &o->measure_ms);
    case O_KERNELS:
        o->kernels = v;
        return 0;
    case O_KERNEL_REPEATS:
        if ((rc = parse_int(name, v, 1, 100, &l)) == 0)
            o->kernel_repeats = (int)l;
        return rc;
    case O_REPEATS:
        if ((rc = parse_int(name, v, 1, 100, &l)) == 0)
            o->repeats = (int)l;
        return rc;
    case O_RATIO_MIN_N:
        return parse_int(name, v, 0, 80000, &o->ratio_min_n);
    case O_CC:
        o->cc = v;
        return 0;
    case O_OUT:
        o->out = *v ? v : NULL;
        return 0;
    default:
        return parse_set(v, o);
    }
}

int bench_parse_options(int argc, char **argv, bench_options *o)
{
    int given[N_VALUED] = {0};
    defaults(o);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            exit(0);
        } else if (!strcmp(a, "--quick")) {
            o->quick = 1;
        } else if (!strcmp(a, "--no-kernels")) {
            o->kernels = "";
        } else if (!strcmp(a, "--strict")) {
            o->strict = 1;
        } else if (!strcmp(a, "--progress")) {
            o->progress = UTIL_PROGRESS_ON;
        } else if (!strcmp(a, "--quiet")) {
            o->progress = UTIL_PROGRESS_OFF;
        } else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
            o->verbose = 1;
        } else {
            const char *v = NULL;
            int which, missing = 0, rc;
            for (which = 0; which < N_VALUED; which++)
                if ((v = util_opt_value(argc, argv, &i, valued[which], &missing)) || missing)
                    break;
            if (which == N_VALUED)
                return bad_option("unknown option '%s'", a);
            if (missing)
                return bad_option("%s: missing value", valued[which]);
            if ((rc = set_valued(o, which, v)) != 0)
                return rc;
            given[which] = 1;
        }
    }
    if (o->quick) {
        if (!given[O_SIZES]) {
            o->nsizes = 2;
            o->sizes[0] = 1000;
            o->sizes[1] = 2000;
        }
        if (!given[O_WARMUP])
            o->warmup_ms = 100;
        if (!given[O_T])
            o->measure_ms = 500;
    }
    return 0;
}
