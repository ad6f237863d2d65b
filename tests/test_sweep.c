/*
 * test_sweep.c - the sweep runner: skipping complete tasks, parallel workers, resuming
 * after SIGKILL and after a stop request, shards merged, concurrent processes, the
 * per-task hook, runs left by an earlier plan (refused, or pruned on request), option
 * parsing.
 *
 * The reference for "identical" is always an uninterrupted sweep of the same tasks into
 * another file, compared through tu_dump (every stored value of every final run, bit for
 * bit, run ids and wall-clock data left out).
 */
#define _GNU_SOURCE
#include <check.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "pbn/pbn.h"
#include "store_testlib.h"
#include "util/util.h"
#include "check_run.h"

static char dir[256];

static void setup(void) { tu_tmpdir(dir, sizeof dir); }
static void teardown(void) { tu_rmtree(dir); }

/* n tiny tasks: two points (N 100 and 150), repeats by seed, some plastic. T_ms sets
   their length. */
static pbn_sweep *make_sweep(int n, double T_ms)
{
    pbn_sweep *sw = pbn_sweep_new();
    pbn_error err = {0, ""};
    for (int k = 0; k < n; k++) {
        pbn_config cfg;
        long N = k % 2 ? 150 : 100;
        tu_tiny(&cfg, N, T_ms, (unsigned long)(100 + k));
        if (k % 3 == 0)
            cfg.plastic_ee = PBN_EE_KOHONEN;
        char point[32];
        snprintf(point, sizeof point, "N=%ld", N);
        ck_assert_msg(pbn_sweep_add(sw, "sweeptest", point, k / 2, &cfg, &err) == PBN_OK, "%s",
                      err.msg);
    }
    return sw;
}

static pbn_sweep_opts opts(const char *db, int jobs)
{
    pbn_sweep_opts o;
    pbn_sweep_opts_init(&o);
    o.db = db;
    o.jobs = jobs;
    return o;
}

static void run_ok(const pbn_sweep *sw, const pbn_sweep_opts *o, pbn_sweep_summary *s)
{
    pbn_error err = {0, ""};
    ck_assert_msg(pbn_sweep_run(sw, o, s, &err) == PBN_OK, "%s", err.msg);
}

static void same_dump(const char *a, const char *b)
{
    char *da = tu_dump(a), *db = tu_dump(b);
    ck_assert_msg(!strcmp(da, db), "%s and %s differ: %s", a, b, tu_first_diff(da, db));
    free(da);
    free(db);
}

/* The reference: the whole sweep, one job. */
static void reference(const pbn_sweep *sw, char *path, size_t len)
{
    tu_path(path, len, dir, "ref.db");
    pbn_sweep_opts o = opts(path, 1);
    pbn_sweep_summary s;
    run_ok(sw, &o, &s);
    ck_assert_int_eq(s.ok + s.diverged, pbn_sweep_size(sw));
}

static void each_once(const char *db, long long n)
{
    ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM final_runs"), n);
    ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM (SELECT DISTINCT experiment, point, "
                                "config_hash FROM final_runs)"),
                     n);
    char *ok = tu_text(db, "PRAGMA integrity_check");
    ck_assert_str_eq(ok, "ok");
    free(ok);
}

/* ---- skip, parallel, determinism --------------------------------------------------------- */

