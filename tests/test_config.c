/*
 * test_config.c - the parameter table: defaults, parsing, errors, canonical form, seeds.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbn/pbn.h"
#include "check_run.h"

START_TEST(test_defaults_in_range)
{
    size_t n;
    const pbn_param *p = pbn_config_params(&n);
    pbn_config c;
    pbn_error err;
    pbn_config_defaults(&c);
    ck_assert_uint_gt(n, 40);
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(pbn_config_set(&c, p[i].name, p[i].def, &err) == PBN_OK,
                      "default of %s rejected: %s", p[i].name, err.msg);
    ck_assert_int_eq(pbn_config_validate(&c, &err), PBN_OK);
    /* the spec's defaults (paper/model.md sections 1-2) */
    ck_assert_int_eq(c.N, 1000);
    ck_assert_int_eq(pbn_config_ne(&c), 800);
    ck_assert_int_eq(pbn_config_ni(&c), 200);
    ck_assert_int_eq(pbn_config_nx(&c), 200);
    ck_assert(c.jee == 25 && c.jei == -150 && c.jie == 112.5 && c.jii == -250);
    ck_assert(c.jex == 180 && c.jix == 135 && c.p == 0.1 && c.rx == 10);
    ck_assert(c.tau_e == 8 && c.tau_i == 4 && c.tau_x == 10 && c.tau_stdp == 200);
    ck_assert(fabs(c.gL - 1.0 / 15) < 1e-15 && c.EL == -72 && c.VT == -55 && c.Vth == -50);
    ck_assert(c.Vre == -75 && c.DeltaT == 1 && c.Cm == 1 && c.dt == 0.1);
    ck_assert(c.jnorm_ei == -200 && c.jnorm_ie == 200 && c.rho_e == 10 && c.beta == 2);
    ck_assert_str_eq(c.rng, "mt19937");
    ck_assert_uint_eq(pbn_config_nsteps(&c), 10000);
}
END_TEST

START_TEST(test_parse_file_text)
{
    pbn_config c;
    pbn_error err;
    pbn_config_defaults(&c);
    const char *text = "# a comment\n"
                       "\n"
                       "  N = 2000   # inline comment\n"
                       "plastic_ee=kohonen\n"
                       "cx = 0.1\n"
                       "rng = taus2\n"
                       "seed = 18446744073709551615\n"
                       "T = 1e4\n";
    ck_assert_msg(pbn_config_read_string(&c, text, "t.cfg", &err) == PBN_OK, "%s", err.msg);
    ck_assert_int_eq(c.N, 2000);
    ck_assert_int_eq(c.plastic_ee, PBN_EE_KOHONEN);
    ck_assert(c.cx == 0.1 && c.T == 1e4);
    ck_assert_str_eq(c.rng, "taus2");
    ck_assert(c.seed == 18446744073709551615UL);
    ck_assert_str_eq(pbn_config_choice_name("plastic_ee", c.plastic_ee), "kohonen");
}
END_TEST

/* An error must be one line naming the key (or line), the value and what is allowed. */
static void expect_error(const char *text, const char *needle1, const char *needle2)
{
    pbn_config c;
    pbn_error err;
    pbn_config_defaults(&c);
    int rc = pbn_config_read_string(&c, text, "bad.cfg", &err);
    if (rc == PBN_OK)
        rc = pbn_config_validate(&c, &err);
    ck_assert_msg(rc == PBN_EINVAL, "accepted: %s", text);
    ck_assert_msg(strchr(err.msg, '\n') == NULL, "message is not one line: %s", err.msg);
    ck_assert_msg(strstr(err.msg, needle1) != NULL, "'%s' not in: %s", needle1, err.msg);
    if (needle2)
        ck_assert_msg(strstr(err.msg, needle2) != NULL, "'%s' not in: %s", needle2, err.msg);
}

START_TEST(test_bad_input)
{
    expect_error("Nn = 3\n", "unknown key 'Nn'", "bad.cfg:1");
    expect_error("N = 5\n", "N = 5", "10 .. 80000");
    expect_error("N = 1000.5\n", "not an integer", NULL);
    expect_error("p = 1.5\n", "p = 1.5", "0 .. 1");
    expect_error("dt = 0\n", "dt = 0", "> 0");
    expect_error("cx = nan\n", "not a finite number", NULL);
    expect_error("rx = inf\n", "not a finite number", NULL);
    expect_error("rx = 10Hz\n", "not a finite number", NULL);
    expect_error("jei = 10\n", "jei = 10", "-100000 .. 0");
    expect_error("\n\nN 1000\n", "bad.cfg:3", "malformed");
    expect_error("N = 1000\nN = 2000\n", "given twice", "bad.cfg:2");
    expect_error("plastic_ee = oja\n", "unknown choice", "kohonen");
    expect_error("rng = mersenne\n", "unknown generator", NULL);
    expect_error("seed = -1\n", "non-negative integer", NULL);
    expect_error("N =\n", "missing value", NULL);
    expect_error("T = 100.05\n", "whole number of time steps", NULL);
    expect_error("Vre = -40\n", "Vre must be below Vth", NULL);
    expect_error("tau_e = 0.05\n", "tau_e", "at least dt");
    expect_error("raster_start = 10\nraster_stop = 5\n", "raster_start", NULL);
    expect_error("plastic_ee = hebb_add\njmin_ee = 5\njmax_ee = 5\n", "jmin_ee < jmax_ee", NULL);
    expect_error("N = 80000\nqe = 0.9\n", "Ne = 72000", "1 .. 65535");
    expect_error("jnorm_ei = 0\n", "jnorm_ei = 0", NULL);
}
END_TEST

