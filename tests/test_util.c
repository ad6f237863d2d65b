/*
 * test_util.c - libpbnutil (src/util): reading whole files, atomic rewrites, the
 * generated blocks of a Markdown page, number and option parsing, stop signals.
 *
 * Each helper replaced two to five copies across the tree, so each case below is one
 * behaviour some caller relies on (named in the comment), checked against an answer
 * written out by hand.
 */
#include <check.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/util.h"
#include "check_run.h"

static char dir[PATH_MAX];

static void setup(void)
{
    const char *t = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/pbn-util-XXXXXX", t && *t ? t : "/tmp");
    ck_assert_msg(mkdtemp(dir) != NULL, "mkdtemp in %s failed", dir);
}

static void teardown(void)
{
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

static void path_in(char *buf, size_t len, const char *name)
{
    int n = snprintf(buf, len, "%s/%s", dir, name);
    ck_assert(n > 0 && (size_t)n < len);
}

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    ck_assert(f != NULL);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
}

/* ---- files --------------------------------------------------------------------------- */

START_TEST(test_util__read_file)
{
    char p[PATH_MAX], *s;
    size_t n;
    path_in(p, sizeof p, "a.txt");
    /* larger than the first buffer, so the growth path is used */
    FILE *f = fopen(p, "wb");
    for (int i = 0; i < 10000; i++)
        fprintf(f, "%04d\n", i % 10000);
    fclose(f);
    ck_assert_int_eq(util_read_file(p, 1 << 20, &s, &n), 0);
    ck_assert_uint_eq(n, 50000);
    ck_assert(s[n] == '\0');
    ck_assert(!strncmp(s, "0000\n0001\n", 10));
    ck_assert(!strncmp(s + n - 5, "9999\n", 5));
    free(s);
    /* the caller's limit: one byte less than the file */
    ck_assert_int_eq(util_read_file(p, 49999, &s, &n), EFBIG);
    ck_assert(s == NULL);
    /* missing file, directory (configuration "cannot read" must say why) */
    path_in(p, sizeof p, "missing");
    ck_assert_int_eq(util_read_file(p, 100, &s, &n), ENOENT);
    ck_assert_int_eq(util_read_file(dir, 100, &s, &n), EISDIR);
    /* an empty file is an empty string, not a failure */
    path_in(p, sizeof p, "empty");
    put(p, "");
    ck_assert_int_eq(util_read_file(p, 100, &s, &n), 0);
    ck_assert_uint_eq(n, 0);
    ck_assert_str_eq(s, "");
    free(s);
}
END_TEST

