/*
 * sweep.c - the sweep runner (see pbn_sweep.h): which tasks are left, worker threads
 * that simulate them, one writer connection, one progress line.
 *
 * Why threads and one connection: the simulator is thread-safe and memory-bound, so
 * threads share nothing but the task counter; storing a run takes milliseconds next to
 * seconds of simulation, so a mutex around one SQLite connection costs nothing and no
 * writer of this process ever waits on another through SQLite.  Another process on the
 * same file is handled by the busy timeout, and by the identity check that
 * pbn_store_put_run makes inside its transaction.
 *
 * Stopping: the workers' simulations watch an internal flag that only the main thread
 * sets (from the caller's stop flag, or after a database error), so a stop request
 * reaches every running task within one progress tick (a quarter second).
 *
 * Progress: the fraction done is weighted by each task's size (N times the number of
 * steps, a rough cost model) and includes the running tasks' own progress; it reaches
 * the caller through a callback (the library never prints).
 */
#include "config.h"
#include "pbn/pbn_sweep.h"

#include <stdio.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>


struct pbn_sweep {
    pbn_task *tasks;
    size_t n, cap;
};

pbn_sweep *pbn_sweep_new(void) { return calloc(1, sizeof(pbn_sweep)); }

void pbn_sweep_free(pbn_sweep *sw)
{
    if (!sw)
        return;
    for (size_t i = 0; i < sw->n; i++) {
        free((char *)sw->tasks[i].experiment);
        free((char *)sw->tasks[i].point);
    }
    free(sw->tasks);
    free(sw);
}

static int valid_experiment(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > 63)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '_' || *s == '.' || *s == '-'))
            return 0;
    return 1;
}

int pbn_sweep_add(pbn_sweep *sw, const char *experiment, const char *point, int repeat,
                  const pbn_config *cfg, pbn_error *err)
{
    int rc;
    if (!valid_experiment(experiment))
        return pbn_error_set(err, PBN_EINVAL,
                             "experiment name '%s': allowed 1 to 63 characters of A-Z a-z "
                             "0-9 _ . -",
                             experiment ? experiment : "(null)");
    if (!point || strlen(point) > 255)
        return pbn_error_set(err, PBN_EINVAL, "point name: at most 255 characters");
    if ((rc = pbn_config_validate(cfg, err)) != PBN_OK)
        return rc;
    if (sw->n == sw->cap) {
        size_t nc = sw->cap ? 2 * sw->cap : 16;
        pbn_task *nt = realloc(sw->tasks, nc * sizeof *nt);
        if (!nt)
            return pbn_error_set(err, PBN_ENOMEM, "out of memory");
        sw->tasks = nt;
        sw->cap = nc;
    }
    pbn_task *t = &sw->tasks[sw->n];
    memset(t, 0, sizeof *t);
    t->experiment = strdup(experiment);
    t->point = strdup(point);
    if (!t->experiment || !t->point) {
        free((char *)t->experiment);
        free((char *)t->point);
        return pbn_error_set(err, PBN_ENOMEM, "out of memory");
    }
    t->repeat = repeat;
    t->index = sw->n;
    t->cfg = *cfg;
    pbn_config_hash(cfg, t->hash);
    sw->n++;
    return PBN_OK;
}

size_t pbn_sweep_size(const pbn_sweep *sw) { return sw->n; }

const pbn_task *pbn_sweep_task(const pbn_sweep *sw, size_t i)
{
    return i < sw->n ? &sw->tasks[i] : NULL;
}

/* ---- options ------------------------------------------------------------------------- */

void pbn_sweep_opts_init(pbn_sweep_opts *o) { memset(o, 0, sizeof *o); }

int pbn_sweep_check_shard(int shard_i, int shard_n, pbn_error *err)
{
    if (shard_n <= 1 || (shard_i >= 0 && shard_i < shard_n))
        return PBN_OK;
    return pbn_error_set(err, PBN_EINVAL, "shard %d/%d: need 0 <= I < N", shard_i, shard_n);
}