START_TEST(test_sweep__jobs_and_skip)
{
    char ref[512], db[512], text[512];
    pbn_sweep *sw = make_sweep(6, 400);
    reference(sw, ref, sizeof ref);
    tu_path(db, sizeof db, dir, "j2.db");
    pbn_sweep_opts o = opts(db, 2);
    pbn_sweep_summary s;
    run_ok(sw, &o, &s);
    ck_assert_int_eq(s.total, 6);
    ck_assert_int_eq(s.shard, 6);
    ck_assert_int_eq(s.skipped, 0);
    ck_assert_int_eq(s.ok + s.diverged, 6);
    ck_assert_int_eq(s.jobs, 2);
    each_once(db, 6);
    same_dump(ref, db); /* the same values whatever the number of jobs */

    /* again: nothing to do, and it says so */
    run_ok(sw, &o, &s);
    ck_assert_int_eq(s.skipped, 6);
    ck_assert_int_eq(s.ok + s.diverged + s.failed, 0);
    pbn_sweep_summary_text(&s, &o, text, sizeof text);
    ck_assert_msg(strstr(text, "nothing to do: all 6 tasks are already in") != NULL, "%s", text);
    each_once(db, 6);

    /* a larger sweep over the same file runs only the new tasks */
    pbn_sweep *sw8 = make_sweep(8, 400);
    run_ok(sw8, &o, &s);
    ck_assert_int_eq(s.skipped, 6);
    ck_assert_int_eq(s.ok + s.diverged, 2);
    pbn_sweep_summary_text(&s, &o, text, sizeof text);
    ck_assert_msg(strstr(text, "8 tasks: 6 already in") != NULL, "%s", text);
    each_once(db, 8);
    pbn_sweep_free(sw8);
    pbn_sweep_free(sw);
}
END_TEST

START_TEST(test_sweep__duplicate_tasks)
{
    pbn_sweep *sw = make_sweep(3, 300);
    pbn_config cfg = pbn_sweep_task(sw, 1)->cfg;
    pbn_error err = {0, ""};
    ck_assert(pbn_sweep_add(sw, "sweeptest", "N=150", 7, &cfg, &err) == PBN_OK);
    char db[512];
    tu_path(db, sizeof db, dir, "dup.db");
    pbn_sweep_opts o = opts(db, 1);
    ck_assert(pbn_sweep_run(sw, &o, NULL, &err) == PBN_EINVAL);
    ck_assert_msg(strstr(err.msg, "same run") != NULL, "%s", err.msg);
    /* bad names and configurations are refused when added */
    ck_assert(pbn_sweep_add(sw, "bad name", "p", 0, &cfg, &err) == PBN_EINVAL);
    cfg.T = 0.15;
    ck_assert(pbn_sweep_add(sw, "e", "p", 0, &cfg, &err) == PBN_EINVAL);
    pbn_sweep_free(sw);
}
END_TEST

/* ---- SIGKILL and resume ---------------------------------------------------------------- */

/* Hook that only slows tasks down (so the parent can kill the child mid-sweep). */
static int slow_hook(void *ctx, const pbn_task *t, const pbn_sim *sim, pbn_sink *sink,
                     pbn_error *err)
{
    (void)ctx;
    (void)t;
    (void)sim;
    (void)sink;
    (void)err;
    struct timespec ts = {0, 40 * 1000000L};
    nanosleep(&ts, NULL);
    return PBN_OK;
}

/* Hook that kills the whole process once the simulation of task `*ctx` is done. */
static int kill_hook(void *ctx, const pbn_task *t, const pbn_sim *sim, pbn_sink *sink,
                     pbn_error *err)
{
    (void)sim;
    (void)sink;
    (void)err;
    if (t->index == *(size_t *)ctx)
        raise(SIGKILL);
    return PBN_OK;
}

static long long final_count(const char *db)
{
    pbn_error err = {0, ""};
    pbn_store *st = pbn_store_open(db, PBN_STORE_READ, &err);
    if (!st)
        return 0; /* not created yet */
    long long n = 0;
    double v;
    if (tu_reals(st, "SELECT count(*) FROM runs WHERE status IN ('ok', 'diverged')", &v, 1) == 1)
        n = (long long)v;
    pbn_store_close(st, NULL);
    return n;
}