START_TEST(test_set_pair_and_file)
{
    pbn_config c;
    pbn_error err;
    pbn_config_defaults(&c);
    ck_assert_int_eq(pbn_config_set_pair(&c, " N = 3000 ", &err), PBN_OK);
    ck_assert_int_eq(c.N, 3000);
    ck_assert_int_eq(pbn_config_set_pair(&c, "N3000", &err), PBN_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.msg, "key=value"));
    ck_assert_int_eq(pbn_config_read_file(&c, "/nonexistent/x.cfg", &err), PBN_EIO);
    ck_assert_ptr_nonnull(strstr(err.msg, "/nonexistent/x.cfg"));
    /* a file that is not text */
    char path[4096];
    const char *tmpdir = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/pbn_cfg_XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "wb");
    fwrite("N = 1\0\0", 1, 7, f);
    fclose(f);
    ck_assert_int_eq(pbn_config_read_file(&c, path, &err), PBN_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.msg, "NUL"));
    /* a file that is fine */
    f = fopen(path, "w");
    fputs("cx = 0.25\nseed = 7\n", f);
    fclose(f);
    ck_assert_int_eq(pbn_config_read_file(&c, path, &err), PBN_OK);
    ck_assert(c.cx == 0.25 && c.seed == 7);
    remove(path);
}
END_TEST

START_TEST(test_canonical_roundtrip)
{
    pbn_config a, b;
    pbn_error err;
    char ha[17], hb[17];
    pbn_config_defaults(&a);
    pbn_config_set(&a, "gL", "0.0666", &err);
    pbn_config_set(&a, "cx", "0.1", &err);
    pbn_config_set(&a, "plastic_ei", "istdp", &err);
    pbn_config_set(&a, "seed", "12345678901234567", &err);
    char *text = pbn_config_canonical(&a);
    ck_assert_ptr_nonnull(strstr(text, "cx = 0.1\n")); /* shortest exact form */
    pbn_config_defaults(&b);
    ck_assert_msg(pbn_config_read_string(&b, text, "canonical", &err) == PBN_OK, "%s", err.msg);
    char *text2 = pbn_config_canonical(&b);
    ck_assert_str_eq(text, text2);
    ck_assert_int_eq(memcmp(&a.gL, &b.gL, sizeof a.gL), 0);
    pbn_config_hash(&a, ha);
    pbn_config_hash(&b, hb);
    ck_assert_str_eq(ha, hb);
    ck_assert_int_eq(strlen(ha), 16);
    /* every key is in the canonical text, and changing any one changes the hash */
    size_t n;
    const pbn_param *p = pbn_config_params(&n);
    for (size_t i = 0; i < n; i++) {
        char needle[64];
        snprintf(needle, sizeof needle, "\n%s = ", p[i].name);
        ck_assert_msg(strstr(text, needle) || strncmp(text, needle + 1, strlen(needle) - 1) == 0,
                      "%s missing from the canonical text", p[i].name);
    }
    pbn_config_set(&b, "tau_jitter", "5.000000001", &err);
    pbn_config_hash(&b, hb);
    ck_assert_str_ne(ha, hb);
    free(text);
    free(text2);
}
END_TEST

START_TEST(test_seeds)
{
    pbn_config a, b;
    pbn_config_defaults(&a);
    pbn_config_defaults(&b);
    b.seed = 2;
    ck_assert(pbn_config_seed_net(&a) != pbn_config_seed_input(&a));
    ck_assert(pbn_config_seed_net(&a) != pbn_config_seed_init(&a));
    ck_assert(pbn_config_seed_net(&a) != pbn_config_seed_net(&b));
    ck_assert(pbn_config_seed_input(&a) != pbn_config_seed_input(&b));
    a.seed_net = 99;
    b.seed_net = 99;
    ck_assert(pbn_config_seed_net(&a) == pbn_config_seed_net(&b));
    ck_assert(pbn_config_seed_input(&a) != pbn_config_seed_input(&b));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("config");
    TCase *tc = tcase_create("config");
    tcase_add_test(tc, test_defaults_in_range);
    tcase_add_test(tc, test_parse_file_text);
    tcase_add_test(tc, test_bad_input);
    tcase_add_test(tc, test_set_pair_and_file);
    tcase_add_test(tc, test_canonical_roundtrip);
    tcase_add_test(tc, test_seeds);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