/* ---- which tasks are left ---------------------------------------------------------- */

/* Identity key "experiment US point US hash" (US = \x1f, the unit separator). */
static char *identity_key(const char *experiment, const char *point, const char *hash)
{
    size_t n = strlen(experiment) + strlen(point) + strlen(hash) + 3;
    char *k = malloc(n);
    if (k)
        snprintf(k, n, "%s\x1f%s\x1f%s", experiment, point, hash);
    return k;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct keyset {
    char **k;
    size_t n, cap;
    int oom;
} keyset;

static int collect_key(void *ctx, int ncol, const char *const *names, const pbn_value *v)
{
    (void)names;
    keyset *ks = ctx;
    if (ncol < 3 || v[0].type != PBN_V_TEXT || v[1].type != PBN_V_TEXT || v[2].type != PBN_V_TEXT)
        return 0;
    if (ks->n == ks->cap) {
        size_t nc = ks->cap ? 2 * ks->cap : 256;
        char **nk = realloc(ks->k, nc * sizeof *nk);
        if (!nk) {
            ks->oom = 1;
            return 1;
        }
        ks->k = nk;
        ks->cap = nc;
    }
    if (!(ks->k[ks->n] = identity_key(v[0].s, v[1].s, v[2].s))) {
        ks->oom = 1;
        return 1;
    }
    ks->n++;
    return 0;
}

static void keyset_free(keyset *ks)
{
    for (size_t i = 0; i < ks->n; i++)
        free(ks->k[i]);
    free(ks->k);
}

/* The identities of all tasks of the sweep (every shard), sorted. */
static int plan_keys(const pbn_sweep *sw, keyset *ks, pbn_error *err)
{
    ks->k = malloc((sw->n ? sw->n : 1) * sizeof *ks->k);
    ks->n = 0;
    if (!ks->k)
        return pbn_error_set(err, PBN_ENOMEM, "out of memory");
    ks->cap = sw->n;
    for (size_t i = 0; i < sw->n; i++, ks->n++)
        if (!(ks->k[i] = identity_key(sw->tasks[i].experiment, sw->tasks[i].point,
                                      sw->tasks[i].hash)))
            return pbn_error_set(err, PBN_ENOMEM, "out of memory");
    qsort(ks->k, ks->n, sizeof *ks->k, cmp_str);
    return PBN_OK;
}

/* Refuse two tasks with one identity (plan: the sorted identities). */
static int check_unique(const pbn_sweep *sw, const keyset *plan, pbn_error *err)
{
    for (size_t i = 1; i < plan->n; i++)
        if (!strcmp(plan->k[i - 1], plan->k[i])) {
            /* name the first duplicate task in sweep order */
            for (size_t t = 0; t < sw->n; t++) {
                char *kt = identity_key(sw->tasks[t].experiment, sw->tasks[t].point,
                                        sw->tasks[t].hash);
                int same = kt && !strcmp(kt, plan->k[i]);
                free(kt);
                if (same)
                    return pbn_error_set(err, PBN_EINVAL,
                                         "two tasks of the sweep are the same run (experiment "
                                         "%s, point '%s', config %s): give each repeat its own "
                                         "seed",
                                         sw->tasks[t].experiment, sw->tasks[t].point,
                                         sw->tasks[t].hash);
            }
            return pbn_error_set(err, PBN_ENOMEM, "out of memory");
        }
    return PBN_OK;
}

/*
 * Stale runs: stored runs of the sweep's experiments whose identity is not one of its
 * tasks, i.e. runs of an earlier plan (a profile whose parameters, seeds or repeats were
 * changed since).  Views and figures group runs by experiment and point, so they would
 * average such runs with the current ones.
 */
typedef struct stale_scan {
    const pbn_sweep *sw;
    const keyset *plan;
    long long *ids;
    size_t n, cap;
    int oom;
    char example[320];
} stale_scan;

static int collect_stale(void *ctx, int ncol, const char *const *names, const pbn_value *v)
{
    (void)names;
    stale_scan *sc = ctx;
    if (ncol < 4 || v[1].type != PBN_V_TEXT || v[2].type != PBN_V_TEXT ||
        v[3].type != PBN_V_TEXT)
        return 0;
    int ours = 0;
    for (size_t t = 0; t < sc->sw->n && !ours; t++)
        ours = !strcmp(sc->sw->tasks[t].experiment, v[1].s);
    if (!ours)
        return 0;
    char *key = identity_key(v[1].s, v[2].s, v[3].s);
    if (!key) {
        sc->oom = 1;
        return 1;
    }
    int planned = sc->plan->n &&
                  bsearch(&key, sc->plan->k, sc->plan->n, sizeof *sc->plan->k, cmp_str);
    free(key);
    if (planned)
        return 0;
    if (sc->n == sc->cap) {
        size_t nc = sc->cap ? 2 * sc->cap : 64;
        long long *ni = realloc(sc->ids, nc * sizeof *ni);
        if (!ni) {
            sc->oom = 1;
            return 1;
        }
        sc->ids = ni;
        sc->cap = nc;
    }
    if (sc->n == 0)
        snprintf(sc->example, sizeof sc->example, "%s, point '%s', config %s", v[1].s, v[2].s,
                 v[3].s);
    sc->ids[sc->n++] = v[0].i;
    return 0;
}

/* Refuse to add to experiments holding stale runs (*stale = how many), or delete them
   when asked (o->prune_stale; *pruned = how many). */
static int handle_stale(pbn_store *st, const pbn_sweep *sw, const keyset *plan,
                        const pbn_sweep_opts *o, size_t *pruned, size_t *stale,
                        pbn_error *err)
{
    stale_scan sc;
    memset(&sc, 0, sizeof sc);
    sc.sw = sw;
    sc.plan = plan;
    int rc = pbn_store_query(st, "SELECT id, experiment, point, config_hash FROM runs", NULL,
                             collect_stale, &sc, err);
    if (rc == PBN_OK && sc.oom)
        rc = pbn_error_set(err, PBN_ENOMEM, "out of memory");
    if (rc == PBN_OK && sc.n) {
        if (o->prune_stale) {
            if ((rc = pbn_store_delete_runs(st, sc.ids, sc.n, err)) == PBN_OK)
                *pruned = sc.n;
        } else {
            *stale = sc.n;
            rc = pbn_error_set(err, PBN_EINVAL,
                               "%s holds %zu run%s of this sweep's experiments that its plan "
                               "no longer has (e.g. %s), left by an earlier version of it; "
                               "they would be averaged with the new runs: delete them with "
                               "--prune-stale, or use another --db",
                               pbn_store_path(st), sc.n, sc.n == 1 ? "" : "s", sc.example);
        }
    }
    free(sc.ids);
    return rc;
}

/* ---- running ------------------------------------------------------------------------- */

typedef struct runner runner;

typedef struct slot {
    runner *R;
    double frac;     /* progress of the running task */
    size_t task;     /* todo index of the running task, or (size_t)-1 */
} slot;

struct runner {
    const pbn_sweep *sw;
    const pbn_sweep_opts *o;
    pbn_store *st;
    size_t *todo, ntodo, next;
    double *weight, wtotal, wdone;
    pthread_mutex_t mu;      /* counters, slots, errors */
    pthread_cond_t cv;
    pthread_mutex_t wmu;     /* the store connection, the log */
    volatile sig_atomic_t stop_all; /* watched by the simulations; set by the main thread
                                       only */
    int fatal;               /* a database error: stop */
    pbn_error fatal_err, fail_err;
    size_t ok, diverged, dup, failed, interrupted, finished;
    slot *slots;
};

static void slot_progress(void *ctx, uint64_t done, uint64_t total)
{
    slot *s = ctx;
    pthread_mutex_lock(&s->R->mu);
    s->frac = total ? (double)done / (double)total : 1.0;
    pthread_mutex_unlock(&s->R->mu);
}

static void log_line(runner *R, const char *fmt, const pbn_task *t, const char *msg)
{
    if (!R->o->log)
        return;
    char line[1400];
    snprintf(line, sizeof line, fmt, t->experiment, t->point, t->repeat, msg);
    pthread_mutex_lock(&R->wmu);
    R->o->log(R->o->log_ctx, line);
    pthread_mutex_unlock(&R->wmu);
}

/* Outcome of one task. */
enum { T_OK, T_DIVERGED, T_DUP, T_FAILED, T_INTERRUPTED, T_FATAL };

static int run_task(runner *R, slot *sl, const pbn_task *t, pbn_sink *sink, pbn_error *e)
{
    const pbn_sweep_opts *o = R->o;
    pbn_run_meta meta = {t->experiment, t->point, t->repeat, pbn_store_clock(), 0, o->skip};
    pbn_sim *sim = pbn_sim_create(&t->cfg, e);
    int rc, outcome;
    if (!sim)
        return T_FAILED;
    pbn_sim_set_stop_flag(sim, &R->stop_all);
    pbn_sim_set_progress(sim, slot_progress, sl);
    if (pbn_sim_run(sim, e) != PBN_OK) {
        pbn_sim_free(sim);
        return T_FAILED;
    }
    const pbn_results *r = pbn_sim_results(sim);
    pbn_sink_clear(sink);
    if (o->theory) {
        pbn_metric th[PBN_MAX_METRICS];
        pbn_error te = {0, ""};
        size_t n = o->theory(&t->cfg, th, PBN_MAX_METRICS, &te);
        if (te.code != PBN_OK)
            log_line(R, "%s '%s' repeat %d: no theory: %s", t, te.msg);
        else if (pbn_sink_theory(sink, th, n, e) != PBN_OK) {
            pbn_sim_free(sim);
            return T_FAILED;
        }
    }
    if (o->hook && (rc = o->hook(o->hook_ctx, t, sim, sink, e)) != PBN_OK) {
        if (e->code == PBN_OK)
            pbn_error_set(e, rc, "the experiment's hook failed");
        pbn_sim_free(sim);
        return T_FAILED;
    }
    meta.finished = pbn_store_clock();
    int stored = 0;
    pthread_mutex_lock(&R->wmu);
    rc = pbn_store_put_run(R->st, &meta, &t->cfg, r, sink, NULL, &stored, e);
    pthread_mutex_unlock(&R->wmu);
    if (rc != PBN_OK)
        outcome = rc == PBN_EINVAL ? T_FAILED : T_FATAL;
    else if (!stored)
        outcome = T_DUP;
    else if (r->status == PBN_RUN_INTERRUPTED)
        outcome = T_INTERRUPTED;
    else
        outcome = r->status == PBN_RUN_DIVERGED ? T_DIVERGED : T_OK;
    pbn_sim_free(sim);
    return outcome;
}

static void *worker(void *arg)
{
    slot *sl = arg;
    runner *R = sl->R;
    pbn_sink *sink = pbn_sink_new();
    for (;;) {
        pthread_mutex_lock(&R->mu);
        if (R->stop_all || R->fatal || R->next >= R->ntodo || !sink ||
            (R->o->stop && *R->o->stop)) {
            if (!sink && !R->fatal) {
                R->fatal = 1;
                pbn_error_set(&R->fatal_err, PBN_ENOMEM, "out of memory");
            }
            pthread_mutex_unlock(&R->mu);
            break;
        }
        size_t k = R->next++;
        sl->task = k;
        sl->frac = 0;
        pthread_mutex_unlock(&R->mu);

        const pbn_task *t = &R->sw->tasks[R->todo[k]];
        pbn_error e = {0, ""};
        int outcome = run_task(R, sl, t, sink, &e);
        if (outcome == T_FAILED)
            log_line(R, "%s '%s' repeat %d failed: %s", t, e.msg);

        pthread_mutex_lock(&R->mu);
        switch (outcome) {
        case T_OK: R->ok++; break;
        case T_DIVERGED: R->diverged++; break;
        case T_DUP: R->dup++; break;
        case T_INTERRUPTED: R->interrupted++; break;
        case T_FAILED:
            if (!R->failed++)
                R->fail_err = e;
            break;
        default:
            if (!R->fatal) {
                R->fatal = 1;
                R->fatal_err = e;
            }
            R->failed++;
            break;
        }
        if (outcome != T_INTERRUPTED)
            R->wdone += R->weight[k];
        sl->task = (size_t)-1;
        sl->frac = 0;
        pthread_cond_broadcast(&R->cv);
        pthread_mutex_unlock(&R->mu);
    }
    pbn_sink_free(sink);
    pthread_mutex_lock(&R->mu);
    R->finished++;
    pthread_cond_broadcast(&R->cv);
    pthread_mutex_unlock(&R->mu);
    return NULL;
}

/*
 * With several workers, start the longest tasks first (estimated cost N^1.5 times the
 * number of steps: the
 * neuron work grows like N, the synaptic events like N^2, and the measured wall time of
 * a run like N^1.2 .. N^1.7), so that a long task does not start last and finish the
 * sweep on one core while the others idle.  Ties keep the plan's order.  Which tasks run
 * and what is stored do not depend on the order (pbn_sweep.h).
 */
typedef struct order_key {
    double cost, weight;
    size_t task;
} order_key;

static int cmp_order(const void *a, const void *b)
{
    const order_key *x = a, *y = b;
    if (x->cost != y->cost)
        return x->cost < y->cost ? 1 : -1;
    return (x->task > y->task) - (x->task < y->task);
}

static void sort_longest_first(const pbn_sweep *sw, size_t *todo, double *weight, size_t n)
{
    order_key *k = malloc((n ? n : 1) * sizeof *k);
    if (!k)
        return; /* the plan's order: slower, not wrong */
    for (size_t i = 0; i < n; i++) {
        const pbn_config *c = &sw->tasks[todo[i]].cfg;
        k[i].cost = pow((double)c->N, 1.5) * (double)pbn_config_nsteps(c);
        k[i].weight = weight[i];
        k[i].task = todo[i];
    }
    qsort(k, n, sizeof *k, cmp_order);
    for (size_t i = 0; i < n; i++) {
        todo[i] = k[i].task;
        weight[i] = k[i].weight;
    }
    free(k);
}

static int load_done(pbn_store *st, keyset *ks, pbn_error *err)
{
    int rc = pbn_store_query(st,
                             "SELECT experiment, point, config_hash FROM runs "
                             "WHERE status IN ('ok', 'diverged')",
                             NULL, collect_key, ks, err);
    if (rc == PBN_OK && ks->oom)
        rc = pbn_error_set(err, PBN_ENOMEM, "out of memory");
    if (rc == PBN_OK && ks->n)
        qsort(ks->k, ks->n, sizeof *ks->k, cmp_str);
    return rc;
}

int pbn_sweep_run(const pbn_sweep *sw, const pbn_sweep_opts *o, pbn_sweep_summary *sum,
                  pbn_error *err)
{
    pbn_sweep_summary s;
    runner R;
    keyset done = {NULL, 0, 0, 0};
    pthread_t *th = NULL;
    int rc = PBN_OK, nth = 0, mu_init = 0;
    double t0 = pbn_store_clock();
    memset(&s, 0, sizeof s);
    memset(&R, 0, sizeof R);
    s.total = sw->n;
    if (sum)
        *sum = s;
    int sn = o->shard_n > 1 ? o->shard_n : 1, si = o->shard_n > 1 ? o->shard_i : 0;
    if ((rc = pbn_sweep_check_shard(o->shard_i, o->shard_n, err)) != PBN_OK)
        return rc;
    keyset plan = {NULL, 0, 0, 0};
    if ((rc = plan_keys(sw, &plan, err)) != PBN_OK ||
        (rc = check_unique(sw, &plan, err)) != PBN_OK) {
        keyset_free(&plan);
        return rc;
    }

    R.sw = sw;
    R.o = o;
    if (!(R.st = pbn_store_open(o->db, PBN_STORE_WRITE, err))) {
        keyset_free(&plan);
        return err ? err->code : PBN_EDB;
    }
    if (o->timeout_ms > 0)
        pbn_store_set_timeout(R.st, o->timeout_ms);
    if ((rc = pbn_store_check_writable(R.st, err)) != PBN_OK || /* before simulating */
        (rc = handle_stale(R.st, sw, &plan, o, &s.pruned, &s.stale, err)) != PBN_OK ||
        (rc = load_done(R.st, &done, err)) != PBN_OK)
        goto end;
    R.todo = malloc((sw->n ? sw->n : 1) * sizeof *R.todo);
    R.weight = malloc((sw->n ? sw->n : 1) * sizeof *R.weight);
    if (!R.todo || !R.weight) {
        rc = pbn_error_set(err, PBN_ENOMEM, "out of memory");
        goto end;
    }
    for (size_t i = (size_t)si; i < sw->n; i += (size_t)sn) {
        const pbn_task *t = &sw->tasks[i];
        s.shard++;
        char *key = identity_key(t->experiment, t->point, t->hash);
        if (!key) {
            rc = pbn_error_set(err, PBN_ENOMEM, "out of memory");
            goto end;
        }
        int have = done.n && bsearch(&key, done.k, done.n, sizeof *done.k, cmp_str) != NULL;
        free(key);
        if (have) {
            s.skipped++;
            continue;
        }
        R.weight[R.ntodo] = (double)t->cfg.N * (double)pbn_config_nsteps(&t->cfg);
        R.wtotal += R.weight[R.ntodo];
        R.todo[R.ntodo++] = i;
    }
    if (R.ntodo == 0)
        goto end;
    if (o->stop && *o->stop) {
        s.not_started = R.ntodo;
        rc = pbn_error_set(err, PBN_EINTR, "interrupted before any task started");
        goto end;
    }

    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    nth = o->jobs > 0 ? o->jobs : (cores > 0 ? (int)cores : 1);
    if ((size_t)nth > R.ntodo)
        nth = (int)R.ntodo;
    s.jobs = nth;
    if (nth > 1) /* one worker takes the same time in any order: keep the plan's */
        sort_longest_first(sw, R.todo, R.weight, R.ntodo);
    th = calloc((size_t)nth, sizeof *th);
    R.slots = calloc((size_t)nth, sizeof *R.slots);
    if (!th || !R.slots) {
        rc = pbn_error_set(err, PBN_ENOMEM, "out of memory");
        goto end;
    }
    pthread_mutex_init(&R.mu, NULL);
    pthread_mutex_init(&R.wmu, NULL);
    pthread_cond_init(&R.cv, NULL);
    mu_init = 1;
    int started = 0;
    for (int k = 0; k < nth; k++) {
        R.slots[k].R = &R;
        R.slots[k].task = (size_t)-1;
        if (pthread_create(&th[k], NULL, worker, &R.slots[k]) != 0)
            break;
        started++;
    }
    if (!started) {
        rc = pbn_error_set(err, PBN_EIO, "cannot start worker threads");
        goto end;
    }

    pthread_mutex_lock(&R.mu);
    while (R.finished < (size_t)started) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 250000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&R.cv, &R.mu, &ts);
        if (!R.stop_all && ((o->stop && *o->stop) || R.fatal))
            R.stop_all = 1;
        double w = R.wdone;
        for (int k = 0; k < started; k++)
            if (R.slots[k].task != (size_t)-1)
                w += R.slots[k].frac * R.weight[R.slots[k].task];
        size_t ndone = R.ok + R.diverged + R.dup + R.failed;
        pthread_mutex_unlock(&R.mu);
        if (o->progress)
            o->progress(o->progress_ctx,
                        R.wtotal > 0 ? (w < R.wtotal ? w / R.wtotal : 1.0) : 1.0, ndone,
                        R.ntodo);
        pthread_mutex_lock(&R.mu);
    }
    pthread_mutex_unlock(&R.mu);
    for (int k = 0; k < started; k++)
        pthread_join(th[k], NULL);
    if (o->progress)
        o->progress(o->progress_ctx, 1.0, R.ok + R.diverged + R.dup + R.failed, R.ntodo);

    s.ok = R.ok;
    s.diverged = R.diverged;
    s.duplicate = R.dup;
    s.failed = R.failed;
    s.interrupted = R.interrupted;
    s.not_started = R.ntodo - (R.ok + R.diverged + R.dup + R.failed + R.interrupted);
    if (R.fatal) {
        rc = R.fatal_err.code ? R.fatal_err.code : PBN_EDB;
        if (err)
            *err = R.fatal_err;
    } else if (R.failed) {
        rc = pbn_error_set(err, R.fail_err.code ? R.fail_err.code : PBN_EIO,
                           "%zu of %zu tasks failed; the first: %s", R.failed, R.ntodo,
                           R.fail_err.msg);
    } else if (R.interrupted || s.not_started) {
        rc = pbn_error_set(err, PBN_EINTR,
                           "interrupted: %zu of %zu tasks stored, %zu left; run the same "
                           "command again to resume",
                           s.skipped + s.ok + s.diverged + s.duplicate, s.shard,
                           R.interrupted + s.not_started);
    }