START_TEST(test_util__write_atomic)
{
    char p[PATH_MAX], *s;
    size_t n;
    path_in(p, sizeof p, "page.md");
    ck_assert_int_eq(util_write_atomic(p, "one\n", 4), 0);
    ck_assert_int_eq(util_read_file(p, 100, &s, &n), 0);
    ck_assert_str_eq(s, "one\n");
    free(s);
    /* the old file's mode is kept (mkstemp alone would make it 0600) */
    ck_assert_int_eq(chmod(p, 0640), 0);
    ck_assert_int_eq(util_write_atomic(p, "two\n", 4), 0);
    struct stat st;
    ck_assert_int_eq(stat(p, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0640);
    ck_assert_int_eq(util_read_file(p, 100, &s, &n), 0);
    ck_assert_str_eq(s, "two\n");
    free(s);
    /* nothing else is left in the directory: no temporary file */
    char cmd[PATH_MAX + 64], out[64] = "";
    snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", dir);
    FILE *ls = popen(cmd, "r");
    ck_assert(fgets(out, sizeof out, ls) != NULL);
    pclose(ls);
    ck_assert_int_eq(atoi(out), 1);
    /* a directory that cannot be written: an error, and the old file is untouched */
    if (geteuid() != 0) {
        ck_assert_int_eq(chmod(dir, 0500), 0);
        ck_assert_int_eq(util_write_atomic(p, "three\n", 6), EACCES);
        ck_assert_int_eq(chmod(dir, 0700), 0);
        ck_assert_int_eq(util_read_file(p, 100, &s, &n), 0);
        ck_assert_str_eq(s, "two\n");
        free(s);
    }
    char q[PATH_MAX];
    path_in(q, sizeof q, "no/such/dir/x");
    ck_assert_int_eq(util_write_atomic(q, "x", 1), ENOENT);
}
END_TEST

/* ---- Markdown blocks ------------------------------------------------------------------ */

static int fill_test(void *ctx, const char *name, FILE *out, char *why, size_t whylen)
{
    (void)ctx;
    if (!strcmp(name, "a")) {
        fputs("NEW A\n", out);
        return UTIL_MD_FILLED;
    }
    if (!strcmp(name, "keep"))
        return UTIL_MD_KEEP;
    if (!strcmp(name, "bad")) {
        snprintf(why, whylen, "no data");
        return UTIL_MD_FAIL;
    }
    return UTIL_MD_UNKNOWN;
}

static int fill(const char *page, char **out, int *nb, char *why)
{
    size_t len;
    return util_md_fill(page, "t", fill_test, NULL, 1, out, &len, nb, why, 256);
}

START_TEST(test_util__md_blocks)
{
    char *out, why[256];
    int nb;
    /* blocks replaced, markers and everything outside kept byte for byte (a begin line
       may carry a note after the name) */
    const char *page = "# Title\n\ntext  with  spaces\n"
                       "<!-- t:begin a (generated; do not edit) -->\nold a\nold a 2\n"
                       "<!-- t:end a -->\nmiddle\n"
                       "<!-- t:begin keep -->\nkept text\n<!-- t:end keep -->\n"
                       "<!-- other:begin a -->\nnot ours\n<!-- other:end a -->\nlast";
    ck_assert_int_eq(fill(page, &out, &nb, why), 0);
    ck_assert_int_eq(nb, 2);
    ck_assert_str_eq(out, "# Title\n\ntext  with  spaces\n"
                          "<!-- t:begin a (generated; do not edit) -->\nNEW A\n"
                          "<!-- t:end a -->\nmiddle\n"
                          "<!-- t:begin keep -->\nkept text\n<!-- t:end keep -->\n"
                          "<!-- other:begin a -->\nnot ours\n<!-- other:end a -->\nlast");
    /* filling the result again changes nothing */
    char *again;
    ck_assert_int_eq(fill(out, &again, &nb, why), 0);
    ck_assert_str_eq(again, out);
    free(again);
    free(out);

    /* every malformed page is refused with the line named, and nothing is returned */
    ck_assert_int_eq(fill("x\n<!-- t:begin zz -->\n<!-- t:end zz -->\n", &out, &nb, why),
                     EINVAL);
    ck_assert(out == NULL);
    ck_assert_msg(strstr(why, "line 2: unknown block 'zz'"), "%s", why);
    ck_assert_int_eq(fill("<!-- t:begin a -->\nold\n", &out, &nb, why), EINVAL);
    ck_assert_msg(strstr(why, "line 1: block 'a' has no end line"), "%s", why);
    ck_assert_int_eq(fill("a\n<!-- t:end a -->\n", &out, &nb, why), EINVAL);
    ck_assert_msg(strstr(why, "line 2: end of block 'a' without its begin"), "%s", why);
    ck_assert_int_eq(fill("<!-- t:begin a -->\n<!-- t:end keep -->\n", &out, &nb, why),
                     EINVAL);
    ck_assert_msg(strstr(why, "ends as 'keep'"), "%s", why);
    ck_assert_int_eq(fill("<!-- t:begin a -->\n<!-- t:begin keep -->\n", &out, &nb, why),
                     EINVAL);
    ck_assert_msg(strstr(why, "begins inside block 'a'"), "%s", why);
    ck_assert_int_eq(fill("<!-- t:begin bad -->\n<!-- t:end bad -->\n", &out, &nb, why),
                     EINVAL);
    ck_assert_msg(strstr(why, "block 'bad': no data"), "%s", why);
    ck_assert_int_eq(fill("no blocks here\n", &out, &nb, why), EINVAL);
    ck_assert_msg(strstr(why, "no generated blocks"), "%s", why);
    /* without need_block a page without blocks comes back unchanged */
    size_t len;
    ck_assert_int_eq(util_md_fill("plain\n", "t", fill_test, NULL, 0, &out, &len, &nb, why,
                                  sizeof why),
                     0);
    ck_assert_str_eq(out, "plain\n");
    ck_assert_int_eq(nb, 0);
    free(out);
}
END_TEST

/* ---- parsing -------------------------------------------------------------------------- */

START_TEST(test_util__parse)
{
    long v = 7;
    double d = 7;
    ck_assert_int_eq(util_parse_long("42", 1, 100, &v), 0);
    ck_assert_int_eq(v, 42);
    ck_assert_int_eq(util_parse_long("-3", -5, 5, &v), 0);
    ck_assert_int_eq(v, -3);
    /* not a number: empty, trailing text, leading blank, a fraction */
    const char *bad[] = {"", "4x", " 4", "4.5", "x", "--1"};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        v = 7;
        ck_assert_msg(util_parse_long(bad[k], 0, 100, &v) == EINVAL, "'%s'", bad[k]);
        ck_assert_int_eq(v, 7);
    }
    ck_assert_int_eq(util_parse_long("0", 1, 4096, &v), ERANGE);
    ck_assert_int_eq(util_parse_long("4097", 1, 4096, &v), ERANGE);
    ck_assert_int_eq(util_parse_long("99999999999999999999", 0, LONG_MAX, &v), ERANGE);
    ck_assert_int_eq(v, 7);

    ck_assert_int_eq(util_parse_double("2.5e3", 0, 1e7, &d), 0);
    ck_assert(d == 2500.0);
    ck_assert_int_eq(util_parse_double("nan", 0, 1, &d), EINVAL);
    ck_assert_int_eq(util_parse_double("inf", 0, 1e300, &d), EINVAL);
    ck_assert_int_eq(util_parse_double("1e400", 0, 1e300, &d), EINVAL);
    ck_assert_int_eq(util_parse_double("0.5ms", 0, 1, &d), EINVAL);
    ck_assert_int_eq(util_parse_double("-1", 0, 1, &d), ERANGE);
    ck_assert(d == 2500.0);

    /* shortest exact text: 0.1 needs 1 digit, 1/3 sixteen; the minimum is respected */
    char buf[64];
    util_fmt_exact(0.1, 1, buf, sizeof buf);
    ck_assert_str_eq(buf, "0.1");
    util_fmt_exact(100000, 1, buf, sizeof buf);
    ck_assert_str_eq(buf, "1e+05");
    util_fmt_exact(100000, 6, buf, sizeof buf);
    ck_assert_str_eq(buf, "100000");
    util_fmt_exact(1.0 / 3.0, 1, buf, sizeof buf);
    ck_assert_str_eq(buf, "0.3333333333333333");
    ck_assert(strtod(buf, NULL) == 1.0 / 3.0);

    /* numbers as a person writes them (issue 15, item 9), still exact */
    const struct { double v; const char *text; } human[] = {
        {1000, "1000"}, {-50, "-50"}, {0.1, "0.1"}, {1e-4, "0.0001"}, {-0.0, "0"},
        {112.5, "112.5"}, {1e9, "1000000000"}, {2.5e-7, "2.5e-07"}, {1e21, "1e+21"},
        {18446744073709551615.0, "1.8446744073709552e+19"}, {1.0 / 15, "0.06666666666666667"}};
    for (size_t k = 0; k < sizeof human / sizeof human[0]; k++) {
        util_fmt_number(human[k].v, buf, sizeof buf);
        ck_assert_str_eq(buf, human[k].text);
        ck_assert(strtod(buf, NULL) == human[k].v);
    }
    for (int k = 0; k < 2000; k++) { /* exact for values across the plain range */
        double v = ldexp(1.0 + k / 2000.0, k % 90 - 30) * (k % 3 ? 1 : -1);
        util_fmt_number(v, buf, sizeof buf);
        ck_assert_msg(strtod(buf, NULL) == v, "%.17g written %s", v, buf);
    }
    /* control bytes are escaped, long text is cut with "..." */
    util_printable("a\x1b[2Jb\n", buf, sizeof buf);
    ck_assert_str_eq(buf, "a\\x1b[2Jb\\x0a");
    char small[8];
    util_printable("abcdefghijk", small, sizeof small);
    ck_assert_str_eq(small, "abcd...");

    char *argv[] = {"p", "--db", "x.db", "--db=y.db", "--dbx", "--db"};
    int i = 1, missing;
    ck_assert_str_eq(util_opt_value(6, argv, &i, "--db", &missing), "x.db");
    ck_assert_int_eq(i, 2);
    i = 3;
    ck_assert_str_eq(util_opt_value(6, argv, &i, "--db", &missing), "y.db");
    ck_assert_int_eq(i, 3);
    i = 4;
    ck_assert(util_opt_value(6, argv, &i, "--db", &missing) == NULL && !missing);
    i = 5;
    ck_assert(util_opt_value(6, argv, &i, "--db", &missing) == NULL && missing);
}
END_TEST