START_TEST(test_sweep__sigkill_resume)
{
    enum { NT = 8 };
    char ref[512], db[512];
    pbn_sweep *sw = make_sweep(NT, 500);
    reference(sw, ref, sizeof ref);
    tu_path(db, sizeof db, dir, "killed.db");

    pid_t pid = fork();
    ck_assert(pid >= 0);
    if (pid == 0) {
        pbn_sweep_opts o = opts(db, 2);
        o.hook = slow_hook;
        pbn_error err = {0, ""};
        pbn_sweep_run(sw, &o, NULL, &err);
        _exit(0);
    }
    /* kill -9 once at least 3 tasks are stored (each takes >= 40 ms, so 5 are left) */
    long long seen = 0;
    for (int i = 0; i < 20000 && (seen = final_count(db)) < 3; i++) {
        struct timespec ts = {0, 1000000L};
        nanosleep(&ts, NULL);
    }
    kill(pid, SIGKILL);
    int status;
    waitpid(pid, &status, 0);
    ck_assert_msg(WIFSIGNALED(status), "the sweep ended before it was killed");
    long long stored = final_count(db);
    ck_assert_msg(seen >= 3 && stored >= 3 && stored < NT, "%lld tasks stored when killed",
                  stored);
    char *ok = tu_text(db, "PRAGMA integrity_check");
    ck_assert_str_eq(ok, "ok");
    free(ok);

    /* resume: only the rest runs, and the result is the uninterrupted one */
    pbn_sweep_opts o = opts(db, 2);
    pbn_sweep_summary s;
    run_ok(sw, &o, &s);
    ck_assert_int_eq(s.skipped, stored);
    ck_assert_int_eq(s.ok + s.diverged, NT - stored);
    each_once(db, NT);
    same_dump(ref, db);
    pbn_sweep_free(sw);
}
END_TEST

