/*
 * test_exp.c - the experiment programs' command line (experiments/exp.c): the sweep
 * options every program takes, parsed by the programs (the library parses no argv).
 */
#include <check.h>
#include <string.h>

#include "experiments/exp.h"
#include "util/util.h"
#include "check_run.h"

static exp_ctx ctx(void)
{
    exp_ctx x;
    memset(&x, 0, sizeof x);
    x.progress = UTIL_PROGRESS_AUTO;
    pbn_sweep_opts_init(&x.opts);
    return x;
}

START_TEST(test_exp__sweep_options)
{
    char *argv[] = {"prog", "--jobs", "3", "-j", "2", "--shard", "1/4", "--db", "x.db",
                    "--quiet", "--other", "--shard=4/4", "--jobs=0", "--db"};
    int argc = (int)(sizeof argv / sizeof argv[0]);
    exp_ctx x = ctx();
    pbn_sweep_opts *o = &x.opts;
    pbn_error err = {0, ""};
    int i = 1;
    ck_assert_int_eq(exp_parse_sweep_option(&x, argc, argv, &i, &err), 1);
    ck_assert_int_eq(o->jobs, 3);
    ck_assert_int_eq(i, 2);
    i = 3;
    ck_assert_int_eq(exp_parse_sweep_option(&x, argc, argv, &i, &err), 1);
    ck_assert_int_eq(o->jobs, 2);
    i = 5;
    ck_assert_int_eq(exp_parse_sweep_option(&x, argc, argv, &i, &err), 1);
    ck_assert(o->shard_i == 1 && o->shard_n == 4);
    i = 7;
    ck_assert_int_eq(exp_parse_sweep_option(&x, argc, argv, &i, &err), 1);
    ck_assert_str_eq(o->db, "x.db");
    i = 9;
    ck_assert_int_eq(exp_parse_sweep_option(&x, argc, argv, &i, &err), 1);
    ck_assert_int_eq(x.progress, UTIL_PROGRESS_OFF);
    i = 10;
    ck_assert_int_eq(exp_parse_sweep_option(&x, argc, argv, &i, &err), 0);
    i = 11;
    ck_assert_int_eq(exp_parse_sweep_option(&x, argc, argv, &i, &err), -1);
    ck_assert_msg(strstr(err.msg, "0 <= I < N") != NULL, "%s", err.msg);
    i = 12;
    ck_assert_int_eq(exp_parse_sweep_option(&x, argc, argv, &i, &err), -1);
    i = 13;
    ck_assert_int_eq(exp_parse_sweep_option(&x, argc, argv, &i, &err), -1);
    int a, b;
    ck_assert(exp_parse_shard("0/1", &a, &b, &err) == PBN_OK && a == 0 && b == 1);
    ck_assert(exp_parse_shard("2/2", &a, &b, &err) == PBN_EINVAL);
    ck_assert(exp_parse_shard("-1/2", &a, &b, &err) == PBN_EINVAL);
    ck_assert(exp_parse_shard("1/", &a, &b, &err) == PBN_EINVAL);
    ck_assert(exp_parse_shard("1/2x", &a, &b, &err) == PBN_EINVAL);
    ck_assert(strstr(exp_sweep_options_help(), "--shard I/N") != NULL);
    char *argv2[] = {"prog", "--prune-stale"};
    i = 1;
    ck_assert(!o->prune_stale);
    ck_assert_int_eq(exp_parse_sweep_option(&x, 2, argv2, &i, &err), 1);
    ck_assert(o->prune_stale);
    ck_assert(strstr(exp_sweep_options_help(), "--prune-stale") != NULL);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("exp");
    TCase *tc = tcase_create("exp");
    tcase_add_test(tc, test_exp__sweep_options);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