/* ---- signals --------------------------------------------------------------------------- */

START_TEST(test_util__stop_signals)
{
    /* SIGINT ignored at start (a script's background job) stays ignored */
    signal(SIGINT, SIG_IGN);
    volatile sig_atomic_t *flag = util_catch_stop_signals(0);
    ck_assert_int_eq(*flag, 0);
    raise(SIGINT);
    ck_assert_int_eq(*flag, 0);
    struct sigaction sa;
    sigaction(SIGINT, NULL, &sa);
    ck_assert(sa.sa_handler == SIG_IGN);
    /* SIGTERM and SIGHUP set the flag and say which signal it was */
    raise(SIGTERM);
    ck_assert_int_eq(*flag, 1);
    ck_assert_int_eq(util_stop_signal(), SIGTERM);
    *flag = 0;
    raise(SIGHUP);
    ck_assert_int_eq(*flag, 1);
    ck_assert_int_eq(util_stop_signal(), SIGHUP);
    /* with UTIL_SIG_ONCE the handler is gone after the first signal */
    *flag = 0;
    signal(SIGTERM, SIG_DFL);
    util_catch_stop_signals(UTIL_SIG_ONCE);
    raise(SIGTERM);
    ck_assert_int_eq(*flag, 1);
    sigaction(SIGTERM, NULL, &sa);
    ck_assert(sa.sa_handler == SIG_DFL);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("util");
    TCase *tc = tcase_create("util");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_util__read_file);
    tcase_add_test(tc, test_util__write_atomic);
    tcase_add_test(tc, test_util__md_blocks);
    tcase_add_test(tc, test_util__parse);
    tcase_add_test(tc, test_util__stop_signals);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
