/*
 * test_config.c - the parameter table: defaults, parsing, errors, canonical form, seeds.
 */
#include <check.h>
#include <limits.h>
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
    expect_error("N = 1000.5\n", "not a decimal integer", NULL);
    /* one integer syntax for every integer key, as for the seeds (issue 15, item 8) */
    expect_error("N = 1e3\n", "N = 1e3: not a decimal integer", NULL);
    expect_error("N = 0x100\n", "not a decimal integer", NULL);
    expect_error("seed = 1e3\n", "non-negative integer", NULL);
    /* accepted before, meaningless (item 8) */
    expect_error("VT = -45\n", "VT = -45, Vth = -50", "must not be above");
    expect_error("cx = 0.1\ntau_jitter = 500\n", "tau_jitter = 500, T = 1000", "T/8 = 125");
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

/*
 * Issue 15, item 1: a struct written directly (not through the parser) with a bad value in
 * any field is refused by every public entry point that takes a configuration, with the
 * message the configuration file gives for that key ("p = 2: out of range; allowed: ..."),
 * and nothing crashes.  The bad values: NaN, infinities and values just outside each
 * numeric range; an index outside each choice list; an unknown or unterminated generator.
 */
static void expect_refused_everywhere(const pbn_config *c, const char *key)
{
    pbn_error err;
    char prefix[64];
    snprintf(prefix, sizeof prefix, "%s = ", key);
    ck_assert_int_eq(pbn_config_validate(c, &err), PBN_EINVAL);
    ck_assert_msg(strncmp(err.msg, prefix, strlen(prefix)) == 0, "%s: %s", key, err.msg);
    ck_assert_msg(strstr(err.msg, "allowed: "), "%s: %s", key, err.msg);
    ck_assert_ptr_null(pbn_sim_create(c, &err));
    ck_assert_msg(strncmp(err.msg, prefix, strlen(prefix)) == 0, "sim %s: %s", key, err.msg);
    ck_assert_ptr_null(pbn_input_create(c, &err));
    int store[PBN_NBLOCKS] = {0};
    ck_assert_ptr_null(pbn_net_create(c, store, &err));
    pbn_theory_report *rep = malloc(sizeof *rep);
    ck_assert_int_ne(pbn_theory_predict(c, rep, &err), PBN_OK);
    ck_assert_msg(strncmp(err.msg, prefix, strlen(prefix)) == 0, "theory %s: %s", key, err.msg);
    free(rep);
    double r[2], dj[PBN_NBLOCKS], j[PBN_NBLOCKS] = {25, -150, 112.5, -250, 180, 135};
    ck_assert_int_ne(pbn_theory_rates(c, NULL, 0, r, &err), PBN_OK);
    ck_assert_int_ne(pbn_theory_drift(c, 0, j, dj, &err), PBN_OK);
    ck_assert_int_ne(pbn_rule_pair(c, PBN_EE, 25, 10, dj, &err), PBN_OK);
    /* the canonical text of a bad struct is still a string (no crash, no overread) */
    char *text = pbn_config_canonical(c);
    ck_assert_ptr_nonnull(text);
    free(text);
}

START_TEST(test_struct_fields_checked)
{
    size_t n, tried = 0;
    const pbn_param *p = pbn_config_params(&n);
    for (size_t i = 0; i < n; i++) {
        pbn_config c;
        char *base = (char *)&c + p[i].offset;
        switch (p[i].kind) {
        case PBN_P_DOUBLE: {
            const double bad[] = {NAN, INFINITY, -INFINITY,
                                  p[i].min_open ? p[i].min : nextafter(p[i].min, -INFINITY),
                                  p[i].max_open ? p[i].max : nextafter(p[i].max, INFINITY)};
            for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
                pbn_config_defaults(&c);
                *(double *)base = bad[k];
                expect_refused_everywhere(&c, p[i].name);
                tried++;
            }
            break;
        }
        case PBN_P_LONG: {
            const long bad[] = {(long)p[i].min - 1, (long)p[i].max + 1, LONG_MIN};
            for (size_t k = 0; k < 3; k++) {
                pbn_config_defaults(&c);
                *(long *)base = bad[k];
                expect_refused_everywhere(&c, p[i].name);
                tried++;
            }
            break;
        }
        case PBN_P_CHOICE: {
            const int bad[] = {-1, 17, INT_MAX};
            for (size_t k = 0; k < 3; k++) {
                pbn_config_defaults(&c);
                *(int *)base = bad[k];
                expect_refused_everywhere(&c, p[i].name);
                tried++;
            }
            break;
        }
        case PBN_P_STRING:
            pbn_config_defaults(&c);
            strcpy(base, "mersenne\x01");
            expect_refused_everywhere(&c, p[i].name);
            memset(base, 'a', sizeof c.rng); /* no terminating NUL */
            expect_refused_everywhere(&c, p[i].name);
            tried += 2;
            break;
        case PBN_P_ULONG: /* every value is a valid seed */
            break;
        }
    }
    ck_assert_uint_gt(tried, 150);
    /* the examples of the issue, and the file gives the same message as the struct */
    pbn_config c, d;
    pbn_error e1, e2;
    pbn_config_defaults(&c);
    c.p = 2;
    ck_assert_int_eq(pbn_config_validate(&c, &e1), PBN_EINVAL);
    pbn_config_defaults(&d);
    ck_assert_int_eq(pbn_config_set(&d, "p", "2", &e2), PBN_EINVAL);
    ck_assert_str_eq(e1.msg, e2.msg);
    pbn_config_defaults(&c);
    c.T = -5; /* out of range, not "at least 2 time steps" */
    ck_assert_int_eq(pbn_config_validate(&c, &e1), PBN_EINVAL);
    ck_assert_ptr_nonnull(strstr(e1.msg, "T = -5: out of range"));
    ck_assert_int_eq(pbn_config_validate(NULL, &e1), PBN_EINVAL);
}
END_TEST

START_TEST(test_printable_and_zero)
{
    /* control bytes in a key or a value are not echoed raw (issue 15, item 7) */
    pbn_config c;
    pbn_error err;
    pbn_config_defaults(&c);
    ck_assert_int_eq(pbn_config_set(&c, "N\x1b[2J", "5", &err), PBN_EINVAL);
    ck_assert_ptr_null(strchr(err.msg, '\x1b'));
    ck_assert_ptr_nonnull(strstr(err.msg, "N\\x1b[2J"));
    ck_assert_int_eq(pbn_config_set(&c, "rng", "a\tb", &err), PBN_EINVAL);
    ck_assert_ptr_null(strchr(err.msg, '\t'));
    /* -0 is the same configuration as 0 (item 8) */
    pbn_config a, b;
    char ha[17], hb[17];
    pbn_config_defaults(&a);
    pbn_config_defaults(&b);
    ck_assert_int_eq(pbn_config_set(&a, "cx", "-0", &err), PBN_OK);
    ck_assert_int_eq(pbn_config_set(&b, "cx", "0", &err), PBN_OK);
    ck_assert(!signbit(a.cx));
    pbn_config_hash(&a, ha);
    pbn_config_hash(&b, hb);
    ck_assert_str_eq(ha, hb);
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
    tcase_add_test(tc, test_struct_fields_checked);
    tcase_add_test(tc, test_printable_and_zero);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