end:
    s.wall_s = pbn_store_clock() - t0;
    if (sum)
        *sum = s;
    if (mu_init) {
        pthread_mutex_destroy(&R.mu);
        pthread_mutex_destroy(&R.wmu);
        pthread_cond_destroy(&R.cv);
    }
    free(th);
    free(R.slots);
    free(R.todo);
    free(R.weight);
    keyset_free(&done);
    keyset_free(&plan);
    pbn_error cerr = {0, ""};
    if (pbn_store_close(R.st, &cerr) != PBN_OK && rc == PBN_OK) {
        rc = cerr.code;
        if (err)
            *err = cerr;
    }
    return rc;
}

void pbn_sweep_summary_text(const pbn_sweep_summary *s, const pbn_sweep_opts *o, char *buf,
                            size_t len)
{
    const char *db = o && o->db ? o->db : pbn_store_default_path();
    char shard[48] = "";
    if (o && o->shard_n > 1)
        snprintf(shard, sizeof shard, " of shard %d/%d", o->shard_i, o->shard_n);
    char pruned[64] = "";
    if (s->pruned)
        snprintf(pruned, sizeof pruned, "; %zu stale run%s deleted", s->pruned,
                 s->pruned == 1 ? "" : "s");
    if (s->shard > 0 && s->skipped == s->shard) {
        snprintf(buf, len, "nothing to do: all %zu tasks%s are already in %s%s", s->shard,
                 shard, db, pruned);
        return;
    }
    size_t o_ = 0;
    o_ += (size_t)snprintf(buf, len, "%zu tasks%s: %zu already in %s, %zu run now (%zu ok, "
                           "%zu diverged",
                           s->shard, shard, s->skipped, db,
                           s->ok + s->diverged + s->duplicate, s->ok, s->diverged);
    if (s->duplicate && o_ < len)
        o_ += (size_t)snprintf(buf + o_, len - o_, ", %zu stored meanwhile by another process",
                               s->duplicate);
    if (o_ < len)
        o_ += (size_t)snprintf(buf + o_, len - o_, ")");
    if (s->failed && o_ < len)
        o_ += (size_t)snprintf(buf + o_, len - o_, ", %zu failed", s->failed);
    if ((s->interrupted || s->not_started) && o_ < len)
        o_ += (size_t)snprintf(buf + o_, len - o_, ", %zu interrupted, %zu not started",
                               s->interrupted, s->not_started);
    if (s->pruned && o_ < len)
        o_ += (size_t)snprintf(buf + o_, len - o_, "%s", pruned);
    if (o_ < len)
        snprintf(buf + o_, len - o_, "; %.1f s on %d thread%s", s->wall_s, s->jobs,
                 s->jobs == 1 ? "" : "s");
}
