/*
 * hwkernels.c - the hardware-limit kernels of ../shared/bench, built and run at bench time.
 *
 * A simulator's cost per synaptic event means little on its own: it depends on the
 * machine's memory system.  The shared kernels measure the same elementary operations
 * (delivery along a row, a weight update along a row, a weight update along a column
 * through a transpose index, one EIF neuron step) with nothing around them, so the ratio
 * simulator / kernel says how far the simulator is from what this machine can do.
 *
 * The kernels are not part of this repository and their code is never copied into it:
 * they are compiled from wherever they are found (SHARED_BENCH, by default
 * $(top_srcdir)/../shared/bench) into a private temporary directory, with the flags their
 * README gives (-O2 -march=native), and run as separate processes for each N in the same
 * invocation as the simulator measurements.  Their output is text; we read the numbers
 * from the lines that carry them and treat any other shape as "not available", so a
 * change in the kernels makes the ratio columns disappear rather than become wrong.
 */
#define _XOPEN_SOURCE 700
#include "bench.h"
#include "util/util.h"

#include <stdio.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/*
 * Run argv (argv[0] looked up in PATH), stdout and stderr captured into out (NUL-ended,
 * truncated to len - 1).  Returns the exit status, or -1 when it could not be run or was
 * killed by a signal.
 */
