/*
 * store_testlib.c - helpers shared by the store and sweep tests (see store_testlib.h).
 */
#define _GNU_SOURCE
#include "store_testlib.h"
#include "util/util.h"

#include <check.h>
#include <ftw.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void tu_tmpdir(char *buf, size_t len)
{
    const char *t = getenv("TMPDIR");
    snprintf(buf, len, "%s/pbn-test-XXXXXX", t && *t ? t : "/tmp");
    ck_assert_msg(mkdtemp(buf) != NULL, "mkdtemp in %s failed", buf);
    chmod(buf, 0755);
}

static int rm_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(p);
}

void tu_rmtree(const char *path) { nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS); }

void tu_path(char *buf, size_t len, const char *dir, const char *name)
{
    snprintf(buf, len, "%s/%s", dir, name);
}

void tu_tiny(pbn_config *cfg, long N, double T, unsigned long seed)
{
    pbn_config_defaults(cfg);
    cfg->N = N;
    cfg->T = T;
    cfg->seed = seed;
    cfg->cov_window = 50;
    cfg->n_pair_samples = 40;
    cfg->n_syn_samples = 4;
    cfg->n_weight_samples = 60;
    pbn_error err = {0, ""};
    ck_assert_msg(pbn_config_validate(cfg, &err) == PBN_OK, "%s", err.msg);
}

pbn_sim *tu_run(const pbn_config *cfg)
{
    pbn_error err = {0, ""};
    pbn_sim *sim = pbn_sim_create(cfg, &err);
    ck_assert_msg(sim != NULL, "%s", err.msg);
    ck_assert_msg(pbn_sim_run(sim, &err) == PBN_OK, "%s", err.msg);
    return sim;
}

int tu_same(double a, double b) { return (isnan(a) && isnan(b)) || a == b; }

/* ---- dump ------------------------------------------------------------------------------ */