START_TEST(test_sweep__sigkill_inside_task)
{
    /* killed by its own hook after task 4's simulation, before it is stored (one job:
       tasks 0-3 are stored, task 4 is lost with the process) */
    enum { NT = 6 };
    char ref[512], db[512];
    pbn_sweep *sw = make_sweep(NT, 300);
    reference(sw, ref, sizeof ref);
    tu_path(db, sizeof db, dir, "selfkill.db");
    pid_t pid = fork();
    ck_assert(pid >= 0);
    if (pid == 0) {
        static size_t victim = 4;
        pbn_sweep_opts o = opts(db, 1);
        o.hook = kill_hook;
        o.hook_ctx = &victim;
        pbn_error err = {0, ""};
        pbn_sweep_run(sw, &o, NULL, &err);
        _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    ck_assert_int_eq(final_count(db), 4);
    pbn_sweep_opts o = opts(db, 1);
    pbn_sweep_summary s;
    run_ok(sw, &o, &s);
    ck_assert_int_eq(s.skipped, 4);
    ck_assert_int_eq(s.ok + s.diverged, 2);
    same_dump(ref, db);
    pbn_sweep_free(sw);
}
END_TEST

/* ---- stop flag ------------------------------------------------------------------------- */

typedef struct stop_ctx {
    volatile sig_atomic_t *flag;
    size_t after;
} stop_ctx;

static int stop_hook(void *ctx, const pbn_task *t, const pbn_sim *sim, pbn_sink *sink,
                     pbn_error *err)
{
    (void)sim;
    (void)sink;
    (void)err;
    stop_ctx *c = ctx;
    if (t->index == c->after)
        *c->flag = 1;
    return PBN_OK;
}

START_TEST(test_sweep__stop_and_resume)
{
    enum { NT = 6 };
    char ref[512], db[512], text[512];
    pbn_sweep *sw = make_sweep(NT, 300);
    reference(sw, ref, sizeof ref);
    tu_path(db, sizeof db, dir, "stop.db");

    /* the stop request comes while task 2 finishes: 0-2 stored, the rest not started */
    volatile sig_atomic_t flag = 0;
    stop_ctx c = {&flag, 2};
    pbn_sweep_opts o = opts(db, 1);
    o.stop = &flag;
    o.hook = stop_hook;
    o.hook_ctx = &c;
    pbn_sweep_summary s;
    pbn_error err = {0, ""};
    ck_assert(pbn_sweep_run(sw, &o, &s, &err) == PBN_EINTR);
    ck_assert_msg(strstr(err.msg, "run the same command again") != NULL, "%s", err.msg);
    ck_assert_int_eq(s.ok + s.diverged, 3);
    ck_assert_int_eq(s.not_started, 3);
    pbn_sweep_summary_text(&s, &o, text, sizeof text);
    ck_assert_msg(strstr(text, "3 not started") != NULL, "%s", text);

    /* a stop while simulations run (long tasks): SIGINT from another process once the
       first task is stored, through util_catch_stop_signals */
    pbn_sweep *slow = make_sweep(4, 4000);
    char db2[512], ref2[512];
    tu_path(db2, sizeof db2, dir, "stop2.db");
    pid_t pid = fork();
    ck_assert(pid >= 0);
    if (pid == 0) {
        /* the child sends SIGINT to the parent once a task is stored */
        pid_t parent = getppid();
        for (int i = 0; i < 60000 && final_count(db2) < 1; i++) {
            struct timespec ts = {0, 1000000L};
            nanosleep(&ts, NULL);
        }
        kill(parent, SIGINT);
        _exit(0);
    }
    volatile sig_atomic_t *sig = util_catch_stop_signals(UTIL_SIG_ONCE);
    *sig = 0;
    pbn_sweep_opts o2 = opts(db2, 2);
    o2.stop = sig;
    int rc = pbn_sweep_run(slow, &o2, &s, &err);
    int status;
    waitpid(pid, &status, 0);
    signal(SIGINT, SIG_DFL);
    /* whatever the timing, every stored run is either final or marked interrupted */
    ck_assert(rc == PBN_EINTR || rc == PBN_OK);
    ck_assert_int_eq(tu_int(db2, "SELECT count(*) FROM runs WHERE status NOT IN "
                                 "('ok', 'diverged', 'interrupted')"),
                     0);
    ck_assert_int_eq(s.ok + s.diverged + s.interrupted + s.not_started, 4);
    ck_assert_int_eq(tu_int(db2, "SELECT count(*) FROM runs WHERE status = 'interrupted'"),
                     (long long)s.interrupted);

    /* resume both: the results are the uninterrupted ones, no interrupted rows remain */
    o.hook = NULL;
    o.stop = NULL;
    run_ok(sw, &o, &s);
    ck_assert_int_eq(s.skipped, 3);
    same_dump(ref, db);
    o2.stop = NULL;
    run_ok(slow, &o2, &s);
    ck_assert_int_eq(tu_int(db2, "SELECT count(*) FROM runs WHERE status = 'interrupted'"), 0);
    each_once(db2, 4);
    tu_path(ref2, sizeof ref2, dir, "ref2.db");
    pbn_sweep_opts o3 = opts(ref2, 2);
    run_ok(slow, &o3, &s);
    same_dump(ref2, db2);
    pbn_sweep_free(slow);
    pbn_sweep_free(sw);
}
END_TEST

/* ---- shards and merge ------------------------------------------------------------------ */

START_TEST(test_sweep__shards_merge)
{
    enum { NT = 7 };
    char ref[512], s0[512], s1[512], m[512];
    pbn_sweep *sw = make_sweep(NT, 300);
    reference(sw, ref, sizeof ref);
    tu_path(s0, sizeof s0, dir, "shard0.db");
    tu_path(s1, sizeof s1, dir, "shard1.db");
    tu_path(m, sizeof m, dir, "merged.db");
    pbn_sweep_opts o = opts(s0, 2);
    pbn_sweep_summary s;
    o.shard_i = 0;
    o.shard_n = 2;
    run_ok(sw, &o, &s);
    ck_assert_int_eq(s.shard, 4); /* tasks 0 2 4 6 */
    ck_assert_int_eq(s.ok + s.diverged, 4);
    o.db = s1;
    o.shard_i = 1;
    run_ok(sw, &o, &s);
    ck_assert_int_eq(s.shard, 3); /* tasks 1 3 5 */
    each_once(s0, 4);
    each_once(s1, 3);
    ck_assert_int_eq(tu_int(s0, "SELECT count(*) FROM runs WHERE seed IN (101, 103, 105)"), 0);

    size_t n0, n1;
    unsigned char *b0 = tu_slurp(s0, &n0);
    pbn_error err = {0, ""};
    pbn_store *out = pbn_store_open(m, PBN_STORE_WRITE, &err);
    ck_assert_msg(out != NULL, "%s", err.msg);
    pbn_merge_summary ms;
    ck_assert_msg(pbn_store_merge(out, s0, &ms, &err) == PBN_OK, "%s", err.msg);
    ck_assert(ms.copied == 4 && ms.present == 0);
    ck_assert_msg(pbn_store_merge(out, s1, &ms, &err) == PBN_OK, "%s", err.msg);
    ck_assert(ms.copied == 3 && ms.present == 0);
    /* merging again adds nothing */
    ck_assert(pbn_store_merge(out, s0, &ms, &err) == PBN_OK);
    ck_assert(ms.copied == 0 && ms.present == 4);
    /* into itself: refused */
    ck_assert(pbn_store_merge(out, m, &ms, &err) == PBN_EINVAL);
    pbn_store_close(out, NULL);
    each_once(m, NT);
    same_dump(ref, m);
    /* the inputs were not modified */
    unsigned char *b1 = tu_slurp(s0, &n1);
    ck_assert(n0 == n1 && !memcmp(b0, b1, n0));
    free(b0);
    free(b1);

    /* the merged file is complete for the whole sweep */
    o.db = m;
    o.shard_n = 0;
    run_ok(sw, &o, &s);
    ck_assert_int_eq(s.skipped, NT);

    /* an input of another schema version is refused, the output untouched */
    char bad[512];
    tu_path(bad, sizeof bad, dir, "newer.db");
    {
        pbn_store *w = pbn_store_open(bad, PBN_STORE_WRITE, &err);
        ck_assert(w != NULL);
        ck_assert(pbn_store_query(w, "PRAGMA user_version = 9", NULL, NULL, NULL, &err) ==
                  PBN_OK);
        pbn_store_close(w, NULL);
    }
    char *before = tu_dump(m);
    out = pbn_store_open(m, PBN_STORE_WRITE, &err);
    ck_assert(pbn_store_merge(out, bad, &ms, &err) == PBN_EDB);
    ck_assert_msg(strstr(err.msg, "newer") != NULL, "%s", err.msg);
    pbn_store_close(out, NULL);
    char *after = tu_dump(m);
    ck_assert(!strcmp(before, after));
    free(before);
    free(after);
    pbn_sweep_free(sw);
}
END_TEST

/* ---- concurrent writers ----------------------------------------------------------------- */

START_TEST(test_sweep__concurrent_processes)
{
    /* two processes run the same sweep into one file at once, two jobs each */
    enum { NT = 6 };
    char ref[512], db[512];
    pbn_sweep *sw = make_sweep(NT, 400);
    reference(sw, ref, sizeof ref);
    tu_path(db, sizeof db, dir, "shared.db");
    pid_t pid[2];
    for (int k = 0; k < 2; k++) {
        pid[k] = fork();
        ck_assert(pid[k] >= 0);
        if (pid[k] == 0) {
            pbn_sweep_opts o = opts(db, 2);
            pbn_error err = {0, ""};
            int rc = pbn_sweep_run(sw, &o, NULL, &err);
            if (rc != PBN_OK)
                fprintf(stderr, "child %d: %s\n", k, err.msg);
            _exit(rc == PBN_OK ? 0 : 1);
        }
    }
    for (int k = 0; k < 2; k++) {
        int status;
        waitpid(pid[k], &status, 0);
        ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "writer %d failed", k);
    }
    each_once(db, NT);
    same_dump(ref, db);
    pbn_sweep_free(sw);
}
END_TEST