static int run_capture(char *const argv[], char *out, size_t len)
{
    int fd[2];
    out[0] = '\0';
    if (pipe(fd) != 0)
        return -1;
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(fd[0]);
        close(fd[1]);
        return -1;
    }
    if (pid == 0) {
        dup2(fd[1], STDOUT_FILENO);
        dup2(fd[1], STDERR_FILENO);
        close(fd[0]);
        close(fd[1]);
        execvp(argv[0], argv);
        fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(fd[1]);
    size_t n = 0;
    for (;;) {
        char buf[4096];
        ssize_t r = read(fd[0], buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        size_t k = (size_t)r;
        if (n + k > len - 1)
            k = len - 1 - n;
        memcpy(out + n, buf, k);
        n += k;
    }
    out[n] = '\0';
    close(fd[0]);
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* First line of text, for one-line messages. */
static void first_line(const char *text, char *buf, size_t len)
{
    size_t n = strcspn(text, "\n");
    if (n >= len)
        n = len - 1;
    memcpy(buf, text, n);
    buf[n] = '\0';
}

/* Compile one kernel: cc words, -O2 -march=native -o bin src [extra]. */
static int compile(bench_hw *hw, const char *src, const char *bin, const char *extra)
{
    char words[256], *argv[40];
    int argc = 0;
    snprintf(words, sizeof words, "%s", hw->cc);
    for (char *tok = strtok(words, " \t"); tok && argc < 32; tok = strtok(NULL, " \t"))
        argv[argc++] = tok;
    if (argc == 0)
        argv[argc++] = "cc";
    char srcpath[PATH_MAX + 64];
    snprintf(srcpath, sizeof srcpath, "%s/%s", hw->srcdir, src);
    argv[argc++] = "-O2";
    argv[argc++] = "-march=native";
    argv[argc++] = "-o";
    argv[argc++] = (char *)bin;
    argv[argc++] = srcpath;
    if (extra)
        argv[argc++] = (char *)extra;
    argv[argc] = NULL;
    char out[8192];
    int rc = run_capture(argv, out, sizeof out);
    if (rc != 0) {
        char line[300];
        first_line(out, line, sizeof line);
        snprintf(hw->why, sizeof hw->why, "compiling %s with '%s' failed: %s", srcpath, hw->cc,
                 line[0] ? line : "no output");
        return -1;
    }
    return 0;
}

void bench_hw_prepare(bench_hw *hw, const char *srcdir, const char *cc)
{
    memset(hw, 0, sizeof *hw);
    snprintf(hw->cc, sizeof hw->cc, "%s", cc && *cc ? cc : "cc");
    if (!srcdir || !*srcdir) {
        snprintf(hw->why, sizeof hw->why,
                 "hardware kernels not found: no directory given (--kernels DIR or "
                 "SHARED_BENCH=DIR, the folder holding synapse_kernels.c and neuron_kernel.c)");
        return;
    }
    char *real = realpath(srcdir, NULL); /* for the report: no "a/../b" */
    snprintf(hw->srcdir, sizeof hw->srcdir, "%s", real ? real : srcdir);
    free(real);
    const char *need[2] = {"synapse_kernels.c", "neuron_kernel.c"};
    for (int i = 0; i < 2; i++) {
        char path[PATH_MAX + 64];
        snprintf(path, sizeof path, "%s/%s", srcdir, need[i]);
        if (access(path, R_OK) != 0) {
            snprintf(hw->why, sizeof hw->why, "hardware kernels not found: no readable %s",
                     path);
            return;
        }
    }
    const char *tmpdir = getenv("TMPDIR");
    snprintf(hw->tmp, sizeof hw->tmp, "%s/pbn-bench-XXXXXX",
             tmpdir && *tmpdir ? tmpdir : "/tmp");
    if (!mkdtemp(hw->tmp)) {
        snprintf(hw->why, sizeof hw->why, "cannot create a temporary directory: %s",
                 strerror(errno));
        hw->tmp[0] = '\0';
        return;
    }
    snprintf(hw->syn, sizeof hw->syn, "%s/synapse_kernels", hw->tmp);
    snprintf(hw->eif, sizeof hw->eif, "%s/neuron_kernel", hw->tmp);
    if (compile(hw, need[0], hw->syn, NULL) != 0 || compile(hw, need[1], hw->eif, "-lm") != 0)
        return;
    hw->available = 1;
}

/* The number after the first ':' of the line that contains key; NaN when absent. */
static double value_after(const char *text, const char *key)
{
    const char *p = strstr(text, key);
    if (!p)
        return NAN;
    const char *c = strchr(p, ':');
    const char *eol = strchr(p, '\n');
    if (!c || (eol && c > eol))
        return NAN;
    char *end;
    double v = strtod(c + 1, &end);
    if (end == c + 1 || !(v > 0))
        return NAN;
    return v;
}

/* One run of both kernels at size N into k (NaN where a number is missing). */
static int measure_once(const bench_hw *hw, long N, bench_kcost *k)
{
    char arg[32], out[8192];
    snprintf(arg, sizeof arg, "%ld", N);
    char *sargv[] = {(char *)hw->syn, arg, NULL};
    char *eargv[] = {(char *)hw->eif, arg, NULL};
    if (run_capture(sargv, out, sizeof out) != 0) {
        snprintf(k->why, sizeof k->why, "synapse_kernels %ld failed", N);
        return -1;
    }
    k->deliver = value_after(out, "forward propagate");
    k->row = value_after(out, "row (pre) STDP");
    k->col = value_after(out, "column (post) STDP");
    if (run_capture(eargv, out, sizeof out) != 0) {
        snprintf(k->why, sizeof k->why, "neuron_kernel %ld failed", N);
        return -1;
    }
    /* "N=10000: 7.25 ns per neuron-step, ..." */
    k->neuron = NAN;
    const char *p = strstr(out, "ns per neuron-step");
    if (p) {
        const char *c = strchr(out, ':');
        if (c && c < p)
            k->neuron = strtod(c + 1, NULL);
    }
    if (!(k->deliver > 0) || !(k->row > 0) || !(k->col > 0) || !(k->neuron > 0)) {
        snprintf(k->why, sizeof k->why, "unexpected output of the kernels at N = %ld", N);
        return -1;
    }
    return 0;
}

void bench_hw_measure(const bench_hw *hw, long N, int repeats, bench_kcost *k)
{
    memset(k, 0, sizeof *k);
    k->deliver = k->row = k->col = k->neuron = NAN;
    if (!hw->available) {
        snprintf(k->why, sizeof k->why, "%.255s", hw->why);
        return;
    }
    double t0 = util_now();
    for (int r = 0; r < (repeats > 0 ? repeats : 1); r++) {
        bench_kcost one;
        memset(&one, 0, sizeof one);
        if (measure_once(hw, N, &one) != 0) {
            snprintf(k->why, sizeof k->why, "%s", one.why);
            return;
        }
        /* the best of the repeats: a limit is what the machine can do, not an average */
        k->deliver = r ? fmin(k->deliver, one.deliver) : one.deliver;
        k->row = r ? fmin(k->row, one.row) : one.row;
        k->col = r ? fmin(k->col, one.col) : one.col;
        k->neuron = r ? fmin(k->neuron, one.neuron) : one.neuron;
    }
    k->wall_s = util_now() - t0;
    k->ok = 1;
}

void bench_hw_cleanup(bench_hw *hw)
{
    if (!hw->tmp[0])
        return;
    if (hw->syn[0])
        unlink(hw->syn);
    if (hw->eif[0])
        unlink(hw->eif);
    rmdir(hw->tmp);
    hw->tmp[0] = '\0';
}