typedef struct buf {
    char *s;
    size_t n, cap;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t nc = b->cap ? b->cap : 1 << 16;
        while (nc < b->n + n + 1)
            nc *= 2;
        b->s = realloc(b->s, nc);
        ck_assert(b->s != NULL);
        b->cap = nc;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

static int dump_row(void *ctx, int ncol, const char *const *names, const pbn_value *v)
{
    (void)names;
    buf *b = ctx;
    char t[64];
    for (int c = 0; c < ncol; c++) {
        if (c)
            put(b, "|", 1);
        switch (v[c].type) {
        case PBN_V_INT:
            snprintf(t, sizeof t, "%lld", v[c].i);
            put(b, t, strlen(t));
            break;
        case PBN_V_REAL:
            snprintf(t, sizeof t, "%a", v[c].d);
            put(b, t, strlen(t));
            break;
        case PBN_V_TEXT:
            for (size_t i = 0; i < v[c].len; i++)
                put(b, v[c].s[i] == '\n' ? ";" : v[c].s + i, 1);
            break;
        case PBN_V_NULL:
            put(b, "NULL", 4);
            break;
        default:
            put(b, "BLOB", 4);
            break;
        }
    }
    put(b, "\n", 1);
    return 0;
}

char *tu_dump(const char *db)
{
    static const struct {
        const char *table, *cols, *order;
    } t[] = {
        {"runs", "repeat, config, seed, rng, N, Ne, Ni, Nx, T_ms, plastic, version, git_commit, "
                 "status",
         "1"},
        {"params", "t.key, t.value", "t.key"},
        {"metrics", "t.name, t.value", "t.name"},
        {"theory", "t.name, t.value", "t.name"},
        {"series", "t.name, t.i, t.x, t.y", "t.name, t.i"},
        {"samples", "t.name, t.i, t.value", "t.name, t.i"},
        {"neurons", "t.neuron, t.pop, t.rate_hz, t.in_e, t.in_i, t.in_x", "t.neuron"},
        {"pairs", "t.kind, t.i, t.a, t.b, t.cov, t.corr", "t.kind, t.i"},
        {"weights", "t.block, t.i, t.j", "t.block, t.i"},
        {"synapses", "t.block, t.k, t.post, t.pre, t.bin, t.t_ms, t.j", "t.block, t.k, t.bin"},
        {"raster", "t.t_ms, t.neuron", "t.t_ms, t.neuron"},
    };
    pbn_error err = {0, ""};
    pbn_store *st = pbn_store_open(db, PBN_STORE_READ, &err);
    ck_assert_msg(st != NULL, "%s", err.msg);
    buf b = {NULL, 0, 0};
    put(&b, "", 0);
    char sql[1024];
    for (size_t k = 0; k < sizeof t / sizeof t[0]; k++) {
        char head[64];
        snprintf(head, sizeof head, "== %s\n", t[k].table);
        put(&b, head, strlen(head));
        if (k == 0)
            snprintf(sql, sizeof sql,
                     "SELECT experiment, point, config_hash, %s FROM runs WHERE status IN "
                     "('ok', 'diverged') ORDER BY experiment, point, config_hash",
                     t[k].cols);
        else
            snprintf(sql, sizeof sql,
                     "SELECT r.experiment, r.point, r.config_hash, %s FROM runs r JOIN %s t ON "
                     "t.run_id = r.id WHERE r.status IN ('ok', 'diverged') ORDER BY "
                     "r.experiment, r.point, r.config_hash, %s",
                     t[k].cols, t[k].table, t[k].order);
        ck_assert_msg(pbn_store_query(st, sql, NULL, dump_row, &b, &err) == PBN_OK, "%s",
                      err.msg);
    }
    pbn_store_close(st, NULL);
    return b.s;
}

const char *tu_first_diff(const char *a, const char *b)
{
    static char msg[600];
    const char *la = a, *lb = b;
    while (*a && *a == *b) {
        if (*a == '\n') {
            la = a + 1;
            lb = b + 1;
        }
        a++;
        b++;
    }
    snprintf(msg, sizeof msg, "first difference:\n  %.250s\n  %.250s", la, lb);
    for (char *c = msg + 20; *c; c++)
        if (*c == '\n' && c[1] != ' ')
            *c = ' ';
    return msg;
}

/* ---- single values --------------------------------------------------------------------- */

typedef struct one {
    int got;
    pbn_value v;
    char *text;
} one;

static int one_row(void *ctx, int ncol, const char *const *names, const pbn_value *v)
{
    (void)names;
    one *o = ctx;
    if (o->got || ncol < 1)
        return 1;
    o->got = 1;
    o->v = v[0];
    o->text = strdup(v[0].type == PBN_V_TEXT ? v[0].s : "");
    return 1;
}

long long tu_int(const char *db, const char *sql)
{
    pbn_error err = {0, ""};
    pbn_store *st = pbn_store_open(db, PBN_STORE_READ, &err);
    ck_assert_msg(st != NULL, "%s", err.msg);
    one o = {0, {0, 0, 0, NULL, 0}, NULL};
    ck_assert_msg(pbn_store_query(st, sql, NULL, one_row, &o, &err) == PBN_OK, "%s: %s", sql,
                  err.msg);
    pbn_store_close(st, NULL);
    free(o.text);
    ck_assert_msg(o.got, "no row from %s", sql);
    if (o.v.type == PBN_V_REAL)
        return llround(o.v.d);
    return o.v.type == PBN_V_NULL ? -1 : o.v.i;
}

char *tu_text(const char *db, const char *sql)
{
    pbn_error err = {0, ""};
    pbn_store *st = pbn_store_open(db, PBN_STORE_READ, &err);
    ck_assert_msg(st != NULL, "%s", err.msg);
    one o = {0, {0, 0, 0, NULL, 0}, NULL};
    ck_assert_msg(pbn_store_query(st, sql, NULL, one_row, &o, &err) == PBN_OK, "%s: %s", sql,
                  err.msg);
    pbn_store_close(st, NULL);
    ck_assert_msg(o.got, "no row from %s", sql);
    return o.text;
}

typedef struct reals {
    double *out;
    size_t n, max;
} reals;

static int real_row(void *ctx, int ncol, const char *const *names, const pbn_value *v)
{
    (void)names;
    (void)ncol;
    reals *r = ctx;
    if (r->n < r->max)
        r->out[r->n] = v[0].type == PBN_V_NULL ? NAN : v[0].d;
    r->n++;
    return 0;
}

size_t tu_reals(pbn_store *st, const char *sql, double *out, size_t max)
{
    pbn_error err = {0, ""};
    reals r = {out, 0, max};
    ck_assert_msg(pbn_store_query(st, sql, NULL, real_row, &r, &err) == PBN_OK, "%s: %s", sql,
                  err.msg);
    return r.n;
}

unsigned char *tu_slurp(const char *path, size_t *len)
{
    char *b;
    int e = util_read_file(path, (size_t)1 << 30, &b, len);
    ck_assert_msg(e == 0, "cannot read %s: %s", path, strerror(e));
    return (unsigned char *)b;
}