/* ---- the hook --------------------------------------------------------------------------- */

/* Stores what an experiment might compute from the live simulation: the mean of the
   final EE weights read from the network, a curve, samples; fails task 1 on purpose. */
static int extra_hook(void *ctx, const pbn_task *t, const pbn_sim *sim, pbn_sink *sink,
                      pbn_error *err)
{
    (void)ctx;
    if (t->index == 1)
        return pbn_error_set(err, PBN_EINVAL, "task 1 refused by the test hook");
    const pbn_net *net = pbn_sim_net(sim);
    const pbn_block *b = &net->b[PBN_EE];
    double sum = 0;
    for (uint64_t q = 0; q < b->nnz; q++)
        sum += pbn_block_weight(b, q);
    int rc = pbn_sink_metric(sink, "net_jee_mean", sum / (double)b->nnz * net->sqrtN, err);
    const double x[2] = {0, 1}, y[2] = {(double)t->index, t->cfg.N};
    if (rc == PBN_OK)
        rc = pbn_sink_series(sink, "task_curve", 2, x, y, err);
    if (rc == PBN_OK)
        rc = pbn_sink_samples(sink, "task_samples", 2, y, err);
    return rc;
}

START_TEST(test_sweep__hook)
{
    char db[512], sql[256];
    pbn_sweep *sw = make_sweep(4, 300);
    tu_path(db, sizeof db, dir, "hook.db");
    pbn_sweep_opts o = opts(db, 2);
    o.hook = extra_hook;
    pbn_sweep_summary s;
    pbn_error err = {0, ""};
    ck_assert(pbn_sweep_run(sw, &o, &s, &err) == PBN_EINVAL);
    ck_assert_msg(strstr(err.msg, "1 of 4 tasks failed") && strstr(err.msg, "refused by the test"),
                  "%s", err.msg);
    ck_assert_int_eq(s.failed, 1);
    ck_assert_int_eq(s.ok + s.diverged, 3);
    each_once(db, 3);
    ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM runs WHERE seed = 101"), 0);
    /* the extra metric equals the simulator's own final mean (the same weights averaged:
       equal up to summation order, 1e-12 relative) */
    for (int k = 0; k < 4; k++) {
        if (k == 1)
            continue;
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM runs r JOIN metrics a ON a.run_id = r.id AND a.name = "
                 "'net_jee_mean' JOIN metrics b ON b.run_id = r.id AND b.name = 'jee_final' "
                 "WHERE r.seed = %d AND abs(a.value - b.value) <= 1e-12 * abs(b.value)",
                 100 + k);
        ck_assert_msg(tu_int(db, sql) == 1, "task %d: extra metric missing or wrong", k);
        snprintf(sql, sizeof sql,
                 "SELECT sum(s.y) FROM runs r JOIN series s ON s.run_id = r.id AND s.name = "
                 "'task_curve' WHERE r.seed = %d",
                 100 + k);
        ck_assert_int_eq(tu_int(db, sql), k + (k % 2 ? 150 : 100));
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM runs r JOIN samples s ON s.run_id = r.id AND s.name = "
                 "'task_samples' AND s.value = %d WHERE r.seed = %d",
                 k, 100 + k);
        ck_assert_int_eq(tu_int(db, sql), 1);
    }
    pbn_sweep_free(sw);
}
END_TEST

/* ---- options ---------------------------------------------------------------------------- */

/* ---- stale runs of an earlier plan ------------------------------------------------------ */

START_TEST(test_sweep__stale_runs)
{
    char db[512], text[512];
    tu_path(db, sizeof db, dir, "stale.db");
    pbn_sweep_opts o = opts(db, 2);
    pbn_sweep_summary s;
    pbn_error err = {0, ""};
    pbn_sweep *sw = make_sweep(4, 300);
    run_ok(sw, &o, &s);

    /* another experiment in the same file is none of this sweep's business */
    pbn_sweep *other = pbn_sweep_new();
    pbn_config oc;
    tu_tiny(&oc, 100, 300, 999);
    ck_assert(pbn_sweep_add(other, "othertest", "N=100", 0, &oc, &err) == PBN_OK);
    run_ok(other, &o, &s);

    /* the plan changes: task 1 gets another configuration */
    pbn_sweep *sw2 = pbn_sweep_new();
    for (size_t i = 0; i < pbn_sweep_size(sw); i++) {
        const pbn_task *t = pbn_sweep_task(sw, i);
        pbn_config c = t->cfg;
        if (i == 1)
            c.T = 250;
        ck_assert(pbn_sweep_add(sw2, t->experiment, t->point, t->repeat, &c, &err) == PBN_OK);
    }
    char old_hash[17];
    memcpy(old_hash, pbn_sweep_task(sw, 1)->hash, sizeof old_hash);

    /* refused: one line naming the stale run and the way out; nothing stored changes */
    char *before = tu_dump(db);
    ck_assert_int_eq(pbn_sweep_run(sw2, &o, &s, &err), PBN_EINVAL);
    ck_assert_msg(strstr(err.msg, "1 run of") && strstr(err.msg, old_hash) &&
                      strstr(err.msg, "--prune-stale") && !strchr(err.msg, '\n'),
                  "%s", err.msg);
    ck_assert_int_eq(s.ok + s.diverged + s.failed, 0);
    ck_assert_int_eq(s.stale, 1);
    ck_assert_int_eq(s.pruned, 0);
    char *after = tu_dump(db);
    ck_assert_msg(!strcmp(before, after), "changed: %s", tu_first_diff(before, after));
    free(before);
    free(after);

    /* fewer repeats: the dropped ones are stale too */
    pbn_sweep *sw3 = make_sweep(3, 300);
    ck_assert_int_eq(pbn_sweep_run(sw3, &o, &s, &err), PBN_EINVAL);
    ck_assert_msg(strstr(err.msg, "1 run of") != NULL, "%s", err.msg);

    /* asked to: the stale run goes, with all its rows; the other experiment stays */
    o.prune_stale = 1;
    run_ok(sw2, &o, &s);
    ck_assert_int_eq(s.pruned, 1);
    ck_assert_int_eq(s.skipped, 3);
    ck_assert_int_eq(s.ok + s.diverged, 1);
    pbn_sweep_summary_text(&s, &o, text, sizeof text);
    ck_assert_msg(strstr(text, "1 stale run deleted") != NULL, "%s", text);
    each_once(db, 5);
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM runs WHERE config_hash = '%s'", old_hash);
    ck_assert_int_eq(tu_int(db, sql), 0);
    ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM runs WHERE experiment = 'othertest'"), 1);
    ck_assert_int_eq(tu_int(db, "SELECT (SELECT count(*) FROM metrics WHERE run_id NOT IN "
                                "(SELECT id FROM runs)) + (SELECT count(*) FROM series WHERE "
                                "run_id NOT IN (SELECT id FROM runs)) + (SELECT count(*) FROM "
                                "params WHERE run_id NOT IN (SELECT id FROM runs))"),
                     0);
    ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM params"),
                     5 * tu_int(db, "SELECT count(*) FROM params WHERE run_id = "
                                    "(SELECT min(id) FROM runs)"));

    /* and the stored runs are those of a clean sweep of the new plan */
    char ref[512];
    tu_path(ref, sizeof ref, dir, "stale_ref.db");
    pbn_sweep_opts ro = opts(ref, 1);
    run_ok(sw2, &ro, &s);
    run_ok(other, &ro, &s);
    same_dump(ref, db);

    pbn_sweep_free(sw3);
    pbn_sweep_free(sw2);
    pbn_sweep_free(other);
    pbn_sweep_free(sw);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sweep");
    TCase *tc = tcase_create("sweep");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_sweep__jobs_and_skip);
    tcase_add_test(tc, test_sweep__duplicate_tasks);
    tcase_add_test(tc, test_sweep__sigkill_resume);
    tcase_add_test(tc, test_sweep__sigkill_inside_task);
    tcase_add_test(tc, test_sweep__stop_and_resume);
    tcase_add_test(tc, test_sweep__shards_merge);
    tcase_add_test(tc, test_sweep__concurrent_processes);
    tcase_add_test(tc, test_sweep__hook);
    tcase_add_test(tc, test_sweep__stale_runs);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
